/**
 * The scrolling of a long list of fixed-height rows, as a reactive controller: which
 * rows are on screen, for lists of any length. It keeps the *virtual* scroll position
 * (`top`, px of the whole list) and maps it onto the scroller (see `ScrollScale`).
 *
 * Up to `MAX_SCROLL_HEIGHT` (about 222,000 rows of 36 px) the scroller's position is the
 * virtual position. Past it the host draws its rows in a window that stays in view over
 * a spacer of at most `MAX_SCROLL_HEIGHT` px, and this controller scales: wheel input is
 * applied 1:1 to the virtual position (a notch moves the rows by a notch, not by a notch
 * times the scale), touch panning too (until its fling ends, then the scrollbar is put
 * back in proportion), and every other scroll (dragging the scrollbar, scrolling from
 * script) maps proportionally.
 *
 * Used through `RowPool` (row-pool.ts) by `<ac-job-list>` and by the detail's file table.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MAX_SCROLL_HEIGHT, ScrollScale } from './scroll-scale.js';

export interface ScrollWindowOptions {
  /** Called whenever `top` or the viewport changed (the host repositions or re-renders). */
  onMove(): void;
  maxScrollHeight?: number;
}

/** How long after the last touch a scroll may still be its fling, without a `scrollend`. */
const FLING_GRACE_MS = 250;

export class ScrollWindow implements ReactiveController {
  /** Virtual scroll position: px of the whole list above the viewport's top edge. */
  top = 0;
  rowHeight = 36;
  count = 0;
  /** Height of the area rows show in (the scroller minus its header), px. */
  viewport = 0;
  /** Width of the scroller, px. */
  width = 0;

