// The analysis over every job in memory: from scratch, against a plain loop over the job
// objects; and `<ac-job-analysis>` on screen while live changes come in.
import { defaultQuery } from '../../dist/model/index.js';
import { afterPaint, until } from './perf.js';
import { stage, world } from './world.js';

/**
 * Ours: from a narrow query back to every job, then the memory engine's analysis in one
 * go (the wait and run percentiles per type and node, the histograms, the trends, the
 * stops and the two lists): what the store counts a slice at a time, and what the
 * reference server runs. Plain: one loop over the objects summing wait and run times per
 * type and node.
 */
export function analysisRun(variant) {
  const store = world.store;
  // The store's engine, as the store holds it (the bench reads it directly: the store gives its analysis in slices).
  const engine = store.memory;
  if (variant === 'ours') {
    store.setQuery({ ...defaultQuery(), states: ['RUNNING'] });
    engine.analysis();
  }
  const started = performance.now();
  let total;
  if (variant === 'ours') {
    store.setQuery(defaultQuery());
    total = engine.analysis().total;
  } else {
    total = plainAnalysis(world.jobs);
  }
  return { ms: performance.now() - started, total };
}

/** The obvious way: dates parsed, durations summed per type and node (no percentile, no histogram). */
function plainAnalysis(jobs) {
  const cells = new Map();
  for (const job of jobs) {
    const key = `${job.type}|${job.node}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { jobs: 0, wait: 0, run: 0, bytes: 0 }));
    cell.jobs++;
    if (job.startedAt === null) continue;
    const started = Date.parse(job.startedAt);
    cell.wait += started - Date.parse(job.createdAt);
    if (job.finishedAt === null) continue;
    cell.run += Date.parse(job.finishedAt) - started;
    cell.bytes += job.progress.bytes.done;
  }
  let total = 0;
  for (const cell of cells.values()) total += cell.jobs;
  return total;
}

let mounted;

/** `<ac-job-analysis>` on the jobs page's store, drawn. */
export async function mountAnalysis() {
  await unmountAnalysis();
  const analysis = document.createElement('ac-job-analysis');
  analysis.setAttribute('time-zone', 'UTC');
  analysis.store = world.store;
  stage().append(analysis);
  mounted = analysis;
  await until(() => analysis.shadowRoot?.querySelector('table.cells tbody tr'), 'the analysis table', 120_000);
  // The charts' code loads when the analysis first shows.
  await until(() => analysis.plots.histogram && analysis.plots.trends, 'the charts', 120_000);
  await afterPaint();
  return { total: world.store.analysis.total };
}

export async function unmountAnalysis() {
  if (!mounted) return;
  mounted.remove();
  mounted = undefined;
  await afterPaint();
}
