import type { ReactiveControllerHost } from 'lit';
import type { JobStoreApi, StoreChange } from '../../store/store-api.js';
import type { ScrollWindow } from '../shared/scroll-window.js';

/**
 * Keeps the reader's place while rows move under them (jobs added, changed or gone): the
 * first row on screen that did not change itself stays where it is on screen, unless the
 * list is at its very top, where new rows simply appear. Counts the new jobs that arrive
 * above the rows on screen, for the list's "N new jobs" hint (newest first only; in remote
 * mode the store counts them).
 */
export class ReadingPlace {
  /** The rows on screen at the last render (index, id). */
  private shown: { index: number; id: string }[] = [];
  /** New jobs above the rows on screen (memory mode, newest first). */
  private added = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly window: ScrollWindow,
  ) {}

  /** The new jobs the hint shows. */
  newJobs(store: JobStoreApi): number {
    return store.mode === 'remote' ? store.addedCount : this.window.top > 0 ? this.added : 0;
  }

  /** Forgets the new jobs counted (a new store, a new query, back at the top). */
  clearNewJobs(): void {
    if (this.added === 0) return;
    this.added = 0;
    this.host.requestUpdate();
  }

  /** The hint's button: to the top, where the new jobs are (remote rows load again to show them). */
  showNewJobs(store: JobStoreApi | undefined): void {
    if (store?.mode === 'remote') store.refresh();
    this.added = 0;
    this.window.scrollTo(0);
    this.host.requestUpdate();
  }

  /** The position moved (scroll, keys, resize): at the top, the new jobs are in sight. */
  moved(): void {
    if (this.window.top <= 0) this.clearNewJobs();
  }

  /** Notes the jobs of the rows on screen. */
  noteShown(store: JobStoreApi): void {
    const first = this.window.first;
    const end = first + this.window.visibleCount;
    this.shown = [];
    for (let i = first; i < end; i++) {
      const id = store.jobAt(i)?.id;
      if (id !== undefined) this.shown.push({ index: i, id });
    }
  }

  /** Rows moved: keeps the place. Returns whether the rows on screen moved (to be drawn at once). */
  keep(store: JobStoreApi, change: StoreChange): boolean {
    const w = this.window;
    w.setCount(store.total);
    if (w.top <= 0) {
      this.clearNewJobs();
      return false;
    }
    const unchanged = this.shown.filter(({ id }) => !change.jobs.has(id) && !change.added.has(id));
    const anchor = unchanged[0];
    if (!anchor) return false;
    const now = store.indexOf(anchor.id);
    if (now < 0) return false;
    let moved = false;
    if (now !== anchor.index) {
      w.top = w.scale.clampTop(w.top + (now - anchor.index) * w.rowHeight);
      moved = true;
    } else {
      // Not drawn again at once (live changes wait): the next change keeps the place from here.
      this.shown = unchanged.map(({ id }) => ({ index: store.indexOf(id), id })).filter(({ index }) => index >= 0);
    }
    if (store.query.sort === 'createdAt' && store.query.order === 'desc' && store.mode === 'memory') {
      const before = this.added;
      for (const id of change.added) {
        const index = store.indexOf(id);
        if (index >= 0 && index < now) this.added++;
      }
      if (this.added !== before) this.host.requestUpdate();
    }
    return moved;
  }
}
