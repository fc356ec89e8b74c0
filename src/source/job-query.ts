/**
 * The meaning of a query, written once and plainly: which jobs a query selects
 * (`job-selection.ts`, re-exported here), in which order, how they page, and what their
 * aggregates are. The reference server and MemoryJobSource answer with it; the store's
 * indexed in-memory engine is tested equal to it.
 */
import {
  JOB_STATES,
  JOB_TYPES,
  type Job,
  type JobListParams,
  type JobState,
  type JobSummary,
  type JobType,
  type SortKey,
  type SortOrder,
} from '../model/index.js';

export * from './job-selection.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * The most buckets a timeline has, whatever its period: past about 38 years of weeks, the
 * buckets widen to whole numbers of weeks instead of growing in number (the reference
 * server once built a timeline of every week from year 0 to 9999, per node, for one request).
 */
export const MAX_TIMELINE_BUCKETS = 2000;

const STATE_RANK: Record<JobState, number> = { SCHEDULED: 0, RUNNING: 1, SUCCESSFUL: 2, UNSUCCESSFUL: 3 };

/** The value a job is sorted by, comparable with `<`. Dates by instant, states in lifecycle order. */
export function sortValue(job: Job, sort: SortKey): string | number {
  switch (sort) {
    case 'createdAt':
      return Date.parse(job.createdAt);
    case 'updatedAt':
      return Date.parse(job.updatedAt);
    case 'state':
      return STATE_RANK[job.state];
    default:
      return job[sort];
  }
}

function compareValues(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A total order: the sort column in the asked direction, then the id (ascending) to break ties. */
export function jobComparator(sort: SortKey = 'createdAt', order: SortOrder = 'desc'): (a: Job, b: Job) => number {
  const sign = order === 'asc' ? 1 : -1;
  return (a, b) => sign * compareValues(sortValue(a, sort), sortValue(b, sort)) || compareValues(a.id, b.id);
}

/** Keyset cursor: the sort value and id of the last row given, so pages stay right while jobs change. */
export interface CursorPosition {
  value: string | number;
  id: string;
  sort: SortKey;
  order: SortOrder;
}

export function encodeCursor(position: CursorPosition): string {
  const json = JSON.stringify([position.sort, position.order, position.value, position.id]);
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The position a cursor names, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const [sort, order, value, id] = JSON.parse(json) as unknown[];
    if (typeof id !== 'string' || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
    if (order !== 'asc' && order !== 'desc') return undefined;
    return { sort: sort as SortKey, order, value, id };
  } catch {
    return undefined;
  }
}

/**
 * Index of the first row after a cursor in rows sorted by `jobComparator(sort, order)`
 * (binary search; the cursor's job need not exist any more).
 */
export function indexAfterCursor(rows: readonly Job[], position: CursorPosition): number {
  const sign = position.order === 'asc' ? 1 : -1;
  const after = (job: Job) =>
    (sign * compareValues(sortValue(job, position.sort), position.value) || compareValues(job.id, position.id)) > 0;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(rows[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Bucket width for an activity history over `spanMs`: hours for a day, days for a month,
 * weeks beyond, and as many weeks a bucket as keep a timeline within `MAX_TIMELINE_BUCKETS`
 * (the first bucket starts at or before the period, so a span of `MAX_TIMELINE_BUCKETS - 1`
 * widths needs one bucket more).
 */
export function bucketSecondsFor(spanMs: number): number {
  if (spanMs <= 2 * DAY_MS) return HOUR_MS / 1000;
  if (spanMs <= 10 * DAY_MS) return (6 * HOUR_MS) / 1000;
  if (spanMs <= 92 * DAY_MS) return DAY_MS / 1000;
  const weeks = Math.max(1, Math.ceil(spanMs / (WEEK_MS * (MAX_TIMELINE_BUCKETS - 1))));
  return (weeks * WEEK_MS) / 1000;
}

/** Where a timeline's buckets are. */
export interface TimelineLayout {
  fromMs: number;
  bucketMs: number;
  bucketCount: number;
}

/**
 * The buckets of a query's timeline: from `since` (else the oldest selected job's
 * creation, else a day before the end) to `until` (else `now`), aligned on the epoch.
 */
export function timelineLayout(params: Pick<JobListParams, 'since' | 'until'>, oldestCreatedMs: number, now: number): TimelineLayout {
  const untilMs = params.until ? Date.parse(params.until) : now;
  const sinceMs = params.since ? Date.parse(params.since) : Number.isFinite(oldestCreatedMs) ? oldestCreatedMs : untilMs - DAY_MS;
  const bucketMs = bucketSecondsFor(Math.max(untilMs - sinceMs, 1)) * 1000;
  const fromMs = Math.floor(sinceMs / bucketMs) * bucketMs;
  return { fromMs, bucketMs, bucketCount: Math.max(1, Math.ceil((untilMs - fromMs) / bucketMs)) };
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/**
 * The aggregates of the jobs a query selected. The timeline counts jobs created per
 * bucket and node, from `since` (or the oldest job) to `until` (or `now`).
 */
export function summarize(
  jobs: Iterable<Job>,
  params: Pick<JobListParams, 'since' | 'until'>,
  nodeIds: readonly string[],
  now: number,
): JobSummary {
  const matched = Array.isArray(jobs) ? (jobs as Job[]) : [...jobs];
  const byState = zeroCounts(JOB_STATES);
  const byType = zeroCounts<JobType>(JOB_TYPES);
  const byNode: Record<string, number> = Object.create(null) as Record<string, number>;
  const byNodeState: Record<string, Record<JobState, number>> = Object.create(null) as Record<string, Record<JobState, number>>;
  for (const id of nodeIds) {
    byNode[id] = 0;
    byNodeState[id] = zeroCounts(JOB_STATES);
  }
  let oldest = Infinity;
  for (const job of matched) {
    byState[job.state]++;
    byType[job.type]++;
    byNode[job.node] = (byNode[job.node] ?? 0) + 1;
    (byNodeState[job.node] ??= zeroCounts(JOB_STATES))[job.state]++;
    oldest = Math.min(oldest, Date.parse(job.createdAt));
  }
  const { fromMs, bucketMs, bucketCount } = timelineLayout(params, oldest, now);
  const bucketSeconds = bucketMs / 1000;
  const counts: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  for (const id of Object.keys(byNode)) counts[id] = new Array<number>(bucketCount).fill(0);
  for (const job of matched) {
    const bucket = Math.floor((Date.parse(job.createdAt) - fromMs) / bucketMs);
    if (bucket >= 0 && bucket < bucketCount) counts[job.node]![bucket]!++;
  }
  return {
    total: matched.length,
    byState,
    byNode,
    byNodeState,
    byType,
    timeline: { from: new Date(fromMs).toISOString(), bucketSeconds, counts },
  };
}
