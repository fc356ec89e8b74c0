/**
 * A layout for @lit-labs/virtualizer (its `Layout` interface) for rows that all have one
 * height: the rows in range follow from the scroll position alone, nothing is measured.
 *
 * Why not its flow layout: flow estimates, measures and anchors on the rows it drew last.
 * After a jump from script within reach of those rows (back to the top after a sort or
 * "show new jobs"), it picks its anchor among them and "corrects" the scroll position to
 * a wrong place (measured: scrollTop set to 0 came back as 340). Its measuring also adds
 * rows from inside its ResizeObserver callback, which the browser reports as a
 * "ResizeObserver loop" error.
 */

/** The virtualizer's messages to its host (see its `layouts/shared/Layout.d.ts`). */
type LayoutMessage =
  | {
      type: 'stateChanged';
      scrollSize: { width: number | null; height: number };
      range: { first: number; last: number; firstVisible: number; lastVisible: number };
      childPositions: Map<number, { top: number; left: number }>;
      scrollError?: { top: number; left: number };
    }
  | { type: 'unpinned' };

export interface FixedRowLayoutConfig {
  /** Height of every row, px. */
  rowHeight: number;
  /** Rows drawn beyond each edge of the viewport, px. */
  overhang?: number;
}

interface PinOptions {
  index: number;
  block?: ScrollLogicalPosition;
}

export class FixedRowLayout {
  readonly measureChildren = false;
  readonly listenForChildLoadEvents = false;
  direction: 'vertical' = 'vertical';
  totalScrollSize = { width: 0, height: 0 };
  offsetWithinScroller = { left: 0, top: 0 };

  private rowHeight = 36;
  private overhang = 360;
  private list: unknown[] = [];
  private size = { width: 0, height: 0 };
  private scroll = { top: 0, left: 0 };
  private pinned: PinOptions | null = null;
  private pending = true;

  constructor(
    private readonly sink: (message: LayoutMessage) => void,
    config?: FixedRowLayoutConfig,
  ) {
    if (config) this.config = config;
  }

  set config(config: FixedRowLayoutConfig) {
    const overhang = config.overhang ?? this.overhang;
    if (config.rowHeight === this.rowHeight && overhang === this.overhang) return;
    this.rowHeight = config.rowHeight;
    this.overhang = overhang;
    this.schedule();
  }

  get config(): FixedRowLayoutConfig {
    return { rowHeight: this.rowHeight, overhang: this.overhang };
  }

  get items(): unknown[] {
    return this.list;
  }

  set items(items: unknown[]) {
    if (items === this.list) return;
    this.list = items;
    this.pending = true;
  }

  get viewportSize(): { width: number; height: number } {
    return this.size;
  }

  set viewportSize(size: { width: number; height: number }) {
    if (size.height !== this.size.height) this.pending = true;
    this.size = { ...size };
  }

  get viewportScroll(): { top: number; left: number } {
    return this.scroll;
  }

  set viewportScroll(scroll: { top: number; left: number }) {
    if (Math.abs(scroll.top - this.scroll.top) >= 1) this.pending = true;
    this.scroll = { ...scroll };
  }

  get pin(): PinOptions | null {
    return this.pinned;
  }

  set pin(options: PinOptions | null) {
    this.pinned = options;
    this.schedule();
  }

  unpin(): void {
    if (this.pinned === null) return;
    this.pinned = null;
    this.sink({ type: 'unpinned' });
  }

  getScrollIntoViewCoordinates({ index, block = 'start' }: PinOptions): { top: number } {
    const top = Math.max(0, Math.min(index, this.list.length - 1)) * this.rowHeight;
    const view = this.size.height;
    switch (block) {
      case 'center':
        return { top: top - (view - this.rowHeight) / 2 };
      case 'end':
        return { top: top - view + this.rowHeight };
      case 'nearest':
        return { top: top < this.scroll.top ? top : Math.max(this.scroll.top, top - view + this.rowHeight) };
      default:
        return { top };
    }
  }

  reflowIfNeeded(force = false): void {
    if (!force && !this.pending) return;
    this.pending = false;
    const count = this.list.length;
    const h = this.rowHeight;
    let scrollError: { top: number; left: number } | undefined;
    if (this.pinned) {
      const target = Math.max(0, Math.min(this.getScrollIntoViewCoordinates(this.pinned).top, count * h - this.size.height));
      scrollError = { top: this.scroll.top - target, left: 0 };
      this.scroll = { ...this.scroll, top: target };
    }
    const top = this.scroll.top;
    const first = Math.max(0, Math.floor((top - this.overhang) / h));
    const last = Math.min(count - 1, Math.ceil((top + this.size.height + this.overhang) / h) - 1);
    const firstVisible = Math.min(count - 1, Math.max(0, Math.floor(top / h)));
    const lastVisible = Math.min(count - 1, Math.max(0, Math.ceil((top + this.size.height) / h) - 1));
    const childPositions = new Map<number, { top: number; left: number }>();
    for (let i = first; i <= last; i++) childPositions.set(i, { top: i * h, left: 0 });
    this.sink({
      type: 'stateChanged',
      scrollSize: { width: null, height: count * h },
      range: count > 0 ? { first, last, firstVisible, lastVisible } : { first: -1, last: -1, firstVisible: -1, lastVisible: -1 },
      childPositions,
      ...(scrollError ? { scrollError } : {}),
    });
  }

  private schedule(): void {
    this.pending = true;
    void Promise.resolve().then(() => this.reflowIfNeeded());
  }
}

/** The virtualizer's `layout` value for rows of one height. */
export function fixedRows(config: FixedRowLayoutConfig): FixedRowLayoutConfig & { type: typeof FixedRowLayout } {
  return { type: FixedRowLayout, ...config };
}
