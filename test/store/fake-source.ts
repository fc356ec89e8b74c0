/**
 * A small in-test `JobSource` over an array, answering with the query functions of
 * `job-query.ts`, with hooks to slow down or fail calls and to push live events.
 * `remote: true` hides `allJobs`, so a store runs in remote mode over it.
 */
import {
  DATA_ADMINISTRATOR,
  type ClusterNode,
  type Job,
  type JobListParams,
  type JobSummary,
  type LiveEvent,
  type Session,
} from '../../src/model/index.js';
import { jobComparator, jobMatcher, summarize } from '../../src/source/job-query.js';
import {
  JobSourceError,
  type ConnectionState,
  type FilePageResult,
  type JobPageResult,
  type JobSource,
  type LiveBatch,
} from '../../src/source/job-source.js';

export interface FakeCall {
  method: 'listJobs' | 'summarize' | 'getJob' | 'getSession' | 'listNodes';
  params?: JobListParams;
}

export class FakeSource implements JobSource {
  readonly jobs = new Map<string, Job>();
  readonly calls: FakeCall[] = [];
  /** Runs before each call answers: wait, throw, or let it through. */
  gate: (call: FakeCall, signal?: AbortSignal) => Promise<void> | void = () => {};
  readonly allJobs: (() => Iterable<Job>) | undefined;
  private readonly listeners = new Set<(batch: LiveBatch) => void>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  connection: ConnectionState = { status: 'idle' };
  closed = false;
  /** When false, an aborted call still answers (a source that ignores the signal). */
  honourAbort = true;

  constructor(
    jobs: Iterable<Job>,
    readonly nodes: ClusterNode[],
    options: { remote?: boolean; now?: number } = {},
  ) {
    for (const job of jobs) this.jobs.set(job.id, job);
    this.allJobs = options.remote ? undefined : () => this.jobs.values();
    this.now = options.now ?? Date.now();
  }

  now: number;

  private async answer<T>(call: FakeCall, signal: AbortSignal | undefined, value: () => T): Promise<T> {
    this.calls.push(call);
    await this.gate(call, signal);
    if (signal?.aborted && this.honourAbort) throw new JobSourceError('aborted', 'aborted');
    return value();
  }

  private select(params: JobListParams): Job[] {
    return [...this.jobs.values()].filter(jobMatcher(params)).sort(jobComparator(params.sort, params.order));
  }

  listNodes(signal?: AbortSignal): Promise<ClusterNode[]> {
    return this.answer({ method: 'listNodes' }, signal, () => structuredClone(this.nodes));
  }

  listJobs(params: JobListParams, signal?: AbortSignal): Promise<JobPageResult> {
    return this.answer({ method: 'listJobs', params }, signal, () => {
      const rows = this.select(params);
      const offset = params.offset ?? 0;
      const items = rows.slice(offset, offset + (params.limit ?? 100));
      return { items, nextCursor: null, total: rows.length, rejected: [] };
    });
  }

  summarize(params: JobListParams, signal?: AbortSignal): Promise<JobSummary> {
    return this.answer({ method: 'summarize', params }, signal, () =>
      summarize(
        this.select(params),
        params,
        this.nodes.map((n) => n.id),
        this.now,
      ),
    );
  }

  getJob(id: string, signal?: AbortSignal): Promise<Job> {
    return this.answer({ method: 'getJob' }, signal, () => {
      const job = this.jobs.get(id);
      if (!job) throw new JobSourceError('not-found', `no job ${id}`, { status: 404 });
      return job;
    });
  }

  listFiles(): Promise<FilePageResult> {
    return Promise.resolve({ items: [], nextCursor: null, total: 0, byStatus: {}, rejected: [] });
  }

  session: Session | undefined = { user: { name: 'admin', roles: [DATA_ADMINISTRATOR] } };

  getSession(signal?: AbortSignal): Promise<Session> {
    return this.answer({ method: 'getSession' }, signal, () => {
      if (!this.session) throw new JobSourceError('unauthenticated', 'log in', { status: 401 });
      return this.session;
    });
  }

  login(username: string): Promise<Session> {
    this.session = { user: { name: username, roles: [DATA_ADMINISTRATOR] } };
    return Promise.resolve(this.session);
  }

  logout(): Promise<void> {
    this.session = undefined;
    return Promise.resolve();
  }

  subscribe(listener: (batch: LiveBatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  setConnection(state: ConnectionState): void {
    this.connection = state;
    for (const listener of this.connectionListeners) listener(state);
  }

  /** Holds the newest version of each job (as a server would) and delivers the events as they are given. */
  emit(events: LiveEvent[]): void {
    for (const event of events) {
      if (event.type === 'resync') continue;
      const held = this.jobs.get(event.job.id);
      if (!held || held.version < event.job.version) this.jobs.set(event.job.id, event.job);
    }
    for (const listener of this.listeners) listener({ events });
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}
