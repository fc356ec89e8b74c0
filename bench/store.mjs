// Timings of the memory-mode store over a simulated cluster (prints, asserts nothing).
// Build first: npx tsc -p tsconfig.build.json
// Run: node --expose-gc bench/store.mjs [jobs...]   (default: 100000 1000000)
import { performance } from 'node:perf_hooks';
import { ClusterSimulator } from '../dist/simulator/index.js';
import { jobMatcher, jobComparator, toListParams } from '../dist/source/job-query.js';
import { JobStore } from '../dist/store/job-store.js';
import { SummaryCounts } from '../dist/store/summary-counts.js';
import { defaultQuery } from '../dist/model/index.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const NOW = Date.parse('2025-10-23T12:00:00Z');

/** CPU time of this process in ms: steadier than the wall clock on a busy machine. */
function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The least of `runs` timings of `fn` (ms), after `setup` each time: wall clock and CPU time. */
function time(runs, fn, setup = () => {}) {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < runs; i++) {
    setup();
    const startCpu = cpuNow();
    const start = performance.now();
    fn();
    wall = Math.min(wall, performance.now() - start);
    cpu = Math.min(cpu, cpuNow() - startCpu);
  }
  return { wall, cpu };
}

/** A source holding `jobs` in the page, with nothing live. */
function sourceOf(jobs, nodes) {
  return {
    allJobs: () => jobs,
    connection: { status: 'idle' },
    onConnectionChange: () => () => {},
    subscribe: () => () => {},
    getSession: async () => ({ user: { name: 'bench', roles: ['DATA_ADMINISTRATOR'] } }),
    listNodes: async () => nodes,
    close() {},
  };
}

const fmt = (ms) => `${ms.toFixed(1).padStart(8)} ms`;
/** `cpu (wall)`. */
const both = ({ wall, cpu }) => `${fmt(cpu)} (${fmt(wall).trim()})`;

async function bench(count) {
  let start = performance.now();
  let startCpu = cpuNow();
  const simulator = new ClusterSimulator({ seed: 1, jobs: count, nodes: 6, now: NOW, days: 90 });
  const jobs = [...simulator.jobs()];
  console.log(`\n${count} jobs (simulated in ${fmt(performance.now() - start).trim()})`);
  const store = new JobStore(sourceOf(jobs, simulator.nodes), { clock: () => NOW, scheduleFrame: (cb) => setTimeout(cb) });
  start = performance.now();
  startCpu = cpuNow();
  await store.start();
  void store.total;
  console.log(`  load: columns, dictionaries, default sort      ${both({ cpu: cpuNow() - startCpu, wall: performance.now() - start })}`);

  const query = (patch) => ({ ...defaultQuery(), ...patch });
  const run = (q) => {
    store.setQuery(q);
    return store.total;
  };
  const naive = (q) => jobs.filter(jobMatcher(toListParams(q, NOW))).length;

  const cases = [
    ['filter change (state)', query({ states: ['RUNNING', 'SCHEDULED'] }), query({ states: ['SUCCESSFUL'] })],
    [
      'filter change (node+type) with search active',
      query({ q: 'tape', nodes: ['node-1', 'node-2'] }),
      query({ q: 'tape', nodes: ['node-3'], types: ['DUPLICATION', 'ARCHIVING'] }),
    ],
    ['filter change (last 7 days, unsuccessful)', query({}), query({ period: { kind: 'last-days', days: 7 }, states: ['UNSUCCESSFUL'] })],
    ['search "media" from none', query({}), query({ q: 'media' })],
    ['search "d" from none (1 char)', query({}), query({ q: 'd' })],
    ['search refine "d" -> "du"', query({ q: 'd' }), query({ q: 'du' })],
    ['search refine "dup" -> "dupl"', query({ q: 'dup' }), query({ q: 'dupl' })],
    ['sort change, cached permutation (name)', query({ sort: 'name' }), query({ sort: 'createdAt' })],
  ];
  store.setQuery(query({ sort: 'name' }));
  void store.total;
  console.log('  CPU ms, min of runs (wall ms)                   indexed                  Array.filter          ratio  selected');
  for (const [label, from, to] of cases) {
    const indexed = time(9, () => run(to), () => run(from));
    const filter = time(3, () => naive(to));
    console.log(
      `  ${label.padEnd(46)} ${both(indexed)} ${both(filter)} ${(filter.cpu / indexed.cpu).toFixed(1).padStart(6)}x  ${run(to)}`,
    );
  }

  for (const key of ['updatedAt', 'description', 'state']) {
    run(query({}));
    const first = time(1, () => run(query({ sort: key })));
    console.log(`  first sort by ${key.padEnd(11)} (builds its permutation) ${both(first)}`);
  }

  // The summary after a filter change: counters from the filter pass, the timeline counted on first read.
  const summaryRead = time(7, () => store.summary, () => run(query({ states: ['SUCCESSFUL', 'RUNNING'] })));
  console.log(`  summary read after a filter change (timeline)  ${both(summaryRead)}`);

  // Aggregates from scratch over every job (the counters the dashboard reads).
  run(query({}));
  const selected = new Uint8Array(jobs.length).fill(1);
  const columns = store.memory.columns;
  const counts = new SummaryCounts(columns, NaN, NaN);
  const aggregates = time(7, () => {
    counts.reset(NaN, NaN);
    for (let row = 0; row < jobs.length; row++) counts.countRow(row);
    counts.updateTimeline(selected, NOW);
  });
  console.log(`  aggregates from scratch (all jobs)              ${both(aggregates)}`);

  const sortNaive = time(1, () => jobs.slice().sort(jobComparator('createdAt', 'desc')));
  console.log(`  (for scale: Array.sort of the objects by date   ${both(sortNaive)})`);

  // Live: 1000 changed jobs in one frame.
  run(query({ states: ['RUNNING', 'SUCCESSFUL'], sort: 'updatedAt' }));
  const events = simulator.advance(600_000).slice(0, 1000);
  const live = time(1, () => {
    for (const event of events) store.memory.apply(event.job);
    void store.total;
  });
  console.log(`  live: ${String(events.length).padEnd(4)} events applied + selection patched   ${both(live)}`);
  store.dispose();
}

/** How fast this machine is right now: a bare copy loop over 1M bytes (one branch per element). */
function calibrate() {
  const flags = new Uint8Array(1_000_000).map((_, i) => i & 1);
  const out = new Uint32Array(1_000_000);
  const loop = time(9, () => {
    let k = 0;
    for (let i = 0; i < flags.length; i++) if (flags[i]) out[k++] = i;
  });
  console.log(`calibration: bare loop over 1M elements ${both(loop)}`);
}

calibrate();
for (const count of sizes.length ? sizes : [100_000, 1_000_000]) await bench(count);
