// The bench page: every scenario's page side, driven from Node by bench/run.mjs through
// `window.bench`. The elements come from the shipped no-build entry (dist/cdn/all.js,
// loaded by index.html); this module brings the simulator, the store and the baselines.
import * as analysis from './analysis.js';
import * as charts from './charts.js';
import * as exporting from './export.js';
import * as files from './files.js';
import * as lists from './lists.js';
import * as live from './live.js';
import * as perf from './perf.js';
import * as query from './query.js';
import { copyJobs, dropCopyStore, generate, smallStore, startSource, startStore, storeOverCopies, world } from './world.js';

/** The simulator's own costs: a real-time step, and a page of files deep in its biggest job. */
function simulatorSteps(steps) {
  const simulator = world.simulator;
  let events = 0;
  let slowest = 0;
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    events += simulator.advance(300).length;
    slowest = Math.max(slowest, performance.now() - t);
  }
  const perStep = (performance.now() - started) / steps;
  let biggest;
  for (const job of simulator.jobs()) if (!biggest || job.progress.files.total > biggest.progress.files.total) biggest = job;
  const total = biggest.progress.files.total;
  const t = performance.now();
  simulator.listFiles(biggest.id, { offset: Math.floor(total * 0.9), limit: 1000, failedFirst: true });
  return { perStepMs: perStep, slowestMs: slowest, events, deepPageMs: performance.now() - t, deepPageOf: total };
}

window.bench = {
  ready: true,
  /** The shared data, for poking at from DevTools. */
  world,
  startWindow: perf.startWindow,
  stopWindow: perf.stopWindow,
  eventsSince: perf.eventsSince,
  generate,
  copyJobs,
  storeOverCopies,
  dropCopyStore,
  startSource,
  startStore,
  /** Builds (once) the store over the first `size` jobs; its load time. */
  smallStoreLoad: async (size) => ({ ms: (await smallStore(size)).loadMs }),
  simulatorSteps,
  /** Stops (or restarts) the simulated clock, so that a period means the same from one variant to the next. */
  holdClock: (held) => void (world.firehose.clockHeld = held),
  ...query,
  ...lists,
  ...files,
  ...live,
  ...charts,
  ...exporting,
  ...analysis,
};
