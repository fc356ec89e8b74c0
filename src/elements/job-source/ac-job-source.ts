import { ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SimulatorOptions } from '../../simulator/index.js';
import { HttpJobSource } from '../../source/http-job-source.js';
import type { JobSource, RejectedItems } from '../../source/job-source.js';
import { jobStoreContext } from '../../store/context.js';
import { JobStore } from '../../store/job-store.js';
import type { JobStoreApi } from '../../store/store-api.js';
import { loadSimulation } from '../shared/simulation.js';

/** Detail of `ac-store-ready`. */
export interface StoreReadyDetail {
  store: JobStoreApi;
}

/** A store and what it is built from; `store` is undefined while the simulator loads. */
interface Built {
  store?: JobStore;
  ownsSource: boolean;
  config: string;
  source: JobSource | undefined;
  /** Stops relaying the source's refusals as `ac-rejected`. */
  stopRejected?: (() => void) | undefined;
}

/** `live="false"` turns live updates off; the attribute's absence leaves them on. */
const onUnlessFalse = {
  fromAttribute: (value: string | null) => value !== 'false',
  toAttribute: (value: boolean) => (value ? null : 'false'),
};

/**
 * Where the jobs of a page come from, shared by every element that names it
 * (`source="<id>"`) or sits inside it. It owns one `JobStore` over an HTTP API
 * (`src`), a simulated cluster (`simulated`) or a source built by the page (`.source`),
 * starts it when connected and disposes it when removed. It shows nothing itself: its
 * children render as if it were not there.
 *
 * ```html
 * <ac-job-source id="jobs" src="/api/v1"></ac-job-source>
 * <ac-job-list source="jobs"></ac-job-list>
 * ```
 *
 * @summary Provides one shared job store to the elements of a page.
 * @slot - Elements that use this source's store without naming it.
 * @fires ac-store-ready - A new store is available (it has started loading); `detail.store` is it. Bubbles, composed.
 * @fires ac-rejected - The server sent items that break the contract, left out: `detail` says which kind, from
 *   which request, how many, the field at fault of each and a message each (server text). Bubbles, composed.
 */
@customElement('ac-job-source')
export class AcJobSource extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of the HTTP API (e.g. `/api/v1`); used unless `.source` is set or `simulated` is on. */
  @property() src?: string;

  /** Serve a simulated cluster from the page instead of an API. */
  @property({ type: Boolean, reflect: true }) simulated = false;

  /** Seed of the simulated cluster: the same seed gives the same jobs. */
  @property({ type: Number }) seed?: number;

  /** Number of nodes of the simulated cluster. */
  @property({ type: Number }) nodes?: number;

  /** Number of jobs in the simulated cluster's history. */
  @property({ type: Number }) jobs?: number;

  /** Live updates (default on; `live="false"` turns them off). */
  @property({ converter: onUnlessFalse }) live = true;

  /** A source the host page built; takes precedence over `src` and `simulated`. */
  @property({ attribute: false }) source?: JobSource;

  private current: Built | undefined;
  private readonly provider = new ContextProvider(this, { context: jobStoreContext });

  /**
   * The store this element provides; undefined until the element's first update in a page
   * (with `simulated`, until the simulator has loaded: `ac-store-ready` tells), and after it leaves.
   */
  get store(): JobStore | undefined {
    return this.current?.store;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Built in the update, once properties set before the element was defined are applied.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.teardown();
    this.provider.setValue(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.isConnected) this.build();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  /** Builds a store when there is none or its configuration changed. */
  private build(): void {
    const config = JSON.stringify([this.src, this.simulated, this.seed, this.nodes, this.jobs, this.live]);
    if (this.current && this.current.config === config && this.current.source === this.source) return;
    this.teardown();
    this.current = { ownsSource: !this.source, config, source: this.source };
    const current = this.current;
    if (this.source) {
      this.provide(current, this.source);
    } else if (this.simulated) {
      const options: SimulatorOptions = {
        ...(this.seed !== undefined && { seed: this.seed }),
        ...(this.nodes !== undefined && { nodes: this.nodes }),
        ...(this.jobs !== undefined && { jobs: this.jobs }),
      };
      this.provider.setValue(undefined); // not the old store, disposed, while the new one loads
      // A load that fails is left to reject: the browser reports the module it could not fetch.
      void loadSimulation().then(([{ ClusterSimulator }, { MemoryJobSource }]) => {
        // Unless the configuration changed or the element left meanwhile.
        if (this.current === current) this.provide(current, new MemoryJobSource({ simulator: new ClusterSimulator(options) }));
      });
    } else {
      this.provide(current, new HttpJobSource({ ...(this.src !== undefined && { baseUrl: this.src }), live: this.live }));
    }
  }

  /** Builds the store over `source`, provides it, starts it and announces it. */
  private provide(current: Built, source: JobSource): void {
    const store = new JobStore(source, { live: this.live });
    current.store = store;
    current.stopRejected = source.onRejected?.((detail) =>
      this.dispatchEvent(new CustomEvent<RejectedItems>('ac-rejected', { detail, bubbles: true, composed: true })),
    );
    this.provider.setValue(store);
    void store.start();
    this.dispatchEvent(new CustomEvent<StoreReadyDetail>('ac-store-ready', { detail: { store }, bubbles: true, composed: true }));
  }

  private teardown(): void {
    if (!this.current) return;
    this.current.stopRejected?.();
    this.current.store?.dispose();
    if (this.current.ownsSource) this.current.store?.source.close();
    this.current = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-source': AcJobSource;
  }
  interface HTMLElementEventMap {
    'ac-store-ready': CustomEvent<StoreReadyDetail>;
    'ac-rejected': CustomEvent<RejectedItems>;
  }
}
