// The reference server's event stream at scale: many clients, each reading every event
// the live changes make; whether each got every event in order, and the server's CPU and
// memory meanwhile, beside the same with ten clients.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { format, n, row } from '../lib/report.mjs';

export const id = 'stream';
export const needs = 'remote';

const BASELINE_CLIENTS = 10;

/** `clients` event-stream clients in a process of their own (`bench/lib/stream-clients.mjs`). */
function startClients(root, origin, cookie, clients) {
  const child = spawn(
    process.execPath,
    [`${root}/bench/lib/stream-clients.mjs`, '--origin', origin, '--cookie', cookie, '--clients', String(clients)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the stream clients stopped');
    return JSON.parse(value);
  };
  return {
    opened: next(),
    /** Tells them the last event; resolves to each client's state once it read up to it. */
    async stop(lastSeq) {
      child.stdin.write(`stop ${lastSeq}\n`);
      return (await next()).clients;
    },
  };
}

async function measure(root, server, cookie, clients, seconds, rate) {
  await server.setRate(0);
  const before = await server.get('/__bench__/stats');
  const pool = startClients(root, server.origin, cookie, clients);
  await pool.opened;
  const start = await server.get('/__bench__/stats');
  const startedAt = performance.now();
  await server.setRate(rate);
  let rss = 0;
  for (let s = 0; s < seconds * 4; s++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    rss = Math.max(rss, (await server.get('/__bench__/stats')).memory.rss);
  }
  await server.setRate(0);
  const end = await server.get('/__bench__/stats');
  const elapsedMs = performance.now() - startedAt;
  const states = await pool.stop(end.lastSeq);
  const events = end.lastSeq - start.lastSeq;
  // The simulator's own events go on while the clients connect: each stream starts where it opened.
  const complete = states.filter((c) => c.inOrder && !c.error && c.first <= start.lastSeq && c.last >= end.lastSeq);
  const read = states.map((c) => c.count).sort((a, b) => a - b);
  const reconnects = states.reduce((sum, c) => sum + c.reconnects, 0);
  return {
    clients,
    events,
    complete: complete.length,
    leastRead: read[0] ?? 0,
    cpuShare: (end.cpuMs - start.cpuMs) / elapsedMs,
    rss,
    rssBefore: before.memory.rss,
    perSecond: (1000 * events) / elapsedMs,
    behind: end.behind - start.behind,
    reconnects,
  };
}

export async function run({ servers, live, size, rows, log, root }) {
  await live(undefined);
  const server = servers.engine;
  const cookie = await server.login();
  const few = await measure(root, server, cookie, BASELINE_CLIENTS, Math.min(10, size.streamSeconds), size.remoteRate);
  log(`stream: ${few.clients} clients, ${n(few.events)} events, CPU ${format(100 * few.cpuShare, 'count')}%`);
  const many = await measure(root, server, cookie, size.streamClients, size.streamSeconds, size.remoteRate);
  log(`stream: ${many.clients} clients, ${n(many.events)} events, ${many.complete} complete, CPU ${format(100 * many.cpuShare, 'count')}%`);
  const S = `Event stream, ${n(size.remoteJobs)} jobs held`;
  const what = `${n(size.streamClients)} clients at ${n(size.remoteRate)} events/s for ${size.streamSeconds} s`;
  rows.push(
    row({
      scenario: S,
      figure: `${what}: clients that got every event, in order, none missed`,
      unit: 'count',
      ours: [many.complete],
      budget: `all ${n(size.streamClients)}`,
      check: (o) => o.median === size.streamClients,
      correctness: true,
      note: `${n(many.events)} events (${format(many.perSecond, 'count')}/s; ${n(many.behind)} changes the server could not make in time); the client that read least read ${n(many.leastRead)}; ${n(many.reconnects)} reconnections (a reader 8 MB behind is cut, and resumes from its last event)`,
    }),
    row({
      scenario: S,
      figure: `${what}: the server's CPU, % of one core`,
      unit: 'count',
      ours: [100 * many.cpuShare],
      baseline: { name: `${BASELINE_CLIENTS} clients`, samples: [100 * few.cpuShare] },
      note: 'making the changes, keeping the columns up to date, and writing the streams (each flush encoded once for the streams at the same place)',
    }),
    row({
      scenario: S,
      figure: `${what}: the server's RSS, the most sampled every 250 ms`,
      unit: 'MB',
      ours: [many.rss / 2 ** 20],
      baseline: { name: `${BASELINE_CLIENTS} clients`, samples: [few.rss / 2 ** 20] },
      note: `before the clients: ${format(many.rssBefore / 2 ** 20, 'MB')}`,
    }),
  );
}
