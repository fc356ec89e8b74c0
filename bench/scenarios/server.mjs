// The reference server over a million jobs with live changes: windows of 200 rows for
// random queries (filters, searches, sorts, deep offsets), their summaries and files pages,
// timed from the client (HTTP, JSON, gzip included), and the memory it holds per job;
// the engine beside the previous design (arrays of job objects) in the same run.
import { format, n, row } from '../lib/report.mjs';
import { pick, quantile } from '../lib/stats.mjs';
import { seeded } from '../page/random.js';

export const id = 'server';
export const needs = 'remote';

const STATES = ['SCHEDULED', 'RUNNING', 'SUCCESSFUL', 'UNSUCCESSFUL'];
const TYPES = ['DESTAGING', 'VERSIONING', 'ARCHIVING', 'STORAGE', 'COPY', 'DUPLICATION'];
const SORTS = ['name', 'type', 'description', 'createdAt', 'updatedAt', 'node', 'state', 'stage'];
const NEEDLES = ['video', 'tape', 'rushes', 'archive', 'ltfs', 'scan', 'copy'];
const DAY = 86_400_000;

/** A random query as a list's user makes one: some filters, maybe a search, any sort. */
function randomQuery(random, now) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const some = (list) => list.filter(() => random() < 0.4);
  const search = new URLSearchParams();
  if (random() < 0.5) for (const state of some(STATES)) search.append('state', state);
  if (random() < 0.3) for (const node of some(['node-1', 'node-2', 'node-3', 'node-4', 'node-5', 'node-6'])) search.append('node', node);
  if (random() < 0.3) for (const type of some(TYPES)) search.append('type', type);
  if (random() < 0.3) search.set('since', new Date(now - pick([1, 7, 30]) * DAY).toISOString());
  if (random() < 0.3) search.set('q', pick(NEEDLES));
  search.set('sort', pick(SORTS));
  search.set('order', random() < 0.5 ? 'asc' : 'desc');
  return search;
}

async function timed(origin, path, cookie) {
  const started = performance.now();
  const res = await fetch(`${origin}${path}`, { headers: { cookie, 'Accept-Encoding': 'gzip' } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
}

export async function run({ servers, live, size, rows, rounds, log }) {
  const cookies = { engine: await servers.engine.login(), plain: await servers.plain.login() };
  const J = `${n(size.remoteJobs)} jobs`;
  const stats = { engine: await servers.engine.get('/__bench__/stats'), plain: await servers.plain.get('/__bench__/stats') };
  const r = await rounds(['engine', 'plain'], async (design, round) => {
    await live(design);
    const server = servers[design];
    const cookie = cookies[design];
    const random = seeded(1000 + round);
    const now = Date.now();
    const windows = [];
    const summaries = [];
    for (let i = 0; i < size.remoteQueries; i++) {
      const query = randomQuery(random, now);
      const first = await timed(server.origin, `/api/v1/jobs?${query}&limit=200`, cookie);
      const deep = Math.floor(random() * first.body.total);
      const at = await timed(server.origin, `/api/v1/jobs?${query}&limit=200&offset=${deep}`, cookie);
      windows.push(first.ms, at.ms);
      query.delete('sort');
      query.delete('order');
      summaries.push((await timed(server.origin, `/api/v1/jobs/summary?${query}`, cookie)).ms);
    }
    const files = { big: [], small: [] };
    const { big, small } = stats[design];
    for (let i = 0; i < size.remoteFilesPages; i++) {
      for (const [kind, job] of [
        ['big', big],
        ['small', small],
      ]) {
        const offset = Math.floor(random() * job.files);
        const failedFirst = random() < 0.5 ? '&failedFirst=true' : '';
        files[kind].push((await timed(server.origin, `/api/v1/jobs/${job.id}/files?limit=200&offset=${offset}${failedFirst}`, cookie)).ms);
      }
    }
    log(`server ${design}, round ${round}: windows p95 ${format(quantile(windows, 0.95), 'ms')}`);
    return {
      windowP95: quantile(windows, 0.95),
      summaryP95: quantile(summaries, 0.95),
      bigFilesP95: quantile(files.big, 0.95),
      smallFilesP95: quantile(files.small, 0.95),
    };
  });
  await live(undefined);
  const memory = { engine: await servers.engine.get('/__bench__/stats?gc'), plain: await servers.plain.get('/__bench__/stats?gc') };
  const perJob = (s) => (s.held.heap + s.held.arrayBuffers) / s.jobs;
  const S = `Server, ${J}, live changes at ${n(size.remoteRate)}/s`;
  const requests = `${2 * size.remoteQueries} requests a round (a first window and one at a random offset of each of ${size.remoteQueries} random queries: filters, searches, sorts), timed by the client (HTTP, JSON and gzip included)`;
  rows.push(
    row({
      scenario: S,
      figure: `a window of 200 rows, any filter, search or sort: p95 of ${requests}`,
      unit: 'ms',
      ours: pick(r.engine, 'windowP95'),
      baseline: { name: 'previous design (arrays of objects, cached per data version)', samples: pick(r.plain, 'windowP95') },
      budget: 'p95 ≤ 20 ms',
      check: (o) => o.median <= 20,
    }),
    row({
      scenario: S,
      figure: `the summary of each of those queries: p95 of ${size.remoteQueries} a round`,
      unit: 'ms',
      ours: pick(r.engine, 'summaryP95'),
      baseline: { name: 'previous design', samples: pick(r.plain, 'summaryP95') },
      budget: 'p95 ≤ 20 ms',
      check: (o) => o.median <= 20,
    }),
    row({
      scenario: S,
      figure: `a files page (200 files at a random offset, failed first or not) of its biggest job, ${n(stats.engine.big.files)} files: p95 of ${size.remoteFilesPages} a round`,
      unit: 'ms',
      ours: pick(r.engine, 'bigFilesP95'),
      baseline: { name: `a job of ${n(stats.engine.small.files)} files`, samples: pick(r.engine, 'smallFilesP95') },
      budget: 'p95 ≤ 20 ms',
      check: (o) => o.median <= 20,
      note: `the previous design, the same pages: ${format(quantile(pick(r.plain, 'bigFilesP95'), 0.5), 'ms')} (files are computed from their number, never held)`,
    }),
    row({
      scenario: S,
      figure: 'memory per job held, after a full collection (V8 heap and ArrayBuffers, less the process before the API)',
      unit: 'B',
      ours: [perJob(memory.engine)],
      baseline: { name: 'previous design', samples: [perJob(memory.plain)] },
      budget: '≤ 300 B a job',
      check: (o) => o.median <= 300,
      note: `RSS ${format(memory.engine.memory.rss / 2 ** 20, 'MB')} (previous design ${format(memory.plain.memory.rss / 2 ** 20, 'MB')}); ready in ${format(servers.engine.readyMs, 'ms')} (${format(servers.plain.readyMs, 'ms')}); every sort order kept, 16 queries kept`,
    }),
  );
}
