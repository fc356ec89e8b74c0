/**
 * The store shared by the elements of a page: the query, the jobs it selects, the
 * aggregates, the live merge, the session and the connection. In memory mode it holds
 * every job and answers queries itself (`MemoryEngine`); in remote mode it asks the
 * source for the rows on screen and for the summary (`RemoteRows`).
 */
import {
  defaultQuery,
  type ClusterNode,
  type Job,
  type JobAnalysis,
  type JobListParams,
  type JobQuery,
  type JobSummary,
  type LiveEvent,
  type Session,
} from '../model/index.js';
import { jobMatcher, toListParams } from '../source/job-selection.js';
import { JobSourceError, type ConnectionState, type JobSource, type LiveBatch } from '../source/job-source.js';
import { ChangeBatcher, type ScheduleFrame } from './change-batcher.js';
import type { MemoryAnalysis } from './memory-analysis.js';
import type { MemoryEngine } from './memory-engine.js';
import type { RemoteAnalysis } from './remote-analysis.js';
import { RejectedCounter } from './rejected-tally.js';
import { RemoteRows } from './remote-rows.js';
import type { JobStoreApi, LoadStatus, RejectedTally, StoreChange, StoreMode } from './store-api.js';

export interface JobStoreOptions {
  /** `auto` (default): memory when the source holds every job (`allJobs`), else remote. */
  mode?: 'auto' | StoreMode;
  /** Rows per remote fetch (default 200). */
  windowSize?: number;
  /** Windows kept in remote mode, least recently used dropped first (default 50). */
  maxWindows?: number;
  /** Now, in epoch ms; resolves "last N days" and ends the timeline (default `Date.now`). */
  clock?: () => number;
  /** Runs a callback at the next frame (default: `requestAnimationFrame`, `setTimeout` while hidden). */
  scheduleFrame?: ScheduleFrame;
  /** Subscribe to the source's live events (default true). */
  live?: boolean;
  /** Shortest time between two summary refreshes caused by live events, in ms (remote mode, default 2000). */
  summaryThrottleMs?: number;
  /** Shortest time between two analysis refreshes caused by live events, in ms (remote mode, default 10000). */
  analysisThrottleMs?: number;
}

export class JobStore implements JobStoreApi {
  readonly source: JobSource;
  readonly mode: StoreMode;

  private currentQuery: JobQuery = defaultQuery();
  private params: JobListParams;
  private nodeList: readonly ClusterNode[] = [];
  private currentSession: Session | undefined;
  private connectionState: ConnectionState;
  private loadStatus: LoadStatus = 'idle';
  private loadError: JobSourceError | undefined;
  /** The source answered 401 (a request or the live stream) since the session was last known good. */
  private sessionLost = false;
  /** Memory mode: jobs created since the query was applied that match it (remote rows count them by id). */
  private added = 0;

  private readonly clock: () => number;
  private readonly summaryThrottleMs: number;
  private readonly live: boolean;
  private readonly batcher: ChangeBatcher;
  /** Memory mode's engine, loaded by the first load: a page in remote mode never downloads it. */
  private memory: MemoryEngine | undefined;
  private readonly remote: RemoteRows | undefined;
  private remoteSummary: JobSummary | undefined;
  /** Remote mode's analysis, its code loaded when an element first watches it. */
  private remoteAnalysis: RemoteAnalysis | undefined;
  private readonly analysisThrottleMs: number;
  /** Remote mode: the rows have been asked for, so the query's params hold (an analysis may be asked for too). */
  private remoteLoaded = false;
  /** Memory mode's analysis, made with its engine. */
  private memoryAnalysis: MemoryAnalysis | undefined;
  /** Requests of the current remote generation not yet answered. */
  private pendingLoads = 0;
  private settledWaiters: (() => void)[] = [];
  /** The rows the list asked for last: fetched again when the rows are reloaded. */
  private requested: [number, number] = [0, 1];
  /** A load has not yet reached its reload of the rows: rows asked for now wait for it (else they would be fetched twice). */
  private rowsAwaitLoad = false;
  private matcher: { params: JobListParams; matches: (job: Job) => boolean } | undefined;

