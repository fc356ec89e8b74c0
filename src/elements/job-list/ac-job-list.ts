import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Job, JobQuery } from '../../model/index.js';
import { common, localeOf, timeZoneLabel, type Locale } from '../../i18n/index.js';
import { JobStoreController } from '../../store/job-store-controller.js';
import type { JobStoreApi, StoreChange } from '../../store/store-api.js';
import { RowPool } from '../shared/row-pool.js';
import { rowPoolStyles } from '../shared/row-pool.styles.js';
import { StoreReaderElement } from '../shared/store-reader-element.js';
import { themeStyles } from '../shared/theme.js';
import { firstOrder, gridTemplate, minWidthEm, narrowOrder, parseColumns, type ColumnKey } from './columns.js';
import { GridKeyboard } from './grid-keyboard.js';
import { jobHref, nodeLabels, renderRow, renderSkeleton, rowId, type RowContext } from './job-rows.js';
import { jobListStyles } from './job-list.styles.js';
import { t } from './messages.js';
import { ReadingPlace } from './reading-place.js';
import { SearchBox } from './search-box.js';

export { SEARCH_DEBOUNCE_MS } from './search-box.js';

/** What `ac-job-open` carries. */
export interface JobOpenDetail {
  id: string;
  job: Job;
}

/** Rows fetched beyond the screen, above and below, in remote mode. */
const OVERSCAN_ROWS = 40;
/** Below this width (px) the grid's cells are tighter. */
const NARROW_WIDTH = 600;
/** Shortest time between two renders for live changes alone, in ms. */
const LIVE_ROWS_MS = 100;

const searchIcon = svg`<svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6"><circle cx="7" cy="7" r="4.75"/><path d="m10.5 10.5 3.5 3.5" stroke-linecap="round"/></svg>`;
const sortIcon = svg`<svg class="sort-icon" viewBox="0 0 12 12" aria-hidden="true" fill="currentColor"><path d="M6 9.5 2 4.5h8z"/></svg>`;

function isFiltered(query: Readonly<JobQuery>): boolean {
  return (
    query.period.kind !== 'all' ||
    query.states.length > 0 ||
    query.nodes.length > 0 ||
    query.types.length > 0 ||
    query.stages.length > 0 ||
    query.q.trim() !== ''
  );
}

/**
 * Every job the shared query selects, from one to ten million, as a sortable grid with
 * a search bar (the user guide's 'Jobs List' section). Only the rows on screen exist: a pool of row
 * elements rewritten as the list scrolls, over a spacer that past about 222,000 rows
 * (8,000,000 px) maps the scroll position onto the whole list, so every row stays
 * reachable by wheel, touch, scrollbar and keyboard. Live changes update rows in place;
 * new jobs never move the rows being read.
 *
 * The list is one tab stop (`role=grid`): arrows, Page Up/Down, Home/End move the active
 * row, Enter or a click opens it; in the header row, Left/Right choose a column and
 * Enter/Space sorts by it. Size it with CSS (`height`), default 32rem.
 *
 * @summary The searchable, sortable, virtualized list of jobs.
 *
 * @fires ac-job-open - A job was opened (click, or Enter on the active row); `detail: {id, job}`. Cancelable: `preventDefault()` stops the link's navigation when `href-template` is set.
 *
 * @slot actions - Controls placed at the end of the toolbar (e.g. the export button).
 *
 * @csspart toolbar - The bar with the search field, the count and the actions.
 * @csspart grid - The scrolling grid (header and rows).
 *
 * @cssprop [--ac-row-height=36px] - Height of a row (rows have one fixed height).
 */
@customElement('ac-job-list')
export class AcJobList extends StoreReaderElement {
  static override styles = [themeStyles, rowPoolStyles, jobListStyles];

  /**
   * Columns to show, in order: comma-separated keys among `name,type,description,createdAt,updatedAt,node,state,stage`
   * (default: all, in that order). Narrower than 600 px, the state moves right after the
   * first column, so a phone shows each job's name and state without scrolling sideways.
   */
  @property() columns?: string;

  /**
   * Makes each job's name a real link, e.g. `#/jobs/{id}` (`{id}` is replaced by the
   * URL-encoded id), so it can open in a new tab. A plain click still fires `ac-job-open`.
   */
  @property({ attribute: 'href-template' }) hrefTemplate?: string;

  /** What the polite live region says: the count after a search or a filter change. */
  @state() private announcement = '';
  /** Whether the grid is narrower than `NARROW_WIDTH` (tighter cells). */
  @state() private narrow = false;

  @query('.scroller') private scrollerElement?: HTMLElement;
  @query('.head') private headElement?: HTMLElement;
  @query('input[type="search"]') private searchInput?: HTMLInputElement;

