/**
 * The rows of a job's file table, fetched page by page for the range on screen. A job
 * may have millions of files: only the pages around what was last asked for are kept
 * (least recently used first out), and a row not loaded yet is `undefined` (the table
 * shows a placeholder). Pages are taken for what they hold, as the job list's are
 * (`PageLayout`): files the source refused leave no hole and no row waits for them.
 */
import type { FileStatus, JobFile } from '../../model/index.js';
import { JobSourceError, type JobSource } from '../../source/job-source.js';
import { PageLayout } from '../../store/page-layout.js';

/** Which files the table shows, and in which order. */
export interface FileQuery {
  /** Only files in these statuses; empty: every file. */
  readonly status: readonly FileStatus[];
  /** Failed files first, then the others in path order. */
  readonly failedFirst: boolean;
}

export interface FileWindowOptions {
  /** Files fetched per request. */
  pageSize?: number;
  /** Pages kept in memory at most. */
  maxPages?: number;
}

interface Page {
  items: JobFile[] | undefined;
  /** The content may have changed since it was fetched (the job moved on). */
  stale: boolean;
  loading: AbortController | undefined;
}

export class FileWindow {
  readonly pageSize: number;
  readonly maxPages: number;
  /** Files of the job per status, whatever the status filter (from the newest answer). */
  byStatus: Partial<Record<FileStatus, number>> | undefined;
  /** The last failure, cleared by the next success or `retry`. */
  error: JobSourceError | undefined;

  private readonly pages = new Map<number, Page>();
  private readonly layout: PageLayout;
  private answered = false;
  private range: [number, number] = [0, 0];
  private disposed = false;

  constructor(
    private readonly source: Pick<JobSource, 'listFiles'>,
    readonly jobId: string,
    readonly query: FileQuery,
    private readonly onChange: () => void,
    options: FileWindowOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 100;
    this.maxPages = Math.max(2, options.maxPages ?? 60);
    this.layout = new PageLayout(this.pageSize);
  }

  /**
   * Files the query selects, as far as the pages tell (the total the server claims, less
   * the files the source refused); undefined until the first page answers.
   */
  get total(): number | undefined {
    return this.answered ? this.layout.total : undefined;
  }

  /** The file at a row of the query's order, or undefined while its page is not loaded. */
  fileAt(index: number): JobFile | undefined {
    const [page, offset] = this.layout.locate(index);
    return this.pages.get(page)?.items?.[offset];
  }

  /** Whether any request is in flight. */
  get loading(): boolean {
    for (const page of this.pages.values()) if (page.loading) return true;
    return false;
  }

  /** Rows [start, end) are on screen: fetch the pages they need that are missing or stale. */
  request(start: number, end: number): void {
    if (this.disposed) return;
    this.range = [start, end];
    // Before the first answer the total is unknown: the first page tells it.
    const total = this.total;
    const last = total === undefined ? start + 1 : Math.min(end, total);
    const [first] = this.layout.locate(start);
    let [lastPage] = this.layout.locate(Math.max(start + 1, last) - 1);
    // The selection ends in a page seen: none after it is asked for.
    if (this.layout.lastPage !== undefined) lastPage = Math.min(lastPage, this.layout.lastPage);
    for (let number = first; number <= lastPage; number++) {
      const page = this.pages.get(number);
      if (page) {
        // Most recently used last: eviction takes from the front.
        this.pages.delete(number);
        this.pages.set(number, page);
        if (page.stale && !page.loading && !this.error) void this.fetch(number, page);
      } else if (!this.error) {
        const fresh: Page = { items: undefined, stale: true, loading: undefined };
        this.pages.set(number, fresh);
        void this.fetch(number, fresh);
      }
    }
    this.evict(first, lastPage);
  }

  /** The job changed: refetch what is on screen, keep showing the old rows until then. */
  invalidate(): void {
    for (const page of this.pages.values()) page.stale = true;
    this.request(...this.range);
  }

  /** After a failure: ask again for what is on screen. */
  retry(): void {
    this.error = undefined;
    this.invalidate();
    this.onChange();
  }

  /** Stops every request; the window answers nothing more. */
  dispose(): void {
    this.disposed = true;
    for (const page of this.pages.values()) page.loading?.abort();
    this.pages.clear();
  }

  private async fetch(number: number, page: Page): Promise<void> {
    const controller = new AbortController();
    page.loading = controller;
    page.stale = false;
    try {
      const answer = await this.source.listFiles(
        this.jobId,
        {
          ...(this.query.status.length ? { status: [...this.query.status] } : {}),
          ...(this.query.failedFirst ? { failedFirst: true } : {}),
          offset: number * this.pageSize,
          limit: this.pageSize,
        },
        controller.signal,
      );
      if (controller.signal.aborted || this.disposed) return;
      page.items = answer.items.slice(0, this.pageSize);
      this.error = undefined;
      if (this.answered && answer.total !== this.layout.claimed) {
        // Rows moved: every other page may now hold other files, and the selection may end elsewhere.
        for (const [other, held] of this.pages) if (other !== number) held.stale = true;
        this.layout.reset();
      }
      this.answered = true;
      const served = answer.items.length + answer.rejected.length;
      this.layout.settle(number, page.items.length, served, answer.nextCursor !== null, answer.total);
      this.byStatus = answer.byStatus;
    } catch (error) {
      if (controller.signal.aborted || this.disposed) return;
      page.stale = true;
      this.error = error instanceof JobSourceError ? error : new JobSourceError('network', String(error));
    } finally {
      if (page.loading === controller) page.loading = undefined;
    }
    if (this.disposed) return;
    this.onChange();
    // Rows that moved while this page was loading: fetch them now rather than on the next scroll.
    if (!this.error) this.request(...this.range);
  }

  /** Drops the least recently used pages outside [first, last] beyond `maxPages`. */
  private evict(first: number, last: number): void {
    for (const [number, page] of this.pages) {
      if (this.pages.size <= this.maxPages) return;
      if (number >= first && number <= last) continue;
      page.loading?.abort();
      this.pages.delete(number);
    }
  }
}
