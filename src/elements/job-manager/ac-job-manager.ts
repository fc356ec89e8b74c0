import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { common, localeOf, timeZoneLabel, type Locale } from '../../i18n/index.js';
import { DATA_ADMINISTRATOR, type Job, type JobState } from '../../model/index.js';
import type { TokenProvider } from '../../source/http-client.js';
import { JobSourceError, type RejectedItems } from '../../source/job-source.js';
import { jobStoreContext } from '../../store/context.js';
import { createStore, type OwnedStore } from '../../store/create-store.js';
import type { JobStoreApi } from '../../store/store-api.js';
import { onUnlessFalse } from '../shared/converters.js';
import { LocalizedElement } from '../shared/localized-element.js';
import { themeStyles } from '../shared/theme.js';
import { showControls } from '../shared/visible-controls.js';
import type { ExportProducer } from '../export-button/ac-export-button.js';
import type { AcJobList } from '../job-list/ac-job-list.js';
import type { AcLoginForm } from '../login-form/ac-login-form.js';
import { filtersToParams, readAddress, URL_KEYS } from '../job-filters/url-state.js';
import { jobManagerStyles } from './job-manager.styles.js';
import { t } from './messages.js';
import { formatRoute, parseRoute, type ManagerView, type Route } from './route.js';
import { VIEW_HEADING, ViewFocus } from './view-focus.js';
import { loadConnectionStatus, loadExportButton, loadLoginForm, loadView } from './views.js';

type Phase = 'starting' | 'login' | 'forbidden' | 'failed' | 'ready';

/**
 * The whole Active Job Manager in one element: the Dashboard, Jobs and Analysis views and the job
 * detail, sharing one store; log-in, role check, connection status, deep links.
 *
 * @summary The Active Job Manager application.
 * @fires ac-navigate - When the user asks for another view; with `routing="none"` the host applies it by setting `view` and `job-id`. `detail: {view, jobId?}`; cancelable.
 * @fires ac-rejected - The server sent items that break the contract, left out (see `<ac-job-source>`); bubbles, composed.
 * @fires ac-auth-required - The API answered 401 (at start, or later: a session that ended, a token refused twice); the element shows its login form, or with a `token` a "sign in again" message. `detail.retry()` loads again, keeping the view. Bubbles, composed.
 * @csspart header - The top bar.
 * @csspart nav - The view tabs.
 * @csspart main - The area of the current view.
 * @cssprop --ac-color-bg - Page background.
 * @cssprop --ac-color-accent - Links, active tab, primary buttons.
 */
@customElement('ac-job-manager')
export class AcJobManager extends LocalizedElement {
  static override styles = [themeStyles, jobManagerStyles];

  /** Base URL of the Active Circle job API. Ignored with `simulated`. */
  @property({ reflect: true }) src = '/api/v1';

  /** `include` sends the session cookie to an API on another origin of the same site (which must allow this page's origin). */
  @property({ reflect: true }) credentials: RequestCredentials = 'same-origin';

  /**
   * Gives the bearer token of every request (a portal's sign-in; see `TokenProvider`). With
   * a token the login form is never shown: a 401 asks it once more, then fires
   * `ac-auth-required`. Setting another function then loads again.
   */
  @property({ attribute: false }) token?: TokenProvider;

  /** Runs on an in-page simulated cluster instead of an API (demos, offline work). */
  @property({ type: Boolean, reflect: true }) simulated = false;

  /** Seed of the simulated cluster: the same seed gives the same jobs. */
  @property({ type: Number }) seed?: number;

  /** Number of nodes of the simulated cluster. */
  @property({ type: Number }) nodes?: number;

  /** Number of jobs in the simulated cluster's history. */
  @property({ type: Number }) jobs?: number;

  /** Live updates (default on; `live="false"` turns them off). */
  @property({ converter: onUnlessFalse }) live = true;

  /** `hash` (default): the element keeps its view in the location hash. `none`: the host drives `view` and `job-id`. */
  @property({ reflect: true }) routing: 'hash' | 'none' = 'hash';

