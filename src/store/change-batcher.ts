/**
 * Collects what changed in a store and tells subscribers at most once per animation
 * frame (and at most 60 times a second), however many live events arrived meanwhile.
 */
import type { StoreChange } from './store-api.js';

export type ScheduleFrame = (callback: () => void) => void;

type Flag = Exclude<keyof StoreChange, 'jobs' | 'added' | 'live'>;

/** The shortest time between two notifications: a 60 Hz display's frame, less some slack. */
const MIN_FRAME_MS = 15;

/**
 * A scheduler of the next frame, at most 60 a second: on a faster display (120 Hz and
 * more) changes wait for the next 16.7 ms slot, since every notification costs the
 * elements a render and live updates need no more. `setTimeout` when frames do not run
 * (hidden tab, no DOM).
 */
export function frames(): ScheduleFrame {
  let last = -Infinity;
  return (callback) => {
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    if (typeof requestAnimationFrame !== 'function' || hidden) {
      setTimeout(callback, 16);
      return;
    }
    const onFrame = (time: number) => {
      if (time - last < MIN_FRAME_MS) {
        requestAnimationFrame(onFrame);
        return;
      }
      last = time;
      callback();
    };
    requestAnimationFrame(onFrame);
  };
}

function emptyChange() {
  return {
    query: false,
    rows: false,
    summary: false,
    analysis: false,
    nodes: false,
    connection: false,
    status: false,
    session: false,
    rejected: false,
    jobs: new Set<string>(),
    added: new Set<string>(),
    live: true,
  };
}

export class ChangeBatcher {
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private change = emptyChange();
  private scheduled = false;
  private disposed = false;

  constructor(
    private readonly schedule: ScheduleFrame = frames(),
    /** Runs before subscribers are told (brings derived state up to date once per frame). */
    private readonly beforeNotify: () => void = () => {},
  ) {}

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  mark(flags: Partial<Record<Flag, true>>): void {
    Object.assign(this.change, flags);
    this.change.live = false;
    this.request();
  }

  /** As `mark`, for what live events changed. */
  markLive(flags: Partial<Record<Flag, true>>): void {
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
