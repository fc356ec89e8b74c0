/**
 * The public face of `JobStore`, what elements rely on. One store is shared by every
 * element of a page; it owns the query, the jobs it selects, the aggregates and the
 * live merge. Implemented by `job-store.ts`.
 */
import type { ClusterNode, Job, JobAnalysis, JobQuery, JobSummary, Session } from '../model/index.js';
import type { ConnectionState, JobSource, JobSourceError, RejectedKind } from '../source/job-source.js';

/**
 * `memory`: every job is held in the page; filter, sort and aggregates run here.
 * `remote`: the store asks the source for the rows the list shows and for aggregates.
 */
export type StoreMode = 'memory' | 'remote';

/** What a data read is doing. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The items the source left out since the store started because they broke the contract,
 * each counted once however often it is fetched again (a page scrolled back to, a running
 * job's files refreshed).
 */
export interface RejectedTally {
  /** Items left out, of every kind. */
  readonly count: number;
  /** Per kind: how many, and the fields at fault with how many items each, in the order first seen. */
  readonly kinds: Readonly<Partial<Record<RejectedKind, { readonly count: number; readonly fields: ReadonlyMap<string, number> }>>>;
}

/** What changed since the last notification (several flags may be set at once). */
export interface StoreChange {
  query: boolean;
  /** The selected rows (their number, order, or content) changed. */
  rows: boolean;
  summary: boolean;
  /** The analysis (remote mode; in memory mode it follows the summary, which is then marked). */
  analysis: boolean;
  nodes: boolean;
  connection: boolean;
  status: boolean;
  session: boolean;
  /** The source left out more items (`JobStoreApi.rejected`). */
  rejected: boolean;
  /** Ids of jobs whose content changed (for the detail view and row updates). */
  jobs: ReadonlySet<string>;
  /** Ids of jobs that appeared and match the query. */
  added: ReadonlySet<string>;
  /**
   * Everything here came from live events (no load, query, fetched rows, session or
   * connection change): an element may show it a little later, to keep up with a firehose.
   */
  live: boolean;
}

export interface JobStoreApi {
  readonly source: JobSource;
  readonly mode: StoreMode;

  /** The shared query; `setQuery` merges a patch and reloads what depends on it. */
  readonly query: Readonly<JobQuery>;
  setQuery(patch: Partial<JobQuery>): void;
  /** Back to every job, newest first; keeps the search text unless `alsoSearch`. */
  resetFilters(alsoSearch?: boolean): void;

  readonly nodes: readonly ClusterNode[];
  /** Who is logged in; undefined before the first load, and once the server says nobody is. */
  readonly session: Session | undefined;
  /**
   * The server answered 401 (to any request, or on the live stream): the user must log in
   * again (or the host page give a new token), then `retry()` resumes where the page was.
   * False again after a login or a load that succeeds.
   */
  readonly authRequired: boolean;

  /** How many jobs the query selects. */
  readonly total: number;
  /**
   * The job at a row of the sorted selection, or undefined while that row's window
   * is being fetched (remote mode); call `requestRows` for the rows on screen.
   */
  jobAt(index: number): Job | undefined;
  /** Row index of a job in the selection, or -1 (memory mode; -1 when unknown in remote mode). */
  indexOf(id: string): number;
  /** Ask for rows [start, end) to be available; remote mode fetches their window. */
  requestRows(start: number, end: number): void;

  /**
   * Jobs created since the query was last applied that match it. Remote rows do not move
   * for them (a "new jobs" hint); `refresh()` shows them.
   */
  readonly addedCount: number;
  /** Applies the query again: "last N days" moves to now; remote mode loads rows and summary again. */
  refresh(): void;

  /** The aggregates of the query. */
  readonly summary: JobSummary | undefined;

  /**
   * The analysis of the query (`model/analysis.ts`), kept up to date while someone
   * watches it (`watchAnalysis`). Memory mode computes it when read; remote mode asks
   * the source. Undefined until there is one.
   */
  readonly analysis: JobAnalysis | undefined;
  /** Whether the analysis of a new query is on its way (asked for, or being counted in memory mode). */
  readonly analysisLoading: boolean;
  /** Why the last analysis could not be had (remote mode), until one is had. */
  readonly analysisError: JobSourceError | undefined;
  /** Keeps `analysis` up to date until the returned function is called (an element, while connected). */
  watchAnalysis(): () => void;

  /** Loading state of the rows and the summary. */
  readonly status: LoadStatus;
  readonly error: JobSourceError | undefined;
  /** Runs the failed loads again. */
  retry(): void;

  /** The live connection. */
  readonly connection: ConnectionState;

  /** Items the source left out because they broke the contract (a source may tell them: `onRejected`). */
  readonly rejected: RejectedTally;

  /**
   * A job by id if the store holds it (memory mode, or a loaded row, or a watched job).
   * Read-only: memory mode makes it from its columns, equal to what the source sent and
   * the same object from one read to the next until the job changes.
   */
  getJob(id: string): Job | undefined;
  /**
   * Loads one job (for the detail view) and keeps it live while watched: in remote mode
   * until `signal` aborts (without a signal, until the store is disposed).
   */
  loadJob(id: string, signal?: AbortSignal): Promise<Job>;

  /** Logs in through the source, then loads everything again. */
  login(username: string, password: string, signal?: AbortSignal): Promise<Session>;
  /** Logs out through the source; the store then holds no session and stops listening. */
  logout(signal?: AbortSignal): Promise<void>;

  /** Notifies at most once per animation frame, with everything that changed since. */
  subscribe(listener: (change: StoreChange) => void): () => void;

  /** Loads session, nodes, rows and summary, and opens the live stream. */
  start(): Promise<void>;
  /** Closes the live stream and every timer. */
  dispose(): void;
}
