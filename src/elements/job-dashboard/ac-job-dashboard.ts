import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type uPlot from 'uplot';
import { formatPercent, jobStateLabel, jobTypeLabel, localeOf, common, type Locale } from '../../i18n/index.js';
import { type ClusterNode, type JobQuery, type JobState, type JobSummary, type JobType } from '../../model/index.js';
import { JobStoreController } from '../../store/job-store-controller.js';
import type { JobStoreApi } from '../../store/store-api.js';
import { nodeColor } from '../shared/colors.js';
import { once } from '../shared/load-once.js';
import { cardStyles } from '../shared/card.styles.js';
import { StoreReaderElement } from '../shared/store-reader-element.js';
import { controlsAsText, showControls } from '../shared/visible-controls.js';
import { themeStyles } from '../shared/theme.js';
import type { ActivityChart } from './charts/activity-chart.js';
import {
  STACK_ORDER,
  activitySeries,
  nodeBars,
  nodeOrder,
  typeBars,
  type ActivitySeries,
  type NodeBars,
  type TypeBars,
} from './charts/chart-data.js';
import type { NodeChart } from './charts/node-chart.js';
import type { TypeChart } from './charts/type-chart.js';
import { DashboardFormat } from './dashboard-format.js';
import { dashboardStyles } from './job-dashboard.styles.js';
import { t } from './messages.js';

/** The shortest time between two redraws for live updates. */
const LIVE_REDRAW_MS = 250;

/** The order of the user guide's summary indicators. */
const INDICATOR_ORDER: readonly JobState[] = ['SCHEDULED', 'RUNNING', 'UNSUCCESSFUL', 'SUCCESSFUL'];

/** "Last N days" steps an empty dashboard offers to widen to. */
const WIDER_PERIODS = [1, 3, 7, 30] as const;

type ChartKey = 'nodes' | 'types' | 'activity';

type ChartCode = typeof import('./charts/dashboard-charts.js');

/** The charts' code once loaded (every dashboard of the page then makes its charts at once). */
let chartCode: ChartCode | undefined;

/** Loads uPlot and the charts' code once (most of the dashboard's bytes): the numbers, filter buttons and tables do not wait for it. */
const loadChartCode = once(() => import('./charts/dashboard-charts.js').then((code) => (chartCode = code)));

/** One empty node list, so that the colours of a store without nodes are looked up once. */
const NO_NODES: readonly ClusterNode[] = [];

/**
 * The jobs dashboard of the user guide's 'Jobs Dashboard' section: the summary indicators per state, the
 * jobs per node, the jobs per type and the activity history, for the shared query, kept
 * live. An indicator, a node's bar or a type's bar is also a filter: activating it
 * narrows the shared query (so a list on the same store follows).
 *
 * Each chart has a "Show as table" button. The per-node and per-type tables are also in
 * the page, visually hidden, for screen readers; the activity history is read period by
 * period with the arrow keys on the chart, and its table (a row per period) is made only
 * when asked for.
 *
 * @summary Counts and charts of the jobs the filters select, updated live.
 * @fires ac-state-select - An indicator narrowed the query to one state: `detail: {state}`. A host may switch to the list.
 * @fires ac-node-select - A node's bar or button narrowed the query to one node: `detail: {nodeId}`.
 * @fires ac-type-select - A type's bar or button narrowed the query to one type: `detail: {type}`.
 * @csspart indicators - The row of summary indicators.
 * @csspart indicator - One summary indicator (a button).
 * @csspart card - Each chart's card.
 * @csspart status - The loading, empty or error message.
 * @cssprop --ac-color-scheduled - Colour of the SCHEDULED indicator (`--ac-color-scheduled-bg` its pressed background).
 * @cssprop --ac-color-running - Colour of the RUNNING indicator (`--ac-color-running-bg` its pressed background).
 * @cssprop --ac-color-successful - Colour of the SUCCESSFUL indicator (`--ac-color-successful-bg` its pressed background).
 * @cssprop --ac-color-unsuccessful - Colour of the UNSUCCESSFUL indicator and of error messages.
 * @cssprop --ac-color-surface-raised - Background of the cards and tooltips; the charts' textures are blended on it.
 * @cssprop --ac-color-text - Text, and the charts' category labels.
 * @cssprop --ac-color-border - Borders, and the charts' grid lines.
 */