  private scroller: HTMLElement | undefined;
  private header: HTMLElement | undefined;
  private resizeObserver: ResizeObserver | undefined;
  /** The physical position this controller last wrote, to tell its own scroll events apart. */
  private expected: number | undefined;
  private lastPhysical = 0;
  private touching = false;
  private flinging = false;
  /** Whether the fling after the last touch scrolled at all (else no `scrollend` comes). */
  private flung = false;
  private flingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly maxScrollHeight: number;
  private connected = false;
  /** Where the wheel listener is registered, if anywhere. */
  private wheelTarget: HTMLElement | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ScrollWindowOptions,
  ) {
    this.maxScrollHeight = options.maxScrollHeight ?? MAX_SCROLL_HEIGHT;
    host.addController(this);
  }

  get scale(): ScrollScale {
    return new ScrollScale(this.rowHeight, this.count, this.viewport, this.maxScrollHeight);
  }

  /** Index of the first row at least partly on screen. */
  get first(): number {
    return this.scale.firstRowAt(this.top);
  }

  /** Rows at least partly on screen, starting at `first`. */
  get visibleCount(): number {
    if (this.count === 0) return 0;
    const offset = this.top - this.first * this.rowHeight;
    return Math.min(this.count - this.first, Math.ceil((offset + this.viewport) / this.rowHeight));
  }

  /** Whether row `index` is entirely on screen. */
  isFullyVisible(index: number): boolean {
    const rowTop = index * this.rowHeight;
    return rowTop >= this.top - 0.5 && rowTop + this.rowHeight <= this.top + this.viewport + 0.5;
  }

  hostConnected(): void {
    this.connected = true;
    if (!this.scroller) return;
    // Taken out of the page and put back, the scroller is at the top again, without a scroll event.
    this.lastPhysical = this.scroller.scrollTop;
    this.listen(this.scroller);
  }

  hostDisconnected(): void {
    this.connected = false;
    if (this.scroller) this.unlisten(this.scroller);
    clearTimeout(this.flingTimer);
  }

  /** Binds the scroller and its sticky header (once rendered). */
  attach(scroller: HTMLElement, header: HTMLElement): void {
    if (scroller === this.scroller && header === this.header) return;
    if (this.scroller) this.unlisten(this.scroller);
    this.scroller = scroller;
    this.header = header;
    this.lastPhysical = scroller.scrollTop;
    this.listen(scroller);
    this.measure();
  }

  /** The list's length changed: keep `top` in range, and the scrollbar in proportion. */
  setCount(count: number): void {
    if (count === this.count) return;
    this.count = count;
    this.top = this.scale.clampTop(this.top);
    this.listenToWheel();
  }

  /**
   * The wheel is handled here only while the list is scaled: a listener that may cancel
   * wheel events makes the browser wait for the page before each scroll, so none is
   * registered while the browser can scroll by itself.
   */
  private listenToWheel(): void {
    const target = this.connected && this.scale.scaled ? this.scroller : undefined;
    if (target === this.wheelTarget) return;
    this.wheelTarget?.removeEventListener('wheel', this.onWheel);
    target?.addEventListener('wheel', this.onWheel, { passive: false });
    this.wheelTarget = target;
  }

  /** Row height in px, from the host's `--ac-row-height`. */
  setRowHeight(height: number): void {
    if (height > 0 && height !== this.rowHeight) {
      const firstRow = this.top / this.rowHeight;
      this.rowHeight = height;
      this.top = this.scale.clampTop(firstRow * height);
    }
  }

  /** Moves the virtual position (clamped) and the scrollbar with it. */
  scrollTo(top: number): void {
    const next = this.scale.clampTop(top);
    const moved = next !== this.top;
    this.top = next;
    this.syncPhysical(true);
    if (moved) this.options.onMove();
  }

  /** Scrolls as little as needed for row `index` to be entirely on screen. */
  ensureVisible(index: number): void {
    this.scrollTo(this.scale.topToShow(index, this.top));
  }

  /**
   * Puts the scrollbar where the virtual position says. The host calls it after each
   * render, once the spacer has the height of the current `count`. Not under a finger
   * (nor during its fling): the browser is moving the scroller then, and the scrollbar is
   * put back when it stops; `force` does it anyway.
   */
  syncPhysical(force = false): void {
    const scroller = this.scroller;
    if (!scroller || (!force && (this.touching || this.flinging))) return;
    // Whole pixels: a sticky window over a fractional scroll offset lands up to a pixel off.
    const physical = Math.round(this.scale.toPhysical(this.top));
    // Compared with the position last seen (every scroll event tells it), not read from the
    // scroller: reading it after a render forces a layout in the middle of the frame's
    // writes, which then lays out again (a third of a scrolling frame's time).
    if (Math.abs(this.lastPhysical - physical) >= 1) {
      scroller.scrollTop = physical;
      this.expected = physical;
      this.lastPhysical = physical;
    }
  }

  /** Reads the viewport's height again (the host calls it after a render may have resized it). */
  measure(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const viewport = Math.max(0, scroller.clientHeight - (this.header?.offsetHeight ?? 0));
    const width = scroller.clientWidth;
    if (width !== this.width) {
      this.width = width;
      this.host.requestUpdate();
    }
    if (viewport !== this.viewport) {
      this.viewport = viewport;
      this.top = this.scale.clampTop(this.top);
      this.options.onMove();
      this.host.requestUpdate();
    }
  }

  private listen(scroller: HTMLElement): void {
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
    scroller.addEventListener('scrollend', this.onScrollEnd, { passive: true });
    scroller.addEventListener('touchstart', this.onTouchStart, { passive: true });
    scroller.addEventListener('touchend', this.onTouchEnd, { passive: true });
    scroller.addEventListener('touchcancel', this.onTouchEnd, { passive: true });
    this.resizeObserver ??= new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(scroller);
    if (this.header) this.resizeObserver.observe(this.header);
    this.listenToWheel();
  }

  private unlisten(scroller: HTMLElement): void {
    scroller.removeEventListener('scroll', this.onScroll);
    scroller.removeEventListener('scrollend', this.onScrollEnd);
    scroller.removeEventListener('touchstart', this.onTouchStart);
    scroller.removeEventListener('touchend', this.onTouchEnd);
    scroller.removeEventListener('touchcancel', this.onTouchEnd);
    this.resizeObserver?.disconnect();
    this.listenToWheel();
  }

  private readonly onScroll = (): void => {
    const scroller = this.scroller!;
    const physical = scroller.scrollTop;
    if (this.expected !== undefined && Math.abs(physical - this.expected) < 1) {
      this.expected = undefined;
      this.lastPhysical = physical;
      return;
    }
    this.expected = undefined;
    const scale = this.scale;
    let top: number;
    if ((this.touching || this.flinging) && scale.scaled) {
      top = scale.clampTop(this.top + physical - this.lastPhysical);
    } else {
      top = scale.toVirtual(physical);
    }
    this.lastPhysical = physical;
    if (this.flinging) this.flung = true;
    if (top === this.top) return;
    this.top = top;
    // A pan that reached the end of the spacer before the end of the list: make room.
    if ((this.touching || this.flinging) && (physical <= 0 || physical >= scale.maxPhysical) && top > 0 && top < scale.maxTop) {
      this.syncPhysical(true);
    }
    this.options.onMove();
  };

  private readonly onScrollEnd = (): void => {
    if (this.flinging && !this.touching) {
      this.flinging = false;
      this.syncPhysical();
    }
  };

  private readonly onWheel = (event: WheelEvent): void => {
    const scale = this.scale;
    // Zoom and horizontal wheeling stay the browser's; unscaled lists scroll natively.
    if (!scale.scaled || event.ctrlKey || event.shiftKey) return;
    const unit =
      event.deltaMode === WheelEvent.DOM_DELTA_LINE ? this.rowHeight : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? this.viewport : 1;
    const next = scale.clampTop(this.top + event.deltaY * unit);
    const dx = event.deltaX * unit;
    // At an end of the list, let the page scroll on.
    if (next === this.top && dx === 0) return;
    event.preventDefault();
    if (dx !== 0) this.scroller!.scrollLeft += dx;
    if (next !== this.top) this.scrollTo(next);
  };

  private readonly onTouchStart = (): void => {
    this.touching = true;
    this.flinging = false;
    clearTimeout(this.flingTimer);
  };

  private readonly onTouchEnd = (event: TouchEvent): void => {
    if (event.touches.length > 0) return;
    this.touching = false;
    this.flinging = true;
    this.flung = false;
    // Without a fling there is no `scrollend`: put the scrollbar back in proportion soon.
    clearTimeout(this.flingTimer);
    this.flingTimer = setTimeout(() => {
      if (!this.flung) this.onScrollEnd();
    }, FLING_GRACE_MS);
  };
}