  private started = false;
  private disposed = false;
  private loadRun = 0;
  private loadController: AbortController | undefined;
  private unsubscribeLive: (() => void) | undefined;
  private unsubscribeConnection: (() => void) | undefined;
  private unsubscribeRejected: (() => void) | undefined;
  private readonly rejectedCounter = new RejectedCounter();
  private summaryTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSummaryRefresh = -Infinity;

  constructor(source: JobSource, options: JobStoreOptions = {}) {
    this.source = source;
    const mode = options.mode ?? 'auto';
    this.mode = mode === 'auto' ? (source.allJobs ? 'memory' : 'remote') : mode;
    if (this.mode === 'memory' && !source.allJobs) throw new TypeError('memory mode needs a source with allJobs()');
    this.clock = options.clock ?? Date.now;
    this.summaryThrottleMs = options.summaryThrottleMs ?? 2000;
    this.live = options.live ?? true;
    this.analysisThrottleMs = options.analysisThrottleMs ?? 10_000;
    this.connectionState = source.connection;
    this.params = toListParams(this.currentQuery, this.clock());
    this.batcher = new ChangeBatcher(options.scheduleFrame, () => this.memory?.refresh());
    if (this.mode === 'remote') {
      this.remote = new RemoteRows(source, {
        windowSize: options.windowSize ?? 200,
        maxWindows: options.maxWindows ?? 50,
        onRows: (ids) => {
          for (const id of ids) this.batcher.job(id);
          this.batcher.mark({ rows: true });
        },
        onError: (error) => this.fail(error),
        onLoading: (delta) => this.loading(delta),
      });
    }
  }

  // --- query ---

  get query(): Readonly<JobQuery> {
    return this.currentQuery;
  }

  /**
   * Applies a change of the query at once, in both modes: a search box waits for the
   * typing to pause before it calls this (`<ac-job-list>` does), so the store adds no
   * wait of its own.
   */
  setQuery(patch: Partial<JobQuery>): void {
    this.currentQuery = { ...this.currentQuery, ...patch };
    this.batcher.mark({ query: true });
    this.applyQuery();
  }

  resetFilters(alsoSearch = false): void {
    const fresh = defaultQuery();
    this.setQuery(alsoSearch ? fresh : { ...fresh, q: this.currentQuery.q });
  }

  private applyQuery(): void {
    this.params = toListParams(this.currentQuery, this.clock());
    this.added = 0;
    if (!this.remote) {
      this.memoryAnalysis?.cancel();
      this.memory?.setParams(this.params);
      this.batcher.mark({ rows: true, summary: true });
    } else if (this.started && !this.disposed) {
      this.reloadRemote();
    }
  }

  // --- rows ---

  get total(): number {
    return this.remote ? this.remote.total : (this.memory?.total ?? 0);
  }

  jobAt(index: number): Job | undefined {
    return this.remote ? this.remote.jobAt(index) : this.memory?.jobAt(index);
  }

  indexOf(id: string): number {
    return this.remote ? this.remote.indexOf(id) : (this.memory?.indexOf(id) ?? -1);
  }

  requestRows(start: number, end: number): void {
    if (!this.remote) return;
    this.requested = [start, end];
    if (this.started && !this.disposed && this.loadStatus !== 'error' && !this.rowsAwaitLoad) this.remote.request(start, end);
  }

  /** Jobs created since the query was applied that match it (a "new jobs" hint; remote rows do not move for them). */
  get addedCount(): number {
    return this.remote ? this.remote.createdCount : this.added;
  }

  /**
   * Applies the query again: "last N days" moves to now, and in remote mode the rows and
   * the summary are loaded again (showing the jobs added since).
   */
  refresh(): void {
    this.applyQuery();
  }

  get summary(): JobSummary | undefined {
    if (!this.remote) return this.loadStatus === 'idle' ? undefined : this.memory?.summary;
    return this.remoteSummary;
  }

  get analysis(): JobAnalysis | undefined {
    if (this.remote) return this.remoteAnalysis?.value;
    const summary = this.summary;
    // A new summary means a new analysis: the query, the selected jobs or the timeline's buckets changed.
    return summary && this.memoryAnalysis?.read(summary, this.params);
  }