  private readonly storeController = new JobStoreController(this, {
    filter: (change) => this.onStoreChange(change),
    // Live rows redraw ten times a second at most: under a firehose the rows on screen
    // change every frame, faster than anyone reads. Anything else shows at once.
    // Kept in place, a reader's rows move at once: their DOM must follow the new position.
    urgent: (change) => !change.live || this.placeMoved,
    calmMs: LIVE_ROWS_MS,
  });
  private readonly pool = new RowPool(this, { onShown: () => this.noteRowsOnScreen(), onMove: () => this.place.moved() });
  private readonly rowWindow = this.pool.window;
  private readonly keyboard = new GridKeyboard(this, {
    window: this.rowWindow,
    store: () => this.storeController.store,
    columnCount: () => this.columnKeys.length,
    sort: (column) => this.sortBy(this.columnKeys[column]!),
    open: (index) => this.openAndFollow(this.storeController.store?.jobAt(index)),
  });
  private readonly place = new ReadingPlace(this, this.rowWindow);
  private readonly search = new SearchBox(this, (text) => {
    const store = this.storeController.store;
    if (store && store.query.q !== text) store.setQuery({ q: text });
  });

  private queryChanged = false;
  private announcePending = true;
  /** The store of the last render: another store starts from the top. */
  private boundStore: JobStoreApi | undefined;
  private announceToggle = false;
  /** Whether the last change moved the reader's rows or active row (drawn at once). */
  private placeMoved = false;
  /** The job each row of the last render shows, by index. */
  private readonly drawn = new Map<number, Job>();
  private columnKeys: ColumnKey[] = parseColumns(undefined);
  private validTimeZone: string | undefined;

  /** The row index that has the keyboard focus (-1 when none): for tests and host pages. */
  get activeIndex(): number {
    return this.keyboard.activeRow;
  }

  /** Scrolls row `index` into view and makes it the active row. */
  revealRow(index: number): void {
    const total = this.storeController.store?.total ?? 0;
    if (total === 0) return;
    this.keyboard.setActive(Math.min(Math.max(0, index), total - 1));
  }

  /** Puts the keyboard focus on the grid, on its active row (else on the first row on screen). */
  override focus(options?: FocusOptions): void {
    if (this.scrollerElement) this.scrollerElement.focus(options);
    else super.focus(options);
  }

  // --- store ---

  private onStoreChange(change: StoreChange): boolean {
    const store = this.storeController.store;
    this.placeMoved = false;
    if (!store) return true;
    if (change.query) {
      this.queryChanged = true;
      this.announcePending = true;
    } else if (change.rows) {
      // Both run: the active row follows its job, and the rows on screen keep their place.
      const followed = this.keyboard.follow(store);
      this.placeMoved = this.place.keep(store, change) || followed;
    }
    return change.rows || change.query || change.status || change.nodes || change.jobs.size > 0;
  }

  // --- lifecycle ---

  protected override willUpdate(changed: PropertyValues<this>): void {
    const narrow = this.rowWindow.width > 0 && this.rowWindow.width < NARROW_WIDTH;
    if (changed.has('columns') || narrow !== this.narrow) {
      const active = this.columnKeys[this.keyboard.activeColumn];
      const keys = parseColumns(this.columns);
      this.columnKeys = narrow ? narrowOrder(keys) : keys;
      // The active header cell stays on its column when the columns move.
      const at = active ? this.columnKeys.indexOf(active) : -1;
      this.keyboard.activeColumn = at >= 0 ? at : Math.min(this.keyboard.activeColumn, this.columnKeys.length - 1);
    }
    this.narrow = narrow;
    if (changed.has('timeZone')) this.validTimeZone = this.zone;
    const store = this.storeController.store;
    const total = store?.total ?? 0;
    if (store !== this.boundStore) {
      if (this.boundStore) {
        this.rowWindow.top = 0;
        this.keyboard.reset();
      }
      this.boundStore = store;
      this.announcePending = true;
      this.place.clearNewJobs();
    }
    if (store && this.queryChanged) {
      this.queryChanged = false;
      this.rowWindow.setCount(total);
      this.rowWindow.top = 0;
      this.place.clearNewJobs();
      this.keyboard.restartAtTop();
    }
    this.pool.prepare(total);
    this.keyboard.clamp(total);
    if (store && this.announcePending && store.status !== 'loading' && store.status !== 'idle') {
      this.announcePending = false;
      // Alternate an invisible character so that the same count is announced again.
      this.announceToggle = !this.announceToggle;
      this.announcement = t(localeOf(this), 'count', { count: total }) + (this.announceToggle ? '' : '\u00a0');
    }
  }

