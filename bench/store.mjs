// The memory-mode store over a simulated cluster, in Node: each figure's median and spread
// next to its baseline measured in the same run (alternated), and the budgets of issue #8.
// Prints, asserts nothing. Build first: npx tsc -p tsconfig.build.json
// Run: node --expose-gc bench/store.mjs [jobs...]   (default: 100000 1000000)
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ClusterSimulator } from '../dist/simulator/index.js';
import { jobMatcher, jobComparator, summarize, toListParams } from '../dist/source/job-query.js';
import { JobStore } from '../dist/store/job-store.js';
import { defaultQuery } from '../dist/model/index.js';
import { staticSource } from './page/static-source.js';

if (typeof globalThis.gc !== 'function') {
  console.error('Run with node --expose-gc (heap figures need a forced collection).');
  process.exit(1);
}
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const NOW = Date.parse('2025-10-23T12:00:00Z');
const RUNS = 7;

/** CPU time of this process in ms (every thread: GC and compiler included). */
function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** One timing of `fn` (ms): wall clock and CPU time. */
function once(fn) {
  const startCpu = cpuNow();
  const start = performance.now();
  const result = fn();
  return { wall: performance.now() - start, cpu: cpuNow() - startCpu, result };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median and range of wall-clock timings. */
function stats(samples) {
  const walls = samples.map((s) => s.wall);
  return { median: median(walls), min: Math.min(...walls), max: Math.max(...walls), cpu: median(samples.map((s) => s.cpu)) };
}

/**
 * `runs` pairs: `setup` (untimed), then `ours` timed, then `baseline` timed (when given),
 * alternated so that both see the same machine load.
 */
function pairs(runs, setup, ours, baseline) {
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    setup(i);
    a.push(once(() => ours(i)));
    if (baseline) b.push(once(() => baseline(i)));
  }
  return { ours: stats(a), baseline: baseline ? stats(b) : undefined, result: a.at(-1).result };
}

const ms = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(1)).padStart(6);
const cell = (s) => (s ? `${ms(s.median)} [${ms(s.min).trim()}–${ms(s.max).trim()}] cpu ${ms(s.cpu).trim()}` : '').padEnd(34);

function row(label, ours, baseline, budget, extra = '') {
  const ratio = baseline ? `${(baseline.median / ours.median).toFixed(1)}×`.padStart(7) : ''.padStart(7);
  const verdict = budget ? (budget(ours, baseline) ? 'pass' : 'FAIL') : '';
  console.log(`  ${label.padEnd(44)} ${cell(ours)} ${cell(baseline)} ${ratio}  ${verdict.padEnd(4)} ${extra}`);
}

