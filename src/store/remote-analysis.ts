/**
 * A remote store's analysis (`GET /jobs/analysis`), asked for only while an element
 * watches it: again when the query changes, and after live events at most once per
 * `throttleMs` (an analysis reads the whole history, so the server is spared). A failure
 * is the analysis's own: the rows and the summary go on.
 */
import type { JobAnalysis, JobListParams } from '../model/index.js';
import { JobSourceError, type JobSource } from '../source/job-source.js';

export class RemoteAnalysis {
  value: JobAnalysis | undefined;
  error: JobSourceError | undefined;
  loading = false;
  private watchers = 0;
  private params: JobListParams | undefined;
  /** The params `value` is for (undefined when it must be asked for again). */
  private answered: JobListParams | undefined;
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastAsked = -Infinity;

  constructor(
    private readonly source: JobSource,
    /** Tells the store something changed; `live` when a live refresh brought it. */
    private readonly changed: (live: boolean) => void,
    private readonly throttleMs: number,
  ) {}

  /** Keeps the analysis up to date for the store's query until the returned function is called. */
  watch(): () => void {
    this.watchers++;
    if (this.watchers === 1 && this.params && this.answered !== this.params) this.fetch(false);
    let watching = true;
    return () => {
      if (!watching) return;
      watching = false;
      this.watchers--;
    };
  }

  /** The query changed, or everything was loaded again: ask again (now, if watched). */
  reload(params: JobListParams): void {
    this.params = params;
    this.answered = undefined;
    this.controller?.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.watchers > 0) this.fetch(false);
  }

  /** Live events changed jobs: ask again, at most once per `throttleMs`, if watched. */
  liveChanged(): void {
    if (this.timer !== undefined || !this.params) return;
    if (this.watchers === 0) {
      this.answered = undefined;
      return;
    }
    const wait = Math.max(0, this.lastAsked + this.throttleMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.watchers > 0 && !this.loading) this.fetch(true);
    }, wait);
  }

  /** Stops every request and timer. */
  dispose(): void {
    this.controller?.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fetch(background: boolean): void {
    const params = this.params;
    if (!params) return;
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    this.lastAsked = performance.now();
    if (!this.source.analyze) {
      this.error = new JobSourceError('bad-request', 'This source offers no analysis.');
      this.answered = params;
      this.changed(false);
      return;
    }
    this.loading = true;
    if (!background) this.changed(false);
    this.source.analyze(params, controller.signal).then(
      (analysis) => {
        if (controller.signal.aborted) return;
        this.value = analysis;
        this.error = undefined;
        this.answered = params;
        this.loading = false;
        this.changed(background);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.loading = false;
        // A live refresh that fails keeps the analysis shown; the next one tries again.
        if (!background) {
          this.error = error instanceof JobSourceError ? error : new JobSourceError('network', String(error));
          this.answered = params;
        }
        this.changed(background);
      },
    );
  }
}
