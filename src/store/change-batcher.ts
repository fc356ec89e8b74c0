/**
 * Collects what changed in a store and tells subscribers at most once per animation
 * frame, however many live events arrived meanwhile.
 */
import type { StoreChange } from './store-api.js';

export type ScheduleFrame = (callback: () => void) => void;

type Flag = Exclude<keyof StoreChange, 'jobs' | 'added'>;

/** The next frame; `setTimeout` when frames do not run (hidden tab, no DOM). */
export const nextFrame: ScheduleFrame = (callback) => {
  const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
  if (typeof requestAnimationFrame === 'function' && !hidden) requestAnimationFrame(callback);
  else setTimeout(callback, 16);
};

function emptyChange() {
  return {
    query: false,
    rows: false,
    summary: false,
    nodes: false,
    connection: false,
    status: false,
    session: false,
    jobs: new Set<string>(),
    added: new Set<string>(),
  };
}

export class ChangeBatcher {
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private change = emptyChange();
  private scheduled = false;
  private disposed = false;

  constructor(
    private readonly schedule: ScheduleFrame = nextFrame,
    /** Runs before subscribers are told (brings derived state up to date once per frame). */
    private readonly beforeNotify: () => void = () => {},
  ) {}

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  mark(flags: Partial<Record<Flag, true>>): void {
    Object.assign(this.change, flags);
    this.request();
  }

  job(id: string): void {
    this.change.jobs.add(id);
    this.request();
  }

  added(id: string): void {
    this.change.added.add(id);
    this.request();
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private request(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.disposed) return;
    this.beforeNotify();
    const change = this.change;
    this.change = emptyChange();
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One broken subscriber must not starve the others; the error still surfaces.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }
}
