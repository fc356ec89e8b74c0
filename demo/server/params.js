// @ts-check
/**
 * Query parameters of the contract, parsed and checked. Every refusal is a 400 that
 * names the parameter; parameters the contract does not know are ignored (an older
 * server must not break a newer page).
 */
import { FILE_STATUSES, JOB_STATES, JOB_TYPES, PERIOD_EARLIEST, PERIOD_LATEST, SORT_KEYS } from '../../dist/model/index.js';
import { decodeCursor } from '../../dist/source/job-query.js';
import { badParameter } from './respond.js';

/** @typedef {import('../../dist/model/index.js').JobListParams} JobListParams */
/** @typedef {import('../../dist/model/index.js').FileListParams} FileListParams */
/** @typedef {import('../../dist/model/index.js').SortKey} SortKey */
/** @typedef {import('../../dist/source/job-query.js').CursorPosition} CursorPosition */

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** Longest wait a long-poll may ask for. */
export const MAX_WAIT_MS = 25_000;
const MAX_TEXT = 1000;

/** Sort keys whose cursor value is a number (dates by instant, states by rank); the others are strings. */
const NUMERIC_SORTS = new Set(['createdAt', 'updatedAt', 'state']);

/**
 * A date (`2025-10-23`, midnight UTC) or a date and time with an offset
 * (`2025-10-23T10:23:08+02:00`), its fields captured to be checked against the calendar:
 * `Date.parse` rolls 2025-02-30 over to 2025-03-02 and takes 24:00.
 */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-](\d{2}):(\d{2})))?$/;

const EARLIEST_MS = Date.parse(PERIOD_EARLIEST);
const LATEST_MS = Date.parse(PERIOD_LATEST);

function daysInMonth(/** @type {number} */ year, /** @type {number} */ month) {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Why an instant's fields are not a moment of the calendar, or undefined when they are. */
function calendarProblem(/** @type {RegExpExecArray} */ fields) {
  const field = (/** @type {number} */ at) => Number(fields[at] ?? 0);
  const year = field(1);
  const month = field(2);
  const day = field(3);
  const [hour, minute, second, offsetHours, offsetMinutes] = [field(4), field(5), field(6), field(7), field(8)];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  if (day < 1 || day > daysInMonth(year, month)) return `there is no day ${day} in month ${month} of ${year}`;
  if (hour > 23) return `the hour must be 00 to 23, not ${hour}`;
  if (minute > 59) return `the minute must be 00 to 59, not ${minute}`;
  if (second > 59) return `the second must be 00 to 59, not ${second}`;
  if (offsetHours > 23 || offsetMinutes > 59) return 'the offset must be at most ±23:59';
  return undefined;
}

/** The one value of a parameter, refusing it given twice. */
function single(/** @type {URLSearchParams} */ search, /** @type {string} */ name) {
  const values = search.getAll(name);
  if (values.length > 1) throw badParameter(name, `${name} may be given only once.`);
  return values[0];
}

/**
 * Every value of a repeatable parameter, each one of `allowed` when given.
 * @template {string} T
 * @param {URLSearchParams} search
 * @param {string} name
 * @param {readonly T[]} [allowed]
 * @returns {T[] | undefined}
 */
function many(search, name, allowed) {
  const values = search.getAll(name);
  if (!values.length) return undefined;
  for (const value of values) {
    if (!value) throw badParameter(name, `${name} must not be empty.`);
    if (value.length > MAX_TEXT) throw badParameter(name, `${name} is longer than ${MAX_TEXT} characters.`);
    if (allowed && !allowed.includes(/** @type {T} */ (value))) {
      throw badParameter(name, `${name} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}.`);
    }
  }
  return /** @type {T[]} */ (values);
}

/**
 * A whole number in [min, max], or `fallback` when absent.
 * @param {URLSearchParams} search
 * @param {string} name
 * @param {number} min
 * @param {number} max
 * @param {number | undefined} fallback
 */
function integer(search, name, min, max, fallback) {
  const raw = single(search, name);
  if (raw === undefined) return fallback;
  const value = /^-?\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw badParameter(name, `${name} must be a whole number ${range}, not ${JSON.stringify(raw)}.`);
  }
  return value;
}

/** An instant of the calendar between `PERIOD_EARLIEST` and `PERIOD_LATEST`, or a 400 naming `name`. */
function instant(/** @type {URLSearchParams} */ search, /** @type {string} */ name) {
  const raw = single(search, name);
  if (raw === undefined) return undefined;
  const fields = ISO_INSTANT.exec(raw);
  if (!fields || Number.isNaN(Date.parse(raw))) {
    throw badParameter(
      name,
      `${name} must be an ISO 8601 date or a date and time with an offset (e.g. 2025-10-23T10:23:08+02:00), not ${JSON.stringify(raw)}.`,
    );
  }
  const problem = calendarProblem(fields);
  if (problem) throw badParameter(name, `${name} is not a moment of the calendar: ${problem} (${JSON.stringify(raw)}).`);
  const ms = Date.parse(raw);
  if (ms < EARLIEST_MS || ms > LATEST_MS) {
    throw badParameter(name, `${name} must lie from ${PERIOD_EARLIEST} to ${PERIOD_LATEST}, not ${JSON.stringify(raw)}.`);
  }
  return raw;
}

/** A page starts at a cursor or at an offset: both is a 400 (the offset would be ignored). */
function refuseBoth(/** @type {string | undefined} */ cursor, /** @type {number | undefined} */ offset) {
  if (cursor !== undefined && offset !== undefined) {
    throw badParameter('offset', 'offset cannot be given with cursor: the cursor already says where the page starts.');
  }
}

