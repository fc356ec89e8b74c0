import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type uPlot from 'uplot';
import { jobTypeLabel, localeOf, stageLabel, common, type Locale } from '../../i18n/index.js';
import { type Job, type JobAnalysis, type JobQuery, type JobState, type JobType, type RankedJob } from '../../model/index.js';
import { JobStoreController } from '../../store/job-store-controller.js';
import type { JobStoreApi } from '../../store/store-api.js';
import { clipText } from '../shared/clip-text.js';
import { controlsAsText, showBreakable, showClipped } from '../shared/visible-controls.js';
import { nodeColor } from '../shared/colors.js';
import { once } from '../shared/load-once.js';
import { cardStyles } from '../shared/card.styles.js';
import { StoreReaderElement } from '../shared/store-reader-element.js';
import { themeStyles } from '../shared/theme.js';
import {
  TREND_METRICS,
  analysisTypes,
  runTimeSeries,
  stopMatrix,
  tableRows,
  trendSeries,
  type RunTimeSeries,
  type TrendMetric,
  type TrendSeries,
} from './analysis-data.js';
import type { AnalysisTable } from './analysis-export.js';
import { AnalysisFormat } from './analysis-format.js';
import type { RunTimeChart } from './charts/run-time-chart.js';
import type { TrendChart } from './charts/trend-chart.js';
import { analysisStyles } from './job-analysis.styles.js';
import { t } from './messages.js';

/** The shortest time between two redraws for live updates: an analysis reads the whole history. */
const LIVE_REDRAW_MS = 1000;
const FINISHED: JobState[] = ['SUCCESSFUL', 'UNSUCCESSFUL'];

type ChartKey = 'histogram' | 'trends';

type ChartCode = typeof import('./charts/analysis-charts.js');

/** The charts' code once loaded (every analysis of the page then makes its charts at once). */
let chartCode: ChartCode | undefined;

/** Loads uPlot and the charts' code once (most of the view's bytes): the tables, lists and keyboard readings do not wait for it. */
const loadChartCode = once(() => import('./charts/analysis-charts.js').then((code) => (chartCode = code)));

type ExportCode = typeof import('./analysis-export.js');

/** The tables as rows, the CSV writer and the download, loaded at the first export. */
const loadExport = (): Promise<ExportCode> => import('./analysis-export.js');

/** Where the keyboard reads a chart: a bucket, and a node (an index in the chart's nodes; -1 for all). */
interface Reading {
  chart: ChartKey;
  index: number;
  node: number;
}

/** What `ac-analysis-select` carries: the filters that show the jobs behind a figure. */
export interface AnalysisSelectDetail {
  query: Partial<JobQuery>;
}

/**
 * How long the jobs the filters select waited and ran, how fast they moved data and why
 * they stopped, per type and node, over the whole history they select: a table per type
 * and node, the run-time distribution, trends per node, the stages jobs stopped at, and
 * the slowest and the longest-waiting jobs. Kept live (redrawn once a second at most).
 *
 * Every figure opens the jobs behind it: a count, a line of a chart or a point sets the
 * shared query to those jobs (type, node, state, stage, period), then fires
 * `ac-analysis-select`; a host may then show its list. Each chart has a "Show
 * as table" alternative and is read from the keyboard; each table exports to CSV.
 *
 * @summary Wait and run times, throughput and stop reasons per type and node, kept live.
 * @fires ac-analysis-select - A figure was chosen and the query narrowed to the jobs behind it: `detail: {query}`, the filters it set.
 * @fires ac-job-open - A job of a list was opened: `detail: {id, job}`. Cancelable: `preventDefault()` stops the link's navigation when `href-template` is set.
 * @csspart card - Each card.
 * @csspart status - The loading, empty or error message.
 * @cssprop --ac-color-surface-raised - Background of the cards and tooltips.
 * @cssprop --ac-color-accent - Links and the bars of the stop counts.
 */
@customElement('ac-job-analysis')
export class AcJobAnalysis extends StoreReaderElement {
  static override styles = [themeStyles, cardStyles, analysisStyles];

  /** The address of a job's page, `{id}` standing for its URL-encoded id: the lists' names are then links. */
  @property({ attribute: 'href-template' }) hrefTemplate?: string;

