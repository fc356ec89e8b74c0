/**
 * Jobs held in the page: fed by a cluster simulator (run in real time while someone
 * listens) or by the host page (`upsert`). Every call is answered from what it holds,
 * with the query semantics of `job-query.ts`, so it behaves as the HTTP source does.
 */
import {
  DATA_ADMINISTRATOR,
  SORT_KEYS,
  validateClusterNode,
  validateJob,
  validateJobFile,
  type ClusterNode,
  type FileListParams,
  type FilePage,
  type Job,
  type JobChangeEvent,
  type JobAnalysis,
  type JobListParams,
  type JobSummary,
  type Session,
} from '../model/index.js';
import {
  JobSourceError,
  abortedError,
  type ConnectionState,
  type FilePageResult,
  type JobPageResult,
  type JobSource,
  type LiveBatch,
  type RejectedItems,
  type RejectedKind,
} from './job-source.js';
import { decodeCursor, encodeCursor, indexAfterCursor, jobComparator, jobMatcher, sortValue, summarize } from './job-query.js';
import { analyze } from './job-analysis.js';
import { ListenerSet } from './listener-set.js';
import { documentVisibility, type PageVisibility } from './page-lifecycle.js';

/** The reference server's paging bounds, so both sources accept and refuse the same pages. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/** Refusals kept in `rejected`, newest last. */
const REJECTED_KEPT = 100;

/**
 * What this source needs of a cluster simulator (structural, so the source layer does not
 * depend on `simulator/`).
 */
export interface ClusterSimulatorLike {
  readonly nodes: readonly ClusterNode[];
  /** The simulated clock, epoch ms. */
  readonly now: number;
  /** Every job, oldest first. */
  jobs(): Iterable<Job>;
  job(id: string): Job | undefined;
  /** Runs the simulation `ms` further; its events also go to the `onEvent` listeners. */
  advance(ms: number): unknown;
  onEvent(listener: (event: JobChangeEvent) => void): () => void;
  /** Throws a RangeError for an unknown job or a bad parameter (the message starts with its name). */
  listFiles(jobId: string, params: FileListParams): FilePage;
}

export interface MemoryJobSourceOptions {
  /** The jobs to start with (checked; the invalid ones are skipped and listed in `rejected`). */
  jobs?: Iterable<Job>;
  nodes?: ClusterNode[];
  /** Where jobs come from instead of `jobs`/`upsert`: its nodes, jobs, events and files. */
  simulator?: ClusterSimulatorLike;
  /** How often the simulation advances while someone listens. Default 1000 ms. */
  tickMs?: number;
  /** The name of the always-logged-in Data Administrator. Default `local`. */
  user?: string;
  /** The files of a job when there is no simulator; without it, a job has no files. */
  files?: (jobId: string, params: FileListParams) => FilePage | Promise<FilePage>;
  /** Whether the page is seen (the simulation pauses while hidden). Default: the document's. */
  visibility?: PageVisibility;
}

function notFound(id: string): JobSourceError {
  return new JobSourceError('not-found', `No job has the id ${JSON.stringify(id)}.`, { status: 404, code: 'not_found' });
}

function badParameter(parameter: string, message: string): JobSourceError {
  return new JobSourceError('bad-request', message, { status: 400, code: 'bad_parameter', parameter });
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badParameter('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}, not ${limit}.`);
  }
  return limit;
}

function checkOffset(offset: number | undefined): number {
  if (offset === undefined) return 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw badParameter('offset', `offset must be a whole number at least 0, not ${offset}.`);
  }
  return offset;
}

export class MemoryJobSource implements JobSource {
  readonly #jobs = new Map<string, Job>();
  #nodes: ClusterNode[];
  readonly #simulator: ClusterSimulatorLike | undefined;
  readonly #tickMs: number;
  readonly #session: Session;
  readonly #files: MemoryJobSourceOptions['files'];
  readonly #visibility: PageVisibility;
  readonly #rejected: string[] = [];
  readonly #subscribers = new ListenerSet<LiveBatch>();
  readonly #connectionListeners = new ListenerSet<ConnectionState>();
  readonly #rejectedListeners = new ListenerSet<RejectedItems>();
  #connection: ConnectionState = { status: 'idle' };
  #seq = 0;
  /** Events of the current task, delivered together as one batch. */
  #pending: JobChangeEvent[] = [];
  #unwatchSimulator: (() => void) | undefined;
  #unwatchVisibility: (() => void) | undefined;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #lastTick = 0;