  /** The view shown: `dashboard`, `jobs`, `job` or `analysis`. Reflects the hash when routing is `hash`. */
  @property({ reflect: true }) view: ManagerView = 'dashboard';

  /** The job shown by the `job` view. */
  @property({ attribute: 'job-id', reflect: true }) jobId?: string;

  /** IANA time zone for every date shown (axes, lists, details); default: the browser's. */
  @property({ attribute: 'time-zone', reflect: true }) timeZone?: string;

  /** Forces `light` or `dark`; otherwise the user's preference. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Language of the application (`en`, `fr`); else the nearest `lang` of the page. */
  @property({ reflect: true }) override lang!: string;

  /** A store built by the host page (left open when the manager leaves); when set, `src`, `simulated` and the simulator's options are not used. */
  @property({ attribute: false }) store?: JobStoreApi;

  @state() private phase: Phase = 'starting';
  @state() private activeStore?: JobStoreApi;
  /** Why the store could not be built: the simulator's modules did not load. */
  @state() private buildError?: JobSourceError;
  /** The view whose elements could not be loaded. */
  @state() private unloadedView?: ManagerView;
  /** The log-in form's code could not be loaded (its Retry loads it again). */
  @state() private loginFormFailed = false;

  private readonly provider = new ContextProvider(this, { context: jobStoreContext });
  /** The store this element built, which it closes when it leaves or builds another. */
  private owned?: OwnedStore;
  /** Stops relaying the store's source's refusals as `ac-rejected`. */
  private stopRejected?: (() => void) | undefined;
  /** Stops following the store's session. */
  private stopSession?: (() => void) | undefined;
  /** The store's `authRequired` as last seen: `ac-auth-required` fires when it turns true. */
  private authRequired = false;
  private readonly onHashChange = () => this.applyRoute(parseRoute(location.hash));
  private readonly viewFocus = new ViewFocus(this, () => ({ view: this.view, jobId: this.jobId }));

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in a page after leaving it (which closed its store): build one again.
    if (this.hasUpdated) this.requestUpdate();
    if (this.routing === 'hash') {
      window.addEventListener('hashchange', this.onHashChange);
      this.applyRoute(parseRoute(location.hash));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.stopRejected?.();
    this.stopRejected = undefined;
    this.stopSession?.();
    this.stopSession = undefined;
    this.owned?.close();
    this.owned = undefined;
    this.activeStore = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const options = ['store', 'src', 'simulated', 'seed', 'nodes', 'jobs', 'live', 'credentials'] as const;
    // A token given or taken away changes how the source signs requests; another function only where it comes from.
    const tokenMode = changed.has('token') && Boolean(changed.get('token')) !== Boolean(this.token);
    if (options.some((name) => changed.has(name)) || tokenMode || (!this.activeStore && !this.owned)) {
      if (this.isConnected) this.restart();
    } else if (changed.has('token') && this.authRequired) {
      void this.retryAfterSignIn();
    }
    if (changed.has('view')) this.loadView();
  }

  /** Loads the current view's elements, while the store starts; they show once defined. */
  private loadView() {
    const view = this.view;
    this.unloadedView = undefined;
    loadView(view).catch(() => {
      if (this.view === view) this.unloadedView = view;
    });
    // Beside the list, not waited for: it has its room in the list's toolbar, and the next opening tries again.
    if (view === 'jobs') loadExportButton().catch(() => {});
  }

  /** Loads the log-in form when the API asks for a log-in; resolves once it is defined (or could not be loaded, which it shows). */
  private async loadLoginForm() {
    this.loginFormFailed = false;
    try {
      await loadLoginForm();
    } catch {
      this.loginFormFailed = true;
    }
  }

  /** Focuses the log-in form (what `selector` finds) once it is defined and drawn; with a token there is none to load. */
  private async focusLoginForm(selector: string) {
    if (!this.token) await this.loadLoginForm();
    await this.updateComplete;
    const form = this.renderRoot.querySelector<AcLoginForm | HTMLButtonElement>(selector);
    if (form && 'updateComplete' in form) await form.updateComplete;
    form?.focus();
  }

