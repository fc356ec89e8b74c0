import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { FILE_STATUSES, type FileStatus, type JobFile } from '../../model/index.js';
import type { JobSource } from '../../source/job-source.js';
import { common, fileStatusLabel, formatBytes, formatNumber, type Locale } from '../../i18n/index.js';
// The job list's machinery for long tables: scroll scaling past the virtualizer's
// limit, and a virtualizer element that starts once in the page and does not leak rows.
import { ScrollWindow } from '../job-list/scroll-window.js';
import '../job-list/virtual-rows.js';
import { FileWindow } from './file-window.js';
import { msg } from './messages.js';
import { innerBaseStyles } from './inner.styles.js';
import { filesStyles } from './job-files.styles.js';

type FlowLayout = ReturnType<typeof flow>;

/** While a job runs its files change: refetch the rows on screen at most this often. */
const REFRESH_INTERVAL_MS = 1000;
/** Rows fetched beyond each edge of the screen, so a short scroll finds them ready. */
const OVERSCAN_ROWS = 30;
/** Below this width a row shows the path on one line and status, size, reason under it. */
const NARROW_WIDTH = 560;
const NARROW_ROW_HEIGHT = 52;

/**
 * The file table of `<ac-job-detail>`: every file of a job, fetched page by page for the
 * rows on screen, filtered by status, failed files first on demand. A job may have
 * millions of files: while the rows fit in 8 million pixels (about 220,000 rows, 150,000
 * in the narrow layout) they are drawn by @lit-labs/virtualizer, past that by a pool of
 * rows over a scaled scroll range (the job list's `ScrollWindow`). Internal to `<ac-job-detail>`; it inherits the `--ac-*` tokens.
 *
 * @summary A job's files: a virtualized, paged table with status filters.
 * @csspart table - The scrolling table (header and rows).
 */
@customElement('ac-job-files')
export class AcJobFiles extends LitElement {
  static override styles = [innerBaseStyles, filesStyles];

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
  @query('.vbody') private vbody!: HTMLElement | null;
  @query('.spacer') private spacer!: HTMLElement | null;
  @query('.window') private windowElement!: HTMLElement | null;
  @query('.rows') private rowsElement!: HTMLElement | null;

