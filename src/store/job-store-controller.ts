/**
 * Binds an element to a shared store: finds it, re-renders the host when it changes,
 * lets go of it when the element leaves the page. The store comes from, in order:
 * the host's `.store` property; the `source` attribute, the id of an `<ac-job-source>`
 * in the same document or shadow root (defined or added later is fine); an ancestor
 * that provides it through @lit/context.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { jobStoreContext } from './context.js';
import type { JobStoreApi, StoreChange } from './store-api.js';

/** An element that can use a `JobStoreController`. */
export type JobStoreHost = ReactiveControllerHost & HTMLElement & { store?: JobStoreApi | undefined };

export interface JobStoreControllerOptions {
  /** Re-render only for changes this accepts (default: every change). */
  filter?: (change: StoreChange) => boolean;
  /**
   * Changes this does not call urgent (live updates) re-render the host at most once per
   * `calmMs`: at once after a quiet spell, else at the end of it. Urgent ones (a new query,
   * a load that ended) re-render at once. Default: every change at once.
   */
  urgent?: (change: StoreChange) => boolean;
  calmMs?: number;
}

/** What `<ac-job-source>` exposes to elements that name it. */
interface StoreElement extends Element {
  readonly store?: JobStoreApi | undefined;
}

const READY_EVENT = 'ac-store-ready';

export class JobStoreController implements ReactiveController {
  private current: JobStoreApi | undefined;
  private unsubscribe: (() => void) | undefined;
  private fromContext: JobStoreApi | undefined;
  private root: Document | ShadowRoot | undefined;
  private observer: MutationObserver | undefined;
  private connected = false;
  private readonly onReady = () => this.resolve();
  /** When the host was last asked to re-render for a change that is not urgent, and the deferred ask, if any. */
  private lastCalm = -Infinity;
  private calmTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: JobStoreHost,
    private readonly options: JobStoreControllerOptions = {},
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: jobStoreContext,
      subscribe: true,
      callback: (store) => {
        this.fromContext = store;
        this.resolve();
      },
    });
  }

  /** The store the host reads, once found. */
  get store(): JobStoreApi | undefined {
    return this.current;
  }

  hostConnected(): void {
    this.connected = true;
    this.resolve();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stopWatchingRoot();
    this.use(undefined);
  }

  /** `.store` and `source` are host properties: look again before each render. */
  hostUpdate(): void {
    this.resolve();
  }

  private resolve(): void {
    if (!this.connected) return;
    const explicit = this.host.store;
    // The property first: a reflected attribute only catches up after the render.
    const named = (this.host as { source?: unknown }).source;
    const id = typeof named === 'string' && named ? named : this.host.getAttribute('source');
    let found: JobStoreApi | undefined;
    if (explicit) {
      this.stopWatchingRoot();
      found = explicit;
    } else if (id) {
      found = this.fromSourceElement(id);
    } else {
      this.stopWatchingRoot();
      found = this.fromContext;
    }
    this.use(found);
  }

  /**
   * The store of the `<ac-job-source>` with this id. Until it exists, is defined and has
   * a store, the root is watched (new elements, changed ids, `ac-store-ready`).
   */
  private fromSourceElement(id: string): JobStoreApi | undefined {
    const root = this.host.getRootNode() as Document | ShadowRoot;
    this.watchRoot(root);
    const element = root.getElementById?.(id) as StoreElement | null;
    if (element && element.localName === 'ac-job-source' && !customElements.get('ac-job-source')) {
      void customElements.whenDefined('ac-job-source').then(() => this.resolve());
    }
    return element?.store;
  }

  private watchRoot(root: Document | ShadowRoot): void {
    if (this.root === root) return;
    this.stopWatchingRoot();
    this.root = root;
    // The source element may be added, renamed or replaced later; its store may be rebuilt.
    root.addEventListener(READY_EVENT, this.onReady);
    this.observer = new MutationObserver(() => this.resolve());
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
  }

  private stopWatchingRoot(): void {
    this.root?.removeEventListener(READY_EVENT, this.onReady);
    this.observer?.disconnect();
    this.root = undefined;
    this.observer = undefined;
  }

  private use(store: JobStoreApi | undefined): void {
    if (store === this.current) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.calmTimer);
    this.calmTimer = undefined;
    this.current = store;
    if (store) {
      this.unsubscribe = store.subscribe((change) => {
        if (!this.options.filter || this.options.filter(change)) this.changed(change);
      });
    }
    if (this.connected) this.host.requestUpdate();
  }

  private changed(change: StoreChange): void {
    const { calmMs = 0, urgent } = this.options;
    if (calmMs <= 0 || !urgent || urgent(change)) {
      this.host.requestUpdate();
      return;
    }
    const now = performance.now();
    if (now - this.lastCalm >= calmMs) {
      clearTimeout(this.calmTimer);
      this.calmTimer = undefined;
      this.askCalm(now);
    } else {
      this.calmTimer ??= setTimeout(
        () => {
          this.calmTimer = undefined;
          this.askCalm(performance.now());
        },
        this.lastCalm + calmMs - now,
      );
    }
  }

  private askCalm(now: number): void {
    this.lastCalm = now;
    this.host.requestUpdate();
  }
}
