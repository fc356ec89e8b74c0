/**
 * Scroll scaling: a list of `count` rows of `rowHeight` px is `count × rowHeight` px of
 * *virtual* content, but a browser cannot scroll an element that tall (Chromium caps
 * layout near 33.5 million px, and its compositor keeps scroll offsets in float32, which
 * has no fraction of a pixel left past 2^23 px and loses whole pixels past 2^24). The
 * scroller therefore holds a spacer of at most `MAX_SCROLL_HEIGHT` px, and a physical
 * scroll position maps to a virtual one proportionally. Small movements (wheel, keys,
 * touch) are applied 1:1 to the virtual position by the table itself, so that no row is
 * ever skipped; only jumps (dragging the scrollbar) use the proportion.
 */

/** Tallest spacer: inside float32's exact range (2^23 = 8,388,608 px), with a margin. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export class ScrollScale {
  constructor(
    /** Height of one row, px. */
    readonly rowHeight: number,
    /** Rows in the list. */
    readonly count: number,
    /** Height of the area rows are seen in, px. */
    readonly viewport: number,
    readonly maxHeight: number = MAX_SCROLL_HEIGHT,
  ) {}

  /** Height of every row together. */
  get contentHeight(): number {
    return this.count * this.rowHeight;
  }

  /** Height of the spacer the browser scrolls. */
  get physicalHeight(): number {
    return Math.min(this.contentHeight, this.maxHeight);
  }

  /** Largest virtual scroll position: the last row at the bottom of the viewport. */
  get maxTop(): number {
    return Math.max(0, this.contentHeight - this.viewport);
  }

  get maxPhysical(): number {
    return Math.max(0, this.physicalHeight - this.viewport);
  }

  /** Virtual px per physical px (1 when the content fits in the spacer). */
  get ratio(): number {
    return this.maxPhysical > 0 ? Math.max(1, this.maxTop / this.maxPhysical) : 1;
  }

  get scaled(): boolean {
    return this.contentHeight > this.maxHeight;
  }

  clampTop(top: number): number {
    return Math.min(Math.max(0, top), this.maxTop);
  }

  toVirtual(physical: number): number {
    return this.clampTop(physical * this.ratio);
  }

  toPhysical(top: number): number {
    return Math.min(Math.max(0, top / this.ratio), this.maxPhysical);
  }

  /** Index of the row at the top edge of the viewport. */
  firstRowAt(top: number): number {
    return Math.min(Math.max(0, Math.floor(top / this.rowHeight)), Math.max(0, this.count - 1));
  }

  /** Rows that fit entirely in the viewport (at least one). */
  get rowsPerPage(): number {
    return Math.max(1, Math.floor(this.viewport / this.rowHeight));
  }

  /** The virtual position that shows row `index` whole, moving as little as possible from `top`. */
  topToShow(index: number, top: number): number {
    const rowTop = index * this.rowHeight;
    const rowBottom = rowTop + this.rowHeight;
    if (rowTop < top) return this.clampTop(rowTop);
    if (rowBottom > top + this.viewport) return this.clampTop(rowBottom - this.viewport);
    return top;
  }
}