/** The JS heap and the typed arrays' buffers (held outside the JS heap), after a full collection. */
function heapUsed() {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const query = (patch) => ({ ...defaultQuery(), ...patch });
/** Issue #8: filter + search change ≤ 10 ms and ≥ 3× faster than Array.filter. */
const filterBudget = (ours, plain) => ours.median <= 10 && plain.median / ours.median >= 3;

async function bench(count) {
  const simulated = once(() => {
    const simulator = new ClusterSimulator({ seed: 1, jobs: count, nodes: 6, now: NOW, days: 90 });
    return { simulator, jobs: [...simulator.jobs()] };
  });
  const { simulator, jobs } = simulated.result;
  const nodeIds = simulator.nodes.map((n) => n.id);
  console.log(`\n${count} jobs (simulated in ${simulated.wall.toFixed(0)} ms)`);

  // Heap of the store itself: the source holds the job objects; the store holds its columns and indexes.
  const before = heapUsed();
  const store = new JobStore(staticSource(jobs, simulator.nodes), { clock: () => NOW, scheduleFrame: (cb) => setTimeout(cb) });
  const load = once(() => undefined);
  const loadStart = performance.now();
  await store.start();
  void store.total;
  void store.summary;
  load.wall = performance.now() - loadStart;
  const storeHeap = heapUsed() - before;
  console.log(`  load (columns, dictionaries, id order, default sort, first query): ${load.wall.toFixed(0)} ms`);
  const engine = store.memory;

  const run = (q) => {
    store.setQuery(q);
    const total = store.total;
    // The first screen of the list.
    for (let i = 0; i < Math.min(50, total); i++) store.jobAt(i);
    return total;
  };
  const plain = (q) => jobs.filter(jobMatcher(toListParams(q, NOW))).length;

  console.log(`  ${'wall ms: median [min–max] cpu median'.padEnd(44)} ${'store'.padEnd(34)} ${'baseline'.padEnd(34)}   ratio  budget`);
  console.log('  filter / search change: setQuery, total, first 50 rows; baseline Array.prototype.filter over the objects');
  const cases = [
    ['filter: state', query({ states: ['RUNNING', 'SCHEDULED'] }), query({ states: ['SUCCESSFUL'] })],
    ['filter: node', query({}), query({ nodes: ['node-2', 'node-5'] })],
    ['filter: type', query({ nodes: ['node-2'] }), query({ types: ['ARCHIVING', 'COPY'] })],
    ['filter: period (last 7 days)', query({}), query({ period: { kind: 'last-days', days: 7 } })],
    ['filter: 7 days + unsuccessful', query({}), query({ period: { kind: 'last-days', days: 7 }, states: ['UNSUCCESSFUL'] })],
    [
      'filter: node+type, search on',
      query({ q: 'tape', nodes: ['node-1', 'node-2'] }),
      query({ q: 'tape', nodes: ['node-3'], types: ['DUPLICATION', 'ARCHIVING'] }),
    ],
    ['search: new text "media"', query({}), query({ q: 'media' })],
    ['search: new text "d" (1 char)', query({}), query({ q: 'd' })],
    ['search: extended "d" -> "du"', query({ q: 'd' }), query({ q: 'du' })],
    ['search: extended "dup" -> "dupl"', query({ q: 'dup' }), query({ q: 'dupl' })],
    ['search: cleared "media" -> ""', query({ q: 'media' }), query({})],
  ];
  const filterRows = [];
  for (const [label, from, to] of cases) {
    const measured = pairs(
      RUNS,
      () => run(from),
      () => run(to),
      () => plain(to),
    );
    const selected = measured.result;
    if (selected !== plain(to)) throw new Error(`${label}: store selected ${selected}, Array.filter ${plain(to)}`);
    row(label, measured.ours, measured.baseline, filterBudget, `${selected} selected`);
    filterRows.push(measured);
  }

  console.log('  sort change: setQuery, total, first 50 rows; baseline Array.prototype.sort of the objects (once)');
  const sortNaive = once(() => jobs.slice().sort(jobComparator('name', 'asc')));
  const sortCached = pairs(
    RUNS,
    () => run(query({ sort: 'name' })),
    () => run(query({ sort: 'createdAt' })),
  );
  row('sort: name -> createdAt (order cached)', sortCached.ours, stats([sortNaive]), undefined);
  for (const key of ['updatedAt', 'description', 'state']) {
    run(query({}));
    const first = once(() => run(query({ sort: key })));
    row(`sort: first by ${key} (builds the order)`, stats([first]), undefined, undefined);
  }

  console.log('  aggregates of every job from scratch; baseline summarize() (a plain loop over the objects)');
  run(query({}));
  const aggregates = pairs(
    RUNS,
    () => {},
    () => engine.recount(),
    () => summarize(jobs, {}, nodeIds, NOW),
  );
  row('aggregates from scratch (state, node, type, time)', aggregates.ours, aggregates.baseline, (o) => o.median <= 5);
  const dashboard = pairs(
    RUNS,
    () => {
      store.setQuery(query({ states: ['RUNNING'] }));
      void store.summary;
    },
    () => {
      store.setQuery(query({}));
      return store.summary;
    },
  );
  row('query change, then the summary (no rows read)', dashboard.ours, undefined, (o) => o.median <= 5);
  const period = query({ period: { kind: 'range', from: '1970-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' } });
  run(period);
  const rowPass = pairs(
    RUNS,
    () => {},
    () => engine.recount(),
  );
  row('aggregates from scratch, counting rows (period set)', rowPass.ours, undefined, (o) => o.median <= 5);
  console.log('  one frame of list and dashboard: setQuery, total, first 50 rows, summary');
  const frames = [
    ['frame: filter (state)', query({ states: ['RUNNING', 'SCHEDULED'] }), query({ states: ['SUCCESSFUL'] })],
    ['frame: search "media"', query({}), query({ q: 'media' })],
    ['frame: filter (last 7 days)', query({}), query({ period: { kind: 'last-days', days: 7 } })],
  ];
  for (const [label, from, to] of frames) {
    const measured = pairs(
      RUNS,
      () => {
        run(from);
        void store.summary;
      },
      () => {
        run(to);
        return store.summary;
      },
    );
    row(label, measured.ours, undefined, undefined);
  }

  // Before the live updates: their job objects are the bench's, not the store's.
  const afterSorts = heapUsed() - before;
  console.log("  live: apply, then what one frame does: the selection patched (the store's refresh), the first rows and the summary read");
  const frame = () => {
    engine.refresh();
    for (let i = 0; i < 50; i++) store.jobAt(i);
    return store.summary;
  };
  run(query({ states: ['RUNNING', 'SUCCESSFUL'], sort: 'updatedAt' }));
  frame();
  const events = [];
  // Enough that every update below is a newer version (a stale one would cost nothing).
  while (events.length < 24_000) events.push(...simulator.advance(600_000).map((e) => e.job));
  let next = 0;
  const one = pairs(
    21,
    () => {},
    () => {
      engine.apply(events[next++ % events.length]);
      return frame();
    },
  );
  row('one live update', one.ours, undefined, undefined);
  const aggregateOnly = pairs(
    21,
    () => {},
    () => engine.apply(events[next++ % events.length]),
  );
  row('one live update: apply (counters patched)', aggregateOnly.ours, undefined, undefined);
  // 50,000 updates a second at 60 frames a second; enough frames that the first ones (compiling) weigh little.
  const perFrame = 833;
  const live = pairs(
    25,
    () => {},
    () => {
      for (let k = 0; k < perFrame; k++) engine.apply(events[next++ % events.length]);
      return frame();
    },
  );
  row(`${perFrame} live updates in one frame`, live.ours, undefined, undefined);

  const plainBefore = heapUsed();
  const copies = structuredClone(jobs);
  const plainHeap = heapUsed() - plainBefore;
  copies.length = 0; // dropped once measured
  console.log(
    `  heap held by the store: ${(storeHeap / count).toFixed(1)} bytes per job after load, ` +
      `${(afterSorts / count).toFixed(1)} after the sorts and queries above (budget ≤ 150: ${afterSorts / count <= 150 ? 'pass' : 'FAIL'}); ` +
      `the same jobs as plain objects: ${(plainHeap / count).toFixed(0)} bytes per job`,
  );
  store.dispose();
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `${cpu}, ${os.cpus().length} cores; Node ${process.version}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
/** How fast this machine is right now: a bare copy loop over 1M bytes (one branch per element). */
function calibrate() {
  const flags = new Uint8Array(1_000_000).map((_, i) => i & 1);
  const out = new Uint32Array(1_000_000);
  const loop = pairs(
    RUNS,
    () => {},
    () => {
      let k = 0;
      for (let i = 0; i < flags.length; i++) if (flags[i]) out[k++] = i;
      return k;
    },
  );
  console.log(`calibration: bare loop over 1M elements ${cell(loop.ours).trim()}`);
}

calibrate();
for (const count of sizes.length ? sizes : [100_000, 1_000_000]) await bench(count);
console.log(
  `\nload average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