  private readonly rowWindow = new ScrollWindow(this, { onMove: () => this.onMove() });
  private files: FileWindow | undefined;
  private items: number[] = [];
  private drawnFirst = 0;
  private wideRowHeight = 36;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private lastRefresh = 0;
  private resizeObserver: ResizeObserver | undefined;
  private layout: { rowHeight: number; config: FlowLayout } | undefined;
  private resizeFrame = 0;

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
    this.resizeObserver ??= new ResizeObserver(() => {
      // Next frame: changing the layout inside the observer's callback would loop it.
      cancelAnimationFrame(this.resizeFrame);
      this.resizeFrame = requestAnimationFrame(() => (this.narrow = this.isNarrow()));
    });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    cancelAnimationFrame(this.resizeFrame);
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.files?.dispose();
    this.files = undefined;
  }

  protected override firstUpdated(): void {
    const height = parseFloat(getComputedStyle(this).getPropertyValue('--ac-row-height'));
    if (height > 0) this.wideRowHeight = height;
  }

  private isNarrow(): boolean {
    return this.clientWidth > 0 && this.clientWidth < NARROW_WIDTH;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const queryChanged =
      changed.has('source') || changed.has('jobId') || changed.has('statusFilter') || changed.has('failedFirst');
    if (queryChanged || !this.files) {
      this.rebuildWindow();
    } else if (changed.has('jobVersion') && changed.get('jobVersion') !== undefined) {
      this.scheduleRefresh();
    }
    // The rows' layout is known before the first of them is drawn (changing it under the
    // virtualizer's first measurement makes it resize from inside its ResizeObserver).
    if (!this.scroller) this.narrow = this.isNarrow();
    const total = this.files?.total ?? 0;
    this.rowWindow.setRowHeight(this.narrow ? NARROW_ROW_HEIGHT : this.wideRowHeight);
    this.rowWindow.setCount(total);
    // The virtualizer's items are row numbers; past its limit the pool draws without them.
    const count = this.rowWindow.virtualized ? total : 0;
    if (this.items.length !== count) this.items = Array.from({ length: count }, (_, i) => i);
    this.drawnFirst = this.rowWindow.first;
  }

  protected override updated(): void {
    const scroller = this.scroller;
    const head = this.head;
    if (!scroller || !head) {
      // Nothing drawn yet: the first page tells how many files there are.
      this.files?.request(0, OVERSCAN_ROWS);
      return;
    }
    this.rowWindow.attach(scroller, head);
    const scale = this.rowWindow.scale;
    if (this.vbody) {
      // The virtualizer sizes its host a little later; the scroll position cannot wait.
      this.vbody.style.minHeight = `${scale.contentHeight}px`;
    }
    if (this.spacer && this.windowElement) {
      this.spacer.style.height = `${scale.physicalHeight}px`;
      this.windowElement.style.height = `${scale.viewport}px`;
      this.positionRows();
    }
    this.rowWindow.syncPhysical();
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

  /** The scroll position moved: draw other rows, or slide the drawn ones (scaled mode). */
  private onMove(): void {
    if (this.rowWindow.first !== this.drawnFirst) this.requestUpdate();
    else if (!this.rowWindow.virtualized) this.positionRows();
  }

  private positionRows(): void {
    const rows = this.rowsElement;
    if (!rows) return;
    rows.style.transform = `translateY(${this.drawnFirst * this.rowWindow.rowHeight - this.rowWindow.top}px)`;
  }

  /** Keys move the rows 1:1 past the virtualizer's limit (the browser would scale them). */
  private onKeyDown(event: KeyboardEvent): void {
    if (this.rowWindow.virtualized || event.altKey || event.ctrlKey || event.metaKey) return;
    const { top, rowHeight, viewport } = this.rowWindow;
    const page = Math.max(rowHeight, viewport - rowHeight);
    const moves: Record<string, number> = {
      ArrowDown: top + rowHeight,
      ArrowUp: top - rowHeight,
      PageDown: top + page,
      PageUp: top - page,
      Home: 0,
      End: Infinity,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.rowWindow.scrollTo(next);
  }

  protected override render(): TemplateResult {
    const l = this.locale;
    if (!this.source || !this.jobId) return html`<p class="note">${msg(l, 'filesNoSource')}</p>`;
    const files = this.files;
    return html`${this.renderToolbar()}${files ? this.renderBody(files) : nothing}`;
  }

  private renderToolbar(): TemplateResult {
    const l = this.locale;
    const byStatus = this.files?.byStatus ?? {};
    const all = FILE_STATUSES.reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
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
    this.statusFilter = this.statusFilter.includes(status)
      ? this.statusFilter.filter((s) => s !== status)
      : [...this.statusFilter, status];
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
        ${this.statusFilter.length
          ? msg(l, 'filesShown', { count: total, all: Object.values(files.byStatus ?? {}).reduce((sum, n) => sum + n, 0) })
          : msg(l, 'filesCount', { count: total })}
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
        ${this.rowWindow.virtualized
          ? html`<ac-job-list-rows
              role="rowgroup"
              class="vbody"
              .items=${this.items}
              .layout=${this.layoutFor(this.rowWindow.rowHeight)}
              .keyFunction=${(index: number) => index}
              .renderItem=${(index: number) => this.renderRow(index, files.fileAt(index))}
            ></ac-job-list-rows>`
          : this.renderPool(files, total)}
      </div>
    `;
  }

  /**
   * The virtualizer's flow layout, told the row height up front. Its first estimate is
   * otherwise 100 px: on measuring the real rows it adds and moves rows from inside its
   * ResizeObserver callback, which the browser reports as a "ResizeObserver loop" error.
   * `_itemSize` is that first estimate in the pinned version (2.1.1), set through the
   * config (which the layout assigns onto itself); should a later version rename it, the
   * layout just starts from its own estimate. One object per row height, so that the
   * layout is not reconfigured at every render.
   */
  private layoutFor(rowHeight: number): FlowLayout {
    if (this.layout?.rowHeight !== rowHeight) {
      const config = { direction: 'vertical' as const, _itemSize: { width: 100, height: rowHeight } };
      this.layout = { rowHeight, config: flow(config) };
    }
    return this.layout.config;
  }

  /** Past the virtualizer's limit: the rows on screen, in a window that stays in view over a scaled spacer. */
  private renderPool(files: FileWindow, total: number): TemplateResult {
    const first = this.drawnFirst;
    const count = Math.min(total - first, Math.ceil(this.rowWindow.viewport / this.rowWindow.rowHeight) + 1);
    const rows: TemplateResult[] = [];
    for (let i = first; i < first + count; i++) rows.push(this.renderRow(i, files.fileAt(i)));
    return html`<div role="rowgroup" class="spacer"><div class="window"><div class="rows">${rows}</div></div></div>`;
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
      <span role="cell" class="path" title=${file.path}>${pathParts(file.path)}</span>
      <span role="cell" class="status"><span class="dot status-${file.status.toLowerCase()}" aria-hidden="true"></span>${fileStatusLabel(file.status, l)}</span>
      <span role="cell" class="size">${formatBytes(file.size, l)}</span>
      <span role="cell" class="reason" title=${file.reason ?? ''}>${file.reason ?? ''}</span>
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
function pathParts(path: string): TemplateResult {
  const cut = path.lastIndexOf('/') + 1;
  return html`<span class="dir">${path.slice(0, cut)}</span><span class="name">${path.slice(cut)}</span>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-files': AcJobFiles;
  }
}
