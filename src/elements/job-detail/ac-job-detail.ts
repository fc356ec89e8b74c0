import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import type { Job } from '../../model/index.js';
import { JobSourceError } from '../../source/job-source.js';
import { JobStoreController } from '../../store/job-store-controller.js';
import type { JobStoreApi } from '../../store/store-api.js';
import { exportJob } from '../../export/index.js';
import { formatDateTime, jobStateLabel, jobTypeLabel, localeOf, stageLabel, type Locale } from '../../i18n/index.js';
import { StoreReaderElement } from '../shared/store-reader-element.js';
import { themeStyles } from '../shared/theme.js';
import { nodeColor } from '../shared/colors.js';
import { clipText } from '../shared/clip-text.js';
import { showBreakable, showClipped, showControls } from '../shared/visible-controls.js';
import '../export-button/ac-export-button.js';
import type { ExportProducer } from '../export-button/ac-export-button.js';
import './ac-job-progress.js';
import './ac-job-files.js';
import type { AcJobFiles } from './ac-job-files.js';
import { jobDetailStyles } from './job-detail.styles.js';
import { msg } from './messages.js';

/**
 * The longest description shown whole. Chrome lays some long text out in time that grows
 * with its square (a 256 KB description froze this view for 10 s); past this, a prefix and
 * a note say it was clipped. The export keeps the whole text.
 */
const MAX_DESCRIPTION_CHARS = 10_000;

/**
 * One job in full (the user guide's 'Job Details' section): its general information, its progress with
 * the details of its type, its files, and an export of the job with its files as JSON,
 * XML or CSV. Give it `job-id` (it loads the job from the store and keeps it live) or a
 * `.job`. An unknown job, or one that was removed, gets a plain message and a way back.
 *
 * @summary The details of one job: general information, progress, files, export.
 * @fires ac-back - The user asked to go back to the list. `detail: {id}` (the job's id, if any).
 * @slot back - Replaces the Back button (e.g. with a link to the list).
 * @csspart header - The top bar: back, job name, state, export.
 * @csspart back-button - The default Back button.
 * @csspart general - The general information card.
 * @csspart progress - The progress card.
 * @csspart files - The file details card.
 * @csspart message - The loading, not-found or error message.
 * @cssprop --ac-color-successful - Colour of a successful state and of files done.
 * @cssprop --ac-color-unsuccessful - Colour of an unsuccessful state and of failed files.
 * @cssprop --ac-color-running - Colour of a running state and of the live progress bar.
 * @cssprop --ac-color-scheduled - Colour of a scheduled state.
 */
@customElement('ac-job-detail')
export class AcJobDetail extends StoreReaderElement {
  static override styles = [themeStyles, jobDetailStyles];

  /** Id of the job to show; loaded from the store, then kept live. */
  @property({ attribute: 'job-id', reflect: true }) jobId: string | undefined;

  /** A job given directly (shown as is; kept live when the store holds it). Wins over `job-id`. */
  @property({ attribute: false }) job: Job | undefined;

  @query('ac-job-files') private files!: AcJobFiles | null;
  @query('.node-swatch') private nodeSwatch!: HTMLElement | null;

  private readonly stores = new JobStoreController(this, {
    filter: (change) => change.nodes || (this.shownId !== undefined && change.jobs.has(this.shownId)),
  });

  /** Keeps the loaded job watched (live) in the store until the view moves on. */
  private watch: AbortController | undefined;
  private shown: Job | undefined;
  private producer: { job: Job; store: JobStoreApi | undefined; run: ExportProducer } | undefined;

  private readonly loader = new Task(this, {
    task: async ([id, store, given]: readonly [string | undefined, JobStoreApi | undefined, boolean], { signal }) => {
      this.stopWatching();
      if (!id || !store || given) return initialState;
      const watch = new AbortController();
      this.watch = watch;
      signal.addEventListener('abort', () => watch.abort(), { once: true });
      return store.loadJob(id, watch.signal);
    },
    args: () => [this.jobId, this.stores.store, this.job !== undefined] as const,
  });

  private get shownId(): string | undefined {
    return this.job?.id ?? this.jobId;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after a removal: watch the job again.
    if (this.hasUpdated && this.jobId && !this.job) void this.loader.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching();
  }

  private stopWatching(): void {
    this.watch?.abort();
    this.watch = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.shown = this.currentJob();
  }

  /** The newest of the given job, the loaded one and the store's copy. */
  private currentJob(): Job | undefined {
    const id = this.shownId;
    if (!id) return undefined;
    const loaded = this.job ? undefined : this.loader.status === TaskStatus.COMPLETE ? this.loader.value : undefined;
    const candidates = [this.job, loaded?.id === id ? loaded : undefined, this.stores.store?.getJob(id)];
    let newest: Job | undefined;
    for (const candidate of candidates) {
      if (candidate && candidate.id === id && (!newest || candidate.version > newest.version)) newest = candidate;
    }
    return newest;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const swatch = this.nodeSwatch;
    const store = this.stores.store;
    // Through CSSOM: a strict CSP forbids style attributes in templates.
    if (swatch && this.shown) swatch.style.setProperty('--_node-color', nodeColor(this.shown.node, store?.nodes ?? []));
  }

  protected override render(): TemplateResult {
    const l = localeOf(this);
    const job = this.shown;
    if (job) return this.renderJob(job, l);
    if (!this.shownId) return this.renderMessage(l, msg(l, 'noJob'));
    if (!this.stores.store) return this.renderMessage(l, msg(l, 'noStore'));
    if (this.loader.status === TaskStatus.ERROR) return this.renderError(l, this.loader.error);
    return this.renderMessage(l, msg(l, 'loading', { id: this.shownId }), 'loading');
  }