  constructor(options: MemoryJobSourceOptions = {}) {
    this.#simulator = options.simulator;
    this.#tickMs = options.tickMs ?? 1000;
    this.#session = { user: { name: options.user ?? 'local', roles: [DATA_ADMINISTRATOR] } };
    this.#files = options.files;
    this.#visibility = options.visibility ?? documentVisibility();
    this.#nodes = [];
    if (options.nodes) this.setNodes(options.nodes);
    if (this.#simulator) {
      for (const job of this.#simulator.jobs()) this.#jobs.set(job.id, job);
      this.#unwatchSimulator = this.#simulator.onEvent((event) => this.#relay(event));
    }
    if (options.jobs) this.#merge(Array.from(options.jobs), false);
  }

  /** Every job held (the store then filters, sorts and aggregates in the page). */
  readonly allJobs = (): Iterable<Job> => this.#jobs.values();

  /** The last refusals of jobs or nodes given to this source, one message each (the field is named). */
  get rejected(): readonly string[] {
    return this.#rejected;
  }

  /**
   * Adds or replaces jobs (the host page feeds the source). A job replaces the one held
   * only with a greater `version`; each change is one `job.created`/`job.updated` event.
   * Returns one message per job refused because it breaks the contract.
   */
  upsert(jobs: Job | readonly Job[]): string[] {
    if (this.#simulator) throw new Error('MemoryJobSource: the simulator owns the jobs; upsert is for a source the page feeds.');
    return this.#merge(Array.isArray(jobs) ? jobs : [jobs as Job], true);
  }

  /** Replaces the nodes (checked; invalid ones are skipped and listed in `rejected`). */
  setNodes(nodes: readonly ClusterNode[]): string[] {
    const kept: ClusterNode[] = [];
    const refused: string[] = [];
    const fields: string[] = [];
    nodes.forEach((node, index) => {
      const checked = validateClusterNode(node);
      if (checked.ok) {
        kept.push(checked.value);
      } else {
        refused.push(`nodes[${index}]: ${checked.error}`);
        fields.push(checked.field);
      }
    });
    this.#nodes = kept;
    this.#noteRejected('node', 'setNodes', refused, fields);
    return refused;
  }

  async listNodes(signal?: AbortSignal): Promise<ClusterNode[]> {
    this.#check(signal);
    return [...(this.#simulator?.nodes ?? this.#nodes)];
  }

  async listJobs(params: JobListParams, signal?: AbortSignal): Promise<JobPageResult> {
    this.#check(signal);
    const sort = params.sort ?? 'createdAt';
    const order = params.order ?? 'desc';
    if (!SORT_KEYS.includes(sort)) throw badParameter('sort', `sort must be one of ${SORT_KEYS.join(', ')}, not ${JSON.stringify(sort)}.`);
    if (order !== 'asc' && order !== 'desc') throw badParameter('order', `order must be asc or desc, not ${JSON.stringify(order)}.`);
    const limit = checkLimit(params.limit);
    const rows = this.#select(params).sort(jobComparator(sort, order));
    let start: number;
    if (params.cursor !== undefined && params.offset !== undefined) {
      throw badParameter('offset', 'offset cannot be given with cursor: the cursor already says where the page starts.');
    }
    if (params.cursor !== undefined) {
      const position = decodeCursor(params.cursor);
      if (!position || position.sort !== sort || position.order !== order) {
        throw badParameter('cursor', 'cursor is not a cursor this source gave for this sort.');
      }
      start = indexAfterCursor(rows, position);
    } else {
      start = checkOffset(params.offset);
    }
    const items = rows.slice(start, start + limit);
    const last = items[items.length - 1];
    const nextCursor =
      last && start + limit < rows.length ? encodeCursor({ value: sortValue(last, sort), id: last.id, sort, order }) : null;
    return { items, nextCursor, total: rows.length, rejected: [] };
  }

  async summarize(params: JobListParams, signal?: AbortSignal): Promise<JobSummary> {
    this.#check(signal);
    const nodeIds = (this.#simulator?.nodes ?? this.#nodes).map((node) => node.id);
    return summarize(this.#select(params), params, nodeIds, this.#simulator?.now ?? Date.now());
  }

  async analyze(params: JobListParams, signal?: AbortSignal): Promise<JobAnalysis> {
    this.#check(signal);
    return analyze(this.#select(params), params, this.#simulator?.now ?? Date.now());
  }

  async getJob(id: string, signal?: AbortSignal): Promise<Job> {
    this.#check(signal);
    const job = this.#jobs.get(id);
    if (!job) throw notFound(id);
    return job;
  }

  async listFiles(jobId: string, params: FileListParams, signal?: AbortSignal): Promise<FilePageResult> {
    this.#check(signal);
    let page: FilePage;
    if (this.#simulator) {
      if (!this.#simulator.job(jobId)) throw notFound(jobId);
      try {
        page = this.#simulator.listFiles(jobId, params);
      } catch (error) {
        // The simulator refuses a bad parameter with a RangeError whose message starts with its name.
        if (error instanceof RangeError) throw badParameter(/^(\w+):/.exec(error.message)?.[1] ?? 'params', error.message);
        throw error;
      }
      return { ...page, rejected: [] };
    }
    if (!this.#jobs.has(jobId)) throw notFound(jobId);
    if (!this.#files) return { items: [], nextCursor: null, total: 0, byStatus: {}, rejected: [] };
    page = await this.#files(jobId, params);
    this.#check(signal);
    const items: FilePage['items'] = [];
    const rejected: string[] = [];
    const fields: string[] = [];
    page.items.forEach((file, index) => {
      const checked = validateJobFile(file);
      if (checked.ok) {
        items.push(checked.value);
      } else {
        rejected.push(`items[${index}]: ${checked.error}`);
        fields.push(checked.field);
      }
    });
    this.#tellRejected('file', `files of ${JSON.stringify(jobId)}`, rejected, fields);
    return { ...page, items, rejected };
  }

  async getSession(signal?: AbortSignal): Promise<Session> {
    this.#check(signal);
    return structuredClone(this.#session);
  }

  async login(_username: string, _password: string, signal?: AbortSignal): Promise<Session> {
    return this.getSession(signal);
  }

  async logout(signal?: AbortSignal): Promise<void> {
    this.#check(signal);
  }

  subscribe(listener: (batch: LiveBatch) => void): () => void {
    const remove = this.#subscribers.add(listener);
    if (this.#subscribers.size === 1) {
      this.#unwatchVisibility = this.#visibility.onChange(() => this.#settle());
      this.#settle();
    }
    return () => {
      if (!remove() || this.#subscribers.size) return;
      this.#stopLive();
    };
  }

  get connection(): ConnectionState {
    return this.#connection;
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    const remove = this.#connectionListeners.add(listener);
    return () => void remove();
  }

  onRejected(listener: (rejected: RejectedItems) => void): () => void {
    const remove = this.#rejectedListeners.add(listener);
    return () => void remove();
  }

  /** Stops the simulation's clock, forgets every listener and lets go of the simulator. */
  close(): void {
    this.#subscribers.clear();
    this.#stopLive();
    this.#connectionListeners.clear();
    this.#rejectedListeners.clear();
    this.#unwatchSimulator?.();
    this.#unwatchSimulator = undefined;
  }

  #select(params: JobListParams): Job[] {
    const matches = jobMatcher(params);
    const rows: Job[] = [];
    for (const job of this.#jobs.values()) if (matches(job)) rows.push(job);
    return rows;
  }

  #check(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw abortedError();
  }

  #merge(jobs: readonly unknown[], announce: boolean): string[] {
    const refused: string[] = [];
    const fields: string[] = [];
    const events: JobChangeEvent[] = [];
    jobs.forEach((candidate, index) => {
      const checked = validateJob(candidate);
      if (!checked.ok) {
        const id = (candidate as { id?: unknown } | null)?.id;
        refused.push(`jobs[${index}]${typeof id === 'string' ? ` (id ${JSON.stringify(id)})` : ''}: ${checked.error}`);
        fields.push(checked.field);
        return;
      }
      const job = checked.value;
      const held = this.#jobs.get(job.id);
      if (held && held.version >= job.version) return;
      this.#jobs.set(job.id, job);
      if (announce) events.push({ type: held ? 'job.updated' : 'job.created', seq: ++this.#seq, job });
    });
    this.#noteRejected('job', announce ? 'upsert' : 'jobs', refused, fields);
    if (events.length) this.#subscribers.emit({ events });
    return refused;
  }

  /** Refusals of what the page gave (jobs, nodes): kept in `rejected` and told. */
  #noteRejected(kind: RejectedKind, from: string, messages: string[], fields: string[]): void {
    if (!messages.length) return;
    this.#rejected.push(...messages);
    this.#rejected.splice(0, Math.max(0, this.#rejected.length - REJECTED_KEPT));
    this.#tellRejected(kind, from, messages, fields);
  }

  #tellRejected(kind: RejectedKind, from: string, messages: string[], fields: string[]): void {
    if (messages.length) this.#rejectedListeners.emit({ kind, from, count: messages.length, fields, messages });
  }

  /** A simulator event: held at once, handed on with the others of the same task. */
  #relay(event: JobChangeEvent): void {
    this.#jobs.set(event.job.id, event.job);
    if (!this.#subscribers.size) return;
    if (!this.#pending.length) {
      queueMicrotask(() => {
        const events = this.#pending;
        this.#pending = [];
        if (events.length) this.#subscribers.emit({ events });
      });
    }
    this.#pending.push(event);
  }

  /** Runs the simulation while someone listens and the page is seen. */
  #settle(): void {
    if (!this.#subscribers.size) return;
    if (!this.#simulator) {
      this.#setConnection({ status: 'live' });
      return;
    }
    if (this.#visibility.hidden()) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
      this.#setConnection({ status: 'paused' });
      return;
    }
    if (this.#ticker === undefined) {
      this.#lastTick = performance.now();
      this.#ticker = setInterval(() => this.#tick(), this.#tickMs);
    }
    this.#setConnection({ status: 'live' });
  }

  #tick(): void {
    const elapsed = Math.floor(performance.now() - this.#lastTick);
    this.#lastTick += elapsed;
    if (elapsed > 0) this.#simulator?.advance(elapsed);
  }

  #stopLive(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
    this.#unwatchVisibility?.();
    this.#unwatchVisibility = undefined;
    this.#pending = [];
    this.#setConnection({ status: 'idle' });
  }

  #setConnection(state: ConnectionState): void {
    if (state.status === this.#connection.status) return;
    this.#connection = state;
    this.#connectionListeners.emit(state);
  }
}
