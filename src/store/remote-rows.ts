/**
 * Remote-mode rows: the store never holds the whole selection, only the windows of
 * rows the list asked for (a bounded LRU), each fetched with `offset` + `limit`. Every
 * request carries the query's generation: an answer to an older query is dropped.
 *
 * A server's pages are taken for what they hold, not for what they claim (`PageLayout`):
 * a job a page repeats is one row, items the source refused leave no hole (the rows after
 * move up), and a last page shorter than its own total ends the selection there, so no row
 * waits forever for a job that does not exist. A later, different total (the summary after
 * live changes) opens the end again: that window is fetched anew when its rows are asked.
 */
import type { Job, JobListParams } from '../model/index.js';
import type { JobPageResult, JobSource } from '../source/job-source.js';
import { PageLayout } from './page-layout.js';

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

/**
 * Created jobs remembered by id for the "new jobs" hint; past this many (a page left open
 * for days on a busy cluster) further ones are only counted, so memory stays bounded.
 */
const MAX_CREATED_IDS = 10_000;

export class RemoteRows {
  /** Window index → ids of its rows, least recently used first. */
  private readonly windows = new Map<number, string[]>();
  private readonly inFlight = new Set<number>();
  /** The newest version known of every job in a window or watched, with how many hold it. */
  private readonly held = new Map<string, { job: Job; refs: number }>();
  /** Where rows fall in the windows, as their pages showed. */
  private readonly layout: PageLayout;
  /**
   * Live versions of jobs no row holds, seen while a window was being fetched: its page
   * may have been read before them, and must not bring an older version back.
   */
  private readonly seenWhileLoading = new Map<string, Job>();
  /** Jobs created since the query that match it and that no loaded row shows. */
  private readonly created = new Set<string>();
  private createdUntracked = 0;
  private generation = 0;
  private controller = new AbortController();
  private params: JobListParams = {};

  constructor(
    private readonly source: JobSource,
    private readonly options: RemoteRowsOptions,
  ) {
    this.layout = new PageLayout(options.windowSize);
  }

  /**
   * How many rows the selection has: the total the server claims (set by the store from
   * the summary, and by each page), less the rows its pages could not give.
   */
  get total(): number {
    return this.layout.total;
  }

  set total(claimed: number) {
    this.layout.claimed = claimed;
  }

  /** A new query: every held window is dropped and stale requests are aborted. */
  reset(params: JobListParams): void {
    this.generation++;
    this.controller.abort();
    this.controller = new AbortController();
    this.params = params;
    for (const ids of this.windows.values()) this.release(ids);
    this.windows.clear();
    this.inFlight.clear();
    this.seenWhileLoading.clear();
    this.layout.reset();
    this.created.clear();
    this.createdUntracked = 0;
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
    const [first] = this.layout.locate(Math.max(0, start));
    const [last] = this.layout.locate(Math.max(0, start, end - 1));
    const lastPage = this.layout.lastPage;
    // Rows past a last page that a newer total says exist: that page is out of date.
    const outdated = this.layout.outdatedPage(end);
    for (let w = first; w <= last; w++) {
      if (lastPage !== undefined && w > lastPage) break;
      const ids = this.windows.get(w);
      if (ids && w !== outdated) {
        this.windows.delete(w);
        this.windows.set(w, ids);
      } else if (!this.inFlight.has(w)) void this.fetchWindow(w);
    }
  }

  jobAt(index: number): Job | undefined {
    const [w, i] = this.layout.locate(index);
    const id = this.windows.get(w)?.[i];
    return id === undefined ? undefined : this.held.get(id)?.job;
  }

  indexOf(id: string): number {
    for (const [w, ids] of this.windows) {
      const i = ids.indexOf(id);
      if (i >= 0) return this.layout.start(w) + i;
    }
    return -1;
  }

  get(id: string): Job | undefined {
    return this.held.get(id)?.job;
  }

  /** Keeps the newest version of a job; true when `job` replaced what was held. */
  merge(job: Job): boolean {
    const entry = this.held.get(job.id);
    if (!entry && this.inFlight.size > 0) {
      const seen = this.seenWhileLoading.get(job.id);
      if (!seen || seen.version < job.version) this.seenWhileLoading.set(job.id, job);
    }
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

  /** A job created since the query, that matches it and that no row holds (yet). */
  noteCreated(id: string): void {
    if (this.created.has(id)) return;
    if (this.created.size < MAX_CREATED_IDS) this.created.add(id);
    else this.createdUntracked++;
  }

  /** Jobs created since the query that no loaded row shows: a row that loads one stops counting it. */
  get createdCount(): number {
    return this.created.size + this.createdUntracked;
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
      this.settled(w);
      this.options.onLoading(-1);
      this.options.onError(error);
      return;
    }
    if (generation !== this.generation) return;
    const ids = this.rowsOf(page);
    this.settled(w);
    this.layout.settle(w, ids.length, page.items.length + page.rejected.length, page.nextCursor !== null, page.total);
    const previous = this.windows.get(w);
    this.windows.delete(w);
    this.windows.set(w, ids);
    if (previous) this.release(previous);
    while (this.windows.size > this.options.maxWindows) {
      const [oldest, evicted] = this.windows.entries().next().value as [number, string[]];
      this.windows.delete(oldest);
      this.release(evicted);
    }
    this.options.onLoading(-1);
    this.options.onRows(ids);
  }

  /** The ids of a page's rows: each job once, at its first place, and no more than asked for. */
  private rowsOf(page: JobPageResult): string[] {
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const job of page.items) {
      if (ids.length === this.options.windowSize) break;
      if (seen.has(job.id)) continue;
      seen.add(job.id);
      const live = this.seenWhileLoading.get(job.id);
      ids.push(this.hold(live && live.version > job.version ? live : job).id);
      this.created.delete(job.id);
    }
    return ids;
  }

  private settled(w: number): void {
    this.inFlight.delete(w);
    if (this.inFlight.size === 0) this.seenWhileLoading.clear();
  }

  private release(ids: readonly string[]): void {
    for (const id of ids) {
      const entry = this.held.get(id);
      if (entry && --entry.refs <= 0) this.held.delete(id);
    }
  }
}