  private renderBack(l: Locale): TemplateResult {
    return html`<slot name="back"
      ><button type="button" class="back" part="back-button" @click=${this.back}>
        <span aria-hidden="true">←</span> ${msg(l, 'back')}
      </button></slot
    >`;
  }

  private renderMessage(l: Locale, text: string, kind: 'loading' | 'info' = 'info'): TemplateResult {
    return html`<div class="top">${this.renderBack(l)}</div>
      <div class="message ${kind}" part="message" role="status">${text}</div>`;
  }

  private renderError(l: Locale, error: unknown): TemplateResult {
    const id = this.shownId ?? '';
    const kind = error instanceof JobSourceError ? error.kind : 'network';
    if (kind === 'not-found') {
      return html`<div class="top">${this.renderBack(l)}</div>
        <div class="message not-found" part="message" role="alert">
          <p>${msg(l, 'notFound', { id })}</p>
        </div>`;
    }
    return html`<div class="top">${this.renderBack(l)}</div>
      <div class="message error" part="message" role="alert">
        <p>${msg(l, `error.${kind}`)}</p>
        <button type="button" class="retry" @click=${() => void this.loader.run()}>${msg(l, 'retry')}</button>
      </div>`;
  }

  private renderJob(job: Job, l: Locale): TemplateResult {
    const store = this.stores.store;
    const zone = this.zone;
    const date = (iso: string) => html`<time datetime=${iso}>${formatDateTime(iso, l, zone)}</time>`;
    const node = store?.nodes.find((n) => n.id === job.node);
    const state = html`<span class="state state-${job.state.toLowerCase()}"
      ><span class="dot" aria-hidden="true"></span>${jobStateLabel(job.state, l)}</span
    >`;
    return html`
      <header class="top" part="header">
        ${this.renderBack(l)}
        <div class="title">
          <h2>${showBreakable(job.name, l)}</h2>
          ${state}
        </div>
        <ac-export-button
          data-ac-inner
          lang=${l}
          class="export"
          file-base=${job.name}
          theme=${this.theme ?? nothing}
          .label=${msg(l, 'exportLabel')}
          .producer=${this.exportProducer(job, store)}
        ></ac-export-button>
      </header>

      <section class="card general" part="general" aria-labelledby="general-title">
        <h3 id="general-title">${msg(l, 'general')}</h3>
        <dl class="fields">
          ${field(msg(l, 'type'), jobTypeLabel(job.type, l))}
          ${field(msg(l, 'state'), state)}
          ${field(msg(l, 'stage'), html`<span class="stage">${showBreakable(stageLabel(job.stage, l), l)}</span>`)}
          ${field(
            msg(l, 'node'),
            html`<span class="node"><span class="node-swatch" aria-hidden="true"></span>${showClipped(node?.name ?? job.node, l)}</span>`,
          )}
          ${field(msg(l, 'createdAt'), date(job.createdAt))} ${field(msg(l, 'updatedAt'), date(job.updatedAt))}
          ${field(msg(l, 'name'), html`${showBreakable(job.name, l)}`)} ${field(msg(l, 'id'), html`<span class="mono">${showBreakable(job.id, l)}</span>`)}
          ${field(msg(l, 'description'), describe(job.description, l), 'wide')}
        </dl>
      </section>

      <section class="card progress" part="progress" aria-labelledby="progress-title">
        <h3 id="progress-title">${msg(l, 'progress')}</h3>
        <ac-job-progress .job=${job} .locale=${l} @ac-show-failed=${this.showFailed}></ac-job-progress>
      </section>

      <section class="card files" part="files" aria-labelledby="files-title">
        <h3 id="files-title">${msg(l, 'files')}</h3>
        <ac-job-files .source=${store?.source} .jobId=${job.id} .jobVersion=${job.version} .locale=${l}></ac-job-files>
      </section>
    `;
  }

  /** The same function while the job and the store stay, so the button is not re-rendered for nothing. */
  private exportProducer(job: Job, store: JobStoreApi | undefined): ExportProducer | undefined {
    if (!store) return undefined;
    if (this.producer?.job !== job || this.producer.store !== store) {
      const nodeName = store.nodes.find((n) => n.id === job.node)?.name;
      const run: ExportProducer = (format, { signal, onProgress, at }) =>
        exportJob(store.source, job, format, { signal, onProgress, at, ...(nodeName ? { nodeName } : {}) });
      this.producer = { job, store, run };
    }
    return this.producer.run;
  }

  private async showFailed(): Promise<void> {
    const files = this.files;
    if (!files) return;
    files.showStatus(['FAILED']);
    await files.updateComplete;
    files.scrollIntoView({ block: 'start', behavior: 'smooth' });
    files.focusFilter();
  }

  private back(): void {
    this.dispatchEvent(new CustomEvent('ac-back', { detail: { id: this.shownId }, bubbles: true, composed: true }));
  }
}

function describe(description: string, l: Locale): string | TemplateResult {
  if (!description) return msg(l, 'none');
  if (description.length <= MAX_DESCRIPTION_CHARS) return showControls(description, l);
  return html`${showControls(clipText(description, MAX_DESCRIPTION_CHARS), l)} <span class="clipped">${msg(l, 'clipped', { count: description.length })}</span>`;
}

function field(label: string, value: string | TemplateResult, kind: 'wide' | '' = ''): TemplateResult {
  return html`<div class="field ${kind}"><dt>${label}</dt><dd>${value}</dd></div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-detail': AcJobDetail;
  }
  interface HTMLElementEventMap {
    'ac-back': CustomEvent<{ id: string | undefined }>;
  }
}