  /** How a table's CSV file reaches the user; replace to upload or to test. Default: a browser download. */
  @property({ attribute: false }) save?: (chunks: AsyncIterable<string>, fileName: string) => Promise<unknown>;

  @state() private tables: Record<ChartKey, boolean> = { histogram: false, trends: false };
  @state() private histogramType: JobType | null = null;
  @state() private stopsType: JobType | null = null;
  @state() private metric: TrendMetric = 'p95';
  @state() private reading: Reading | null = null;
  @state() private exportProblem: string | undefined;
  /** The charts' code could not be loaded (the tables are there; Retry loads it again). */
  @state() private chartsFailed = false;
  private waitingForCharts = false;

  @query('#plot-histogram') private histogramContainer!: HTMLElement;
  @query('#plot-trends') private trendsContainer!: HTMLElement;

  private readonly storeController = new JobStoreController(this, {
    filter: (change) => change.summary || change.analysis || change.query || change.nodes || change.status,
    urgent: (change) => !change.live,
    calmMs: LIVE_REDRAW_MS,
  });
  private watched: { store: JobStoreApi; stop: () => void } | undefined;
  private charts: { histogram: RunTimeChart; trends: TrendChart } | undefined;
  private format = new AnalysisFormat('en', undefined);
  private analysis: JobAnalysis | undefined;
  private computedFrom: { analysis: JobAnalysis | undefined; histogramType: JobType | null; metric: TrendMetric } | undefined;
  private histogramData: RunTimeSeries = runTimeSeries(undefined, null);
  private trendData: TrendSeries = trendSeries(undefined, 'p95');
  private fed: { histogram?: RunTimeSeries; trends?: TrendSeries; format?: AnalysisFormat; metric?: TrendMetric } = {};
  private readonly darkScheme = matchMedia('(prefers-color-scheme: dark)');
  private readonly onSchemeChange = () => this.recolor();

  /**
   * The uPlot instances of the two charts: made once, then updated in place. Undefined
   * until the charts' code has loaded, which starts when the analysis first shows.
   */
  get plots(): Readonly<Partial<Record<ChartKey, uPlot>>> {
    return { histogram: this.charts?.histogram.plot, trends: this.charts?.trends.plot };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.darkScheme.addEventListener('change', this.onSchemeChange);
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.darkScheme.removeEventListener('change', this.onSchemeChange);
    this.watched?.stop();
    this.watched = undefined;
    if (this.charts) for (const chart of Object.values(this.charts)) chart.destroy();
    this.charts = undefined;
    this.fed = {};
  }

  private get locale(): Locale {
    return this.format.locale;
  }

  private nameOfNode(id: string): string {
    return this.storeController.store?.nodes.find((n) => n.id === id)?.name ?? id;
  }

  /** A node's name as text (charts, tooltips, readings, accessible names): clipped, hidden controls written as marks. */
  private nodeText(id: string): string {
    return controlsAsText(clipText(this.nameOfNode(id)));
  }

  /** A node's name as shown in the page: clipped, hidden controls as marked glyphs. */
  private nodeLabel(id: string) {
    return showClipped(this.nameOfNode(id), this.locale);
  }