  get analysisLoading(): boolean {
    return this.remote ? (this.remoteAnalysis?.loading ?? false) : (this.memoryAnalysis?.counting ?? false);
  }

  get analysisError(): JobSourceError | undefined {
    return this.remoteAnalysis?.error;
  }

  watchAnalysis(): () => void {
    let watching = true;
    let stop: (() => void) | undefined;
    if (this.remote) {
      void this.remoteAnalysisModule().then((analysis) => {
        if (watching && !this.disposed) stop = analysis.watch();
      });
    }
    return () => {
      watching = false;
      stop?.();
    };
  }

  /** Remote mode's analysis, its module loaded the first time. */
  private async remoteAnalysisModule(): Promise<RemoteAnalysis> {
    if (!this.remoteAnalysis) {
      const { RemoteAnalysis } = await import('./remote-analysis.js');
      if (!this.remoteAnalysis) {
        this.remoteAnalysis = new RemoteAnalysis(
          this.source,
          (live) => (live ? this.batcher.markLive({ analysis: true }) : this.batcher.mark({ analysis: true })),
          this.analysisThrottleMs,
        );
        if (this.remoteLoaded) this.remoteAnalysis.reload(this.params);
      }
    }
    return this.remoteAnalysis;
  }

  get nodes(): readonly ClusterNode[] {
    return this.nodeList;
  }

  get session(): Session | undefined {
    return this.currentSession;
  }

  get authRequired(): boolean {
    return this.sessionLost;
  }

  get connection(): ConnectionState {
    return this.connectionState;
  }

  get status(): LoadStatus {
    return this.loadStatus;
  }

  get rejected(): RejectedTally {
    return this.rejectedCounter.tally;
  }

  get error(): JobSourceError | undefined {
    return this.loadError;
  }

  getJob(id: string): Job | undefined {
    return this.remote ? this.remote.get(id) : this.memory?.job(id);
  }

  async loadJob(id: string, signal?: AbortSignal): Promise<Job> {
    let job: Job;
    try {
      job = await this.source.getJob(id, signal);
    } catch (error) {
      if (error instanceof JobSourceError && error.kind === 'unauthenticated') this.loseSession();
      throw error;
    }
    if (this.disposed) return job;
    const remote = this.remote;
    if (!remote) {
      const memory = await this.memoryEngine();
      if (this.disposed) return job;
      this.mergeMemory(job, false, false);
      return memory.job(id) ?? job;
    }
    if (signal?.aborted) return job;
    // Held (so live events keep it current) until the watch ends.
    const held = remote.hold(job);
    if (held === job) this.batcher.job(id);
    signal?.addEventListener('abort', () => remote.unhold(id), { once: true });
    return held;
  }

  // --- session ---

  /** Logs in through the source, then loads everything. */
  async login(username: string, password: string, signal?: AbortSignal): Promise<Session> {
    const session = await this.source.login(username, password, signal);
    this.currentSession = session;
    this.sessionLost = false;
    this.batcher.mark({ session: true });
    if (this.started && !this.disposed) await this.load();
    return session;
  }

  /** Logs out through the source; the store then holds no session. */
  async logout(signal?: AbortSignal): Promise<void> {
    await this.source.logout(signal);
    this.currentSession = undefined;
    this.unsubscribeLive?.();
    this.unsubscribeLive = undefined;
    this.batcher.mark({ session: true });
  }

  // --- lifecycle ---

  subscribe(listener: (change: StoreChange) => void): () => void {
    return this.batcher.subscribe(listener);
  }

  async start(): Promise<void> {
    if (this.started || this.disposed) return;
    this.started = true;
    this.unsubscribeConnection = this.source.onConnectionChange((state) => {
      const wasLive = this.connectionState.status === 'live';
      this.connectionState = state;
      this.batcher.mark({ connection: true });
      // The stream ended for want of a session: the user must log in again, whatever the rows say.
      if (state.status === 'error' && state.error?.kind === 'unauthenticated') this.loseSession();
      // The server is back: a load that failed for want of it is run again.
      const kind = this.loadError?.kind;
      if (state.status === 'live' && !wasLive && (kind === 'network' || kind === 'server')) this.retry();
    });
    this.connectionState = this.source.connection;
    this.unsubscribeRejected = this.source.onRejected?.((report) => {
      if (this.rejectedCounter.add(report)) this.batcher.mark({ rejected: true });
    });
    await this.load();
  }