  /** Builds (or adopts) the store and starts it; afterwards decides what to show. */
  private restart() {
    this.owned?.close();
    this.owned = undefined;
    this.activeStore = undefined;
    this.buildError = undefined;
    this.provider.setValue(undefined);
    this.phase = 'starting';
    if (this.store) return this.use(this.store);
    const { src, simulated, seed, nodes, jobs, live, credentials } = this;
    // Read at each request: a host that replaces the function is heard without a new store.
    const token: TokenProvider | undefined = this.token ? (context) => this.token?.(context) : undefined;
    const owned = createStore({ src, simulated, seed, nodes, jobs, live, credentials, token });
    this.owned = owned;
    if (owned.store) return this.use(owned.store);
    owned.ready.then(
      (store) => {
        if (store && this.owned === owned) this.use(store);
      },
      (error: unknown) => {
        if (this.owned !== owned) return;
        this.buildError = new JobSourceError('network', error instanceof Error ? error.message : String(error));
        this.phase = 'failed';
      },
    );
  }

  private use(store: JobStoreApi) {
    // Beside the first requests, not waited for: the header shows it once in use (a failed load is tried again with the next store).
    loadConnectionStatus().catch(() => {});
    this.activeStore = store;
    this.stopRejected?.();
    this.stopRejected = store.source.onRejected?.((detail) =>
      this.dispatchEvent(new CustomEvent<RejectedItems>('ac-rejected', { detail, bubbles: true, composed: true })),
    );
    this.provider.setValue(store);
    this.authRequired = false;
    this.stopSession?.();
    this.stopSession = store.subscribe((change) => {
      if (change.session || change.status) this.followSession(store);
    });
    void this.startStore(store);
  }

  /**
   * A 401 at any time (a logout in another tab, a restarted server, an expired session or
   * token): the login form comes back in place of the view, which stays as it was behind
   * it (filters, scroll position), and the host hears of it.
   */
  private followSession(store: JobStoreApi) {
    if (store !== this.activeStore) return;
    this.requestUpdate();
    if (store.authRequired === this.authRequired) return;
    this.authRequired = store.authRequired;
    if (!this.authRequired) return;
    this.dispatchEvent(
      new CustomEvent('ac-auth-required', { detail: { store, retry: () => void this.retryAfterSignIn() }, bubbles: true, composed: true }),
    );
    if (this.phase === 'ready') void this.focusLoginForm('.session-ended ac-login-form, .session-ended button');
  }

  /** After the user logged in again (or the host's token changed): loads again on the same store, keeping the view. */
  private async retryAfterSignIn() {
    const store = this.activeStore;
    if (!store) return;
    store.retry();
    await settled(store);
    if (store === this.activeStore) await this.decidePhase(store);
  }

  private async startStore(store: JobStoreApi) {
    try {
      // A store that has already failed (the host's, whose start() is done): load it again.
      if (store.status === 'error') {
        store.retry();
        await settled(store);
      } else {
        await store.start();
      }
    } catch {
      // The store keeps the error; it is read below.
    }
    if (store === this.activeStore) await this.decidePhase(store);
  }

  /** What to show once the store has loaded (or failed to). */
  private async decidePhase(store: JobStoreApi) {
    const kind = store.error?.kind;
    const roles = store.session?.user.roles;
    // Logged out while in use: the view stays, under the login form (see `renderSessionEnded`).
    if (kind === 'unauthenticated' || store.authRequired) this.phase = this.phase === 'ready' ? 'ready' : 'login';
    else if (kind === 'forbidden' || (roles && !roles.includes(DATA_ADMINISTRATOR))) this.phase = 'forbidden';
    else if (store.status === 'error' && !store.total) this.phase = 'failed';
    else this.phase = 'ready';
    if (this.phase === 'login') await this.focusLoginForm('ac-login-form');
  }

  private async logout() {
    const store = this.activeStore;
    if (!store) return;
    try {
      await store.source.logout();
    } finally {
      this.restart();
    }
  }

