/**
 * The filters in the page's address, so that a filtered view can be bookmarked, shared
 * and walked back and forth: `?period=7d&state=RUNNING&node=node-2&q=tape`, in the query
 * string or in the query part of the hash (`#/jobs?state=RUNNING`) for hash-routed pages.
 * Reading never throws: an unknown or malformed value is left out.
 */
import { JOB_STATES, JOB_TYPES, type JobPeriod, type JobQuery, type JobState, type JobType } from '../../model/index.js';

/** Where the filters live in the address. */
export type UrlMode = 'search' | 'hash';

/** The part of the query the address carries. */
export type UrlFilters = Pick<JobQuery, 'period' | 'states' | 'nodes' | 'types' | 'stages' | 'q'>;

/** The parameters this module owns; every other parameter of the address is left as it is. */
export const URL_KEYS = ['period', 'from', 'to', 'state', 'node', 'type', 'stage', 'q'] as const;

const MAX_DAYS = 3660;
const MAX_VALUE_LENGTH = 200;
const STATES: ReadonlySet<string> = new Set(JOB_STATES);
const TYPES: ReadonlySet<string> = new Set(JOB_TYPES);

export function filtersToParams(filters: UrlFilters): URLSearchParams {
  const params = new URLSearchParams();
  const period = filters.period;
  if (period.kind === 'last-days') params.set('period', `${period.days}d`);
  else if (period.kind === 'range') {
    params.set('from', period.from);
    params.set('to', period.to);
  }
  for (const state of filters.states) params.append('state', state);
  for (const node of filters.nodes) params.append('node', node);
  for (const type of filters.types) params.append('type', type);
  for (const stage of filters.stages) params.append('stage', stage);
  if (filters.q.trim()) params.set('q', filters.q);
  return params;
}

/** The filters an address names; what is absent or invalid is "any". */
export function paramsToFilters(params: URLSearchParams): UrlFilters {
  return {
    period: readPeriod(params),
    states: distinct(params.getAll('state').filter((s): s is JobState => STATES.has(s))),
    nodes: distinct(params.getAll('node').filter(isReasonable)),
    types: distinct(params.getAll('type').filter((s): s is JobType => TYPES.has(s))),
    stages: distinct(params.getAll('stage').filter(isReasonable)),
    q: (params.get('q') ?? '').slice(0, MAX_VALUE_LENGTH),
  };
}

/** Whether an address carries any filter of ours. */
export function hasFilters(params: URLSearchParams): boolean {
  return URL_KEYS.some((key) => params.has(key));
}

/** The same filters, whatever the order of their values. */
export function sameFilters(a: UrlFilters, b: UrlFilters): boolean {
  return canonical(a) === canonical(b);
}

function canonical(filters: UrlFilters): string {
  const sorted = (values: readonly string[]) => [...values].sort();
  return JSON.stringify([
    filters.period,
    sorted(filters.states),
    sorted(filters.nodes),
    sorted(filters.types),
    sorted(filters.stages),
    filters.q.trim(),
  ]);
}

function readPeriod(params: URLSearchParams): JobPeriod {
  const days = /^(\d{1,4})d$/.exec(params.get('period') ?? '');
  if (days) {
    const n = Number(days[1]);
    if (n >= 1 && n <= MAX_DAYS) return { kind: 'last-days', days: n };
  }
  const from = params.get('from');
  const to = params.get('to');
  if (from && to) {
    const fromMs = Date.parse(from);
    const toMs = Date.parse(to);
    if (Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs < toMs) {
      return { kind: 'range', from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
    }
  }
  return { kind: 'all' };
}

function isReasonable(value: string): boolean {
  return value.trim().length > 0 && value.length <= MAX_VALUE_LENGTH;
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The parameters of the address: the query string, or what follows `?` in the hash. */
export function readAddress(mode: UrlMode, location: Location = window.location): URLSearchParams {
  if (mode === 'search') return new URLSearchParams(location.search);
  const hash = location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at >= 0 ? hash.slice(at + 1) : '');
}

/**
 * The address with our parameters replaced by `filters` and the others kept. Returns
 * undefined when the address would not change.
 */
export function addressWith(mode: UrlMode, filters: UrlFilters, location: Location = window.location): string | undefined {
  const params = readAddress(mode, location);
  for (const key of URL_KEYS) params.delete(key);
  for (const [key, value] of filtersToParams(filters)) params.append(key, value);
  const query = params.toString();
  let next: string;
  if (mode === 'search') {
    next = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
    if (next === `${location.pathname}${location.search}${location.hash}`) return undefined;
  } else {
    const hash = location.hash;
    const at = hash.indexOf('?');
    const path = (at >= 0 ? hash.slice(0, at) : hash) || '#';
    const nextHash = query ? `${path}?${query}` : path === '#' ? '' : path;
    if (nextHash === hash || (nextHash === '' && (hash === '' || hash === '#'))) return undefined;
    next = `${location.pathname}${location.search}${nextHash}`;
  }
  return next;
}