/**
 * The filters of a job query (what `/jobs` and `/jobs/summary` share).
 * @param {URLSearchParams} search
 * @returns {JobListParams}
 */
export function parseJobFilters(search) {
  /** @type {JobListParams} */
  const params = {};
  const since = instant(search, 'since');
  const until = instant(search, 'until');
  if (since !== undefined && until !== undefined && Date.parse(since) > Date.parse(until)) {
    throw badParameter('since', `since (${since}) is after until (${until}).`);
  }
  if (since !== undefined) params.since = since;
  if (until !== undefined) params.until = until;
  const state = many(search, 'state', JOB_STATES);
  if (state) params.state = state;
  const node = many(search, 'node');
  if (node) params.node = node;
  const type = many(search, 'type', JOB_TYPES);
  if (type) params.type = type;
  const stage = many(search, 'stage');
  if (stage) params.stage = stage;
  const q = single(search, 'q');
  if (q !== undefined && q.length > MAX_TEXT) throw badParameter('q', `q is longer than ${MAX_TEXT} characters.`);
  if (q?.trim()) params.q = q;
  return params;
}

/**
 * `GET /jobs`: the filters, the order and the page asked for. `position` is the decoded
 * cursor, checked to belong to this sort.
 * @param {URLSearchParams} search
 * @returns {{params: JobListParams & {sort: SortKey, order: 'asc' | 'desc', limit: number}, position: CursorPosition | undefined}}
 */
export function parseJobListParams(search) {
  const filters = parseJobFilters(search);
  const sort = /** @type {SortKey} */ (single(search, 'sort') ?? 'createdAt');
  if (!SORT_KEYS.includes(sort)) {
    throw badParameter('sort', `sort must be one of ${SORT_KEYS.join(', ')}, not ${JSON.stringify(sort)}.`);
  }
  const order = single(search, 'order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') {
    throw badParameter('order', `order must be asc or desc, not ${JSON.stringify(order)}.`);
  }
  const limit = /** @type {number} */ (integer(search, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT));
  const offset = integer(search, 'offset', 0, Number.MAX_SAFE_INTEGER, undefined);
  const cursor = single(search, 'cursor');
  refuseBoth(cursor, offset);
  /** @type {CursorPosition | undefined} */
  let position;
  if (cursor !== undefined) {
    position = decodeCursor(cursor);
    if (!position) throw badParameter('cursor', 'cursor is not a cursor this server gave.');
    if (position.sort !== sort || position.order !== order) {
      throw badParameter('cursor', `cursor was made for sort=${position.sort}&order=${position.order}, not sort=${sort}&order=${order}.`);
    }
    if (NUMERIC_SORTS.has(sort) !== (typeof position.value === 'number')) {
      throw badParameter('cursor', 'cursor is not a cursor this server gave.');
    }
  }
  /** @type {JobListParams & {sort: SortKey, order: 'asc' | 'desc', limit: number}} */
  const params = { ...filters, sort, order, limit };
  if (cursor !== undefined) params.cursor = cursor;
  if (offset !== undefined) params.offset = offset;
  return { params, position };
}

/**
 * `GET /jobs/{id}/files`.
 * @param {URLSearchParams} search
 * @returns {FileListParams & {limit: number}}
 */
export function parseFileListParams(search) {
  /** @type {FileListParams & {limit: number}} */
  const params = { limit: /** @type {number} */ (integer(search, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT)) };
  const status = many(search, 'status', FILE_STATUSES);
  if (status) params.status = status;
  const failedFirst = single(search, 'failedFirst');
  if (failedFirst !== undefined) {
    if (failedFirst !== 'true' && failedFirst !== 'false') {
      throw badParameter('failedFirst', `failedFirst must be true or false, not ${JSON.stringify(failedFirst)}.`);
    }
    params.failedFirst = failedFirst === 'true';
  }
  const offset = integer(search, 'offset', 0, Number.MAX_SAFE_INTEGER, undefined);
  if (offset !== undefined) params.offset = offset;
  const cursor = single(search, 'cursor');
  refuseBoth(cursor, offset);
  if (cursor !== undefined) {
    if (!cursor) throw badParameter('cursor', 'cursor is not a cursor this server gave.');
    params.cursor = cursor;
  }
  return params;
}

/**
 * `GET /events`: where to resume (the `Last-Event-ID` header wins over `lastEventId`,
 * since a browser's reconnection sends the header with the first URL), and for the
 * JSON fallback, `after` and `wait` (capped at 25 s).
 * @param {URLSearchParams} search
 * @param {string | string[] | undefined} lastEventIdHeader
 */
export function parseEventParams(search, lastEventIdHeader) {
  /** @type {number | undefined} */
  let resumeFrom;
  if (typeof lastEventIdHeader === 'string' && lastEventIdHeader !== '') {
    const header = new URLSearchParams({ 'Last-Event-ID': lastEventIdHeader });
    resumeFrom = integer(header, 'Last-Event-ID', 0, Number.MAX_SAFE_INTEGER, undefined);
  } else {
    resumeFrom = integer(search, 'lastEventId', 0, Number.MAX_SAFE_INTEGER, undefined);
  }
  const after = integer(search, 'after', 0, Number.MAX_SAFE_INTEGER, undefined);
  const wait = integer(search, 'wait', 0, Number.MAX_SAFE_INTEGER, 0);
  return { resumeFrom, after, waitMs: Math.min(/** @type {number} */ (wait), MAX_WAIT_MS) };
}
