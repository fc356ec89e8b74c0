import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Job } from '../../model/index.js';
import { formatBytes, formatDuration, formatNumber, formatPercent, type Locale } from '../../i18n/index.js';
import { msg } from './messages.js';
import { progressFigures, type ProgressFigures } from './progress-figures.js';
import { innerBaseStyles } from './inner.styles.js';
import { progressStyles } from './job-progress.styles.js';
import { LocalizedElement } from '../shared/localized-element.js';
import { showControls } from '../shared/visible-controls.js';

/**
 * The progress panel of `<ac-job-detail>`: a bar of files done, failed and pending, the
 * details of the job's type, the elapsed time (ticking while the job runs) and, where it
 * can be estimated, the time remaining. Internal to `<ac-job-detail>`, which gives it
 * the job and the language; it inherits the `--ac-*` tokens from there.
 *
 * @summary Progress of one job: segmented bar, type-specific details, elapsed and remaining time.
 * @fires ac-show-failed - The user asked to see the failed files.
 * @csspart bar - The segmented progress bar.
 * @csspart failed-alert - The box that tells how many files failed.
 */
@customElement('ac-job-progress')
export class AcJobProgress extends LocalizedElement {
  static override styles = [innerBaseStyles, progressStyles];

  /** The job whose progress is shown. */
  @property({ attribute: false }) job: Job | undefined;
  /** Language of the texts. */
  @property({ attribute: false }) locale: Locale = 'en';