  protected override firstUpdated(): void {
    const height = parseFloat(getComputedStyle(this).getPropertyValue('--ac-row-height'));
    if (height > 0) this.rowWindow.setRowHeight(height);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const scroller = this.scrollerElement!;
    // Writes first, then reads: one layout per frame.
    if (changed.has('columns') || (changed as PropertyValues).has('narrow') || !scroller.style.getPropertyValue('--_columns')) {
      scroller.style.setProperty('--_columns', gridTemplate(this.columnKeys, this.narrow));
      scroller.style.setProperty('--_min-width', `${minWidthEm(this.columnKeys, this.narrow)}em`);
    }
    this.pool.layout(scroller, this.headElement!);
  }

  /**
   * What follows the rows on screen: fetch them (remote), note which jobs they show (to
   * keep the reader's place when rows move), point at the active row.
   */
  private noteRowsOnScreen(): void {
    const store = this.storeController.store;
    if (!store) return;
    const first = this.rowWindow.first;
    const visible = this.rowWindow.visibleCount;
    store.requestRows(Math.max(0, first - OVERSCAN_ROWS), Math.min(store.total, first + visible + OVERSCAN_ROWS));
    this.place.noteShown(store);
    this.keyboard.noteShown(store);
    this.updateActiveDescendant();
  }

  /** Points `aria-activedescendant` at the active row or header cell, if it is drawn. */
  private updateActiveDescendant(): void {
    const scroller = this.scrollerElement;
    if (!scroller) return;
    const { inHeader, activeRow, activeColumn } = this.keyboard;
    const id = inHeader ? `col-${this.columnKeys[activeColumn]}` : activeRow >= 0 ? rowId(activeRow) : undefined;
    if (id && this.renderRoot.querySelector(`#${id}`)) scroller.setAttribute('aria-activedescendant', id);
    else scroller.removeAttribute('aria-activedescendant');
  }

  // --- actions ---

