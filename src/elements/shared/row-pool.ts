/**
 * A pool of row elements for a table of fixed-height rows of any length: only the rows
 * on screen (and a few beyond) exist, rewritten in place as the table scrolls, over a
 * spacer as tall as the table or, past `MAX_SCROLL_HEIGHT`, as tall as a browser scrolls
 * exactly (the scroll position is then scaled: see `ScrollWindow` and `ScrollScale`).
 *
 * Rows are rendered by position, without keys: scrolling rewrites the same elements and
 * creates none, so the DOM keeps its size however far the table scrolls. (lit-html's
 * `repeat` leaves an empty comment behind for every item it removes, lit/lit#5010: a
 * virtualizer built on it grows the DOM by a node per row scrolled past.)
 *
 * Two ways of placing the rows, chosen by the table's length:
 * - not scaled: the rows sit at their place in the spacer and the browser scrolls them
 *   (smoothly, off the main thread); `overhang` more rows are drawn beyond each edge, and
 *   the pool redraws only when the screen leaves the rows drawn;
 * - scaled: the rows on screen sit in a window that stays in view (sticky under the
 *   header, at `--_head-height`), moved by the pool at every scroll.
 *
 * Used by `<ac-job-list>` and by `<ac-job-detail>`'s file table, with `rowPoolStyles`.
 * The host calls `prepare` in `willUpdate`, `render` in `render`, `layout` in `updated`.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ScrollWindow } from './scroll-window.js';

export interface RowPoolOptions {
  /** Rows drawn beyond each edge of the screen while the browser scrolls them (default 6). */
  overhang?: number;
  /**
   * The rows on screen are others (after a render, or when the browser scrolled among
   * the rows drawn): the host fetches them, notes them, points at its active row.
   */
  onShown?(): void;
  /** The virtual position moved (scroll, wheel, keys, resize), before the rows follow. */
  onMove?(): void;
}

/** A few wheel notches pass before the rows are drawn again. */
const DEFAULT_OVERHANG = 6;

export class RowPool {
  /** The scroll position and what is on screen. */
  readonly window: ScrollWindow;

  private readonly overhang: number;
  /** First row on screen at the last `prepare`. */
  private visibleFirst = -1;
  private drawnFirst = 0;
  private drawnEnd = 0;
  /** Whether the table had no row at the last `layout`. */
  private wasEmpty = true;
  /** The element holding the drawn rows, found at each `layout` (no `ref` directive: the list page's code stays small). */
  private rows: HTMLElement | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: RowPoolOptions = {},
  ) {
    this.overhang = options.overhang ?? DEFAULT_OVERHANG;
    this.window = new ScrollWindow(host, { onMove: () => this.onMove() });
  }

  /** Sets the table's length and chooses the rows to draw. Call it from `willUpdate`. */
  prepare(count: number): void {
    const w = this.window;
    w.setCount(count);
    const first = w.first;
    this.visibleFirst = first;
    if (count === 0) {
      this.drawnFirst = this.drawnEnd = 0;
    } else if (w.scale.scaled) {
      this.drawnFirst = first;
      this.drawnEnd = Math.min(count, first + Math.ceil(w.viewport / w.rowHeight) + 1);
    } else {
      this.drawnFirst = Math.max(0, first - this.overhang);
      this.drawnEnd = Math.min(count, first + w.visibleCount + this.overhang);
    }
  }

  /** The rows chosen by `prepare`, in their spacer; `row(i)` renders row `i`. Call it from `render`. */
  render(row: (index: number) => TemplateResult): TemplateResult {
    const rows: TemplateResult[] = [];
    for (let i = this.drawnFirst; i < this.drawnEnd; i++) rows.push(row(i));
    return this.window.scale.scaled
      ? html`<div class="spacer">
          <div class="window"><div class="rows">${rows}</div></div>
        </div>`
      : html`<div class="spacer"><div class="rows flowing">${rows}</div></div>`;
  }

  /**
   * After a render: sizes the spacer, places the rows, binds the scroller and its sticky
   * header, puts the scrollbar where the position says, then tells `onShown`. Call it
   * from `updated`, with the scroller and header of this render.
   */
  layout(scroller: HTMLElement, header: HTMLElement): void {
    const w = this.window;
    const scale = w.scale;
    // The spacer holds the rows, or (scaled) the window that holds them.
    const spacer = scroller.querySelector<HTMLElement>('.spacer');
    const child = spacer?.firstElementChild as HTMLElement | null | undefined;
    const inView = child?.classList.contains('window') ? child : undefined;
    this.rows = (inView ? (inView.firstElementChild as HTMLElement | null) : child) ?? undefined;
    if (spacer) {
      spacer.style.height = `${scale.physicalHeight}px`;
      if (inView) inView.style.height = `${scale.viewport}px`;
      this.positionRows();
    }
    w.attach(scroller, header);
    // A scroller that grows with its rows (from its header alone) is measured now, not a
    // frame later when the ResizeObserver tells.
    const empty = scale.count === 0;
    if (empty !== this.wasEmpty) {
      this.wasEmpty = empty;
      w.measure();
    }
    w.syncPhysical();
    this.options.onShown?.();
  }

  private onMove(): void {
    this.options.onMove?.();
    const w = this.window;
    const first = w.first;
    if (first === this.visibleFirst) {
      this.positionRows();
    } else if (!w.scale.scaled && first >= this.drawnFirst && first + w.visibleCount <= this.drawnEnd) {
      // Still among the rows drawn, which the browser scrolled: no need to draw again.
      this.visibleFirst = first;
      this.options.onShown?.();
    } else {
      this.host.requestUpdate();
    }
  }

  /**
   * Places the drawn rows: in the scaled window, shifted by the part of a row scrolled
   * past; in the spacer, at their own place (the browser scrolls them).
   */
  private positionRows(): void {
    const rows = this.rows;
    if (!rows?.isConnected) return;
    const w = this.window;
    if (w.scale.scaled) rows.style.transform = `translateY(${this.drawnFirst * w.rowHeight - w.top}px)`;
    else rows.style.top = `${this.drawnFirst * w.rowHeight}px`;
  }
}
