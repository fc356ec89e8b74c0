import { ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TokenProvider } from '../../source/http-client.js';
import type { JobSource, RejectedItems } from '../../source/job-source.js';
import { jobStoreContext } from '../../store/context.js';
import { createStore, type OwnedStore } from '../../store/create-store.js';
import type { JobStore } from '../../store/job-store.js';
import type { JobStoreApi } from '../../store/store-api.js';
import { onUnlessFalse } from '../shared/converters.js';

/** Detail of `ac-store-ready`. */
export interface StoreReadyDetail {
  store: JobStoreApi;
}

/** Detail of `ac-auth-required`. */
export interface AuthRequiredDetail {
  store: JobStoreApi;
  /** Loads again (once the user has signed in again), keeping the query and what the elements show. */
  retry(): void;
}

/** The store built, with the attributes and the page's source (if any) it was built from. */
interface Built {
  owned: OwnedStore;
  config: string;
  source: JobSource | undefined;
  /** Stops relaying the source's refusals as `ac-rejected`. */
  stopRejected?: (() => void) | undefined;
  /** Stops following the store's `authRequired`. */
  stopAuth?: (() => void) | undefined;
  /** The store's `authRequired` as last seen: `ac-auth-required` fires when it turns true. */
  authRequired: boolean;
}

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
 * @fires ac-auth-required - The API answered 401 (at start, or later: a session that ended, a token refused twice): the page signs the user in again, then calls `detail.retry()`. Bubbles, composed.
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

  /** `include` sends the session cookie to an API on another origin of the same site (which must allow this page's origin). */
  @property() credentials: RequestCredentials = 'same-origin';

  /**
   * Gives the bearer token of every request and of the live stream (a portal's sign-in;
   * see `TokenProvider`). A 401 asks it once more, then `ac-auth-required` fires. Setting
   * another function while sign-in is required loads again.
   */
  @property({ attribute: false }) token?: TokenProvider;

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
    return this.current?.owned.store;
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
    if (changed.has('token') && changed.get('token') && this.current?.authRequired) this.current.owned.store?.retry();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  /** Builds a store when there is none or its configuration changed. */
  private build(): void {
    const config = JSON.stringify([this.src, this.simulated, this.seed, this.nodes, this.jobs, this.live, this.credentials, !this.token]);
    if (this.current && this.current.config === config && this.current.source === this.source) return;
    this.teardown();
    const { src, simulated, seed, nodes, jobs, live, source, credentials } = this;
    // Read at each request: a page that replaces the function is heard without a new store.
    const token: TokenProvider | undefined = this.token ? (context) => this.token?.(context) : undefined;
    const owned = createStore({ src, simulated, seed, nodes, jobs, live, source, credentials, token });
    const current: Built = { owned, config, source, authRequired: false };
    this.current = current;
    if (current.owned.store) {
      this.provide(current, current.owned.store);
    } else {
      this.provider.setValue(undefined); // not the old store, disposed, while the new one loads
      // A load that fails is left to reject: the browser reports the module it could not fetch.
      void current.owned.ready.then((store) => {
        // Unless the configuration changed or the element left meanwhile.
        if (store && this.current === current) this.provide(current, store);
      });
    }
  }

  /** Provides the store, starts it and announces it. */
  private provide(current: Built, store: JobStore): void {
    current.stopRejected = store.source.onRejected?.((detail) =>
      this.dispatchEvent(new CustomEvent<RejectedItems>('ac-rejected', { detail, bubbles: true, composed: true })),
    );
    this.provider.setValue(store);
    current.stopAuth = store.subscribe((change) => {
      if (!change.session || store.authRequired === current.authRequired) return;
      current.authRequired = store.authRequired;
      if (!store.authRequired) return;
      const detail: AuthRequiredDetail = { store, retry: () => store.retry() };
      this.dispatchEvent(new CustomEvent('ac-auth-required', { detail, bubbles: true, composed: true }));
    });
    void store.start();
    this.dispatchEvent(new CustomEvent<StoreReadyDetail>('ac-store-ready', { detail: { store }, bubbles: true, composed: true }));
  }

  private teardown(): void {
    this.current?.stopRejected?.();
    this.current?.stopAuth?.();
    this.current?.owned.close();
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
    'ac-auth-required': CustomEvent<AuthRequiredDetail>;
  }
}
