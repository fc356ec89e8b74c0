/**
 * `GET /api/v1/jobs/analysis`: how long the jobs a query selects waited and ran, how fast
 * they moved data and why they stopped, per type and node. This file is a source of
 * `schema/*.json` (its interfaces) and holds the few definitions a server and a page must
 * share to give the same figures: the histogram's buckets, the resolution percentiles are
 * taken at, and the nearest rank.
 *
 * Definitions, for the jobs the query selects:
 * - wait: `startedAt − createdAt`, for every job that has started (any state);
 * - run: `finishedAt − startedAt`, for every finished job (SUCCESSFUL or UNSUCCESSFUL)
 *   with both dates; a negative duration (clocks that disagree) counts as 0;
 * - bytes: `progress.bytes.done` of those same finished jobs, and throughput the bytes
 *   over their summed run time;
 * - a percentile is the nearest rank (`nearestRank`) of the durations each rounded down
 *   to `durationKey`'s resolution (32 steps per doubling: less than 3.2 % off), reported
 *   as the rounded value; the maximum is exact;
 * - trends put a finished job in the bucket of the summary's timeline where it finished.
 */
import type { Count, IsoDateTime, Job, JobType } from './job.js';

/**
 * Lower bounds, in ms, of the run-time histogram's buckets: each 2 to 3 times the one
 * before, from under a second to 30 days and more (the last bucket has no end), so that
 * bars of equal width make a logarithmic scale of time with round labels.
 */
export const DURATION_BUCKETS_MS: readonly number[] = [
  0, 1_000, 2_000, 5_000, 10_000, 20_000, 60_000, 120_000, 300_000, 600_000, 1_200_000, 3_600_000, 7_200_000, 18_000_000, 43_200_000,
  86_400_000, 172_800_000, 432_000_000, 864_000_000, 2_592_000_000,
];

/** The index of the histogram bucket a duration (ms, at least 0) falls in. */
export function durationBucket(ms: number): number {
  let lo = 0;
  let hi = DURATION_BUCKETS_MS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (DURATION_BUCKETS_MS[mid]! <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Steps per doubling of `durationKey`, as a power of two. */
const STEP_BITS = 5;
const STEPS = 1 << STEP_BITS;
/** How many keys `durationKey` gives (durations up to `Number.MAX_SAFE_INTEGER` ms). */
export const DURATION_KEYS = (53 - STEP_BITS) * STEPS + 2 * STEPS;

/**
 * A duration (ms) rounded down to 6 significant bits, as a small whole number that sorts
 * as the durations do: exact below 64 ms, then 32 steps per doubling. Negative and NaN
 * count as 0; whole milliseconds (a fraction is dropped).
 */
export function durationKey(ms: number): number {
  if (!(ms > 0)) return 0;
  if (ms < 2 * STEPS) return ms | 0;
  if (ms < 4_294_967_296) {
    // Whole numbers below 2³² as 32-bit integers (`>>>` drops the fraction).
    const shift = 31 - STEP_BITS - Math.clz32(ms);
    return (shift << STEP_BITS) + (ms >>> shift);
  }
  const v = Math.min(ms, Number.MAX_SAFE_INTEGER);
  const shift = 63 - STEP_BITS - Math.clz32(Math.floor(v / 4_294_967_296));
  return shift * STEPS + Math.floor(v / 2 ** shift);
}

/** The duration (ms) a key stands for: the least one rounded to it. */
export function durationOfKey(key: number): number {
  if (key < 2 * STEPS) return key;
  const shift = (key >>> STEP_BITS) - 1;
  return (key - shift * STEPS) * 2 ** shift;
}

/** The 1-based rank of the `percent` percentile among `count` values (count ≥ 1): the least rank with `percent` % of the values at or below it. */
export function nearestRank(count: number, percent: number): number {
  return Math.max(1, Math.ceil((percent * count) / 100));
}

/** Bytes per second over a run time (ms); null without run time. */
export function bytesPerSecond(bytes: number, runMs: number): number | null {
  return runMs > 0 ? bytes / (runMs / 1000) : null;
}

/** Jobs in each of the analysis's two lists. */
export const TOP_JOBS = 10;

/** Durations of a set of jobs, in ms; null when there are none. */
export interface DurationStats {
  /** How many durations. */
  count: Count;
  /** The 50th percentile (nearest rank, at `durationKey`'s resolution). */
  median: number | null;
  /** The 95th percentile (nearest rank, at `durationKey`'s resolution). */
  p95: number | null;
  /** Exact. */
  max: number | null;
}

/** The figures of one type on one node; a null type or node stands for all of them. */
export interface AnalysisCell {
  type: JobType | null;
  node: string | null;
  /** Jobs selected. */
  jobs: Count;
  /** Of them, in a final state. */
  finished: Count;
  /** Of the finished ones, SUCCESSFUL. */
  successful: Count;
  wait: DurationStats;
  run: DurationStats;
  /** Bytes moved by the finished jobs with a run time. */
  bytes: number;
  /** Their run times summed, ms. */
  runMs: number;
  /** `bytes` over `runMs` in seconds; null without run time. */
  bytesPerSecond: number | null;
  /** Run times per bucket of `DURATION_BUCKETS_MS`. */
  runHistogram: Count[];
}

/** One node's figures per bucket of the timeline, by when jobs finished. */
export interface NodeTrend {
  node: string;
  finished: Count[];
  /** UNSUCCESSFUL jobs. */
  failures: Count[];
  /** ms; null for a bucket without a run time. */
  p95RunMs: (number | null)[];
  bytes: number[];
  runMs: number[];
  bytesPerSecond: (number | null)[];
}

/** Why jobs stopped: UNSUCCESSFUL jobs of one stage, type and node. */
export interface StopCount {
  /** As the server sent it: an unknown stage is shown as it comes. */
  stage: string;
  type: JobType;
  node: string;
  count: Count;
}

/** A job and the duration it is ranked by, ms. */
export interface RankedJob {
  ms: number;
  job: Job;
}

/** `GET /api/v1/jobs/analysis`: the analysis of a query (it takes the parameters of `/jobs/summary`). */
export interface JobAnalysis {
  /** Jobs selected. */
  total: Count;
  /** The instant waits of scheduled jobs are measured to. */
  now: IsoDateTime;
  /** `DURATION_BUCKETS_MS`, which `runHistogram` counts in. */
  durationBucketsMs: number[];
  /**
   * Every type on every node with a selected job, then per type (node null), per node
   * (type null) and overall (both null); ordered by type (`JOB_TYPES`, null last), then
   * node id (as strings compare, null last).
   */
  cells: AnalysisCell[];
  /** The buckets of the summary's timeline for the same query. */
  trends: {
    from: IsoDateTime;
    /**
     * @TJS-type integer
     * @minimum 1
     */
    bucketSeconds: number;
    /** Per node with a selected job, by node id. */
    nodes: NodeTrend[];
  };
  /** Ordered by stage, type (`JOB_TYPES`), node. */
  stops: StopCount[];
  /** The finished jobs that ran longest, longest first (ties by id). */
  slowest: RankedJob[];
  /** The scheduled jobs waiting longest (created first), longest first (ties by id). */
  longestWaiting: RankedJob[];
}