  /** Shows a route; with hash routing the location follows. */
  navigate(route: Route, options: { replace?: boolean } = {}) {
    const allowed = this.dispatchEvent(
      new CustomEvent('ac-navigate', { detail: { ...route }, bubbles: true, composed: true, cancelable: true }),
    );
    if (!allowed) return;
    if (this.routing === 'hash') {
      const hash = formatRoute(route, this.hashWithFilters());
      if (options.replace) history.replaceState(history.state, '', hash);
      else if (location.hash !== hash) location.hash = hash;
    }
    this.applyRoute(route);
  }

  /**
   * The location's hash with the store's filters in its query: a view opened right after a
   * figure narrowed the query (an indicator, a count of the analysis) has that query in its
   * address, which the view's filters read when they start.
   */
  private hashWithFilters(): string {
    const store = this.activeStore;
    if (!store) return location.hash;
    const params = readAddress('hash');
    for (const key of URL_KEYS) params.delete(key);
    for (const [key, value] of filtersToParams(store.query)) params.append(key, value);
    const query = params.toString();
    return query ? `#?${query}` : '';
  }

  private applyRoute(route: Route) {
    this.view = route.view;
    this.jobId = route.jobId;
  }

  private openJob(event: CustomEvent<{ id: string; job: Job }>) {
    event.preventDefault();
    this.viewFocus.jobOpened(event.currentTarget as AcJobList, event.detail.id);
    this.navigate({ view: 'job', jobId: event.detail.id });
  }

  /** The whole filtered list, not just the rows on screen. */
  private readonly exportList: ExportProducer = (format, { signal, onProgress, at }) => {
    const store = this.activeStore!;
    const nodeNames = new Map(store.nodes.map((node) => [node.id, node.name]));
    const query = { ...store.query };
    const total = store.total;
    return (async function* () {
      // The writers and the paging of the selection load with the first export, not with the manager.
      const [{ exportJobs }, { selectedJobs }] = await Promise.all([import('../../export/export-jobs.js'), import('./selected-jobs.js')]);
      yield* exportJobs(selectedJobs(store, signal), format, { signal, onProgress, at, query, total, nodeNames });
    })();
  };

  /** A job of the analysis's lists: its detail (Back then goes to the list). */
  private openAnalysedJob(event: CustomEvent<{ id: string; job: Job }>) {
    event.preventDefault();
    this.navigate({ view: 'job', jobId: event.detail.id });
  }

  private selectState(_event: CustomEvent<{ state: JobState }>) {
    this.navigate({ view: 'jobs' });
  }

  protected override render() {
    const locale = localeOf(this);
    return html`${this.renderHeader(locale)}${this.renderBody(locale)}`;
  }

  private renderHeader(locale: Locale) {
    const store = this.activeStore;
    const session = store?.session;
    const link = (view: ManagerView, label: string) =>
      html`<a
        href=${this.routing === 'hash' ? formatRoute({ view }, typeof location === 'undefined' ? '' : location.hash) : '#'}
        aria-current=${this.view === view || (view === 'jobs' && this.view === 'job') ? 'page' : 'false'}
        @click=${(event: MouseEvent) => {
          if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
          event.preventDefault();
          this.navigate({ view });
        }}
        >${label}</a
      >`;
    const inUse = this.phase === 'ready' && !store?.authRequired;
    return html`<header part="header">
      <h1>${t(locale, 'appTitle')}</h1>
      ${
        inUse
          ? html`<nav part="nav" aria-label=${t(locale, 'navLabel')}>
            ${link('dashboard', t(locale, 'dashboard'))} ${link('jobs', t(locale, 'jobs'))} ${link('analysis', t(locale, 'analysis'))}
          </nav>`
          : nothing
      }
      <span class="spacer"></span>
      ${
        inUse
          ? html`<span class="tz">${t(locale, 'timeZone', { zone: timeZoneLabel(this.timeZone, locale) })}</span>
            <ac-connection-status data-ac-inner lang=${localeOf(this)} .store=${store} theme=${this.theme ?? nothing}></ac-connection-status>`
          : nothing
      }
      ${
        session
          ? html`<span class="user"
            ><span class="name">${showControls(t(locale, 'signedInAs', { name: session.user.name }), locale)}</span>
            <button type="button" @click=${this.logout}>${common(locale, 'logOut')}</button></span
          >`
          : nothing
      }
    </header>`;
  }