  /** Monotonic now (`performance.now()`), advanced once a second while the job runs. */
  @state() private now = performance.now();
  /** When this version of the job reached the element, on the same clock as `now`. */
  private receivedAt = performance.now();
  @query('.bar') private bar!: HTMLElement | null;
  private timer: ReturnType<typeof setInterval> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTimer();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.syncTimer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('job')) return;
    const previous = changed.get('job');
    this.now = performance.now();
    // Running time goes on from the server's own figures for this version: the page's
    // clock may be hours from the server's, so only time measured here is added.
    if (previous?.id !== this.job?.id || previous?.version !== this.job?.version) this.receivedAt = this.now;
  }

  /** Time since this version of the job reached the element. */
  private get sinceReceived(): number {
    return this.now - this.receivedAt;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('job')) this.syncTimer();
    const bar = this.bar;
    if (bar && this.job) {
      // Widths through CSSOM: a strict CSP forbids style attributes in templates.
      const { total, done, failed } = progressFigures(this.job, this.sinceReceived);
      bar.style.setProperty('--_progress-done', total > 0 ? `${(done / total) * 100}%` : '0%');
      bar.style.setProperty('--_progress-failed', total > 0 ? `${(failed / total) * 100}%` : '0%');
    }
  }

  /** One interval while the job runs, none otherwise. */
  private syncTimer(): void {
    const running = this.isConnected && this.job?.state === 'RUNNING' && this.job.startedAt !== null;
    if (running && this.timer === undefined) {
      this.timer = setInterval(() => (this.now = performance.now()), 1000);
    } else if (!running) {
      this.stopTimer();
    }
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  protected override render(): TemplateResult | typeof nothing {
    const job = this.job;
    if (!job) return nothing;
    const l = this.locale;
    const f = progressFigures(job, this.sinceReceived);
    const text =
      f.total > 0
        ? msg(l, 'progressText', { handled: f.handled, total: f.total, done: f.done, failed: f.failed, pending: f.pending })
        : msg(l, 'noFiles');
    return html`
      <div class="head">
        <span class="percent">${formatPercent(f.ratio, l)}</span>
        <span class="handled">${f.total > 0 ? msg(l, 'handledOf', { handled: f.handled, total: f.total }) : msg(l, 'noFiles')}</span>
      </div>
      <div
        class="bar ${job.state === 'RUNNING' ? 'live' : ''} ${f.failed > 0 ? 'has-failed' : ''}"
        part="bar"
        role="progressbar"
        aria-label=${msg(l, 'progressBar')}
        aria-valuemin="0"
        aria-valuemax=${Math.max(f.total, 1)}
        aria-valuenow=${f.total > 0 ? f.handled : 0}
        aria-valuetext=${text}
      >
        <span class="segment done"></span><span class="segment failed"></span>
      </div>
      <ul class="legend">
        <li><span class="swatch done" aria-hidden="true"></span>${msg(l, `done.${job.type}`)} <strong>${formatNumber(f.done, l)}</strong></li>
        <li class=${f.failed > 0 ? 'has-failed' : ''}>
          <span class="swatch failed" aria-hidden="true"></span>${msg(l, 'failed')} <strong>${formatNumber(f.failed, l)}</strong>
        </li>
        <li><span class="swatch pending" aria-hidden="true"></span>${msg(l, 'pending')} <strong>${formatNumber(f.pending, l)}</strong></li>
      </ul>
      ${
        f.failed > 0
          ? html`<div class="failed-alert" part="failed-alert">
            <span class="alert-icon" aria-hidden="true">!</span>
            <span>${msg(l, 'failedAlert', { count: f.failed })}</span>
            <button type="button" @click=${this.showFailed}>${msg(l, 'showFailed')}</button>
          </div>`
          : nothing
      }
      <dl class="facts">
        ${this.renderTiming(job, f)} ${this.renderTypeDetails(job)}
      </dl>
    `;
  }

  private renderTiming(job: Job, f: ProgressFigures): TemplateResult {
    const l = this.locale;
    if (f.elapsedMs === undefined) return fact(msg(l, 'elapsed'), msg(l, 'notStarted'));
    const running = job.state === 'RUNNING';
    return html`${fact(msg(l, running ? 'elapsed' : 'duration'), html`<span class="elapsed">${formatDuration(f.elapsedMs, l)}</span>`)}
    ${
      f.remainingMs === undefined
        ? nothing
        : fact(
            msg(l, 'remaining'),
            html`<span class="remaining">${msg(l, 'remainingValue', { duration: formatDuration(f.remainingMs, l) })}</span>`,
          )
    }`;
  }

  private renderTypeDetails(job: Job): TemplateResult {
    const l = this.locale;
    const { done, total } = job.progress.bytes;
    const bytes = fact(
      msg(l, `bytes.${job.type}`),
      msg(l, 'ofTotal', {
        done: formatBytes(done, l),
        total: formatBytes(total, l),
        percent: formatPercent(total > 0 ? Math.min(1, done / total) : 0, l),
      }),
    );
    // The server's own words, with any hidden control shown as a mark.
    const said = (text: string) => showControls(text, l);
    switch (job.type) {
      case 'DESTAGING':
        return html`${fact(msg(l, 'share'), said(job.progress.share))}${bytes}`;
      case 'ARCHIVING':
        return html`${fact(msg(l, 'share'), said(job.progress.share))}
        ${fact(msg(l, 'target'), said(msg(l, `medium.${job.progress.target.medium}`, { name: job.progress.target.name })))}${bytes}`;
      case 'STORAGE':
        return html`${fact(msg(l, 'share'), said(job.progress.share))}
        ${fact(msg(l, 'copiesMade'), formatNumber(job.progress.copiesMade, l))}${bytes}`;
      case 'VERSIONING':
        return html`${fact(msg(l, 'share'), said(job.progress.share))}${fact(msg(l, 'policy'), said(job.progress.policy))}
        ${fact(msg(l, 'versionsHandled'), formatNumber(job.progress.versionsHandled, l))}${bytes}`;
      case 'COPY':
        return html`${fact(msg(l, 'client'), said(job.progress.client))}
        ${fact(msg(l, 'origin'), msg(l, `origin.${job.progress.origin}`))}${bytes}`;
      case 'DUPLICATION':
        return html`${fact(msg(l, 'sourceTape'), said(job.progress.sourceTape))}${fact(msg(l, 'targetTape'), said(job.progress.targetTape))}
        ${fact(msg(l, 'mode'), said(job.progress.mode))}${bytes}`;
    }
  }

  private showFailed(): void {
    this.dispatchEvent(new CustomEvent('ac-show-failed', { bubbles: true, composed: true }));
  }
}

function fact(label: string, value: string | TemplateResult): TemplateResult {
  return html`<div class="fact"><dt>${label}</dt><dd>${value}</dd></div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-progress': AcJobProgress;
  }
  interface HTMLElementEventMap {
    'ac-show-failed': CustomEvent<undefined>;
  }
}
