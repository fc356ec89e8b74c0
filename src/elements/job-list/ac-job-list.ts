import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { FAILURE_STAGES, type ClusterNode, type Job, type JobQuery } from '../../model/index.js';
import {
  common,
  formatDateTime,
  isValidTimeZone,
  jobStateLabel,
  jobTypeLabel,
  localeOf,
  stageLabel,
  timeZoneLabel,
  type Locale,
} from '../../i18n/index.js';
import { JobStoreController } from '../../store/job-store-controller.js';
import type { JobStoreApi, StoreChange } from '../../store/store-api.js';
import { clipText } from '../shared/clip-text.js';
import { NODE_PALETTE, nodeColor } from '../shared/colors.js';
import { LocalizedElement } from '../shared/localized-element.js';
import { RowPool } from '../shared/row-pool.js';
import { rowPoolStyles } from '../shared/row-pool.styles.js';
import { themeStyles } from '../shared/theme.js';
import { firstOrder, gridTemplate, minWidthEm, narrowOrder, parseColumns, type ColumnKey } from './columns.js';
import { jobListStyles } from './job-list.styles.js';
import { t } from './messages.js';

/** What `ac-job-open` carries. */
export interface JobOpenDetail {
  id: string;
  job: Job;
}

/** Delay between the last keystroke in the search bar and the search. */
export const SEARCH_DEBOUNCE_MS = 150;
/** Rows fetched beyond the screen, above and below, in remote mode. */
const OVERSCAN_ROWS = 40;
/** Below this width (px) the grid's cells are tighter. */
const NARROW_WIDTH = 600;
/** Shortest time between two renders for live changes alone, in ms. */
const LIVE_ROWS_MS = 100;
/** Placeholder rows while the first rows load. */
const SKELETON_ROWS = 6;

/** A rendered row, holding the job it shows. */
interface JobRowElement extends HTMLElement {
  job?: Job;
}

interface RowContext {
  store: JobStoreApi;
  columns: readonly ColumnKey[];
  locale: Locale;
  timeZone: string | undefined;
  nodes: ReadonlyMap<string, { name: string; swatch: number }>;
}

const searchIcon = svg`<svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6"><circle cx="7" cy="7" r="4.75"/><path d="m10.5 10.5 3.5 3.5" stroke-linecap="round"/></svg>`;
const sortIcon = svg`<svg class="sort-icon" viewBox="0 0 12 12" aria-hidden="true" fill="currentColor"><path d="M6 9.5 2 4.5h8z"/></svg>`;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

function rowId(index: number): string {
  return `row-${index}`;
}

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
export class AcJobList extends LocalizedElement {
  static override styles = [themeStyles, rowPoolStyles, jobListStyles];

  /** The store to list (else found by `source` or context). */
  @property({ attribute: false }) store?: JobStoreApi;

  /** Language of the element (`en`, `fr`); else the nearest `lang` of the page. */
  @property({ reflect: true }) override lang!: string;

  /** Id of the `<ac-job-source>` to read. */
  @property({ reflect: true }) source?: string;

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

