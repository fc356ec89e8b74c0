/**
 * Jobs per type: one horizontal bar per type (the type names read along the left edge,
 * even on a phone), its count at its end. A click on a bar asks to filter by that type.
 */
import uPlot from 'uplot';
import type { JobType } from '../../../model/index.js';
import { mixColors, type ChartColors } from './chart-colors.js';
import type { TypeBars } from './chart-data.js';
import { CHART_HEIGHT } from './chart-heights.js';
import { DashboardChart, axisWidth, countRange, type TooltipContent } from './dashboard-chart.js';

export interface TypeChartLabels {
  type(type: JobType): string;
  number(n: number): string;
  jobs(n: number): string;
}

export class TypeChart extends DashboardChart {
  private bars: TypeBars = { types: [], counts: [] };

  constructor(
    container: HTMLElement,
    colors: ChartColors,
    private readonly labels: TypeChartLabels,
    private readonly onSelect: (type: JobType) => void,
  ) {
    super(container, colors, CHART_HEIGHT.types);
    this.mount(
      {
        padding: [8, 40, 0, 4],
        cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false }, x: false, y: false },
        scales: {
          x: { time: false, ori: 1, dir: -1, range: () => [-0.5, Math.max(this.bars.types.length, 1) - 0.5] },
          y: { ori: 0, dir: 1, range: (_u, _min, max) => countRange(max) },
        },
        axes: [
          {
            side: 3,
            stroke: () => this.colors.text,
            font: colors.font,
            grid: { show: false },
            ticks: { show: false },
            border: { show: true, stroke: () => this.colors.grid, width: 1 },
            gap: 6,
            splits: () => this.bars.types.map((_, i) => i),
            values: (_u, splits) => splits.map((i) => this.labels.type(this.bars.types[i]!)),
            size: (u, values) => axisWidth(u, values),
          },
          { ...this.countAxis((n) => this.labels.number(n)), side: 2, space: 48, size: 28 },
        ],
        series: [
          {},
          {
            width: 0,
            fill: () => mixColors(this.colors.text, this.colors.surface, 0.55),
            paths: uPlot.paths.bars!({ size: [0.66, 30], radius: 0.15 }),
            points: { show: false },
          },
        ],
        hooks: { draw: [(u) => this.drawCounts(u)] },
      },
      [[], []],
    );
  }

  /** Feeds the chart new counts; `relabel` for a new language. */
  update(bars: TypeBars, relabel = false): void {
    this.bars = bars;
    this.drawNow(() => this.plot.setData([bars.types.map((_, i) => i), bars.counts]), relabel);
  }

  /** The count at the end of each bar, so the chart reads without hovering. */
  private drawCounts(u: uPlot): void {
    const ctx = u.ctx;
    ctx.save();
    ctx.font = this.colors.font.replace(/^\S+/, (size) => `600 ${Math.round(parseFloat(size) * devicePixelRatio)}px`);
    ctx.fillStyle = this.colors.text;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    this.bars.counts.forEach((count, i) => {
      const x = u.valToPos(count, 'y', true) + 6 * devicePixelRatio;
      const y = u.valToPos(i, 'x', true);
      ctx.fillText(this.labels.number(count), x, y);
    });
    ctx.restore();
  }

  protected anchor(idx: number): [number, number] {
    return [this.plot.valToPos(this.bars.counts[idx] ?? 0, 'y'), this.plot.valToPos(idx, 'x')];
  }

  protected override bandRect(idx: number) {
    const top = this.plot.valToPos(idx - 0.5, 'x');
    const bottom = this.plot.valToPos(idx + 0.5, 'x');
    return { left: 0, top, width: this.plot.over.clientWidth, height: bottom - top };
  }

  protected describe(idx: number): TooltipContent | undefined {
    const type = this.bars.types[idx];
    if (type === undefined) return undefined;
    return { title: this.labels.type(type), rows: [{ label: this.labels.jobs(this.bars.counts[idx] ?? 0), value: '' }] };
  }

  protected override select(idx: number): void {
    const type = this.bars.types[idx];
    if (type !== undefined) this.onSelect(type);
  }
}
