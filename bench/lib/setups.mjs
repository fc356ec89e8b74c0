// What scenarios need set up before they run, by name (a scenario's `needs`). Scenarios
// that need the same set-up share one: it is opened before the first of them and closed
// after the last. A set-up is `open(harness, browser)`, resolving to what it gives the
// scenarios' context (`page`, `cdp`, …) and a `close()`.
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

export const SETUPS = { jobs, files };