  private renderBody(locale: Locale) {
    const store = this.activeStore;
    switch (this.phase) {
      case 'starting':
        return html`<main part="main" tabindex="-1"><p role="status">${t(locale, 'starting')}</p></main>`;
      case 'login':
        return html`<main part="main" tabindex="-1">
          ${
            this.token
              ? this.renderSignInAgain(locale)
              : this.loginFormFailed
                ? this.renderUnloadedLogin(locale, 'ac-login-form')
                : html`<ac-login-form data-ac-inner lang=${localeOf(this)} .jobSource=${store?.source} theme=${this.theme ?? nothing} @ac-login=${() => this.restart()}></ac-login-form>`
          }
        </main>`;
      case 'forbidden':
        return html`<main part="main" tabindex="-1">
          <section class="message" role="alert">
            <h2 class=${VIEW_HEADING} tabindex="-1">${t(locale, 'forbiddenTitle')}</h2>
            <p>${showControls(t(locale, 'forbiddenText', { name: store?.session?.user.name ?? '?' }), locale)}</p>
            <button type="button" @click=${this.logout}>${common(locale, 'logOut')}</button>
          </section>
        </main>`;
      case 'failed': {
        const error = store?.error ?? this.buildError;
        const text =
          error?.kind === 'network'
            ? t(locale, 'networkText')
            : error?.kind === 'blocked'
              ? t(locale, 'blockedText', { api: error.details.origin ?? this.src, page: location.origin })
              : t(locale, 'failedText', { message: error?.message ?? '' });
        return html`<main part="main" tabindex="-1">
          <section class="message" role="alert">
            <h2 class=${VIEW_HEADING} tabindex="-1">${t(locale, 'failedTitle')}</h2>
            <p>${showControls(text, locale)}</p>
            <button type="button" @click=${() => this.restart()}>${common(locale, 'retry')}</button>
          </section>
        </main>`;
      }
      case 'ready': {
        // One template whether the session ended or not, so that the view is kept as it is.
        const ended = Boolean(store?.authRequired);
        const view = this.unloadedView === this.view ? this.renderUnloadedView(locale) : this.renderView();
        return html`<div class="view" ?inert=${ended}>${view}</div>${ended ? this.renderSessionEnded(locale) : nothing}`;
      }
    }
  }

  /**
   * The session ended while in use: the login form (or, with a token, the way to sign in
   * again) in place of the view, which stays behind it, unseen and inert, as it was.
   */
  private renderSessionEnded(locale: Locale) {
    return html`<section class="session-ended" role="dialog" aria-modal="true" aria-label=${t(locale, 'sessionEndedTitle')}>
      ${
        this.token
          ? this.renderSignInAgain(locale)
          : html`<p class="ended" role="alert">${t(locale, 'sessionEndedText')}</p>
            ${
              this.loginFormFailed
                ? this.renderUnloadedLogin(locale, '.session-ended ac-login-form')
                : html`<ac-login-form
                  data-ac-inner
                  lang=${localeOf(this)}
                  .jobSource=${this.activeStore?.source}
                  theme=${this.theme ?? nothing}
                  @ac-login=${() => void this.retryAfterSignIn()}
                ></ac-login-form>`
            }`
      }
    </section>`;
  }

  /** With a token the host signs the user in: say so, and let them retry once it has. */
  private renderSignInAgain(locale: Locale) {
    return html`<section class="message" role="alert">
      <h2 class=${VIEW_HEADING} tabindex="-1">${t(locale, 'signInTitle')}</h2>
      <p>${t(locale, 'signInText')}</p>
      <button type="button" @click=${() => void this.retryAfterSignIn()}>${common(locale, 'retry')}</button>
    </section>`;
  }

  /** The log-in form's code could not be loaded: say so, and load it again on Retry. */
  private renderUnloadedLogin(locale: Locale, form: string) {
    return html`<section class="message" role="alert">
      <h2 class=${VIEW_HEADING} tabindex="-1">${t(locale, 'loginFailedTitle')}</h2>
      <p>${t(locale, 'networkText')}</p>
      <button type="button" @click=${() => void this.focusLoginForm(form)}>${common(locale, 'retry')}</button>
    </section>`;
  }

