/**
 * Bodies of the HTTP contract (docs/http-contract.md): each exported interface here has a schema
 * in `schema/` and a compiled validator in `validate.ts`.
 */
import type { ClusterNode, Count, IsoDateTime, Job, JobState, JobType } from './job.js';
import type { FileStatus, JobFile } from './file.js';

// Counts keyed by a state, a type, a file status or a node id. Written as interfaces, not
// `Record<…, Count>`: the schema generator keeps `Count`'s whole-number-at-least-0 rule on
// an interface's members but loses it inside `Record`. The string index signatures keep
// the required ones as easy to build from `Object.fromEntries` as a `Record` (and a newer
// server's extra key is ignored, as an extra field is).

/** A count per job state. */
export interface StateCounts {
  [state: string]: Count;
  SCHEDULED: Count;
  RUNNING: Count;
  SUCCESSFUL: Count;
  UNSUCCESSFUL: Count;
}

/** A count per job type. */
export interface TypeCounts {
  [type: string]: Count;
  DESTAGING: Count;
  VERSIONING: Count;
  ARCHIVING: Count;
  STORAGE: Count;
  COPY: Count;
  DUPLICATION: Count;
}

/** A count per file status; a status with no file may be left out. */
export interface FileStatusCounts {
  PENDING?: Count;
  DESTAGED?: Count;
  ARCHIVED?: Count;
  CHECKED?: Count;
  VERSIONED?: Count;
  COPIED?: Count;
  DUPLICATED?: Count;
  SKIPPED?: Count;
  FAILED?: Count;
}

/**
 * A count per node id. The schema generator cannot put `Count`'s rule on an index
 * signature: `validateJobSummary` checks these counts in code.
 */
export interface CountsByNode {
  [nodeId: string]: Count;
}

/** A count per state, per node id. */
export interface StateCountsByNode {
  [nodeId: string]: StateCounts;
}

/** A series of counts (one per time bucket), per node id. Checked in code, as `CountsByNode`. */
export interface CountSeriesByNode {
  [nodeId: string]: Count[];
}

/** The interfaces above name exactly the states, types and statuses: a new one must be added there too. */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: unknown };
type SameKeys<A, B> = [Exclude<A, B> | Exclude<B, A>] extends [never] ? true : false;
type Holds<T extends true> = T;
// Checked by the compiler only (an alias nobody uses still has its constraint checked).
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- used by the compiler's check alone
type CountKeysMatch = Holds<
  [
    SameKeys<KnownKeys<StateCounts>, JobState>,
    SameKeys<KnownKeys<TypeCounts>, JobType>,
    SameKeys<KnownKeys<FileStatusCounts>, FileStatus>,
  ] extends [true, true, true]
    ? true
    : false
>;

/** `GET /api/v1/jobs`: one page of jobs for a query. */
export interface JobPage {
  items: Job[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** How many jobs the whole query selects. */
  total: Count;
}

/** `GET /api/v1/jobs/{id}/files`: one page of a job's files. */
export interface FilePage {
  items: JobFile[];
  nextCursor: string | null;
  /** How many files the request selects (after the status filter). */
  total: Count;
  /** Files of the job per status, whatever the status filter. */
  byStatus: FileStatusCounts;
}

/**
 * The envelope of a page before its items are checked one by one, so that one bad item
 * is reported and skipped instead of failing the whole page.
 */
export interface PageEnvelope {
  items: unknown[];
  nextCursor: string | null;
  total: Count;
}

/** `GET /api/v1/nodes`. */
export interface NodeList {
  items: ClusterNode[];
}

/** Jobs created per time bucket, per node. */
export interface Timeline {
  /** Start of the first bucket. */
  from: IsoDateTime;
  /**
   * Width of one bucket in seconds (an hour for a day, a day for a month).
   * @TJS-type integer
   * @minimum 1
   */
  bucketSeconds: number;
  /** Per node id, the count of jobs created in each bucket, oldest first. */
  counts: CountSeriesByNode;
}

/** `GET /api/v1/jobs/summary`: the aggregates of a query. */
export interface JobSummary {
  total: Count;
  byState: StateCounts;
  /** Per node id. */
  byNode: CountsByNode;
  /** Per node id, per state: what a stacked "jobs per node" bar shows. */
  byNodeState: StateCountsByNode;
  byType: TypeCounts;
  timeline: Timeline;
}

/** The role that may read jobs (the user guide's 'Access the Active Job Manager' section). */
export const DATA_ADMINISTRATOR = 'DATA_ADMINISTRATOR';

/** `GET /api/v1/session`: who is logged in. */
export interface Session {
  user: {
    /** @minLength 1 */
    name: string;
    /** Roles of the account; an open set, `DATA_ADMINISTRATOR` among them. */
    roles: string[];
  };
}

/** `POST /api/v1/session`. */
export interface LoginRequest {
  username: string;
  password: string;
}

/** `POST /api/v1/tokens`: the same credentials as a login, for a bearer token instead of a cookie. */
export interface TokenRequest {
  username: string;
  password: string;
}

/**
 * The answer to `POST /api/v1/tokens` (201): send `Authorization: Bearer <token>` with
 * every request, the event stream included, until `expiresAt` or `DELETE /tokens/current`.
 */
export interface Token {
  /** @minLength 1 */
  token: string;
  /** When the token ends; ask for a new one before. */
  expiresAt: IsoDateTime;
}

/** Every error answer of the contract. */
export interface ApiError {
  error: {
    /** Machine-readable, e.g. `bad_parameter`, `not_found`, `unauthenticated`, `forbidden`. */
    code: string;
    /** A sentence for people. */
    message: string;
    /** The query parameter or field at fault, for `bad_parameter`. */
    parameter?: string;
  };
}

/** A job was created or changed: the whole job at its new version. */
export interface JobChangeEvent {
  type: 'job.created' | 'job.updated';
  /**
   * Monotonic: the SSE event id, also given here for sources without SSE.
   * @TJS-type integer
   * @minimum 0
   */
  seq: number;
  job: Job;
}

/** The events asked for are too old to replay: reload the query. */
export interface ResyncEvent {
  type: 'resync';
  /** @TJS-type integer
   * @minimum 0 */
  seq: number;
  reason: string;
}

/** What `GET /api/v1/events` sends, as the `data` of each event. */
export type LiveEvent = JobChangeEvent | ResyncEvent;

/**
 * `GET /api/v1/events?after=<seq>` with `Accept: application/json`: the polling fallback
 * for clients that cannot hold an event stream open.
 */
export interface EventBatch {
  items: LiveEvent[];
  /**
   * The newest seq the server has emitted; pass it as `after` next time.
   * @TJS-type integer
   * @minimum 0
   */
  lastSeq: number;
  /**
   * The run of the numbering `lastSeq` belongs to; pass it as `epoch` beside `after`. A
   * server that restarts and counts again from 0 starts a new epoch (the stream carries
   * it in its ids, `<epoch>:<seq>`); a client that sees it change reloads, as for a resync.
   */
  epoch?: string;
}
