// What scenarios need set up before they run, by name (a scenario's `needs`). Scenarios
// that need the same set-up share one: it is opened before the first of them and closed
// after the last. A set-up is `open(harness, browser)`, resolving to what it gives the
// scenarios' context (`page`, `cdp`, …) and a `close()`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { settledMemory } from './cdp.mjs';
import { format, n, row } from './report.mjs';

const MB = 2 ** 20;

/**
 * The jobs page: the history simulated once (seed 1, 6 nodes, 90 days, `size.jobs` jobs)
 * and loaded into a store over a `MemoryJobSource` of its jobs. Its own rows come first:
 * the simulation, the store's load and the heap the store holds per job.
 */
async function jobs(harness, browser) {
  const { rows, size } = harness;
  const J = `${n(size.jobs)} jobs`;
  const { page, cdp } = await browser.openPage('jobs');
  harness.log(`generating ${J}…`);
  const heap = async () => (await settledMemory(cdp)).heap;
  const empty = await heap();
  const generated = await page.evaluate((count) => window.bench.generate(count), size.jobs);
  const withSimulator = await heap();
  await page.evaluate(() => window.bench.copyJobs());
  const withCopies = await heap();
  // A store loaded from the copies, which are then dropped: what it holds is its own.
  await page.evaluate(() => window.bench.storeOverCopies());
  const withCopyStore = await heap();
  await page.evaluate(() => window.bench.dropCopyStore());
  const withoutCopies = await heap();
  await page.evaluate(() => window.bench.startSource());
  const withSource = await heap();
  const load = await page.evaluate(() => window.bench.startStore());
  const withStore = await heap();
  const perJob = (bytes) => bytes / size.jobs;
  const objects = perJob(withCopies - withSimulator);
  const held = perJob(withCopyStore - withSimulator);
  const source = perJob(withSource - withoutCopies);
  const store = perJob(withStore - withSource);
  rows.push(
    row({
      scenario: 'Setup',
      figure: `simulate ${J} (seed 1, 6 nodes, 90 days)`,
      unit: 'ms',
      ours: [generated.ms],
      note: `the simulator then holds ${format((withSimulator - empty) / MB, 'MB')}`,
    }),
  );
  rows.push(row({ scenario: 'Store', figure: `load ${J} (columns, dictionaries, default sort)`, unit: 'ms', ours: [load.ms] }));
  rows.push(
    row({
      scenario: `Heap for ${J} held by the store`,
      figure:
        'bytes per job, after GC (V8 heap and typed arrays): a store loaded from the jobs as parsed from JSON, which were then dropped',
      unit: 'B',
      ours: [held],
      baseline: { name: 'the same jobs as plain objects', samples: [objects] },
      budget: '≤ 150 B per job',
      check: (o) => o.median <= 150,
      note: `the store holds columns, no job objects; in the page's memory mode the in-page source also holds its objects (its id map ${format(source, 'B')} more, the objects the simulator's), and a store over them ${format(store, 'B')}, sharing their strings; one sample each (heap after GC does not vary)`,
    }),
  );
  harness.log(`${J} simulated and loaded`);
  return { page, cdp, close: () => page.close() };
}

/** The files page: it holds no jobs, so its heap and DOM figures are the file table's and the export's alone. */
async function files(_harness, browser) {
  const { page, cdp } = await browser.openPage('files');
  return { page, cdp, close: () => page.close() };
}

/**
 * A reference server in a process of its own (`bench/lib/remote-server.mjs`), answering by
 * `design`: resolves once it listens, with its origin, what it printed and `stop()`.
 */
function startServer(harness, design) {
  const { size, root } = harness;
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      `${root}/bench/lib/remote-server.mjs`,
      '--design',
      design,
      '--jobs',
      String(size.remoteJobs),
      '--rate',
      String(size.remoteRate),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stopped = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ${design} server stopped (${code}) before it listened`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      const info = JSON.parse(line);
      resolve({
        ...info,
        /** GETs a path of this server as JSON (the bench's own routes, or the API with `cookie`). */
        async get(path, cookie) {
          const res = await fetch(`${info.origin}${path}`, { headers: cookie ? { cookie } : {} });
          if (!res.ok) throw new Error(`${design} ${path}: ${res.status} ${await res.text()}`);
          return res.json();
        },
        async setRate(rate) {
          await fetch(`${info.origin}/__bench__/rate?value=${rate}`, { method: 'POST' });
        },
        /** Logs in as the Data Administrator; resolves to the session cookie. */
        async login() {
          const res = await fetch(`${info.origin}/api/v1/session`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ username: 'admin', password: 'admin' }),
          });
          if (!res.ok) throw new Error(`${design} login: ${res.status}`);
          return res.headers.get('set-cookie').split(';')[0];
        },
        async stop() {
          child.kill('SIGTERM');
          await stopped;
        },
      });
    });
  });
}

/**
 * Two reference servers over the same simulated history (seed 1, 6 nodes, 90 days,
 * `size.remoteJobs` jobs) with live changes at `size.remoteRate` a second: `engine` (as
 * `npm start` answers) and `plain` (the previous design, the baseline). Each runs only
 * while measured: the other's live changes are paused, so that they do not share the cores.
 */
async function remote(harness, browser) {
  const { size } = harness;
  harness.log(`starting the reference servers over ${n(size.remoteJobs)} jobs…`);
  const servers = {};
  for (const design of ['engine', 'plain']) {
    servers[design] = await startServer(harness, design);
    await servers[design].setRate(0);
    harness.log(`${design} server ready in ${format(servers[design].readyMs, 'ms')}`);
  }
  /** Live changes on for `design` only. */
  const live = async (design) => {
    for (const [name, server] of Object.entries(servers)) await server.setRate(name === design ? size.remoteRate : 0);
  };
  return {
    servers,
    live,
    openSite: (design, path = '/') => browser.openSitePage(`remote-${design}`, `${servers[design].origin}${path}`),
    close: async () => {
      for (const server of Object.values(servers)) await server.stop();
    },
  };
}

export const SETUPS = { jobs, files, remote };
