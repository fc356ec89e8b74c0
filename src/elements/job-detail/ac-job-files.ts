import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { FILE_STATUSES, type FileStatus, type JobFile } from '../../model/index.js';
import type { JobSource } from '../../source/job-source.js';
import { common, fileStatusLabel, formatBytes, formatNumber, type Locale } from '../../i18n/index.js';
import { LocalizedElement } from '../shared/localized-element.js';
import { RowPool } from '../shared/row-pool.js';
import { controlsAsText, showControls } from '../shared/visible-controls.js';
import { rowPoolStyles } from '../shared/row-pool.styles.js';
import { FileWindow } from './file-window.js';
import { msg } from './messages.js';
import { innerBaseStyles } from './inner.styles.js';
import { filesStyles } from './job-files.styles.js';

/** While a job runs its files change: refetch the rows on screen at most this often. */
const REFRESH_INTERVAL_MS = 1000;
/** Rows fetched beyond each edge of the screen, so a short scroll finds them ready. */
const OVERSCAN_ROWS = 30;
/** Below this width (of the table, px) a row shows the path on one line and status, size, reason under it. */
const NARROW_WIDTH = 560;
const NARROW_ROW_HEIGHT = 52;

/**
 * The file table of `<ac-job-detail>`: every file of a job, fetched page by page for the
 * rows on screen, filtered by status, failed files first on demand. A job may have tens
 * of millions of files: only the rows on screen exist (a `RowPool`, as in `<ac-job-list>`),
 * over a scroll range scaled past 8 million pixels (about 220,000 rows, 150,000 in the
 * narrow layout), where wheel and keys still move the rows 1:1 and the scrollbar reaches
 * every file. Internal to `<ac-job-detail>`; it inherits the `--ac-*` tokens.
 *
 * @summary A job's files: a virtualized, paged table with status filters.
 * @csspart table - The scrolling table (header and rows).
 */
@customElement('ac-job-files')
export class AcJobFiles extends LocalizedElement {
  static override styles = [innerBaseStyles, rowPoolStyles, filesStyles];

  /** Where the files come from (the store's source). */
  @property({ attribute: false }) source: Pick<JobSource, 'listFiles'> | undefined;
  /** The job whose files are listed. */
  @property({ attribute: false }) jobId: string | undefined;
  /** The job's version: when it grows, the rows on screen are fetched again. */
  @property({ attribute: false }) jobVersion = 0;
  /** Language of the texts. */
  @property({ attribute: false }) locale: Locale = 'en';

  /** Statuses shown; empty: all. */
  @state() statusFilter: readonly FileStatus[] = [];
  /** Failed files first. */
  @state() failedFirst = false;
  @state() private narrow = false;

  @query('.scroller') private scroller!: HTMLElement | null;
  @query('.head') private head!: HTMLElement | null;

  private readonly pool = new RowPool(this, { onShown: () => this.requestRowsOnScreen() });
  private readonly rowWindow = this.pool.window;
  private files: FileWindow | undefined;
  private wideRowHeight = 36;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private lastRefresh = 0;

  /** Shows only files in these statuses (empty: all), from the first row. */
  showStatus(statuses: readonly FileStatus[]): void {
    this.statusFilter = [...statuses];
  }

  /** Moves keyboard focus to the status filter that is on (after `showStatus`). */
  focusFilter(): void {
    this.renderRoot.querySelector<HTMLElement>('.chip[aria-pressed="true"]')?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reattached after a removal: the file window was disposed, build it again.
    if (this.hasUpdated) this.requestUpdate('source');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.files?.dispose();
    this.files = undefined;
  }

  protected override firstUpdated(): void {
    const height = parseFloat(getComputedStyle(this).getPropertyValue('--ac-row-height'));
    if (height > 0) this.wideRowHeight = height;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const queryChanged = changed.has('source') || changed.has('jobId') || changed.has('statusFilter') || changed.has('failedFirst');
    if (queryChanged || !this.files) {
      this.rebuildWindow();
    } else if (changed.has('jobVersion') && changed.get('jobVersion') !== undefined) {
      this.scheduleRefresh();
    }
    // The table's width once it is drawn (the pool measures it); the host's before.
    const width = this.rowWindow.width || this.clientWidth;
    this.narrow = width > 0 && width < NARROW_WIDTH;
    this.rowWindow.setRowHeight(this.narrow ? NARROW_ROW_HEIGHT : this.wideRowHeight);
    this.pool.prepare(this.files?.total ?? 0);
  }

