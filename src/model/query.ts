import type { JobState, JobType } from './job.js';
import type { FileStatus } from './file.js';

/** Columns a job list can be sorted by. */
export const SORT_KEYS = ['name', 'type', 'description', 'createdAt', 'updatedAt', 'node', 'state', 'stage'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

/** The period of the filters: the last N days (user guide, "by duration"), a range, or all. */
export type JobPeriod = { kind: 'all' } | { kind: 'last-days'; days: number } | { kind: 'range'; from: string; to: string };

/**
 * What the user asks to see: the shared query of the filters, the search bar and the
 * sorted columns. Empty lists mean "any".
 */
export interface JobQuery {
  period: JobPeriod;
  states: JobState[];
  nodes: string[];
  types: JobType[];
  stages: string[];
  /** Search text, matched case-insensitively in name, type and description. */
  q: string;
  sort: SortKey;
  order: SortOrder;
}

/**
 * The instants a period may name, both included: the contract refuses a `since` or an
 * `until` outside them (a 400 naming it), so that no request asks for an activity history
 * of ten thousand years; the store keeps the periods it sends within them.
 */
export const PERIOD_EARLIEST = '1970-01-01T00:00:00.000Z';
export const PERIOD_LATEST = '2200-01-01T00:00:00.000Z';

/** A fresh query that selects every job, newest first. */
export function defaultQuery(): JobQuery {
  return { period: { kind: 'all' }, states: [], nodes: [], types: [], stages: [], q: '', sort: 'createdAt', order: 'desc' };
}

/**
 * The query as `GET /api/v1/jobs` and `GET /api/v1/jobs/summary` take it: the period is
 * resolved to absolute bounds (`since` inclusive, `until` exclusive).
 */
export interface JobListParams {
  since?: string;
  until?: string;
  state?: JobState[];
  node?: string[];
  type?: JobType[];
  stage?: string[];
  q?: string;
  sort?: SortKey;
  order?: SortOrder;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  /** Row number to start at, for random access by a scrolled list (not with `cursor`: a 400). */
  offset?: number;
  limit?: number;
}

/** Parameters of `GET /api/v1/jobs/{id}/files`. */
export interface FileListParams {
  status?: FileStatus[];
  /** Failed files first, then the others in path order. */
  failedFirst?: boolean;
  cursor?: string;
  offset?: number;
  limit?: number;
}
