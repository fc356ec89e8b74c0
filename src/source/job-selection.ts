/**
 * Which jobs a query selects: the store's query as the contract's parameters, and the
 * predicate those parameters mean. Apart from `job-query.ts` (order, paging, aggregates),
 * which re-exports it, so that a page whose rows come from a server loads only this.
 */
import { PERIOD_EARLIEST, PERIOD_LATEST, type Job, type JobListParams, type JobPeriod, type JobQuery } from '../model/index.js';

const DAY_MS = 86_400_000;
const EARLIEST_MS = Date.parse(PERIOD_EARLIEST);
const LATEST_MS = Date.parse(PERIOD_LATEST);

/** An instant moved within the bounds the contract accepts (no job lies outside them). */
function withinBounds(instant: string): string {
  const ms = Date.parse(instant);
  return ms < EARLIEST_MS ? PERIOD_EARLIEST : ms > LATEST_MS ? PERIOD_LATEST : instant;
}

/** Absolute bounds of a period at `now`: `since` inclusive, `until` exclusive. */
export function resolvePeriod(period: JobPeriod, now: number): { since?: string; until?: string } {
  switch (period.kind) {
    case 'all':
      return {};
    case 'last-days':
      return { since: withinBounds(new Date(Math.max(now - period.days * DAY_MS, EARLIEST_MS)).toISOString()) };
    case 'range':
      return { since: withinBounds(period.from), until: withinBounds(period.to) };
  }
}

/** The store's query as the contract's parameters (without paging). */
export function toListParams(query: JobQuery, now: number): JobListParams {
  const params: JobListParams = { ...resolvePeriod(query.period, now), sort: query.sort, order: query.order };
  if (query.states.length) params.state = [...query.states];
  if (query.nodes.length) params.node = [...query.nodes];
  if (query.types.length) params.type = [...query.types];
  if (query.stages.length) params.stage = [...query.stages];
  const q = query.q.trim();
  if (q) params.q = q;
  return params;
}

/** Lower-cased search text; the search matches it as a substring of name, type or description. */
export function normalizeSearch(q: string | undefined): string {
  return (q ?? '').trim().toLowerCase();
}

export function matchesSearch(job: Job, needle: string): boolean {
  return (
    !needle ||
    job.name.toLowerCase().includes(needle) ||
    job.type.toLowerCase().includes(needle) ||
    job.description.toLowerCase().includes(needle)
  );
}

/**
 * A job is in a period when it was alive during it: created before `until` and not
 * finished before `since`. A job running for a week is part of "the last day".
 */
export function inPeriod(job: Job, sinceMs: number, untilMs: number): boolean {
  if (Date.parse(job.createdAt) >= untilMs) return false;
  return job.finishedAt === null || Date.parse(job.finishedAt) >= sinceMs;
}

/** A predicate for the jobs a query selects. */
export function jobMatcher(params: JobListParams): (job: Job) => boolean {
  const sinceMs = params.since ? Date.parse(params.since) : -Infinity;
  const untilMs = params.until ? Date.parse(params.until) : Infinity;
  const states = params.state?.length ? new Set<string>(params.state) : undefined;
  const nodes = params.node?.length ? new Set<string>(params.node) : undefined;
  const types = params.type?.length ? new Set<string>(params.type) : undefined;
  const stages = params.stage?.length ? new Set<string>(params.stage) : undefined;
  const needle = normalizeSearch(params.q);
  return (job) =>
    (!states || states.has(job.state)) &&
    (!nodes || nodes.has(job.node)) &&
    (!types || types.has(job.type)) &&
    (!stages || stages.has(job.stage)) &&
    (sinceMs === -Infinity && untilMs === Infinity ? true : inPeriod(job, sinceMs, untilMs)) &&
    matchesSearch(job, needle);
}
