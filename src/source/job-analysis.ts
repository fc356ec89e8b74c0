/**
 * The analysis of the jobs a query selected, written plainly from the definitions of
 * `model/analysis.ts`: every duration listed, sorted and ranked. MemoryJobSource answers
 * with it; the store's columnar pass (which the reference server uses too) is tested
 * equal to it.
 */
import {
  DURATION_BUCKETS_MS,
  FINAL_STATES,
  JOB_TYPES,
  TOP_JOBS,
  bytesPerSecond,
  durationBucket,
  durationKey,
  durationOfKey,
  nearestRank,
  type AnalysisCell,
  type DurationStats,
  type Job,
  type JobAnalysis,
  type JobListParams,
  type JobType,
  type NodeTrend,
  type RankedJob,
  type StopCount,
} from '../model/index.js';
import { timelineLayout } from './job-query.js';

/** Durations (ms) as the analysis reports them. */
export function durationStats(durations: readonly number[]): DurationStats {
  if (!durations.length) return { count: 0, median: null, p95: null, max: null };
  const keys = durations.map(durationKey).sort((a, b) => a - b);
  const at = (percent: number) => durationOfKey(keys[nearestRank(keys.length, percent) - 1]!);
  return { count: durations.length, median: at(50), p95: at(95), max: durations.reduce((max, ms) => Math.max(max, ms), 0) };
}

/** Order of types in the answer: `JOB_TYPES`, then null. */
function typeRank(type: JobType | null): number {
  return type === null ? JOB_TYPES.length : JOB_TYPES.indexOf(type);
}

/** Strings as `<` orders them, null last. */
function compareIds(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const wait = (job: Job): number | undefined =>
  job.startedAt === null ? undefined : Math.max(0, Date.parse(job.startedAt) - Date.parse(job.createdAt));

const run = (job: Job): number | undefined =>
  job.startedAt === null || job.finishedAt === null || !FINAL_STATES.has(job.state)
    ? undefined
    : Math.max(0, Date.parse(job.finishedAt) - Date.parse(job.startedAt));

function cellOf(type: JobType | null, node: string | null, jobs: readonly Job[]): AnalysisCell {
  const finished = jobs.filter((job) => FINAL_STATES.has(job.state));
  const ran = finished.filter((job) => run(job) !== undefined);
  const runs = ran.map((job) => run(job)!);
  const bytes = ran.reduce((sum, job) => sum + job.progress.bytes.done, 0);
  const runMs = runs.reduce((sum, ms) => sum + ms, 0);
  const runHistogram = DURATION_BUCKETS_MS.map(() => 0);
  for (const ms of runs) runHistogram[durationBucket(ms)]!++;
  return {
    type,
    node,
    jobs: jobs.length,
    finished: finished.length,
    successful: finished.filter((job) => job.state === 'SUCCESSFUL').length,
    wait: durationStats(jobs.map(wait).filter((ms) => ms !== undefined)),
    run: durationStats(runs),
    bytes,
    runMs,
    bytesPerSecond: bytesPerSecond(bytes, runMs),
    runHistogram,
  };
}

function byDurationThenId(a: RankedJob, b: RankedJob): number {
  return b.ms - a.ms || compareIds(a.job.id, b.job.id);
}

/**
 * The analysis of `jobs`, the jobs a query with these bounds selected, at `now` (which
 * measures the waits of scheduled jobs and ends an open timeline).
 */
export function analyze(jobs: Iterable<Job>, params: Pick<JobListParams, 'since' | 'until'>, now: number): JobAnalysis {
  const selected = [...jobs];
  const nodes = [...new Set(selected.map((job) => job.node))].sort(compareIds);
  const types = JOB_TYPES.filter((type) => selected.some((job) => job.type === type));
  const cells: AnalysisCell[] = [];
  for (const type of [...types, null]) {
    for (const node of [...nodes, null]) {
      const own = selected.filter((job) => (type === null || job.type === type) && (node === null || job.node === node));
      if (own.length) cells.push(cellOf(type, node, own));
    }
  }
  cells.sort((a, b) => typeRank(a.type) - typeRank(b.type) || compareIds(a.node, b.node));

  const oldest = selected.reduce((min, job) => Math.min(min, Date.parse(job.createdAt)), Infinity);
  const { fromMs, bucketMs, bucketCount } = timelineLayout(params, oldest, now);
  const trends: NodeTrend[] = nodes.map((node) => {
    const inBucket = Array.from({ length: bucketCount }, () => [] as Job[]);
    for (const job of selected) {
      if (job.node !== node || job.finishedAt === null || !FINAL_STATES.has(job.state)) continue;
      const bucket = Math.floor((Date.parse(job.finishedAt) - fromMs) / bucketMs);
      if (bucket >= 0 && bucket < bucketCount) inBucket[bucket]!.push(job);
    }
    const cells = inBucket.map((own) => cellOf(null, node, own));
    return {
      node,
      finished: cells.map((cell) => cell.finished),
      failures: cells.map((cell) => cell.finished - cell.successful),
      p95RunMs: cells.map((cell) => cell.run.p95),
      bytes: cells.map((cell) => cell.bytes),
      runMs: cells.map((cell) => cell.runMs),
      bytesPerSecond: cells.map((cell) => cell.bytesPerSecond),
    };
  });

  const stops = new Map<string, StopCount>();
  for (const job of selected) {
    if (job.state !== 'UNSUCCESSFUL') continue;
    const key = JSON.stringify([job.stage, job.type, job.node]);
    const stop = stops.get(key) ?? { stage: job.stage, type: job.type, node: job.node, count: 0 };
    stop.count++;
    stops.set(key, stop);
  }

  const slowest = selected
    .filter((job) => run(job) !== undefined)
    .map((job) => ({ ms: run(job)!, job }))
    .sort(byDurationThenId)
    .slice(0, TOP_JOBS);
  const longestWaiting = selected
    .filter((job) => job.state === 'SCHEDULED')
    .map((job) => ({ ms: Math.max(0, now - Date.parse(job.createdAt)), job }))
    .sort(byDurationThenId)
    .slice(0, TOP_JOBS);

  return {
    total: selected.length,
    now: new Date(now).toISOString(),
    durationBucketsMs: [...DURATION_BUCKETS_MS],
    cells,
    trends: { from: new Date(fromMs).toISOString(), bucketSeconds: bucketMs / 1000, nodes: trends },
    stops: [...stops.values()].sort(
      (a, b) => compareIds(a.stage, b.stage) || typeRank(a.type) - typeRank(b.type) || compareIds(a.node, b.node),
    ),
    slowest,
    longestWaiting,
  };
}