  /** Fires `ac-job-open` for `job`; false when a listener cancelled it. */
  private open(job: Job): boolean {
    return this.dispatchEvent(
      new CustomEvent<JobOpenDetail>('ac-job-open', {
        detail: { id: job.id, job },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
  }

  private hrefFor(id: string): string | undefined {
    return this.hrefTemplate ? jobHref(this.hrefTemplate, id) : undefined;
  }

  /** Opens the row and, when it has a link and nobody cancelled, follows it. */
  private openAndFollow(job: Job | undefined): void {
    if (!job || !this.open(job)) return;
    const href = this.hrefFor(job.id);
    if (href) window.location.assign(href);
  }

  private sortBy(key: ColumnKey): void {
    const store = this.storeController.store;
    if (!store) return;
    const order = store.query.sort === key ? (store.query.order === 'asc' ? 'desc' : 'asc') : firstOrder(key);
    store.setQuery({ sort: key, order });
  }

  private readonly onResetFilters = (): void => {
    this.search.cancel();
    if (this.searchInput) this.searchInput.value = '';
    this.storeController.store?.resetFilters(true);
  };

  private readonly onRetry = (): void => {
    this.storeController.store?.retry();
  };

  private readonly onShowNewJobs = (): void => {
    this.place.showNewJobs(this.storeController.store);
  };

  private readonly onGridClick = (event: MouseEvent): void => {
    const target = event.target as Element;
    const header = target.closest<HTMLElement>('[role="columnheader"]');
    if (header) {
      const key = header.dataset['column'] as ColumnKey;
      this.keyboard.setActiveColumn(Math.max(0, this.columnKeys.indexOf(key)));
      this.sortBy(key);
      return;
    }
    const row = target.closest<HTMLElement>('[role="row"][data-index]');
    if (!row) return;
    const index = Number(row.dataset['index']);
    // The job the row shows: while the rows reload, the store may not hold it any more.
    const job = this.drawn.get(index);
    this.keyboard.setActive(index);
    const link = target.closest('a');
    // Ctrl-, shift- or meta-click on the link: the browser opens it in a new tab or window.
    if (link && (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)) return;
    this.scrollerElement?.focus({ preventScroll: true });
    if (link) {
      if (job && !this.open(job)) event.preventDefault();
    } else {
      this.openAndFollow(job);
    }
  };

  // --- rendering ---

  protected override render(): TemplateResult {
    const store = this.storeController.store;
    const locale = localeOf(this);
    const total = store?.total ?? 0;
    const status = store?.status ?? 'idle';
    const loadingFirst = total === 0 && (status === 'loading' || status === 'idle');
    const error = status === 'error' ? store?.error : undefined;
    const query = store?.query;
    const zone = t(locale, 'timesIn', { zone: timeZoneLabel(this.validTimeZone, locale) });
    this.drawn.clear();
    return html`
      <div class="toolbar" part="toolbar">
        <div class="search">
          ${searchIcon}
          <input
            type="search"
            placeholder=${t(locale, 'searchPlaceholder')}
            aria-label=${t(locale, 'searchLabel')}
            autocomplete="off"
            spellcheck="false"
            .value=${this.search.pending ? (this.searchInput?.value ?? '') : (query?.q ?? '')}
            @input=${this.search.onInput}
            @keydown=${this.search.onKeyDown}
          />
        </div>
        <span class="count" aria-hidden="true"
          >${loadingFirst ? common(locale, 'loading') : error && total === 0 ? '' : t(locale, 'count', { count: total })}</span
        >
        <span class="visually-hidden" role="status">${this.announcement}</span>
        <div class="actions"><slot name="actions"></slot></div>
      </div>
      ${
        error && total > 0
          ? html`<div class="banner" role="alert">
            <p>${t(locale, `error.${error.kind}`)}</p>
            <button class="button" @click=${this.onRetry}>${common(locale, 'retry')}</button>
          </div>`
          : nothing
      }
      <div class="area">
        <div
          class=${`scroller${total === 0 ? ' collapsed' : ''}${this.narrow ? ' narrow' : ''}`}
          part="grid"
          role="grid"
          tabindex="0"
          aria-label=${t(locale, 'gridLabel')}
          aria-rowcount=${loadingFirst ? -1 : total + 1}
          aria-colcount=${this.columnKeys.length}
          aria-busy=${loadingFirst ? 'true' : 'false'}
          @keydown=${this.keyboard.onKeyDown}
          @click=${this.onGridClick}
          @focus=${this.keyboard.onFocus}
        >
          <div class="head" role="rowgroup">
            <div class="row" role="row" aria-rowindex="1">
              ${this.columnKeys.map((key, c) => this.renderHeader(key, c, locale, query, zone))}
            </div>
          </div>
          <div class="body" role="rowgroup">${store ? this.renderBody(store, total, loadingFirst, locale) : renderSkeleton(this.columnKeys)}</div>
        </div>
        ${total === 0 && !loadingFirst ? this.renderMessage(locale, store, error) : nothing} ${this.renderNewJobs(locale, store)}
      </div>
    `;
  }

  private renderHeader(
    key: ColumnKey,
    column: number,
    locale: Locale,
    query: Readonly<JobQuery> | undefined,
    zone: string,
  ): TemplateResult {
    const sorted = query?.sort === key;
    const active = this.keyboard.inHeader && column === this.keyboard.activeColumn;
    return html`<div
      role="columnheader"
      class=${active ? 'cell active' : 'cell'}
      id=${`col-${key}`}
      data-column=${key}
      aria-sort=${sorted ? (query.order === 'asc' ? 'ascending' : 'descending') : nothing}
      title=${key === 'createdAt' || key === 'updatedAt' ? zone : nothing}
    >
      <span class="label">${t(locale, `column.${key}`)}</span>${sortIcon}
    </div>`;
  }

  private renderBody(store: JobStoreApi, total: number, loadingFirst: boolean, locale: Locale): TemplateResult | typeof nothing {
    if (loadingFirst) return renderSkeleton(this.columnKeys);
    if (total === 0) return nothing;
    // No shorthand properties here: the manifest's analyzer takes them for module variables.
    const context: RowContext = {
      store: store,
      columns: this.columnKeys,
      locale: locale,
      timeZone: this.validTimeZone,
      nodes: nodeLabels(store.nodes),
      activeRow: this.keyboard.activeRow,
      href: (id) => this.hrefFor(id),
      drawn: this.drawn,
    };
    return this.pool.render((index) => renderRow(index, context));
  }

  private renderMessage(locale: Locale, store: JobStoreApi | undefined, error: Error | undefined): TemplateResult {
    if (error && store?.error) {
      return html`<div class="message error" role="alert">
        <p>${t(locale, `error.${store.error.kind}`)}</p>
        <button class="button" @click=${this.onRetry}>${common(locale, 'retry')}</button>
      </div>`;
    }
    const filtered = !!store && isFiltered(store.query);
    return html`<div class="message">
      <p>${t(locale, filtered ? 'emptyFiltered' : 'emptyAll')}</p>
      ${filtered ? html`<button class="button" @click=${this.onResetFilters}>${common(locale, 'resetFilters')}</button>` : nothing}
    </div>`;
  }

  /** The "N new jobs" hint, while new jobs wait above the rows being read (newest first). */
  private renderNewJobs(locale: Locale, store: JobStoreApi | undefined): TemplateResult | typeof nothing {
    if (!store || store.query.sort !== 'createdAt' || store.query.order !== 'desc') return nothing;
    const count = this.place.newJobs(store);
    if (count <= 0) return nothing;
    return html`<div class="new-jobs">
      <span>${t(locale, 'newJobs', { count })}</span>
      <button @click=${this.onShowNewJobs}>${t(locale, 'showNewJobs')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ac-job-list': AcJobList;
  }
  interface HTMLElementEventMap {
    'ac-job-open': CustomEvent<JobOpenDetail>;
  }
}
