import type { ReactiveControllerHost } from 'lit';
import type { JobStoreApi } from '../../store/store-api.js';
import type { ScrollWindow } from '../shared/scroll-window.js';

export interface GridKeyboardOptions {
  /** The scrolling of the rows. */
  window: ScrollWindow;
  /** The store the rows come from, once there is one. */
  store(): JobStoreApi | undefined;
  /** How many columns the grid shows. */
  columnCount(): number;
  /** Enter or Space on a column header: sort by that column. */
  sort(column: number): void;
  /** Enter on a row: open its job. */
  open(index: number): void;
}

/**
 * The grid's keyboard model, after the ARIA grid pattern with one tab stop: the grid keeps
 * an active row, or in the header row an active column, that its `aria-activedescendant`
 * points at. Arrows, Page Up/Down, Space, Home/End (also with Ctrl) move the active row and
 * Enter opens it; in the header row, Left/Right, Home/End choose a column and Enter/Space
 * sorts by it. The active row follows its job when rows move.
 */
export class GridKeyboard {
  /** Row that has the keyboard focus, -1 before any. */
  private row = -1;
  /** Whether the focus is in the header row (on `column`). */
  private header = false;
  private column = 0;
  /** Id of the job on the active row: the active row follows its job when rows move. */
  private activeId: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: GridKeyboardOptions,
  ) {}

  /** The active row (-1 when none, or while the header row is active). */
  get activeRow(): number {
    return this.header ? -1 : this.row;
  }

  /** Whether the header row has the focus. */
  get inHeader(): boolean {
    return this.header;
  }

  /** The active column of the header row. */
  get activeColumn(): number {
    return this.column;
  }

  set activeColumn(column: number) {
    this.column = column;
  }

  /** Makes row `index` the active row and scrolls as little as needed to show it whole. */
  setActive(index: number): void {
    this.header = false;
    this.row = index;
    this.activeId = this.options.store()?.jobAt(index)?.id;
    this.options.window.ensureVisible(index);
    this.host.requestUpdate();
  }

  /** Makes a column header active (a click on it). */
  setActiveColumn(column: number): void {
    this.header = true;
    this.column = column;
    this.host.requestUpdate();
  }

  /** Rows moved: the active row follows its job. Returns whether it moved. */
  follow(store: JobStoreApi): boolean {
    if (this.activeId === undefined) return false;
    const index = store.indexOf(this.activeId);
    if (index < 0 || index === this.row) return false;
    this.row = index;
    this.host.requestUpdate();
    return true;
  }

  /** Another store: no active row. */
  reset(): void {
    this.row = -1;
    this.activeId = undefined;
  }

  /** Another query: an active row goes back to the first one. */
  restartAtTop(): void {
    if (this.row >= 0) this.row = 0;
    this.activeId = undefined;
  }

  /** The list has `total` rows: the active row stays among them. */
  clamp(total: number): void {
    if (this.row >= total) this.row = total - 1;
  }

  /** The rows on screen are others: the active row's job is known once drawn. */
  noteShown(store: JobStoreApi): void {
    if (this.row >= 0) this.activeId = store.jobAt(this.row)?.id ?? this.activeId;
  }

  /** The grid got the focus: an active row on screen, or the header row when there is none. */
  readonly onFocus = (event: FocusEvent): void => {
    if (event.target !== event.currentTarget || this.header) return;
    const total = this.total();
    if (total === 0) {
      this.header = true;
      this.host.requestUpdate();
    } else if (this.row < 0 || !this.options.window.isFullyVisible(this.row)) {
      this.row = this.firstFullyVisible();
      this.activeId = this.options.store()?.jobAt(this.row)?.id;
      this.host.requestUpdate();
    }
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    // Ctrl+Home and Ctrl+End are the grid's own; other chords are the browser's.
    if (event.altKey || event.metaKey || (event.ctrlKey && event.key !== 'Home' && event.key !== 'End')) return;
    const handled = this.header ? this.headerKey(event) : this.rowKey(event);
    if (handled) event.preventDefault();
  };

  private total(): number {
    return this.options.store()?.total ?? 0;
  }

  private firstFullyVisible(): number {
    const scroll = this.options.window;
    const first = scroll.first;
    return Math.min(scroll.isFullyVisible(first) ? first : first + 1, this.total() - 1);
  }

  private headerKey(event: KeyboardEvent): boolean {
    const last = this.options.columnCount() - 1;
    switch (event.key) {
      case 'ArrowLeft':
        this.setActiveColumn(Math.max(0, this.column - 1));
        return true;
      case 'ArrowRight':
        this.setActiveColumn(Math.min(last, this.column + 1));
        return true;
      case 'Home':
        this.setActiveColumn(0);
        return true;
      case 'End':
        this.setActiveColumn(last);
        return true;
      case 'Enter':
      case ' ':
        this.options.sort(this.column);
        return true;
      case 'ArrowDown':
      case 'PageDown':
        if (this.total() > 0) this.setActive(this.firstFullyVisible());
        return true;
      case 'ArrowUp':
      case 'PageUp':
        return true;
      default:
        return false;
    }
  }

  private rowKey(event: KeyboardEvent): boolean {
    const total = this.total();
    if (total === 0) return false;
    const scroll = this.options.window;
    const page = scroll.scale.rowsPerPage;
    // Keys move from the active row when it is on screen, else from the top of the screen.
    const from = this.row >= 0 && scroll.isFullyVisible(this.row) ? this.row : this.firstFullyVisible();
    let target: number;
    switch (event.key) {
      case 'ArrowDown':
        target = from + 1;
        break;
      case 'ArrowUp':
        if (from === 0) {
          this.header = true;
          this.host.requestUpdate();
          scroll.scrollTo(0);
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
        if (this.row >= 0) this.options.open(this.row);
        return true;
      default:
        return false;
    }
    this.setActive(Math.min(Math.max(0, target), total - 1));
    return true;
  }
}