  private renderUnloadedView(locale: Locale) {
    return html`<main part="main" tabindex="-1">
      <section class="message" role="alert">
        <h2 class=${VIEW_HEADING} tabindex="-1">${t(locale, 'viewFailedTitle')}</h2>
        <p>${t(locale, 'networkText')}</p>
        <button type="button" @click=${() => this.loadView()}>${common(locale, 'retry')}</button>
      </section>
    </main>`;
  }

  private renderView() {
    const store = this.activeStore;
    const locale = localeOf(this);
    // The children follow this element's language, theme and zone, also when they change.
    const common = { lang: localeOf(this), theme: this.theme ?? nothing, timeZone: this.timeZone ?? nothing };
    const filters = html`<ac-job-filters
      data-ac-inner
      lang=${common.lang}
      .store=${store}
      sync-url=${this.routing === 'hash' ? 'hash' : nothing}
      theme=${common.theme}
      time-zone=${common.timeZone}
    ></ac-job-filters>`;
    switch (this.view) {
      case 'job':
        return html`<main part="main" tabindex="-1">
          ${viewHeading(t(locale, 'jobView'))}
          <ac-job-detail
            data-ac-inner
            lang=${common.lang}
            .store=${store}
            job-id=${this.jobId ?? ''}
            theme=${common.theme}
            time-zone=${common.timeZone}
            @ac-back=${() => this.navigate({ view: 'jobs' })}
          ></ac-job-detail>
        </main>`;
      case 'jobs':
        return html`<main part="main" class="view-jobs" tabindex="-1">
          ${viewHeading(t(locale, 'jobsView'))} ${filters}
          <ac-job-list
            data-ac-inner
            lang=${common.lang}
            .store=${store}
            href-template=${this.routing === 'hash' ? '#/jobs/{id}' : nothing}
            theme=${common.theme}
            time-zone=${common.timeZone}
            @ac-job-open=${this.openJob}
          >
            <ac-export-button
              data-ac-inner
              lang=${common.lang}
              slot="actions"
              unit="jobs"
              file-base="jobs"
              label=${t(localeOf(this), 'exportList')}
              theme=${common.theme}
              .producer=${this.exportList}
            ></ac-export-button>
          </ac-job-list>
        </main>`;
      case 'analysis':
        return html`<main part="main" tabindex="-1">
          ${viewHeading(t(locale, 'analysisView'))} ${filters}
          <ac-job-analysis
            data-ac-inner
            lang=${common.lang}
            .store=${store}
            theme=${common.theme}
            time-zone=${common.timeZone}
            href-template=${this.routing === 'hash' ? '#/jobs/{id}' : nothing}
            @ac-analysis-select=${() => this.navigate({ view: 'jobs' })}
            @ac-job-open=${this.openAnalysedJob}
          ></ac-job-analysis>
        </main>`;
      default:
        return html`<main part="main" tabindex="-1">
          ${viewHeading(t(locale, 'dashboardView'))} ${filters}
          <ac-job-dashboard
            data-ac-inner
            lang=${common.lang}
            .store=${store}
            theme=${common.theme}
            time-zone=${common.timeZone}
            @ac-state-select=${this.selectState}
          ></ac-job-dashboard>
        </main>`;
    }
  }
}

/** The heading a view starts with: for screen readers, and where the focus goes when the view shows. */
function viewHeading(text: string) {
  return html`<h2 class="${VIEW_HEADING} visually-hidden" tabindex="-1">${text}</h2>`;
}

/** Resolves once the store is no longer loading. */
function settled(store: JobStoreApi): Promise<void> {
  return new Promise((resolve) => {
    if (store.status !== 'loading') return resolve();
    const stop = store.subscribe(() => {
      if (store.status === 'loading') return;
      stop();
      resolve();
    });
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-manager': AcJobManager;
  }
  interface HTMLElementEventMap {
    'ac-navigate': CustomEvent<Route>;
  }
}
