/**
 * What the dashboard's three charts share: one uPlot instance made once and then fed
 * with `setData` (never re-created, so a live update does not flicker), sized by its
 * container, themed by values read from the element, and a tooltip with exact numbers
 * that follows the pointer or the keyboard.
 */
import uPlot from 'uplot';
import type { ChartColors } from './chart-colors.js';
import { adoptChartStyles } from './chart.styles.js';

/** One line of a tooltip: a swatch (a colour, or a state texture class), a label and a number. */
export interface TooltipRow {
  label: string;
  value: string;
  color?: string;
  swatchClass?: string;
  /** Set apart (e.g. the total). */
  strong?: boolean;
}

export interface TooltipContent {
  title: string;
  rows: TooltipRow[];
}

/** Counts are whole numbers: ticks at 1, 2, 5, 10, 20, 50… never 0.5. */
const COUNT_INCREMENTS: number[] = [];
for (let magnitude = 1; magnitude <= 1e9; magnitude *= 10) COUNT_INCREMENTS.push(magnitude, 2 * magnitude, 5 * magnitude);

/** A y range from zero with some headroom, so the tallest bar never touches the top. */
export function countRange(max: number | null): uPlot.Range.MinMax {
  const top = Math.max(4, Math.ceil((max ?? 0) * 1.08));
  return [0, top];
}

/** Room for the widest tick label of an axis (12 px labels). */
export function axisWidth(_u: uPlot, values: string[] | null): number {
  const longest = Math.max(1, ...(values ?? []).map((v) => v.length));
  return Math.ceil(longest * 7.5) + 14;
}

export abstract class DashboardChart {
  plot!: uPlot;
  protected colors: ChartColors;
  private readonly tip: HTMLDivElement;
  private readonly band: HTMLDivElement;
  private readonly resizeObserver: ResizeObserver;
  private width = 0;

  protected constructor(
    protected readonly container: HTMLElement,
    colors: ChartColors,
    private readonly height: number,
  ) {
    this.colors = colors;
    this.tip = document.createElement('div');
    this.tip.className = 'tip';
    // The same numbers are in the legend buttons and the table, which screen readers use.
    this.tip.setAttribute('aria-hidden', 'true');
    this.tip.hidden = true;
    this.band = document.createElement('div');
    this.band.className = 'hover-band';
    this.band.hidden = true;
    this.resizeObserver = new ResizeObserver(() => this.fit());
  }

  /** The axis of counts every chart has: whole-number ticks in the page's number format. */
  protected countAxis(format: (count: number) => string): uPlot.Axis {
    return {
      stroke: () => this.colors.muted,
      font: this.colors.font,
      grid: { stroke: () => this.colors.grid, width: 1 },
      ticks: { show: false },
      incrs: COUNT_INCREMENTS,
      values: (_u, splits) => splits.map(format),
      size: axisWidth,
    };
  }

  /** Builds the plot; called once, at the end of a subclass's constructor. */
  protected mount(options: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): void {
    adoptChartStyles(this.container);
    this.width = Math.max(Math.floor(this.container.clientWidth), 120);
    const hooks = options.hooks ?? {};
    this.plot = new uPlot(
      {
        ...options,
        width: this.width,
        height: this.height,
        legend: { show: false },
        hooks: { ...hooks, setCursor: [...(hooks.setCursor ?? []), (u) => this.onCursor(u.cursor.idx ?? null)] },
      },
      data,
      this.container,
    );
    // Under the canvas, so the bars stay on top of their highlighted slot.
    this.plot.under.append(this.band);
    this.container.append(this.tip);
    this.plot.over.addEventListener('click', () => {
      const idx = this.plot.cursor.idx;
      if (idx !== null && idx !== undefined) this.select(idx);
    });
    this.resizeObserver.observe(this.container);
  }