  /** Loads again what failed; a live stream that ended on an error connects again. */
  retry(): void {
    if (!this.started || this.disposed) return;
    if (this.connectionState.status === 'error') this.source.reconnect?.();
    void this.load();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loadController?.abort();
    this.remote?.reset({});
    this.unsubscribeLive?.();
    this.unsubscribeConnection?.();
    this.unsubscribeRejected?.();
    this.unsubscribeLive = this.unsubscribeConnection = this.unsubscribeRejected = undefined;
    clearTimeout(this.summaryTimer);
    this.remoteAnalysis?.dispose();
    this.memoryAnalysis?.cancel();
    this.batcher.dispose();
    this.wakeSettledWaiters();
  }

  /** Session, nodes, then the rows and the summary; the live stream once the session is known. */
  private async load(): Promise<void> {
    const run = ++this.loadRun;
    this.loadController?.abort();
    const controller = (this.loadController = new AbortController());
    this.rowsAwaitLoad = this.remote !== undefined;
    this.loadError = undefined;
    this.setStatus('loading');
    try {
      const session = await this.source.getSession(controller.signal);
      if (run !== this.loadRun) return;
      this.currentSession = session;
      this.sessionLost = false;
      this.batcher.mark({ session: true });
      const nodes = await this.source.listNodes(controller.signal);
      if (run !== this.loadRun) return;
      this.nodeList = nodes;
      this.batcher.mark({ nodes: true });
      // Before the live events: memory mode merges them into its engine.
      const memory = this.remote ? undefined : await this.memoryEngine();
      if (run !== this.loadRun) return;
      if (this.live) this.unsubscribeLive ??= this.source.subscribe((batch) => this.onLive(batch));
      if (memory) {
        this.memoryAnalysis?.cancel();
        memory.setNodeIds(nodes.map((n) => n.id));
        memory.load(this.source.allJobs!());
        this.params = toListParams(this.currentQuery, this.clock());
        memory.setParams(this.params);
        this.batcher.mark({ rows: true, summary: true });
        this.setStatus('ready');
      } else {
        this.reloadRemote();
        await this.remoteSettled();
      }
    } catch (error) {
      if (run === this.loadRun) this.fail(error);
    }
  }

  /** The memory-mode engine, its module loaded the first time. */
  private async memoryEngine(): Promise<MemoryEngine> {
    if (!this.memory) {
      const [{ MemoryEngine }, { MemoryAnalysis }] = await Promise.all([import('./memory-engine.js'), import('./memory-analysis.js')]);
      if (!this.memory) {
        const memory = (this.memory = new MemoryEngine(this.params, this.clock));
        this.memoryAnalysis = new MemoryAnalysis(memory, this.clock, (live) =>
          live ? this.batcher.markLive({ analysis: true }) : this.batcher.mark({ analysis: true }),
        );
      }
    }
    return this.memory;
  }