  private colorOf(id: string): string {
    return nodeColor(id, this.storeController.store?.nodes ?? []);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const store = this.storeController.store;
    if (this.watched?.store !== store) {
      this.watched?.stop();
      this.watched = store ? { store, stop: store.watchAnalysis() } : undefined;
    }
    const locale = localeOf(this);
    const zone = this.zone;
    if (this.format.locale !== locale || this.format.zone !== zone) this.format = new AnalysisFormat(locale, zone);
    this.analysis = store?.analysis;
    this.computeData();
    this.feedCharts();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.charts) this.showCharts();
    else if (changed.has('theme')) this.recolor();
    for (const swatch of this.renderRoot.querySelectorAll<HTMLElement>('[data-node]')) {
      swatch.style.setProperty('--swatch', this.colorOf(swatch.dataset['node'] ?? ''));
    }
    // The stop counts' bars: their length through CSSOM (no inline style attribute, for strict CSP).
    for (const bar of this.renderRoot.querySelectorAll<HTMLElement>('[data-share]')) {
      bar.style.setProperty('--share', bar.dataset['share'] ?? '0');
    }
  }

  /** Makes the charts in the room kept for them, once their code has loaded (asked for here the first time). */
  private showCharts(): void {
    if (chartCode) {
      this.createCharts(chartCode);
      this.feedCharts();
      this.showReading();
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
        // Made at the next update; an analysis that left the page makes them when it comes back.
        if (this.isConnected) this.requestUpdate();
      },
      () => {
        this.waitingForCharts = false;
        this.chartsFailed = true;
      },
    );
  }

  private createCharts({ RunTimeChart, TrendChart, readChartColors }: ChartCode): void {
    const colors = readChartColors(this);
    const nodeLabels = { nodeName: (id: string) => this.nodeText(id), nodeColor: (id: string) => this.colorOf(id) };
    this.charts = {
      histogram: new RunTimeChart(
        this.histogramContainer,
        colors,
        {
          ...nodeLabels,
          number: (n) => this.format.number(n),
          bucket: (index) => this.format.bucketRange(this.histogramData.bounds, index),
          bound: (index) => this.format.bucketBound(this.histogramData.bounds, index),
          total: () => t(this.locale, 'total'),
        },
        (bucket, node) => this.openHistogram(bucket, node),
      ),
      trends: new TrendChart(
        this.trendsContainer,
        colors,
        {
          ...nodeLabels,
          value: (n) => this.metricValue(n),
          bucket: (ms, seconds) => this.format.bucketTitle(ms, seconds),
          tick: (ms, step) => this.format.tick(ms, step),
          metric: () => this.metric,
        },
        this.format.zone,
        (bucket, node) => this.openTrend(bucket, node),
      ),
    };
  }

  /** The charts' data, computed again only when the analysis or what the charts show changed. */
  private computeData(): void {
    const from = { analysis: this.analysis, histogramType: this.histogramType, metric: this.metric };
    const last = this.computedFrom;
    if (last && last.analysis === from.analysis && last.histogramType === from.histogramType && last.metric === from.metric) return;
    this.computedFrom = from;
    this.histogramData = runTimeSeries(this.analysis, this.histogramType);
    this.trendData = trendSeries(this.analysis, this.metric);
  }

  private feedCharts(): void {
    const charts = this.charts;
    if (!charts) return;
    const fed = this.fed;
    const relabel = fed.format !== this.format;
    // Another figure has other axis labels.
    const relabelTrends = relabel || fed.metric !== this.metric;
    if (relabel) charts.trends.setTimeZone(this.format.zone);
    if (fed.histogram !== this.histogramData || relabel) charts.histogram.update(this.histogramData, relabel);
    if (fed.trends !== this.trendData || relabelTrends) charts.trends.update(this.trendData, relabelTrends);
    this.fed = { histogram: this.histogramData, trends: this.trendData, format: this.format, metric: this.metric };
  }

  /** Colours of the canvases are values: read them again from the theme. */
  private recolor(): void {
    if (!this.charts || !chartCode) return;
    const colors = chartCode.readChartColors(this);
    for (const chart of Object.values(this.charts)) chart.setColors(colors);
  }

  private metricValue(n: number | null): string {
    if (n === null) return t(this.locale, 'none');
    switch (this.metric) {
      case 'p95':
        return this.format.duration(n);
      case 'failures':
        return this.format.number(n);
      case 'throughput':
        return this.format.rate(n);
    }
  }

  // --- Opening the jobs behind a figure ---------------------------------------------------

  /** Narrows the shared query to the jobs behind a figure, then tells the host (which may show its list). */
  private open(patch: Partial<JobQuery>): void {
    const store = this.storeController.store;
    if (!store) return;
    store.setQuery(patch);
    this.dispatchEvent(
      new CustomEvent<AnalysisSelectDetail>('ac-analysis-select', { detail: { query: patch }, bubbles: true, composed: true }),
    );
  }

  /** The filters of a cell's jobs in `states`: its type and node, when it has one (else the query's stay). */
  private cellQuery(type: JobType | null, node: string | null, states: JobState[]): Partial<JobQuery> {
    return { states, stages: [], ...(type === null ? {} : { types: [type] }), ...(node === null ? {} : { nodes: [node] }) };
  }

  private openHistogram(_bucket: number, node: string | null): void {
    this.open(this.cellQuery(this.histogramType, node, FINISHED));
  }

  private openTrend(bucket: number, node: string | null): void {
    const start = this.trendData.x[bucket];
    if (start === undefined) return;
    const end = start + this.trendData.bucketSeconds;
    const patch: Partial<JobQuery> = {
      ...this.cellQuery(null, node, this.metric === 'failures' ? ['UNSUCCESSFUL'] : FINISHED),
      period: { kind: 'range', from: new Date(start * 1000).toISOString(), to: new Date(end * 1000).toISOString() },
    };
    this.open(patch);
  }

  private openStop(stage: string, node: string): void {
    this.open({ ...this.cellQuery(this.stopsType, node, ['UNSUCCESSFUL']), stages: [stage] });
  }

  private openJob(event: MouseEvent, job: Job): void {
    const opened = this.dispatchEvent(
      new CustomEvent('ac-job-open', { detail: { id: job.id, job }, bubbles: true, composed: true, cancelable: true }),
    );
    if (!opened || !this.hrefTemplate) event.preventDefault();
  }

  private jobHref(id: string): string | undefined {
    return this.hrefTemplate ? this.hrefTemplate.replaceAll('{id}', encodeURIComponent(id.replace(/\p{Cs}/gu, '\uFFFD'))) : undefined;
  }

  // --- Keyboard reading of the charts ------------------------------------------------------

  private chartOf(key: ChartKey): RunTimeChart | TrendChart | undefined {
    return this.charts?.[key];
  }

  private nodesOf(key: ChartKey): string[] {
    return key === 'histogram' ? this.histogramData.nodeIds : this.trendData.nodeIds;
  }

  /** The buckets a chart shows: read from its data, so that the keyboard reads it before the chart is drawn. */
  private lengthOf(key: ChartKey): number {
    return key === 'histogram' ? this.histogramData.length : this.trendData.x.length;
  }

  private onChartKey(key: ChartKey, event: KeyboardEvent): void {
    const length = this.lengthOf(key);
    if (!length) return;
    const nodes = this.nodesOf(key);
    const current = this.reading?.chart === key ? this.reading : { chart: key, index: key === 'trends' ? length - 1 : 0, node: -1 };
    let { index, node } = current;
    switch (event.key) {
      case 'ArrowLeft':
        index--;
        break;
      case 'ArrowRight':
        index++;
        break;
      case 'Home':
        index = 0;
        break;
      case 'End':
        index = length - 1;
        break;
      case 'ArrowUp':
        node = node <= -1 ? nodes.length - 1 : node - 1;
        break;
      case 'ArrowDown':
        node = node >= nodes.length - 1 ? -1 : node + 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        if (this.reading?.chart !== key) break;
        if (key === 'histogram') this.openHistogram(this.histogramData.first + index, nodes[node] ?? null);
        else this.openTrend(index, nodes[node] ?? null);
        return;
      default:
        return;
    }
    event.preventDefault();
    index = Math.max(0, Math.min(length - 1, index));
    this.reading = { chart: key, index, node };
    this.showReading();
  }

  /** The chart being read shows its bucket and node as the pointer would (once it is drawn). */
  private showReading(): void {
    const reading = this.reading;
    const chart = reading && this.chartOf(reading.chart);
    if (!reading || !chart) return;
    chart.focusNode(this.nodesOf(reading.chart)[reading.node] ?? null);
    chart.showIndex(reading.index);
  }

  private onChartBlur(key: ChartKey): void {
    if (this.reading?.chart !== key) return;
    this.reading = null;
    this.chartOf(key)?.focusNode(null);
    this.chartOf(key)?.showIndex(null);
  }

  /** What the keyboard reads: the bucket, each node's figure, and what Enter does. */
  private describeReading(key: ChartKey): string {
    const reading = this.reading;
    if (reading?.chart !== key) return '';
    const locale = this.locale;
    const nodes = this.nodesOf(key);
    const only = nodes[reading.node];
    const rows = nodes
      .filter((id) => only === undefined || id === only)
      .map((id) => {
        const n = nodes.indexOf(id);
        const value =
          key === 'histogram'
            ? this.format.number(this.histogramData.counts[n]?.[reading.index] ?? 0)
            : this.metricValue(this.trendData.values[n]?.[reading.index] ?? null);
        return t(locale, 'readingRow', { node: this.nodeText(id), value });
      });
    const title =
      key === 'histogram'
        ? this.format.bucketRange(this.histogramData.bounds, this.histogramData.first + reading.index)
        : this.format.bucketTitle((this.trendData.x[reading.index] ?? 0) * 1000, this.trendData.bucketSeconds);
    return t(locale, 'reading', { title, rows: rows.join(', ') });
  }

  // --- Tables as CSV ----------------------------------------------------------------------

  /** Saves a table as CSV: `table` makes it with the export's code, loaded at the first export. */
  private exportTable(table: (code: ExportCode) => AnalysisTable): void {
    const store = this.storeController.store;
    if (!store) return;
    this.exportProblem = undefined;
    const query = { ...store.query };
    loadExport()
      .then((code) => code.saveAnalysisTable(table(code), query, this.save))
      .catch((error: unknown) => {
        this.exportProblem = t(this.locale, 'exportFailed', { reason: error instanceof Error ? error.message : String(error) });
      });
  }

  // --- Rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const store = this.storeController.store;
    const analysis = this.analysis;
    const busy = !!store && (store.status === 'loading' || store.analysisLoading);
    return html`<div class="analysis" aria-busy=${busy ? 'true' : 'false'}>
      ${this.renderStatus(store, analysis)}
      ${this.exportProblem ? html`<p class="status error" role="alert">${this.exportProblem}</p>` : nothing} ${this.renderChartsFailed()}
      <div class="cards analysis-cards" ?hidden=${!analysis || analysis.total === 0}>
        ${this.renderTableCard()} ${this.renderHistogramCard()} ${this.renderStopsCard()} ${this.renderTrendsCard()}
        ${this.renderRankedCard('slowest', t(this.locale, 'slowestTitle'), analysis?.slowest ?? [])}
        ${this.renderRankedCard('waiting', t(this.locale, 'waitingTitle'), analysis?.longestWaiting ?? [])}
      </div>
    </div>`;
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

  private renderStatus(store: JobStoreApi | undefined, analysis: JobAnalysis | undefined) {
    const locale = this.locale;
    if (!store) return html`<p class="status" part="status" role="status">${t(locale, 'noStore')}</p>`;
    const error = store.status === 'error' ? store.error : store.analysisError;
    if (error) {
      return html`<div class="status error" part="status" role="alert">
        <p>${t(locale, `error.${error.kind}`)}</p>
        <button class="action" @click=${() => store.retry()}>${common(locale, 'retry')}</button>
      </div>`;
    }
    if (!analysis) return html`<p class="status" part="status" role="status">${t(locale, 'loading')}</p>`;
    if (analysis.total === 0) return html`<p class="status empty" part="status" role="status">${t(locale, 'empty')}</p>`;
    return html`<p class="status updating" part="status" role="status">${store.analysisLoading ? t(locale, 'updating') : ''}</p>`;
  }

  private renderHeader(key: string, title: string, hint: string, actions: TemplateResult) {
    return html`<header class="card-header">
      <div>
        <h2 id="title-${key}">${title}</h2>
        <p class="hint">${hint}</p>
      </div>
      <div class="card-actions">${actions}</div>
    </header>`;
  }

  private exportButton(table: (code: ExportCode) => AnalysisTable) {
    return html`<button class="table-toggle" @click=${() => this.exportTable(table)}>${t(this.locale, 'exportCsv')}</button>`;
  }

  private tableToggle(key: ChartKey) {
    const shown = this.tables[key];
    return html`<button class="table-toggle" aria-pressed=${shown ? 'true' : 'false'} @click=${() => (this.tables = { ...this.tables, [key]: !shown })}>
      ${shown ? t(this.locale, 'showChart') : t(this.locale, 'showTable')}
    </button>`;
  }

  private typeSelect(label: string, value: JobType | null, choose: (type: JobType | null) => void) {
    const locale = this.locale;
    return html`<label class="type-select"
      >${label}
      <select @change=${(e: Event) => choose(((e.target as HTMLSelectElement).value || null) as JobType | null)}>
        <option value="" ?selected=${value === null}>${t(locale, 'allTypes')}</option>
        ${analysisTypes(this.analysis).map((type) => html`<option value=${type} ?selected=${value === type}>${jobTypeLabel(type, locale)}</option>`)}
      </select></label
    >`;
  }

  private typeName(type: JobType | null): string {
    return type === null ? t(this.locale, 'allTypes') : jobTypeLabel(type, this.locale);
  }

  private nodeTitle(node: string | null): string {
    return node === null ? t(this.locale, 'allNodes') : this.nodeText(node);
  }

  private renderTableCard() {
    const locale = this.locale;
    const format = this.format;
    const rows = tableRows(this.analysis);
    const count = (value: number, label: string, patch: () => Partial<JobQuery>) =>
      this.countButton(value === 0, format.number(value), () => this.open(patch()), label);
    return html`<section class="card wide" part="card" aria-labelledby="title-table">
      ${this.renderHeader(
        'table',
        t(locale, 'tableTitle'),
        t(locale, 'tableHint'),
        this.exportButton((code) => code.cellsTable(rows)),
      )}
      <div class="table-scroll tall"><table class="data cells">
        <caption class="visually-hidden">${t(locale, 'tableTitle')}</caption>
        <thead>
          <tr>
            <th scope="col" rowspan="2">${t(locale, 'type')}</th>
            <th scope="col" rowspan="2">${t(locale, 'node')}</th>
            <th scope="col" rowspan="2" class="num">${t(locale, 'finished')}</th>
            <th scope="col" rowspan="2" class="num">${t(locale, 'unsuccessful')}</th>
            <th scope="col" rowspan="2" class="num">${t(locale, 'successRate')}</th>
            <th scope="colgroup" colspan="3" class="group">${t(locale, 'wait')}</th>
            <th scope="colgroup" colspan="3" class="group">${t(locale, 'run')}</th>
            <th scope="col" rowspan="2" class="num">${t(locale, 'bytes')}</th>
            <th scope="col" rowspan="2" class="num">${t(locale, 'throughput')}</th>
          </tr>
          <tr>
            ${['wait', 'run'].map(
              () => html`<th scope="col" class="num">${t(locale, 'median')}</th>
                <th scope="col" class="num">${t(locale, 'p95')}</th>
                <th scope="col" class="num">${t(locale, 'max')}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${rows.map((cell) => {
            const what = t(locale, 'cellName', { type: this.typeName(cell.type), node: this.nodeTitle(cell.node) });
            const unsuccessful = cell.finished - cell.successful;
            return html`<tr class=${cell.node === null ? 'subtotal' : ''}>
              <th scope="row">${cell.node === null ? this.typeName(cell.type) : ''}</th>
              <th scope="row">
                ${cell.node === null ? this.nodeTitle(null) : html`<span class="swatch" data-node=${cell.node} aria-hidden="true"></span>${this.nodeLabel(cell.node)}`}
              </th>
              <td class="num">${count(cell.finished, t(locale, 'openFinished', { count: cell.finished, what }), () => this.cellQuery(cell.type, cell.node, FINISHED))}</td>
              <td class="num">
                ${count(unsuccessful, t(locale, 'openUnsuccessful', { count: unsuccessful, what }), () => this.cellQuery(cell.type, cell.node, ['UNSUCCESSFUL']))}
              </td>
              <td class="num">${format.share(cell.successful, cell.finished)}</td>
              <td class="num">${format.duration(cell.wait.median)}</td>
              <td class="num">${format.duration(cell.wait.p95)}</td>
              <td class="num">${format.duration(cell.wait.max)}</td>
              <td class="num">${format.duration(cell.run.median)}</td>
              <td class="num">${format.duration(cell.run.p95)}</td>
              <td class="num">${format.duration(cell.run.max)}</td>
              <td class="num">${format.bytes(cell.bytes)}</td>
              <td class="num">${format.rate(cell.bytesPerSecond)}</td>
            </tr>`;
          })}
        </tbody>
      </table></div>
    </section>`;
  }

  private renderLegend(nodeIds: string[]) {
    return html`<ul class="legend">
      ${nodeIds.map((id) => html`<li><span class="swatch line" data-node=${id} aria-hidden="true"></span>${this.nodeLabel(id)}</li>`)}
    </ul>`;
  }

  private renderHistogramCard() {
    const locale = this.locale;
    const { histogramData: data, histogramType } = this;
    return html`<section class="card" part="card" aria-labelledby="title-histogram">
      ${this.renderHeader(
        'histogram',
        t(locale, 'histogramTitle'),
        t(locale, 'histogramHint'),
        html`${this.tableToggle('histogram')} ${this.exportButton((code) => code.histogramTable(data, histogramType))}`,
      )}
      ${this.typeSelect(t(locale, 'histogramType'), histogramType, (type) => (this.histogramType = type))}
      ${this.renderChart(
        'histogram',
        t(locale, 'histogramTitle'),
        t(locale, 'runTime'),
        () => Array.from({ length: data.length }, (_, i) => this.format.bucketRange(data.bounds, data.first + i)),
        (i, n, id) => {
          const value = data.counts[n]?.[i] ?? 0;
          return this.countButton(value === 0, this.format.number(value), () => this.openHistogram(data.first + i, id));
        },
      )}
    </section>`;
  }

  private renderStopsCard() {
    const locale = this.locale;
    const stopsType = this.stopsType;
    const matrix = stopMatrix(this.analysis, stopsType);
    return html`<section class="card" part="card" aria-labelledby="title-stops">
      ${this.renderHeader(
        'stops',
        t(locale, 'stopsTitle'),
        t(locale, 'stopsHint'),
        this.exportButton((code) => code.stopsTable(matrix, stopsType)),
      )}
      ${this.typeSelect(t(locale, 'stopsType'), this.stopsType, (type) => (this.stopsType = type))}
      ${
        matrix.stages.length === 0
          ? html`<p class="none">${t(locale, 'noStops')}</p>`
          : html`<div class="table-scroll"><table class="data stops">
            <caption class="visually-hidden">${t(locale, 'stopsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">${t(locale, 'stage')}</th>
                ${matrix.nodeIds.map((id) => html`<th scope="col" class="num"><span class="swatch" data-node=${id} aria-hidden="true"></span>${this.nodeLabel(id)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${matrix.stages.map(
                (stage, s) => html`<tr>
                  <th scope="row" class="stage">${showBreakable(stageLabel(stage, locale), locale)}</th>
                  ${matrix.nodeIds.map((id, n) => {
                    const value = matrix.counts[s]?.[n] ?? 0;
                    if (value === 0) return html`<td class="num">${this.format.number(0)}</td>`;
                    const label = t(locale, 'openStops', {
                      count: value,
                      stage: controlsAsText(clipText(stageLabel(stage, locale))),
                      node: this.nodeText(id),
                    });
                    return html`<td class="num bar" data-share=${(value / matrix.max).toFixed(3)}>
                      <button class="count" aria-label=${label} @click=${() => this.openStop(stage, id)}>${this.format.number(value)}</button>
                    </td>`;
                  })}
                </tr>`,
              )}
            </tbody>
          </table></div>`
      }
    </section>`;
  }

  private renderTrendsCard() {
    const locale = this.locale;
    const { trendData: data, metric } = this;
    const bucket = bucketName(data.bucketSeconds, locale);
    return html`<section class="card wide" part="card" aria-labelledby="title-trends">
      ${this.renderHeader(
        'trends',
        t(locale, 'trendsTitle'),
        t(locale, 'trendsHint', { bucket, zone: this.format.zoneLabel() }),
        html`${this.tableToggle('trends')} ${this.exportButton((code) => code.trendsTable(data, metric))}`,
      )}
      <div class="segmented" role="group" aria-label=${t(locale, 'metric')}>
        ${TREND_METRICS.map(
          (choice) =>
            html`<button class="chip" aria-pressed=${metric === choice ? 'true' : 'false'} @click=${() => (this.metric = choice)}>
              ${t(locale, `metric.${choice}`)}
            </button>`,
        )}
      </div>
      ${this.renderChart(
        'trends',
        `${t(locale, 'trendsTitle')}: ${t(locale, `metric.${metric}`)}`,
        t(locale, 'period'),
        () => data.x.map((start) => this.format.bucketTitle(start * 1000, data.bucketSeconds)),
        (i, n, id) => {
          const value = data.values[n]?.[i] ?? null;
          return this.countButton(!value, this.metricValue(value), () => this.openTrend(i, id));
        },
      )}
    </section>`;
  }

  /**
   * A chart's room, read from the keyboard, its legend, and its table when asked for
   * ("Show as table"): a row per bucket (`rows`, their titles), a column per node.
   */
  private renderChart(
    key: ChartKey,
    caption: string,
    corner: string,
    rows: () => string[],
    cell: (row: number, node: number, id: string) => unknown,
  ) {
    const nodeIds = this.nodesOf(key);
    const shown = this.tables[key];
    return html`<div
        class="plot-frame focusable"
        ?hidden=${shown}
        tabindex="0"
        role="group"
        aria-label=${t(this.locale, `${key}Keys`)}
        @keydown=${(e: KeyboardEvent) => this.onChartKey(key, e)}
        @blur=${() => this.onChartBlur(key)}
      >
        <div class="plot" id="plot-${key}"></div>
        <p class="visually-hidden" aria-live="polite">${this.describeReading(key)}</p>
      </div>
      ${this.renderLegend(nodeIds)}
      ${
        shown
          ? html`<div class="table-scroll"><table class="data">
            <caption class="visually-hidden">${caption}</caption>
            <thead>
              <tr>
                <th scope="col">${corner}</th>
                ${nodeIds.map((id) => html`<th scope="col" class="num">${this.nodeLabel(id)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${rows().map(
                (title, i) => html`<tr>
                  <th scope="row">${title}</th>
                  ${nodeIds.map((id, n) => html`<td class="num">${cell(i, n, id)}</td>`)}
                </tr>`,
              )}
            </tbody>
          </table></div>`
          : nothing
      }`;
  }

  /** A figure as text, or as a button that opens the jobs behind it (not for none). */
  private countButton(none: boolean, text: string, open: () => void, label?: string) {
    return none ? text : html`<button class="count" aria-label=${label ?? nothing} @click=${open}>${text}</button>`;
  }

  private renderRankedCard(key: 'slowest' | 'waiting', title: string, ranked: RankedJob[]) {
    const locale = this.locale;
    const slowest = key === 'slowest';
    return html`<section class="card" part="card" aria-labelledby="title-${key}">
      ${this.renderHeader(
        key,
        title,
        '',
        this.exportButton((code) => code.rankedTable(key, ranked)),
      )}
      ${
        ranked.length === 0
          ? html`<p class="none">${t(locale, slowest ? 'noSlowest' : 'noWaiting')}</p>`
          : html`<div class="table-scroll whole"><table class="data ranked">
            <caption class="visually-hidden">${title}</caption>
            <thead>
              <tr>
                <th scope="col">${t(locale, 'name')}</th>
                <th scope="col">${t(locale, 'type')}</th>
                <th scope="col">${t(locale, 'node')}</th>
                <th scope="col" class="num">${t(locale, slowest ? 'runTimeColumn' : 'waitingColumn')}</th>
                <th scope="col">${t(locale, slowest ? 'finishedAt' : 'createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              ${ranked.map(
                ({ ms, job }) => html`<tr>
                  <th scope="row" class="name">
                    ${
                      this.hrefTemplate
                        ? html`<a href=${this.jobHref(job.id) ?? nothing} @click=${(e: MouseEvent) => this.openJob(e, job)}>${showBreakable(job.name, locale)}</a>`
                        : html`<button class="link" @click=${(e: MouseEvent) => this.openJob(e, job)}>${showBreakable(job.name, locale)}</button>`
                    }
                  </th>
                  <td>${jobTypeLabel(job.type, locale)}</td>
                  <td><span class="swatch" data-node=${job.node} aria-hidden="true"></span>${this.nodeLabel(job.node)}</td>
                  <td class="num">${this.format.duration(ms)}</td>
                  <td>${this.format.date(slowest ? job.finishedAt : job.createdAt)}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
      }
    </section>`;
  }
}

/** The width of a timeline bucket in words. */
function bucketName(seconds: number, locale: Locale): string {
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
      return t(locale, 'bucket.other', { minutes: Math.round(seconds / 60) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-analysis': AcJobAnalysis;
  }
  interface HTMLElementEventMap {
    'ac-analysis-select': CustomEvent<AnalysisSelectDetail>;
  }
}
