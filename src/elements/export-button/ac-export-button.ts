import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, queryAll, state } from 'lit/decorators.js';
// Not through export/index.js: the writers load with the first export (the producer's), not with the button.
import { exportFileName } from '../../export/file-name.js';
import { EXPORT_FORMATS, type ExportFormat, type ExportProgress } from '../../export/formats.js';
import { saveExport } from '../../export/save.js';
import { formatNumber, localeOf, type Locale } from '../../i18n/index.js';
import { LocalizedElement } from '../shared/localized-element.js';
import { themeStyles } from '../shared/theme.js';
import { exportButtonStyles } from './export-button.styles.js';
import { msg } from './messages.js';

/** What the button asks of its producer: where to report progress, when to stop, the export's time. */
export interface ExportRequest {
  signal: AbortSignal;
  onProgress: (progress: ExportProgress) => void;
  /** The export's time, also used in the file name. */
  at: Date;
}

/** Makes the chunks of an export in a format (e.g. `exportJob(...)` or `exportJobs(...)`). */
export type ExportProducer = (format: ExportFormat, request: ExportRequest) => AsyncIterable<string>;

/** Turns the chunks into a file for the user (default: `saveExport`, a download). */
export type ExportSaver = (
  chunks: AsyncIterable<string>,
  fileName: string,
  format: ExportFormat,
  signal?: AbortSignal,
) => Promise<{ bytes: number }>;

type Outcome = { kind: 'saved'; fileName: string } | { kind: 'cancelled' } | { kind: 'failed'; reason: string };

/**
 * A menu button that exports in JSON, XML or CSV, shows how far the export has gone
 * (with Cancel), and says in plain words whether the file was saved, cancelled or failed.
 * The host says what to export with `producer` and names the file with `file-base`.
 *
 * ```js
 * button.producer = (format, { signal, onProgress, at }) =>
 *   exportJob(store.source, job, format, { nodeName, signal, onProgress, at });
 * ```
 *
 * @summary Export button with a format menu, progress and cancel.
 * @fires ac-export-done - The file was handed to the browser. `detail: {format, fileName, bytes}`.
 * @fires ac-export-cancel - The user cancelled an export. `detail: {format}`.
 * @fires ac-export-error - The export failed. `detail: {format, error}`.
 * @csspart button - The button that opens the format menu.
 * @csspart menu - The format menu.
 * @csspart progress - The progress line shown while exporting.
 * @csspart message - The line that tells how the last export ended.
 */
@customElement('ac-export-button')
export class AcExportButton extends LocalizedElement {
  static override styles = [themeStyles, exportButtonStyles];

  /** Makes the export's chunks for the chosen format; the button is disabled without it. */
  @property({ attribute: false }) producer: ExportProducer | undefined;

  /** Language of the element (`en`, `fr`); else the nearest `lang` of the page. */
  @property({ reflect: true }) override lang!: string;

  /** Base of the file name, e.g. the job's name; made safe and suffixed with the time and extension. */
  @property({ attribute: 'file-base' }) fileBase = 'export';

  /** What the progress counts: `files` (one job's export) or `jobs` (a list export). */
  @property() unit: 'files' | 'jobs' = 'files';

  /** Text of the button (default: "Export" in the element's language). */
  @property() label: string | undefined;

  /** Disables the button. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Forces `light` or `dark`; otherwise the user's preference. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** How the chunks become a file; replace to upload or to test. Default: a browser download. */
  @property({ attribute: false }) save: ExportSaver = saveExport;

  @state() private open = false;
  @state() private running: { format: ExportFormat; progress: ExportProgress } | undefined;
  @state() private outcome: Outcome | undefined;

  @query('.trigger') private trigger!: HTMLButtonElement | null;
  @query('.cancel') private cancelButton!: HTMLButtonElement | null;
  @queryAll('[role="menuitem"]') private items!: NodeListOf<HTMLButtonElement>;

  private controller: AbortController | undefined;
  private focusAfterUpdate: 'first-item' | 'cancel' | 'trigger' | undefined;