  /** Resolves when the remote requests under way have all answered (or one failed). */
  private remoteSettled(): Promise<void> {
    if (this.pendingLoads <= 0 || this.loadStatus === 'error' || this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private wakeSettledWaiters(): void {
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private reloadRemote(): void {
    const remote = this.remote!;
    remote.reset(this.params);
    this.rowsAwaitLoad = false;
    this.pendingLoads = 0;
    this.loadError = undefined;
    this.batcher.mark({ rows: true });
    remote.request(...this.requested);
    this.fetchSummary();
    this.remoteLoaded = true;
    this.remoteAnalysis?.reload(this.params);
  }

  /**
   * The summary of the query (and with it the total). A background refresh, caused by
   * live events, neither shows as loading nor turns a failure into an error: the
   * previous summary stays until the next one.
   */
  private fetchSummary(background = false): void {
    const remote = this.remote!;
    const token = remote.token;
    this.lastSummaryRefresh = performance.now();
    if (!background) this.loading(1);
    this.source.summarize(this.params, remote.signal).then(
      (summary) => {
        if (token !== remote.token || this.disposed) return;
        this.remoteSummary = summary;
        remote.total = summary.total;
        if (background) this.batcher.markLive({ summary: true, rows: true });
        else this.batcher.mark({ summary: true, rows: true });
        if (!background) this.loading(-1);
      },
      (error: unknown) => {
        if (background && error instanceof JobSourceError && error.kind === 'unauthenticated') this.loseSession();
        if (token !== remote.token || this.disposed || background) return;
        this.loading(-1);
        this.fail(error);
      },
    );
  }

  /** Live events changed what the summary counts: refresh it, at most once per `summaryThrottleMs`. */
  private scheduleSummaryRefresh(): void {
    if (this.summaryTimer !== undefined || this.disposed) return;
    // Real time, not the injected clock: this paces requests.
    const wait = Math.max(0, this.lastSummaryRefresh + this.summaryThrottleMs - performance.now());
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = undefined;
      if (!this.disposed && this.loadStatus !== 'error' && this.loadStatus !== 'idle') this.fetchSummary(true);
    }, wait);
  }

  private loading(delta: 1 | -1): void {
    this.pendingLoads += delta;
    if (this.pendingLoads <= 0) this.wakeSettledWaiters();
    if (this.loadStatus === 'error') return;
    this.setStatus(this.pendingLoads > 0 ? 'loading' : 'ready');
  }

  private fail(error: unknown): void {
    const failure = toSourceError(error);
    if (failure.kind === 'aborted' || this.disposed) return;
    this.loadError = failure;
    if (failure.kind === 'unauthenticated') this.loseSession();
    this.setStatus('error');
    this.wakeSettledWaiters();
  }

  /** A 401 from anywhere: nobody is logged in any more, until a login or a load that succeeds. */
  private loseSession(): void {
    if (this.sessionLost || this.disposed) return;
    this.sessionLost = true;
    this.currentSession = undefined;
    this.batcher.mark({ session: true });
  }

  private setStatus(status: LoadStatus): void {
    if (status === this.loadStatus) return;
    this.loadStatus = status;
    this.batcher.mark({ status: true });
  }

  // --- live merge ---

  private onLive(batch: LiveBatch): void {
    if (this.disposed) return;
    for (const event of batch.events) this.onEvent(event);
  }

  private onEvent(event: LiveEvent): void {
    if (event.type === 'resync') {
      if (!this.remote) {
        void this.load();
      } else if (this.loadStatus !== 'error') {
        this.reloadRemote();
      }
      return;
    }
    if (!this.remote) this.mergeMemory(event.job, event.type === 'job.created');
    else this.mergeRemote(event.job, event.type === 'job.created');
  }

  private mergeMemory(job: Job, created: boolean, live = true): void {
    const result = this.memory!.apply(job);
    if (!result.applied) return;
    this.batcher.job(job.id);
    if (result.isNew && result.matches) {
      this.batcher.added(job.id);
      if (created) this.added++;
    }
    if (result.matches || result.wasSelected) {
      if (live) this.batcher.markLive({ rows: true, summary: true });
      else this.batcher.mark({ rows: true, summary: true });
    }
  }

  private matches(job: Job): boolean {
    if (this.matcher?.params !== this.params) this.matcher = { params: this.params, matches: jobMatcher(this.params) };
    return this.matcher.matches(job);
  }

  private mergeRemote(job: Job, created: boolean): void {
    const remote = this.remote!;
    if (remote.merge(job)) {
      this.batcher.job(job.id);
      this.batcher.markLive({ rows: true });
    } else if (created && !remote.get(job.id) && this.matches(job)) {
      // By id: rows loading meanwhile may show it already, and then it is not "new".
      remote.noteCreated(job.id);
      this.batcher.added(job.id);
      this.batcher.markLive({ rows: true });
    }
    this.scheduleSummaryRefresh();
    this.remoteAnalysis?.liveChanged();
  }
}

function toSourceError(error: unknown): JobSourceError {
  if (error instanceof JobSourceError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return new JobSourceError('aborted', error.message);
  return new JobSourceError('network', error instanceof Error ? error.message : String(error));
}