@customElement('ac-job-dashboard')
export class AcJobDashboard extends StoreReaderElement {
  static override styles = [themeStyles, cardStyles, dashboardStyles];

  @state() private tables: Record<ChartKey, boolean> = { nodes: false, types: false, activity: false };
  /** The activity bucket read with the keyboard. */
  @state() private activityIndex: number | null = null;
  /** New numbers have been loading for a while (the ones shown are the previous query's). */
  @state() private slowReload = false;
  /** The charts' code could not be loaded (the numbers and tables are there; Retry loads it again). */
  @state() private chartsFailed = false;
  private waitingForCharts = false;
  private slowReloadTimer: ReturnType<typeof setTimeout> | undefined;

  @query('#plot-nodes') private nodesContainer!: HTMLElement;
  @query('#plot-types') private typesContainer!: HTMLElement;
  @query('#plot-activity') private activityContainer!: HTMLElement;

  private readonly storeController = new JobStoreController(this, {
    filter: (change) => change.summary || change.query || change.nodes || change.status,
    // Live counts redraw the charts four times a second at most: a person reads no faster,
    // and a redraw costs about as much as a frame. A new filter or a load shows at once.
    urgent: (change) => !change.live,
    calmMs: LIVE_REDRAW_MS,
  });
  private charts: { nodes: NodeChart; types: TypeChart; activity: ActivityChart } | undefined;
  /** What the numbers were computed from, and what the charts were last fed. */
  private computedFrom: { summary: JobSummary | undefined; nodes: unknown } | undefined;
  private fed: { nodes?: NodeBars; types?: TypeBars; activity?: ActivitySeries; format?: DashboardFormat } = {};
  /** Texts in the current language and zone: set before each render, read by the render and the charts' labels. */
  private format = new DashboardFormat('en', undefined);
  private nodeData: NodeBars = nodeBars(undefined, []);
  private typeData: TypeBars = typeBars(undefined);
  private activityData: ActivitySeries = activitySeries(undefined, []);
  private readonly darkScheme = matchMedia('(prefers-color-scheme: dark)');
  private readonly onSchemeChange = () => this.recolor();

  /**
   * The uPlot instances of the three charts: made once, then updated in place (e.g. for a
   * host exporting an image). Undefined until the charts' code has loaded, which starts when
   * the dashboard first shows.
   */
  get plots(): Readonly<Partial<Record<ChartKey, uPlot>>> {
    return { nodes: this.charts?.nodes.plot, types: this.charts?.types.plot, activity: this.charts?.activity.plot };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.darkScheme.addEventListener('change', this.onSchemeChange);
    // Charts are let go when the element leaves the page and made again when it comes back.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.darkScheme.removeEventListener('change', this.onSchemeChange);
    clearTimeout(this.slowReloadTimer);
    this.slowReloadTimer = undefined;
    if (this.charts) for (const chart of Object.values(this.charts)) chart.destroy();
    this.charts = undefined;
    this.fed = {};
  }

  private get locale(): Locale {
    return this.format.locale;
  }

  /** A node's name as text (charts, tooltips, what is read out), its hidden controls written as marks. */
  private nodeLabel(id: string): string {
    return controlsAsText(this.nameOfNode(id));
  }

  /** A node's name as the page shows it, its hidden controls as labelled marks. */
  private showNode(id: string) {
    return showControls(this.nameOfNode(id), this.locale);
  }

  private nameOfNode(id: string): string {
    return this.storeController.store?.nodes.find((n) => n.id === id)?.name ?? id;
  }