  protected override updated(): void {
    const scroller = this.scroller;
    const head = this.head;
    if (scroller && head) this.pool.layout(scroller, head);
    // Nothing drawn yet: the first page tells how many files there are.
    else this.files?.request(0, OVERSCAN_ROWS);
  }

  /** Fetches the pages of the rows on screen and around them. */
  private requestRowsOnScreen(): void {
    const first = this.rowWindow.first;
    this.files?.request(Math.max(0, first - OVERSCAN_ROWS), first + this.rowWindow.visibleCount + OVERSCAN_ROWS);
  }

  private rebuildWindow(): void {
    this.files?.dispose();
    this.files = undefined;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.rowWindow.scrollTo(0);
    if (!this.source || !this.jobId || !this.isConnected) return;
    const query = { status: this.statusFilter, failedFirst: this.failedFirst };
    const files = new FileWindow(this.source, this.jobId, query, () => {
      if (this.files === files) this.requestUpdate();
    });
    this.files = files;
  }

  /** At most one refetch per interval, however often the job changes. */
  private scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) return;
    const wait = Math.max(0, this.lastRefresh + REFRESH_INTERVAL_MS - Date.now());
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.lastRefresh = Date.now();
      this.files?.invalidate();
    }, wait);
  }

  /**
   * Keys move the rows 1:1 while the scroll range is scaled (the browser would move the
   * scrollbar, skipping rows); unscaled, the browser scrolls as usual.
   */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const w = this.rowWindow;
    if (!w.scale.scaled || event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(w.rowHeight, w.viewport - w.rowHeight);
    const moves: Record<string, number> = {
      ArrowDown: w.top + w.rowHeight,
      ArrowUp: w.top - w.rowHeight,
      PageDown: w.top + page,
      PageUp: w.top - page,
      ' ': event.shiftKey ? w.top - page : w.top + page,
      Home: 0,
      End: Infinity,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    w.scrollTo(next);
  };

  protected override render(): TemplateResult {
    const l = this.locale;
    if (!this.source || !this.jobId) return html`<p class="note">${msg(l, 'filesNoSource')}</p>`;
    const files = this.files;
    return html`${this.renderToolbar()}${files ? this.renderBody(files) : nothing}`;
  }

  private renderToolbar(): TemplateResult {
    const l = this.locale;
    const byStatus = this.files?.byStatus ?? {};
    const claimed = FILE_STATUSES.reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
    // Unfiltered, the table's own count (files the source refused are not rows): the chip says the same.
    const all = this.statusFilter.length === 0 && this.files?.total !== undefined ? this.files.total : claimed;
    const shown = FILE_STATUSES.filter((status) => (byStatus[status] ?? 0) > 0 || this.statusFilter.includes(status));
    // Failed first among the chips too: it is the one people look for.
    shown.sort((a, b) => Number(b === 'FAILED') - Number(a === 'FAILED'));
    return html`<div class="toolbar">
      <div class="chips" role="group" aria-label=${msg(l, 'filterLabel')}>
        <button type="button" class="chip" aria-pressed=${this.statusFilter.length === 0 ? 'true' : 'false'} @click=${() => this.showStatus([])}>
          ${msg(l, 'all')} <span class="count">${formatNumber(all, l)}</span>
        </button>
        ${shown.map(
          (status) => html`<button
            type="button"
            class="chip status-${status.toLowerCase()}"
            aria-pressed=${this.statusFilter.includes(status) ? 'true' : 'false'}
            @click=${() => this.toggleStatus(status)}
          >
            ${fileStatusLabel(status, l)} <span class="count">${formatNumber(byStatus[status] ?? 0, l)}</span>
          </button>`,
        )}
      </div>
      <label class="toggle">
        <input type="checkbox" .checked=${this.failedFirst} @change=${(e: Event) => (this.failedFirst = (e.target as HTMLInputElement).checked)} />
        ${msg(l, 'failedFirst')}
      </label>
    </div>`;
  }

  private toggleStatus(status: FileStatus): void {
    this.statusFilter = this.statusFilter.includes(status) ? this.statusFilter.filter((s) => s !== status) : [...this.statusFilter, status];
  }

  private renderBody(files: FileWindow): TemplateResult {
    const l = this.locale;
    if (files.total === undefined) {
      return files.error ? this.renderError(files) : html`<p class="note" role="status">${msg(l, 'filesLoading')}</p>`;
    }
    if (files.total === 0) {
      return html`<p class="note">${msg(l, this.statusFilter.length ? 'filesEmptyFiltered' : 'filesEmpty')}</p>`;
    }
    const total = files.total;
    return html`
      <p class="summary">
        ${
          this.statusFilter.length
            ? msg(l, 'filesShown', { count: total, all: Object.values(files.byStatus ?? {}).reduce((sum, n) => sum + n, 0) })
            : msg(l, 'filesCount', { count: total })
        }
      </p>
      ${files.error ? this.renderError(files) : nothing}
      <div
        class="scroller ${this.narrow ? 'narrow' : ''}"
        part="table"
        role="table"
        tabindex="0"
        aria-label=${msg(l, 'filesTable')}
        aria-rowcount=${total + 1}
        @keydown=${this.onKeyDown}
      >
        <div role="rowgroup" class="head">
          <div role="row" class="row" aria-rowindex="1">
            <span role="columnheader" class="path">${msg(l, 'colFile')}</span>
            <span role="columnheader" class="status">${msg(l, 'colStatus')}</span>
            <span role="columnheader" class="size">${msg(l, 'colSize')}</span>
            <span role="columnheader" class="reason">${msg(l, 'colReason')}</span>
          </div>
        </div>
        <div role="rowgroup" class="body">${this.pool.render((index) => this.renderRow(index, files.fileAt(index)))}</div>
      </div>
    `;
  }

  private renderRow(index: number, file: JobFile | undefined): TemplateResult {
    const l = this.locale;
    if (!file) {
      return html`<div role="row" class="row placeholder" aria-rowindex=${index + 2}>
        <span role="cell" class="path">${msg(l, 'rowLoading')}</span>
        <span role="cell" class="status"></span><span role="cell" class="size"></span><span role="cell" class="reason"></span>
      </div>`;
    }
    return html`<div role="row" class="row ${file.status === 'FAILED' ? 'failed' : ''}" aria-rowindex=${index + 2}>
      <span role="cell" class="path" title=${controlsAsText(file.path)}>${pathParts(file.path, l)}</span>
      <span role="cell" class="status"><span class="dot status-${file.status.toLowerCase()}" aria-hidden="true"></span>${fileStatusLabel(file.status, l)}</span>
      <span role="cell" class="size">${formatBytes(file.size, l)}</span>
      <span role="cell" class="reason" title=${controlsAsText(file.reason ?? '')}>${showControls(file.reason ?? '', l)}</span>
    </div>`;
  }

  private renderError(files: FileWindow): TemplateResult {
    const l = this.locale;
    return html`<div class="error" role="alert">
      <span>${msg(l, 'filesError')}</span>
      <button type="button" @click=${() => files.retry()}>${common(l, 'retry')}</button>
    </div>`;
  }
}

/**
 * A path as its folder and its name: when the cell is too narrow the folder gives way
 * (ellipsis), so the file's name stays readable. The full path is the cell's title.
 */
function pathParts(path: string, locale: Locale): TemplateResult {
  const cut = path.lastIndexOf('/') + 1;
  return html`<span class="dir">${showControls(path.slice(0, cut), locale)}</span><span class="name">${showControls(path.slice(cut), locale)}</span>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-files': AcJobFiles;
  }
}