  /**
   * Applies `change` and draws at once, instead of in uPlot's microtask: the owner feeds
   * the charts before it changes its DOM, so that the canvas text does not wait on a style
   * recalculation of those changes. `relabel` makes the axis labels again (uPlot keeps them
   * while the scales stay the same, as they do for a new language or zone).
   */
  protected drawNow(change: () => void, relabel: boolean): void {
    this.plot.batch(() => {
      change();
      if (relabel) this.plot.redraw(false, true);
    });
  }

  /** Follows the container's width (the height is the chart's own). */
  private fit(): void {
    const width = Math.floor(this.container.clientWidth);
    if (width > 0 && width !== this.width) {
      this.width = width;
      this.plot.setSize({ width, height: this.height });
    }
  }

  setColors(colors: ChartColors): void {
    this.colors = colors;
    this.plot.redraw(true, true);
  }

  /** Shows the tooltip for a data index, as if the pointer were on it (keyboard focus); null hides it. */
  showIndex(idx: number | null): void {
    if (idx === null) {
      this.plot.setCursor({ left: -10, top: -10 });
      return;
    }
    const [left, top] = this.anchor(idx);
    this.plot.setCursor({ left, top });
  }

  /** Where the cursor goes to point at data index `idx`, in CSS pixels inside the plot area. */
  protected abstract anchor(idx: number): [left: number, top: number];

  /** The tooltip's text for a data index, or undefined for none. */
  protected abstract describe(idx: number): TooltipContent | undefined;

  /** A click on (or Enter for) a data index. */
  protected select(_idx: number): void {}

  /** The highlighted slot behind an ordinal chart's bar, in CSS pixels inside the plot area. */
  protected bandRect(_idx: number): { left: number; top: number; width: number; height: number } | undefined {
    return undefined;
  }

  private onCursor(idx: number | null): void {
    const content = idx === null ? undefined : this.describe(idx);
    if (idx === null || !content) {
      this.tip.hidden = true;
      this.band.hidden = true;
      return;
    }
    this.renderTip(content);
    const rect = this.bandRect(idx);
    this.band.hidden = !rect;
    if (rect) {
      this.band.style.transform = `translate(${rect.left}px, ${rect.top}px)`;
      this.band.style.width = `${rect.width}px`;
      this.band.style.height = `${rect.height}px`;
    }
    this.placeTip(this.plot.cursor.left ?? 0, this.plot.cursor.top ?? 0);
  }

  private renderTip(content: TooltipContent): void {
    const title = document.createElement('div');
    title.className = 'tip-title';
    title.textContent = content.title;
    const table = document.createElement('table');
    for (const row of content.rows) {
      const tr = table.insertRow();
      if (row.strong) tr.className = 'strong';
      const swatchCell = tr.insertCell();
      if (row.color || row.swatchClass) {
        const swatch = document.createElement('span');
        swatch.className = `swatch ${row.swatchClass ?? ''}`;
        if (row.color) swatch.style.setProperty('--swatch', row.color);
        swatchCell.append(swatch);
      }
      tr.insertCell().textContent = row.label;
      const value = tr.insertCell();
      value.className = 'num';
      value.textContent = row.value;
    }
    this.tip.replaceChildren(title, table);
    this.tip.hidden = false;
  }

  /** Next to the cursor, flipped to its left near the right edge, kept inside the container. */
  private placeTip(cursorLeft: number, cursorTop: number): void {
    const over = this.plot.over;
    const x = over.offsetLeft + cursorLeft;
    const y = over.offsetTop + cursorTop;
    const { offsetWidth: w, offsetHeight: h } = this.tip;
    const maxX = this.container.clientWidth - w - 4;
    let left = x + 14;
    if (left > maxX) left = x - w - 14;
    left = Math.max(4, Math.min(left, maxX));
    const top = Math.max(0, Math.min(y - h / 2, this.container.clientHeight - h));
    this.tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.tip.remove();
    this.plot.destroy();
  }
}