  private colorOf(id: string): string {
    return nodeColor(id, this.storeController.store?.nodes ?? NO_NODES);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const locale = localeOf(this);
    const zone = this.zone;
    if (this.format.locale !== locale || this.format.zone !== zone) this.format = new DashboardFormat(locale, zone);
    this.computeData();
    // Drawn before the template changes the DOM: the canvases' text then needs no style recalculation first.
    this.feedCharts();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.charts) this.showCharts();
    else if (changed.has('theme')) this.recolor();
    this.paintSwatches();
    this.watchReload();
  }

  private watchReload(): void {
    const store = this.storeController.store;
    if (store?.status === 'loading' && store.summary) {
      this.slowReloadTimer ??= setTimeout(() => (this.slowReload = true), 500);
    } else {
      clearTimeout(this.slowReloadTimer);
      this.slowReloadTimer = undefined;
      this.slowReload = false;
    }
  }

  /** Makes the charts in the room kept for them, once their code has loaded (asked for here the first time). */
  private showCharts(): void {
    if (chartCode) {
      this.createCharts(chartCode);
      this.feedCharts();
    } else if (!this.waitingForCharts && !this.chartsFailed) {
      this.loadCharts();
    }
  }

  private loadCharts(): void {
    this.waitingForCharts = true;
    this.chartsFailed = false;
    loadChartCode().then(
      () => {
        this.waitingForCharts = false;
        // Made at the next update; a dashboard that left the page makes them when it comes back.
        if (this.isConnected) this.requestUpdate();
      },
      () => {
        this.waitingForCharts = false;
        this.chartsFailed = true;
      },
    );
  }

  private createCharts({ NodeChart, TypeChart, ActivityChart, readChartColors }: ChartCode): void {
    const colors = readChartColors(this);
    const number = (n: number) => this.format.number(n);
    this.charts = {
      nodes: new NodeChart(
        this.nodesContainer,
        colors,
        {
          nodeName: (id) => this.nodeLabel(id),
          nodeColor: (id) => this.colorOf(id),
          state: (s) => jobStateLabel(s, this.locale),
          total: () => t(this.locale, 'total'),
          number,
        },
        (id) => this.toggleNode(id),
      ),
      types: new TypeChart(
        this.typesContainer,
        colors,
        { type: (type) => jobTypeLabel(type, this.locale), number, jobs: (count) => t(this.locale, 'jobs', { count }) },
        (type) => this.toggleType(type),
      ),
      activity: new ActivityChart(
        this.activityContainer,
        colors,
        {
          nodeName: (id) => this.nodeLabel(id),
          nodeColor: (id) => this.colorOf(id),
          number,
          bucket: (ms, seconds) => this.format.bucketTitle(ms, seconds),
          tick: (ms, step) => this.format.tick(ms, step),
          total: () => t(this.locale, 'total'),
        },
        this.format.zone,
      ),
    };
  }

  /** The charts' numbers, computed again only when the summary or the nodes changed. */
  private computeData(): void {
    const store = this.storeController.store;
    const summary = store?.summary;
    const nodes = store?.nodes;
    if (this.computedFrom && this.computedFrom.summary === summary && this.computedFrom.nodes === nodes) return;
    this.computedFrom = { summary, nodes };
    const ids = nodeOrder(nodes ?? [], summary);
    this.nodeData = nodeBars(summary, ids);
    this.typeData = typeBars(summary);
    this.activityData = activitySeries(summary?.timeline, ids);
  }

  /**
   * Gives the charts new numbers (`setData` on the same plots), or redraws their labels for
   * a new language or zone; each chart that changed is drawn at once, the others not at all.
   */
  private feedCharts(): void {
    const charts = this.charts;
    if (!charts) return;
    const fed = this.fed;
    const format = this.format;
    const relabel = fed.format !== format;
    if (relabel) charts.activity.setTimeZone(format.zone);
    if (fed.nodes !== this.nodeData || relabel) charts.nodes.update(this.nodeData, relabel);
    if (fed.types !== this.typeData || relabel) charts.types.update(this.typeData, relabel);
    if (fed.activity !== this.activityData || relabel) charts.activity.update(this.activityData, relabel);
    this.fed = { nodes: this.nodeData, types: this.typeData, activity: this.activityData, format };
  }

  /** Colours of the canvases are values: read them again from the theme. */
  private recolor(): void {
    if (!this.charts || !chartCode) return;
    const colors = chartCode.readChartColors(this);
    for (const chart of Object.values(this.charts)) chart.setColors(colors);
  }

  /** Node swatches in the legends take their colour through CSSOM (no inline style attribute, for strict CSP). */
  private paintSwatches(): void {
    for (const swatch of this.renderRoot.querySelectorAll<HTMLElement>('[data-node]')) {
      swatch.style.setProperty('--swatch', this.colorOf(swatch.dataset['node'] ?? ''));
    }
  }

  // --- Filters from the dashboard --------------------------------------------------------

  private selectState(state: JobState): void {
    const store = this.storeController.store;
    if (!store) return;
    if (isOnly(store.query.states, state)) {
      store.setQuery({ states: [] });
      return;
    }
    store.setQuery({ states: [state] });
    this.dispatchEvent(new CustomEvent('ac-state-select', { detail: { state }, bubbles: true, composed: true }));
  }

  private toggleNode(nodeId: string): void {
    const store = this.storeController.store;
    if (!store) return;
    if (isOnly(store.query.nodes, nodeId)) {
      store.setQuery({ nodes: [] });
      return;
    }
    store.setQuery({ nodes: [nodeId] });
    this.dispatchEvent(new CustomEvent('ac-node-select', { detail: { nodeId }, bubbles: true, composed: true }));
  }

  private toggleType(type: JobType): void {
    const store = this.storeController.store;
    if (!store) return;
    if (isOnly(store.query.types, type)) {
      store.setQuery({ types: [] });
      return;
    }
    store.setQuery({ types: [type] });
    this.dispatchEvent(new CustomEvent('ac-type-select', { detail: { type }, bubbles: true, composed: true }));
  }

  private widen(days: number | 'all'): void {
    this.storeController.store?.setQuery({ period: days === 'all' ? { kind: 'all' } : { kind: 'last-days', days } });
  }

  private toggleTable(key: ChartKey): void {
    this.tables = { ...this.tables, [key]: !this.tables[key] };
  }

  // --- Keyboard reading of the activity chart ------------------------------------------

  private onActivityKey(event: KeyboardEvent): void {
    const length = this.charts?.activity.length ?? 0;
    if (!length) return;
    const current = this.activityIndex ?? length - 1;
    const next: Record<string, number> = {
      ArrowLeft: current - 1,
      ArrowRight: current + 1,
      Home: 0,
      End: length - 1,
      PageUp: current - 10,
      PageDown: current + 10,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.activityIndex = Math.max(0, Math.min(length - 1, this.activityIndex === null ? length - 1 : target));
    this.charts?.activity.showIndex(this.activityIndex);
  }

  private onActivityBlur(): void {
    this.activityIndex = null;
    this.charts?.activity.showIndex(null);
  }

  // --- Labels ------------------------------------------------------------------------------

  private bucketName(seconds: number): string {
    const locale = this.locale;
    switch (seconds) {
      case 3600:
        return t(locale, 'bucket.hour');
      case 21_600:
        return t(locale, 'bucket.6hours');
      case 86_400:
        return t(locale, 'bucket.day');
      case 604_800:
        return t(locale, 'bucket.week');
      default:
        // Periods of decades have buckets of several weeks, so that a timeline stays short.
        if (seconds % 604_800 === 0) return t(locale, 'bucket.weeks', { weeks: seconds / 604_800 });
        return t(locale, 'bucket.other', { minutes: Math.round(seconds / 60) });
    }
  }

  // --- Rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const store = this.storeController.store;
    const summary = store?.summary;
    const loading = !!store && store.status === 'loading';
    return html`
      <div class="dashboard" aria-busy=${loading ? 'true' : 'false'}>
        ${this.renderStatus(store, summary)} ${this.renderIndicators(store, summary)} ${this.renderChartsFailed()}
        <div class="cards" ?hidden=${!summary || summary.total === 0}>
          ${this.renderNodeCard(store?.query)} ${this.renderTypeCard(store?.query)} ${this.renderActivityCard()}
        </div>
      </div>
    `;
  }

  private renderStatus(store: JobStoreApi | undefined, summary: JobSummary | undefined) {
    const locale = this.locale;
    if (!store) return html`<p class="status" part="status" role="status">${t(locale, 'noStore')}</p>`;
    if (store.status === 'error' && store.error) {
      return html`<div class="status error" part="status" role="alert">
        <p>${t(locale, `error.${store.error.kind}`)}</p>
        <button class="action" @click=${() => store.retry()}>${common(locale, 'retry')}</button>
      </div>`;
    }
    if (!summary) {
      return html`<p class="status" part="status" role="status">${store.status === 'loading' || store.status === 'idle' ? t(locale, 'loading') : ''}</p>`;
    }
    if (summary.total > 0) {
      // Said only when a reload lasts: the live refreshes of a remote store come and go too fast to mention.
      return html`<p class="status updating" part="status" role="status">${this.slowReload ? t(locale, 'updating') : ''}</p>`;
    }
    return this.renderEmpty(store.query);
  }

  /** The charts' code could not be loaded: the same numbers are in the tables; Retry. */
  private renderChartsFailed() {
    if (!this.chartsFailed) return nothing;
    const locale = this.locale;
    return html`<div class="status error" role="alert">
      <p>${t(locale, 'chartsFailed')}</p>
      <button class="action" @click=${() => this.loadCharts()}>${common(locale, 'retry')}</button>
    </div>`;
  }

  private renderEmpty(query: Readonly<JobQuery>) {
    const locale = this.locale;
    const filtered = query.states.length + query.nodes.length + query.types.length + query.stages.length > 0 || query.q.trim() !== '';
    const period = query.period;
    const wider = period.kind === 'last-days' ? WIDER_PERIODS.find((days) => days > period.days) : undefined;
    const message = filtered ? 'emptyFilters' : period.kind === 'all' ? 'emptyAll' : 'emptyPeriod';
    return html`<div class="status empty" part="status" role="status">
      <p>${t(locale, message)}</p>
      <div class="actions">
        ${wider ? html`<button class="action" @click=${() => this.widen(wider)}>${t(locale, 'widenTo', { days: wider })}</button>` : nothing}
        ${period.kind !== 'all' ? html`<button class="action" @click=${() => this.widen('all')}>${t(locale, 'showAllTime')}</button>` : nothing}
        ${
          filtered
            ? html`<button class="action" @click=${() => this.storeController.store?.resetFilters()}>${common(locale, 'resetFilters')}</button>`
            : nothing
        }
      </div>
    </div>`;
  }

  private renderIndicators(store: JobStoreApi | undefined, summary: JobSummary | undefined) {
    const locale = this.locale;
    const total = summary?.total ?? 0;
    const states = store?.query.states ?? [];
    return html`<section class="indicators" part="indicators" aria-label=${t(locale, 'summary')}>
      ${INDICATOR_ORDER.map((state) => {
        const count = summary?.byState[state];
        const label = jobStateLabel(state, locale);
        const only = isOnly(states, state);
        const share = count !== undefined && total > 0 ? shareText(count / total, locale) : '';
        return html`<button
          class="indicator ${state.toLowerCase()}"
          part="indicator"
          data-state=${state}
          aria-pressed=${only ? 'true' : 'false'}
          ?disabled=${!store}
          aria-describedby="indicator-action"
          @click=${() => this.selectState(state)}
        >
          <span class="indicator-label"><span class="state-mark" aria-hidden="true"></span>${label}</span>
          <span class="indicator-count">${count === undefined ? '–' : this.format.number(count)}</span>
          <span class="visually-hidden">${t(locale, 'jobsWord', { count: count ?? 0 })}</span>
          <span class="indicator-share">${share ? t(locale, 'indicatorShare', { percent: share, total: this.format.number(total) }) : '\u00a0'}</span>
        </button>`;
      })}
      <span id="indicator-action" class="visually-hidden"
        >${states.length === 1 ? t(locale, 'indicatorClear') : t(locale, 'indicatorAction')}</span
      >
    </section>`;
  }

  private renderCardHeader(key: ChartKey, title: string, hint: string) {
    const locale = this.locale;
    const tableShown = this.tables[key];
    return html`<header class="card-header">
      <div>
        <h2 id="title-${key}">${title}</h2>
        <p class="hint">${hint}</p>
      </div>
      <button class="table-toggle" aria-pressed=${tableShown ? 'true' : 'false'} @click=${() => this.toggleTable(key)}>
        ${tableShown ? t(locale, 'showChart') : t(locale, 'showTable')}
      </button>
    </header>`;
  }

  private renderNodeCard(query: Readonly<JobQuery> | undefined) {
    const locale = this.locale;
    const bars = this.nodeData;
    const nodes = this.storeController.store?.nodes ?? [];
    return html`<section class="card nodes" part="card" aria-labelledby="title-nodes">
      ${this.renderCardHeader('nodes', t(locale, 'perNode'), t(locale, 'perNodeHint'))}
      <div class="plot-frame" ?hidden=${this.tables.nodes}><div class="plot" id="plot-nodes"></div></div>
      <ul class="legend states" aria-label=${t(locale, 'stateLegend')}>
        ${[...STACK_ORDER]
          .reverse()
          .map(
            (state) =>
              html`<li><span class="swatch texture-${state.toLowerCase()} neutral" aria-hidden="true"></span>${jobStateLabel(state, locale)}</li>`,
          )}
      </ul>
      <div class="chips" role="group" aria-label=${t(locale, 'nodeFilters')}>
        ${bars.nodeIds.map((id, i) => {
          const offline = nodes.find((n) => n.id === id)?.online === false;
          return html`<button
            class="chip"
            aria-pressed=${isOnly(query?.nodes ?? [], id) ? 'true' : 'false'}
            @click=${() => this.toggleNode(id)}
            @focus=${() => this.charts?.nodes.showIndex(i)}
            @blur=${() => this.charts?.nodes.showIndex(null)}
            @mouseenter=${() => this.charts?.nodes.showIndex(i)}
            @mouseleave=${() => this.charts?.nodes.showIndex(null)}
          >
            <span class="swatch" data-node=${id} aria-hidden="true"></span>
            <span class="chip-name">${this.showNode(id)}</span>
            ${offline ? html`<span class="chip-note">(${t(locale, 'offline')})</span>` : nothing}
            <span class="chip-count">${this.format.number(bars.totals[i] ?? 0)}</span>
          </button>`;
        })}
      </div>
      ${this.renderNodeTable(bars)}
    </section>`;
  }

  private renderNodeTable(bars: NodeBars) {
    const locale = this.locale;
    const order = [...STACK_ORDER].reverse();
    return html`<div class=${this.tables.nodes ? 'table-scroll' : 'visually-hidden'}><table class="data">
      <caption>${t(locale, 'perNode')}</caption>
      <thead>
        <tr>
          <th scope="col">${t(locale, 'node')}</th>
          ${order.map((state) => html`<th scope="col" class="num">${jobStateLabel(state, locale)}</th>`)}
          <th scope="col" class="num">${t(locale, 'total')}</th>
        </tr>
      </thead>
      <tbody>
        ${bars.nodeIds.map(
          (id, i) => html`<tr>
            <th scope="row"><span class="swatch" data-node=${id} aria-hidden="true"></span>${this.showNode(id)}</th>
            ${order.map((state) => html`<td class="num">${this.format.number(bars.byState[state][i] ?? 0)}</td>`)}
            <td class="num">${this.format.number(bars.totals[i] ?? 0)}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private renderTypeCard(query: Readonly<JobQuery> | undefined) {
    const locale = this.locale;
    const bars = this.typeData;
    return html`<section class="card types" part="card" aria-labelledby="title-types">
      ${this.renderCardHeader('types', t(locale, 'perType'), t(locale, 'perTypeHint'))}
      <div class="plot-frame" ?hidden=${this.tables.types}><div class="plot" id="plot-types"></div></div>
      <div class="chips" role="group" aria-label=${t(locale, 'typeFilters')}>
        ${bars.types.map(
          (type, i) => html`<button
            class="chip"
            aria-pressed=${isOnly(query?.types ?? [], type) ? 'true' : 'false'}
            @click=${() => this.toggleType(type)}
            @focus=${() => this.charts?.types.showIndex(i)}
            @blur=${() => this.charts?.types.showIndex(null)}
            @mouseenter=${() => this.charts?.types.showIndex(i)}
            @mouseleave=${() => this.charts?.types.showIndex(null)}
          >
            <span class="chip-name">${jobTypeLabel(type, locale)}</span>
            <span class="chip-count">${this.format.number(bars.counts[i] ?? 0)}</span>
          </button>`,
        )}
      </div>
      <div class=${this.tables.types ? 'table-scroll' : 'visually-hidden'}><table class="data">
        <caption>${t(locale, 'perType')}</caption>
        <thead>
          <tr>
            <th scope="col">${t(locale, 'type')}</th>
            <th scope="col" class="num">${t(locale, 'jobsColumn')}</th>
          </tr>
        </thead>
        <tbody>
          ${bars.types.map(
            (type, i) => html`<tr>
              <th scope="row">${jobTypeLabel(type, locale)}</th>
              <td class="num">${this.format.number(bars.counts[i] ?? 0)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>
    </section>`;
  }

  private renderActivityCard() {
    const locale = this.locale;
    const data = this.activityData;
    const zone = this.format.zoneLabel();
    const reading = this.activityIndex === null ? '' : this.describeBucket(this.activityIndex);
    return html`<section class="card activity" part="card" aria-labelledby="title-activity">
      ${this.renderCardHeader('activity', t(locale, 'activity'), t(locale, 'activityHint', { bucket: this.bucketName(data.bucketSeconds), zone }))}
      <div
        class="plot-frame focusable"
        ?hidden=${this.tables.activity}
        tabindex="0"
        role="group"
        aria-label=${t(locale, 'activityKeys')}
        @keydown=${this.onActivityKey}
        @blur=${this.onActivityBlur}
      >
        <div class="plot" id="plot-activity"></div>
        <p class="visually-hidden" aria-live="polite">${reading}</p>
      </div>
      <ul class="legend">
        ${data.nodeIds.map((id) => html`<li><span class="swatch line" data-node=${id} aria-hidden="true"></span>${this.showNode(id)}</li>`)}
      </ul>
      ${this.tables.activity ? this.renderActivityTable() : nothing}
    </section>`;
  }

  /**
   * The activity as a table, made only when asked for: a row per bucket (90 and more) to
   * rewrite on every live change would cost more than the chart. Keyboard and screen
   * reader users read the chart bucket by bucket with the arrows, or ask for the table.
   */
  private renderActivityTable() {
    const locale = this.locale;
    const data = this.activityData;
    return html`<div class="table-scroll">
        <table class="data">
          <caption>${t(locale, 'activity')}</caption>
          <thead>
            <tr>
              <th scope="col">${t(locale, 'period')}</th>
              ${data.nodeIds.map((id) => html`<th scope="col" class="num">${this.showNode(id)}</th>`)}
              <th scope="col" class="num">${t(locale, 'total')}</th>
            </tr>
          </thead>
          <tbody>
            ${data.x.map(
              (start, i) => html`<tr>
                <th scope="row">${this.format.bucketTitle(start * 1000, data.bucketSeconds)}</th>
                ${data.counts.map((counts) => html`<td class="num">${this.format.number(counts[i] ?? 0)}</td>`)}
                <td class="num">${this.format.number(data.counts.reduce((sum, c) => sum + (c[i] ?? 0), 0))}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  /** One activity bucket as a sentence, for the keyboard reader. */
  private describeBucket(i: number): string {
    const data = this.activityData;
    const start = data.x[i];
    if (start === undefined) return '';
    const parts = data.nodeIds.map((id, n) => `${this.nodeLabel(id)}: ${this.format.number(data.counts[n]?.[i] ?? 0)}`);
    return `${this.format.bucketTitle(start * 1000, data.bucketSeconds)}. ${parts.join(', ')}.`;
  }
}

/** A share as a whole percentage; a few jobs among many read "<1%", never "0%". */
function shareText(ratio: number, locale: Locale): string {
  return ratio > 0 && ratio < 0.01 ? `<${formatPercent(0.01, locale)}` : formatPercent(ratio, locale);
}

function isOnly<T>(values: readonly T[], value: T): boolean {
  return values.length === 1 && values[0] === value;
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-dashboard': AcJobDashboard;
  }
  interface HTMLElementEventMap {
    'ac-state-select': CustomEvent<{ state: JobState }>;
    'ac-node-select': CustomEvent<{ nodeId: string }>;
    'ac-type-select': CustomEvent<{ type: JobType }>;
  }
}
