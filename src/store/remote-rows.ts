/**
 * Remote-mode rows: the store never holds the whole selection, only the windows of
 * rows the list asked for (a bounded LRU), each fetched with `offset` + `limit`. Every
 * request carries the query's generation: an answer to an older query is dropped.
 */
import type { Job, JobListParams } from '../model/index.js';
import type { JobPageResult, JobSource } from '../source/job-source.js';

export interface RemoteRowsOptions {
  windowSize: number;
  maxWindows: number;
  /** Rows arrived (or were dropped); `ids` of jobs whose content changed. */
  onRows(ids: readonly string[]): void;
  /** A window request failed (never called for aborted or stale requests). */
  onError(error: unknown): void;
  /** A request of the current generation started or settled. */
  onLoading(delta: 1 | -1): void;
}

export class RemoteRows {
  /** Window index → ids of its rows, least recently used first. */
  private readonly windows = new Map<number, string[]>();
  private readonly inFlight = new Set<number>();
  /** The newest version known of every job in a window or watched, with how many hold it. */
  private readonly held = new Map<string, { job: Job; refs: number }>();
  private generation = 0;
  private controller = new AbortController();
  private params: JobListParams = {};
  total = 0;

  constructor(
    private readonly source: JobSource,
    private readonly options: RemoteRowsOptions,
  ) {}

  /** A new query: every held window is dropped and stale requests are aborted. */
  reset(params: JobListParams): void {
    this.generation++;
    this.controller.abort();
    this.controller = new AbortController();
    this.params = params;
    for (const ids of this.windows.values()) this.release(ids);
    this.windows.clear();
    this.inFlight.clear();
  }

  /** The generation's abort signal, for other requests of the same query (the summary). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** A token that is current until the next `reset`. */
  get token(): number {
    return this.generation;
  }

  request(start: number, end: number): void {
    const size = this.options.windowSize;
    const last = Math.max(start, end - 1);
    for (let w = Math.floor(Math.max(0, start) / size); w <= Math.floor(Math.max(0, last) / size); w++) {
      const ids = this.windows.get(w);
      if (ids) {
        this.windows.delete(w);
        this.windows.set(w, ids);
      } else if (!this.inFlight.has(w)) void this.fetchWindow(w);
    }
  }

  jobAt(index: number): Job | undefined {
    const size = this.options.windowSize;
    const ids = this.windows.get(Math.floor(index / size));
    const id = ids?.[index % size];
    return id === undefined ? undefined : this.held.get(id)?.job;
  }

  indexOf(id: string): number {
    for (const [w, ids] of this.windows) {
      const i = ids.indexOf(id);
      if (i >= 0) return w * this.options.windowSize + i;
    }
    return -1;
  }

  get(id: string): Job | undefined {
    return this.held.get(id)?.job;
  }

  /** Keeps the newest version of a job; true when `job` replaced what was held. */
  merge(job: Job): boolean {
    const entry = this.held.get(job.id);
    if (!entry || job.version <= entry.job.version) return false;
    entry.job = job;
    return true;
  }

  /** Holds a job outside any window (a watched job) until `unhold`. */
  hold(job: Job): Job {
    const entry = this.held.get(job.id);
    if (!entry) {
      this.held.set(job.id, { job, refs: 1 });
      return job;
    }
    entry.refs++;
    if (job.version > entry.job.version) entry.job = job;
    return entry.job;
  }

  unhold(id: string): void {
    this.release([id]);
  }

  private async fetchWindow(w: number): Promise<void> {
    const generation = this.generation;
    const size = this.options.windowSize;
    this.inFlight.add(w);
    this.options.onLoading(1);
    let page: JobPageResult;
    try {
      page = await this.source.listJobs({ ...this.params, offset: w * size, limit: size }, this.controller.signal);
    } catch (error) {
      if (generation !== this.generation) return;
      this.inFlight.delete(w);
      this.options.onLoading(-1);
      this.options.onError(error);
      return;
    }
    if (generation !== this.generation) return;
    this.inFlight.delete(w);
    this.total = page.total;
    const ids = page.items.map((job) => this.hold(job).id);
    this.windows.set(w, ids);
    while (this.windows.size > this.options.maxWindows) {
      const [oldest, evicted] = this.windows.entries().next().value as [number, string[]];
      this.windows.delete(oldest);
      this.release(evicted);
    }
    this.options.onLoading(-1);
    this.options.onRows(ids);
  }

  private release(ids: readonly string[]): void {
    for (const id of ids) {
      const entry = this.held.get(id);
      if (entry && --entry.refs <= 0) this.held.delete(id);
    }
  }
}
