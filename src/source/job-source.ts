/**
 * Where jobs come from. Elements never fetch: they read a store, and a store reads a
 * `JobSource`. Two implementations: `HttpJobSource` (the HTTP contract, REST + SSE) and
 * `MemoryJobSource` (jobs held in the page, from the simulator or the host page).
 */
import type {
  ClusterNode,
  FileListParams,
  FilePage,
  Job,
  JobAnalysis,
  JobListParams,
  JobPage,
  JobSummary,
  LiveEvent,
  Session,
} from '../model/index.js';

/** Why a source call failed; elements turn each kind into plain words. */
export type JobSourceErrorKind =
  | 'unauthenticated' // 401: log in
  | 'forbidden' // 403: the account lacks the Data Administrator role
  | 'not-found' // 404: unknown job
  | 'bad-request' // 400: a parameter was refused (`parameter` names it)
  | 'bad-response' // the server answered something the contract does not allow
  | 'network' // no answer: offline, refused, timed out
  | 'blocked' // the API answered, but the browser hid it from this page: it does not allow its origin (CORS)
  | 'server' // 5xx
  | 'aborted'; // the caller's AbortSignal fired

export class JobSourceError extends Error {
  override name = 'JobSourceError';
  constructor(
    readonly kind: JobSourceErrorKind,
    message: string,
    /** `origin`: for `blocked`, the API's origin. */
    readonly details: { status?: number; parameter?: string; code?: string; retryAfterMs?: number; origin?: string } = {},
  ) {
    super(message);
  }
}

/** What a call rejects with when the caller's signal aborted it. */
export function abortedError(): JobSourceError {
  return new JobSourceError('aborted', 'The request was cancelled.');
}

/** A page of jobs as a source hands it over: items that failed validation are listed, not kept. */
export interface JobPageResult extends JobPage {
  /** One message per item skipped because it broke the contract (the field is named). */
  rejected: string[];
}

export interface FilePageResult extends FilePage {
  rejected: string[];
}

/**
 * The live connection, as a status line shows it. `paused`: the page is hidden, so the
 * connection is closed to spare the server; it resumes where it stopped when visible.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline' | 'error' | 'paused';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When the next reconnection attempt is due (epoch ms), while `reconnecting`. */
  nextAttemptAt?: number;
  /** What went wrong, while `reconnecting` or `error`. */
  error?: JobSourceError;
}

/** What a live subscriber receives: events in order, or a request to reload everything. */
export interface LiveBatch {
  events: LiveEvent[];
  /** Events skipped because they broke the contract, one message each (the field is named). */
  rejected?: string[];
  /** The field at fault of each skipped event, in the same order (as `RejectedItems.fields`). */
  rejectedFields?: string[];
}

/** What a refused item was. */
export type RejectedKind = 'job' | 'file' | 'node' | 'event';

/**
 * Items of one answer that broke the contract and were left out, told by a source's
 * `onRejected` (and the elements' `ac-rejected` event) so that a page can say so and a
 * portal can log it. Every other item of the answer was kept.
 */
export interface RejectedItems {
  kind: RejectedKind;
  /** The request they came with: `GET /jobs`, `GET /jobs/j7/files`, `GET /nodes`, `GET /events`. */
  from: string;
  /** How many items were left out. */
  count: number;
  /**
   * The field at fault of each item, in order (`state`, `progress.files.total`, `job.version`
   * for an event; empty when the item itself is wrong, e.g. not an object).
   */
  fields: string[];
  /** One sentence per item, naming it, the field and the value (server text: show it as text). */
  messages: string[];
}

export interface JobSource {
  /** The nodes of the cluster. */
  listNodes(signal?: AbortSignal): Promise<ClusterNode[]>;
  /** One page of jobs for a query. */
  listJobs(params: JobListParams, signal?: AbortSignal): Promise<JobPageResult>;
  /** The aggregates of a query. */
  summarize(params: JobListParams, signal?: AbortSignal): Promise<JobSummary>;
  /**
   * How long the jobs of a query waited and ran, how fast they moved data, why they
   * stopped (`model/analysis.ts`). Optional, so that sources written before it still
   * fit: a store in memory mode analyses its jobs itself; in remote mode, without it,
   * the analysis says the source offers none.
   */
  analyze?(params: JobListParams, signal?: AbortSignal): Promise<JobAnalysis>;
  /** One job; rejects with kind `not-found` for an unknown id. */
  getJob(id: string, signal?: AbortSignal): Promise<Job>;
  /** One page of a job's files. */
  listFiles(jobId: string, params: FileListParams, signal?: AbortSignal): Promise<FilePageResult>;

  /** Who is logged in; rejects with `unauthenticated` when nobody is. */
  getSession(signal?: AbortSignal): Promise<Session>;
  /** Logs in; rejects with `unauthenticated` on bad credentials. */
  login(username: string, password: string, signal?: AbortSignal): Promise<Session>;
  logout(signal?: AbortSignal): Promise<void>;

  /**
   * Live events, in `seq` order, batched as they arrive. A `resync` event means some
   * events were lost: reload what you hold. Returns the function that unsubscribes;
   * the connection is open while anyone listens.
   */
  subscribe(listener: (batch: LiveBatch) => void): () => void;
  /** The live connection's state now. */
  readonly connection: ConnectionState;
  /** Called on every change of `connection`. Returns the function that stops it. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /**
   * Called for every answer some of whose items were left out because they broke the
   * contract (a source that checks nothing need not have it). Returns the function that stops it.
   */
  onRejected?(listener: (rejected: RejectedItems) => void): () => void;

  /**
   * When the source holds every job in the page, all of them (the store then filters,
   * sorts and aggregates itself); undefined for sources that must be asked page by page.
   */
  readonly allJobs?: () => Iterable<Job>;

  /** Connects the live stream again now, after it ended on an error (the user logged in again). */
  reconnect?(): void;

  /** Stops the live connection and every timer. */
  close(): void;
}