  /** Whether an export is running. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Starts an export in a format, as choosing it in the menu does. Resolves when it ends. */
  async start(format: ExportFormat): Promise<void> {
    if (this.running || !this.producer) return;
    this.open = false;
    this.outcome = undefined;
    const controller = new AbortController();
    this.controller = controller;
    const at = new Date();
    const fileName = exportFileName(this.fileBase, format, at);
    this.running = { format, progress: { done: 0, total: null } };
    try {
      const chunks = this.producer(format, {
        signal: controller.signal,
        at,
        onProgress: (progress) => {
          if (this.controller === controller) this.running = { format, progress };
        },
      });
      const { bytes } = await this.save(chunks, fileName, format, controller.signal);
      // Cancelled meanwhile: `cancel` has already said so.
      if (this.controller !== controller) return;
      this.finish({ kind: 'saved', fileName });
      this.dispatchEvent(new CustomEvent('ac-export-done', { detail: { format, fileName, bytes }, bubbles: true, composed: true }));
    } catch (error) {
      if (this.controller !== controller) return;
      this.finish({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
      this.dispatchEvent(new CustomEvent('ac-export-error', { detail: { format, error }, bubbles: true, composed: true }));
    }
  }

  /** Stops the running export; nothing is saved. */
  cancel(): void {
    const controller = this.controller;
    const format = this.running?.format;
    if (!controller || !format) return;
    // Said at once, even if the source is slow to notice the abort.
    controller.abort();
    this.finish({ kind: 'cancelled' });
    this.dispatchEvent(new CustomEvent('ac-export-cancel', { detail: { format }, bubbles: true, composed: true }));
  }

  private finish(outcome: Outcome): void {
    this.controller = undefined;
    this.running = undefined;
    this.outcome = outcome;
    if (this.shadowRoot?.activeElement) this.focusAfterUpdate = 'trigger';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancel();
    this.open = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const target = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    if (target === 'first-item') this.items[0]?.focus();
    else if (target === 'cancel') this.cancelButton?.focus();
    else if (target === 'trigger') this.trigger?.focus();
  }

  protected override render(): TemplateResult {
    const l = localeOf(this);
    return html`<div class="wrap" @focusout=${this.onFocusOut} @keydown=${this.onKeyDown}>
      ${this.running ? this.renderRunning(l, this.running.format, this.running.progress) : this.renderMenuButton(l)}
      ${this.renderOutcome(l)}
    </div>`;
  }

  private renderMenuButton(l: Locale): TemplateResult {
    const disabled = this.disabled || !this.producer;
    return html`<button
        class="trigger"
        part="button"
        type="button"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="menu"
        ?disabled=${disabled}
        @click=${this.toggle}
      >
        <span class="icon" aria-hidden="true">⤓</span>${this.label ?? msg(l, 'export')}<span class="caret" aria-hidden="true">▾</span>
      </button>
      <div id="menu" class="menu" part="menu" role="menu" aria-label=${msg(l, 'menu')} ?hidden=${!this.open}>
        ${EXPORT_FORMATS.map(
          (format) => html`<button type="button" role="menuitem" tabindex="-1" @click=${() => void this.start(format)}>
            <span class="format">${msg(l, `format.${format}`)}</span><span class="hint">${msg(l, `hint.${format}`)}</span>
          </button>`,
        )}
      </div>`;
  }

  private renderRunning(l: Locale, format: ExportFormat, progress: ExportProgress): TemplateResult {
    const count =
      progress.total === null
        ? msg(l, `countOpen.${this.unit}`, { count: progress.done })
        : msg(l, `count.${this.unit}`, {
            count: progress.total,
            done: formatNumber(progress.done, l),
            total: formatNumber(progress.total, l),
          });
    const label = msg(l, 'running', { format: msg(l, `format.${format}`) });
    return html`<div class="running" part="progress">
      <div class="running-text" role="status">
        <span>${label}</span> <span class="count">${count}</span>
      </div>
      <progress
        aria-label=${label}
        max=${progress.total ?? nothing}
        value=${progress.total === null ? nothing : Math.min(progress.done, progress.total)}
      ></progress>
      <button class="cancel" type="button" @click=${this.cancel}>${msg(l, 'cancel')}</button>
    </div>`;
  }

  private renderOutcome(l: Locale): TemplateResult | typeof nothing {
    const outcome = this.outcome;
    if (!outcome || this.running) return nothing;
    const text =
      outcome.kind === 'saved'
        ? msg(l, 'saved', { fileName: outcome.fileName })
        : outcome.kind === 'cancelled'
          ? msg(l, 'cancelled')
          : msg(l, 'failed', { reason: outcome.reason });
    return html`<div class="message ${outcome.kind}" part="message" role=${outcome.kind === 'failed' ? 'alert' : 'status'}>
      <span>${text}</span>
      <button type="button" class="dismiss" aria-label=${msg(l, 'dismiss')} @click=${() => (this.outcome = undefined)}>×</button>
    </div>`;
  }

  private toggle(): void {
    this.open = !this.open;
    if (this.open) this.focusAfterUpdate = 'first-item';
  }

  private close(focusTrigger: boolean): void {
    this.open = false;
    if (focusTrigger) this.focusAfterUpdate = 'trigger';
  }

  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (this.open && (!next || !this.shadowRoot!.contains(next))) this.open = false;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (!this.open) {
      if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && event.target === this.trigger) {
        event.preventDefault();
        this.open = true;
        this.focusAfterUpdate = 'first-item';
      }
      return;
    }
    const items = Array.from(this.items);
    const at = items.indexOf(this.shadowRoot!.activeElement as HTMLButtonElement);
    let next: number | undefined;
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.close(true);
        return;
      case 'Tab':
        this.open = false;
        return;
      case 'ArrowDown':
        next = (at + 1) % items.length;
        break;
      case 'ArrowUp':
        next = (at - 1 + items.length) % items.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    items[next]?.focus();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Focus follows the control that replaces the one the user activated.
    if (changed.has('running') && this.running && changed.get('running') === undefined && this.shadowRoot?.activeElement) {
      this.focusAfterUpdate = 'cancel';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-export-button': AcExportButton;
  }
  interface HTMLElementEventMap {
    'ac-export-done': CustomEvent<{ format: ExportFormat; fileName: string; bytes: number }>;
    'ac-export-cancel': CustomEvent<{ format: ExportFormat }>;
    'ac-export-error': CustomEvent<{ format: ExportFormat; error: unknown }>;
  }
}