  /** IANA time zone of the dates (default: the browser's). */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** Forces `light` or `dark`; otherwise the user's preference. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Row that has the keyboard focus, -1 before any. */
  @state() private activeRow = -1;
  /** Whether the focus is in the header row (on `activeColumn`). */
  @state() private inHeader = false;
  @state() private activeColumn = 0;
  /** New jobs above the rows on screen (memory mode, newest-first). */
  @state() private newJobs = 0;
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
  private readonly pool = new RowPool(this, { onShown: () => this.noteRowsOnScreen(), onMove: () => this.onMove() });
  private readonly rowWindow = this.pool.window;

  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Id of the job on the active row: the active row follows its job when rows move. */
  private activeId: string | undefined;
  private queryChanged = false;
  private announcePending = true;
  /** The store of the last render: another store starts from the top. */
  private boundStore: JobStoreApi | undefined;
  private announceToggle = false;
  /** Whether the last change moved the reader's rows or active row (drawn at once). */
  private placeMoved = false;
  /** The rows on screen at the last render (index, id), to keep the reader's place. */
  private shown: { index: number; id: string }[] = [];
  private columnKeys: ColumnKey[] = parseColumns(undefined);
  private validTimeZone: string | undefined;
  private nodeCache: { nodes: readonly ClusterNode[]; map: Map<string, { name: string; swatch: number }> } | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
  }

  /** The row index that has the keyboard focus (-1 when none): for tests and host pages. */
  get activeIndex(): number {
    return this.inHeader ? -1 : this.activeRow;
  }

  /** Scrolls row `index` into view and makes it the active row. */
  revealRow(index: number): void {
    const total = this.storeController.store?.total ?? 0;
    if (total === 0) return;
    this.inHeader = false;
    this.setActive(Math.min(Math.max(0, index), total - 1));
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
      this.keepPlace(store, change);
    }
    return change.rows || change.query || change.status || change.nodes || change.jobs.size > 0;
  }

  /**
   * Rows moved (jobs added, changed or gone) while the user reads: keep the first row on
   * screen that did not change itself at the same place, unless at the very top, where
   * new rows simply appear.
   */
  private keepPlace(store: JobStoreApi, change: StoreChange): void {
    const newestFirst = store.query.sort === 'createdAt' && store.query.order === 'desc';
    if (this.activeId !== undefined) {
      const index = store.indexOf(this.activeId);
      if (index >= 0 && index !== this.activeRow) {
        this.activeRow = index;
        this.placeMoved = true;
      }
    }
    this.rowWindow.setCount(store.total);
    if (this.rowWindow.top <= 0) {
      this.newJobs = 0;
      return;
    }
    const unchanged = this.shown.filter(({ id }) => !change.jobs.has(id) && !change.added.has(id));
    const anchor = unchanged[0];
    if (!anchor) return;
    const now = store.indexOf(anchor.id);
    if (now < 0) return;
    if (now !== anchor.index) {
      const w = this.rowWindow;
      w.top = w.scale.clampTop(w.top + (now - anchor.index) * w.rowHeight);
      this.placeMoved = true;
    } else {
      // Not drawn again at once (live changes wait): the next change keeps the place from here.
      this.shown = unchanged.map(({ id }) => ({ index: store.indexOf(id), id })).filter(({ index }) => index >= 0);
    }
    if (newestFirst && store.mode === 'memory') {
      for (const id of change.added) {
        const index = store.indexOf(id);
        if (index >= 0 && index < now) this.newJobs++;
      }
    }
  }

  // --- lifecycle ---

  protected override willUpdate(changed: PropertyValues<this>): void {
    const narrow = this.rowWindow.width > 0 && this.rowWindow.width < NARROW_WIDTH;
    if (changed.has('columns') || narrow !== this.narrow) {
      const active = this.columnKeys[this.activeColumn];
      const keys = parseColumns(this.columns);
      this.columnKeys = narrow ? narrowOrder(keys) : keys;
      // The active header cell stays on its column when the columns move.
      const at = active ? this.columnKeys.indexOf(active) : -1;
      this.activeColumn = at >= 0 ? at : Math.min(this.activeColumn, this.columnKeys.length - 1);
    }
    this.narrow = narrow;
    if (changed.has('timeZone')) {
      this.validTimeZone = this.timeZone && isValidTimeZone(this.timeZone) ? this.timeZone : undefined;
    }
    const store = this.storeController.store;
    const total = store?.total ?? 0;
    if (store !== this.boundStore) {
      if (this.boundStore) {
        this.rowWindow.top = 0;
        this.activeRow = -1;
        this.activeId = undefined;
      }
      this.boundStore = store;
      this.announcePending = true;
      this.newJobs = 0;
    }
    if (store && this.queryChanged) {
      this.queryChanged = false;
      this.rowWindow.setCount(total);
      this.rowWindow.top = 0;
      this.newJobs = 0;
      if (this.activeRow >= 0) this.activeRow = 0;
      this.activeId = undefined;
    }
    this.pool.prepare(total);
    if (this.activeRow >= total) this.activeRow = total - 1;
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
    this.shown = [];
    for (let i = first; i < first + visible; i++) {
      const id = store.jobAt(i)?.id;
      if (id !== undefined) this.shown.push({ index: i, id });
    }
    if (this.activeRow >= 0) this.activeId = store.jobAt(this.activeRow)?.id ?? this.activeId;
    this.updateActiveDescendant();
  }

  /** Points `aria-activedescendant` at the active row or header cell, if it is drawn. */
  private updateActiveDescendant(): void {
    const scroller = this.scrollerElement;
    if (!scroller) return;
    const id = this.inHeader ? `col-${this.columnKeys[this.activeColumn]}` : this.activeRow >= 0 ? rowId(this.activeRow) : undefined;
    if (id && this.renderRoot.querySelector(`#${id}`)) scroller.setAttribute('aria-activedescendant', id);
    else scroller.removeAttribute('aria-activedescendant');
  }

  /** The virtual position moved (scroll, wheel, keys, resize). */
  private onMove(): void {
    if (this.rowWindow.top <= 0 && this.newJobs > 0) this.newJobs = 0;
  }

  // --- actions ---

  private setActive(index: number): void {
    const store = this.storeController.store;
    this.activeRow = index;
    this.activeId = store?.jobAt(index)?.id;
    this.rowWindow.ensureVisible(index);
  }

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
    // A lone surrogate cannot be percent-encoded (encodeURIComponent throws): it becomes
    // U+FFFD, as the URL parser itself would make it.
    return this.hrefTemplate ? this.hrefTemplate.replaceAll('{id}', encodeURIComponent(wellFormed(id))) : undefined;
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

  private applySearch(value: string): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
    const store = this.storeController.store;
    if (store && store.query.q !== value) store.setQuery({ q: value });
  }

  private readonly onSearchInput = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.applySearch(value), SEARCH_DEBOUNCE_MS);
  };

  private readonly onSearchKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') this.applySearch((event.target as HTMLInputElement).value);
  };

  private readonly onResetFilters = (): void => {
    clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
    if (this.searchInput) this.searchInput.value = '';
    this.storeController.store?.resetFilters(true);
  };

  private readonly onRetry = (): void => {
    this.storeController.store?.retry();
  };

  private readonly onShowNewJobs = (): void => {
    const store = this.storeController.store;
    // Remote rows do not move for new jobs: load the rows again to show them.
    if (store?.mode === 'remote') store.refresh();
    this.newJobs = 0;
    this.rowWindow.scrollTo(0);
    this.requestUpdate();
  };

  private readonly onGridFocus = (event: FocusEvent): void => {
    if (event.target !== this.scrollerElement || this.inHeader) return;
    const total = this.storeController.store?.total ?? 0;
    if (total === 0) {
      this.inHeader = true;
    } else if (this.activeRow < 0 || !this.rowWindow.isFullyVisible(this.activeRow)) {
      this.activeRow = this.firstFullyVisible();
      this.activeId = this.storeController.store?.jobAt(this.activeRow)?.id;
    }
  };

  private firstFullyVisible(): number {
    const first = this.rowWindow.first;
    const total = this.storeController.store?.total ?? 0;
    return Math.min(this.rowWindow.isFullyVisible(first) ? first : first + 1, total - 1);
  }

  private readonly onGridClick = (event: MouseEvent): void => {
    const target = event.target as Element;
    const header = target.closest<HTMLElement>('[role="columnheader"]');
    if (header) {
      const key = header.dataset['column'] as ColumnKey;
      this.inHeader = true;
      this.activeColumn = Math.max(0, this.columnKeys.indexOf(key));
      this.sortBy(key);
      return;
    }
    const row = target.closest<HTMLElement>('[role="row"][data-index]');
    if (!row) return;
    const index = Number(row.dataset['index']);
    // The job the row shows: while the rows reload, the store may not hold it any more.
    const job = (row as JobRowElement).job;
    this.inHeader = false;
    this.setActive(index);
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

  private readonly onGridKeyDown = (event: KeyboardEvent): void => {
    // Ctrl+Home and Ctrl+End are the grid's own; other chords are the browser's.
    if (event.altKey || event.metaKey || (event.ctrlKey && event.key !== 'Home' && event.key !== 'End')) return;
    const handled = this.inHeader ? this.headerKey(event) : this.rowKey(event);
    if (handled) event.preventDefault();
  };

  private headerKey(event: KeyboardEvent): boolean {
    const last = this.columnKeys.length - 1;
    const total = this.storeController.store?.total ?? 0;
    switch (event.key) {
      case 'ArrowLeft':
        this.activeColumn = Math.max(0, this.activeColumn - 1);
        return true;
      case 'ArrowRight':
        this.activeColumn = Math.min(last, this.activeColumn + 1);
        return true;
      case 'Home':
        this.activeColumn = 0;
        return true;
      case 'End':
        this.activeColumn = last;
        return true;
      case 'Enter':
      case ' ':
        this.sortBy(this.columnKeys[this.activeColumn]!);
        return true;
      case 'ArrowDown':
      case 'PageDown':
        if (total > 0) {
          this.inHeader = false;
          this.setActive(this.firstFullyVisible());
        }
        return true;
      case 'ArrowUp':
      case 'PageUp':
        return true;
      default:
        return false;
    }
  }

  private rowKey(event: KeyboardEvent): boolean {
    const total = this.storeController.store?.total ?? 0;
    if (total === 0) return false;
    const page = this.rowWindow.scale.rowsPerPage;
    // Keys move from the active row when it is on screen, else from the top of the screen.
    const from = this.activeRow >= 0 && this.rowWindow.isFullyVisible(this.activeRow) ? this.activeRow : this.firstFullyVisible();
    let target: number;
    switch (event.key) {
      case 'ArrowDown':
        target = from + 1;
        break;
      case 'ArrowUp':
        if (from === 0) {
          this.inHeader = true;
          this.rowWindow.scrollTo(0);
          return true;
        }
        target = from - 1;
        break;
      case 'PageDown':
        target = from + page;
        break;
      case 'PageUp':
        target = from - page;
        break;
      case ' ':
        target = event.shiftKey ? from - page : from + page;
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = total - 1;
        break;
      case 'Enter':
        if (this.activeRow >= 0) this.openAndFollow(this.storeController.store?.jobAt(this.activeRow));
        return true;
      default:
        return false;
    }
    this.setActive(Math.min(Math.max(0, target), total - 1));
    return true;
  }

  // --- rendering ---

  private nodeMap(store: JobStoreApi): ReadonlyMap<string, { name: string; swatch: number }> {
    if (this.nodeCache?.nodes !== store.nodes) {
      const map = new Map<string, { name: string; swatch: number }>();
      for (const node of store.nodes) {
        map.set(node.id, {
          name: node.name,
          swatch: NODE_PALETTE.indexOf(nodeColor(node.id, store.nodes) as (typeof NODE_PALETTE)[number]),
        });
      }
      this.nodeCache = { nodes: store.nodes, map };
    }
    return this.nodeCache.map;
  }

  protected override render(): TemplateResult {
    const store = this.storeController.store;
    const locale = localeOf(this);
    const total = store?.total ?? 0;
    const status = store?.status ?? 'idle';
    const loadingFirst = total === 0 && (status === 'loading' || status === 'idle');
    const error = status === 'error' ? store?.error : undefined;
    const query = store?.query;
    const zone = t(locale, 'timesIn', { zone: timeZoneLabel(this.validTimeZone, locale) });
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
            .value=${this.searchTimer === undefined ? (query?.q ?? '') : (this.searchInput?.value ?? '')}
            @input=${this.onSearchInput}
            @keydown=${this.onSearchKeyDown}
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
          @keydown=${this.onGridKeyDown}
          @click=${this.onGridClick}
          @focus=${this.onGridFocus}
        >
          <div class="head" role="rowgroup">
            <div class="row" role="row" aria-rowindex="1">
              ${this.columnKeys.map((key, c) => this.renderHeader(key, c, locale, query, zone))}
            </div>
          </div>
          <div class="body" role="rowgroup">${store ? this.renderBody(store, total, loadingFirst, locale) : this.renderSkeleton()}</div>
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
    const active = this.inHeader && column === this.activeColumn;
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
    if (loadingFirst) return this.renderSkeleton();
    if (total === 0) return nothing;
    // No shorthand properties here: the manifest's analyzer takes them for module variables.
    const context: RowContext = {
      store: store,
      columns: this.columnKeys,
      locale: locale,
      timeZone: this.validTimeZone,
      nodes: this.nodeMap(store),
    };
    return this.pool.render((index) => this.renderRow(index, context));
  }

  private renderSkeleton(): TemplateResult {
    const rows: TemplateResult[] = [];
    for (let i = 0; i < SKELETON_ROWS; i++) rows.push(this.renderPlaceholder(i, undefined));
    return html`${rows}`;
  }

  private renderPlaceholder(index: number, label: string | undefined): TemplateResult {
    return html`<div role="row" class="row placeholder" id=${rowId(index)} aria-rowindex=${index + 2} data-index=${index}>
      ${this.columnKeys.map(
        (_, c) =>
          html`<div role="gridcell" class="cell">
            ${c === 0 && label ? html`<span class="visually-hidden">${label}</span>` : nothing}<span class="skeleton"></span>
          </div>`,
      )}
    </div>`;
  }

  private renderRow(index: number, context: RowContext): TemplateResult {
    const job = context.store.jobAt(index);
    if (!job) return this.renderPlaceholder(index, t(context.locale, 'loadingRow'));
    return html`<div role="row" class=${index === this.activeRow && !this.inHeader ? 'row active' : 'row'} id=${rowId(index)} aria-rowindex=${index + 2} data-index=${index} .job=${job}>
      ${context.columns.map((key) => this.renderCell(key, job, context))}
    </div>`;
  }

  /** One cell; text from the server is shown as text, clipped to a bounded length. */
  private renderCell(key: ColumnKey, job: Job, context: RowContext): TemplateResult {
    const locale = context.locale;
    switch (key) {
      case 'name': {
        const href = this.hrefFor(job.id);
        const name = clipText(job.name);
        return href
          ? html`<div role="gridcell" class="cell"><a class="name" href=${href} tabindex="-1" title=${name}>${name}</a></div>`
          : html`<div role="gridcell" class="cell name" title=${name}>${name}</div>`;
      }
      case 'type':
        return html`<div role="gridcell" class="cell">${jobTypeLabel(job.type, locale)}</div>`;
      case 'description': {
        const description = clipText(job.description);
        return html`<div role="gridcell" class="cell muted" title=${description}>${description}</div>`;
      }
      case 'createdAt':
      case 'updatedAt':
        return html`<div role="gridcell" class="cell">
          <time datetime=${job[key]}>${formatDateTime(job[key], locale, context.timeZone)}</time>
        </div>`;
      case 'node': {
        const node = context.nodes.get(job.node);
        const swatch = node ? node.swatch : NODE_PALETTE.indexOf(nodeColor(job.node, []) as (typeof NODE_PALETTE)[number]);
        const name = clipText(node?.name ?? job.node);
        return html`<div role="gridcell" class="cell">
          <span class="node" title=${name}><span class=${`swatch swatch-${swatch}`} aria-hidden="true"></span>${name}</span>
        </div>`;
      }
      case 'state':
        return html`<div role="gridcell" class="cell"><span class=${`badge state-${job.state}`}>${jobStateLabel(job.state, locale)}</span></div>`;
      case 'stage': {
        const label = clipText(stageLabel(job.stage, locale));
        return html`<div role="gridcell" class=${FAILURE_STAGES.has(job.stage) ? 'cell stage-failure' : 'cell'} title=${label}>${label}</div>`;
      }
    }
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

  private renderNewJobs(locale: Locale, store: JobStoreApi | undefined): TemplateResult | typeof nothing {
    if (!store || store.query.sort !== 'createdAt' || store.query.order !== 'desc') return nothing;
    const count = store.mode === 'remote' ? store.addedCount : this.rowWindow.top > 0 ? this.newJobs : 0;
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
