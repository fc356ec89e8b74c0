/**
 * A trend over the timeline's buckets, one line per node: the p95 run time, the failures
 * or the throughput of the jobs that finished in each bucket. A bucket without a run
 * time leaves a gap.
 */
import uPlot from 'uplot';
import type { ChartColors } from '../../job-dashboard/charts/chart-colors.js';
import type { TooltipContent, TooltipRow } from '../../job-dashboard/charts/dashboard-chart.js';
import type { TrendMetric, TrendSeries } from '../analysis-data.js';
import { CHART_HEIGHT } from './chart-heights.js';
import { NodeLinesChart, type NodeLineLabels } from './node-lines-chart.js';

export interface TrendChartLabels extends NodeLineLabels {
  /** A value of the metric shown (a duration, a count, a rate); `–` for none. */
  value(n: number | null): string;
  /** The bucket starting at `ms`, `seconds` wide, as a title. */
  bucket(ms: number, seconds: number): string;
  /** A time axis label for `ms`, ticks being `stepSeconds` apart. */
  tick(ms: number, stepSeconds: number): string;
  /** The figure shown: its value axis's ticks are round durations, whole counts or round rates apart. */
  metric(): TrendMetric;
}

/** 1, 2 and 5 times each power of ten from 1 to 10¹⁵: whole counts, round rates. */
const ROUND_NUMBERS: number[] = [];
for (let magnitude = 1; magnitude <= 1e15; magnitude *= 10) ROUND_NUMBERS.push(magnitude, 2 * magnitude, 5 * magnitude);

/** Round durations (ms), from a second to a month. */
const ROUND_DURATIONS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 1_209_600, 2_592_000,
].map((seconds) => seconds * 1000);

/** The steps a trend's value axis may put between ticks. */
function trendIncrements(metric: TrendMetric): number[] {
  return metric === 'p95' ? ROUND_DURATIONS : ROUND_NUMBERS;
}

export class TrendChart extends NodeLinesChart {
  private data: TrendSeries = { x: [], bucketSeconds: 3600, nodeIds: [], values: [] };

  constructor(
    container: HTMLElement,
    colors: ChartColors,
    private readonly labels: TrendChartLabels,
    private timeZone: string | undefined,
    /** A bucket (its index) was chosen, on one node or on all (null). */
    private readonly onSelect: (bucket: number, node: string | null) => void,
  ) {
    super(container, colors, CHART_HEIGHT.trends, labels);
    this.mount(
      {
        ...this.focusOptions(),
        padding: [12, 24, 0, 4],
        tzDate: (ts) => (this.timeZone ? uPlot.tzDate(new Date(ts * 1000), this.timeZone) : new Date(ts * 1000)),
        cursor: {
          drag: { x: false, y: false, setScale: false },
          y: false,
          points: { size: 7 },
          focus: { prox: 24 },
          move: (u, left, top) => {
            const idx = u.posToIdx(left);
            const x = u.data[0][idx];
            return [x === undefined || left < 0 ? left : u.valToPos(x, 'x'), top];
          },
        },
        scales: {
          // One bucket alone is given its width (uPlot finds no ticks on a range of nothing).
          x: {
            time: true,
            range: (_u, min, max) => (min === max ? [min - this.data.bucketSeconds / 2, max + this.data.bucketSeconds / 2] : [min, max]),
          },
          y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 0) * 1.08)] },
        },
        axes: [
          {
            stroke: () => this.colors.muted,
            font: colors.font,
            grid: { stroke: () => this.colors.grid, width: 1 },
            ticks: { stroke: () => this.colors.grid, width: 1, size: 4 },
            space: 64,
            size: 32,
            values: (_u, splits, _axis, _space, step) => splits.map((s) => this.labels.tick(s * 1000, step)),
          },
          {
            stroke: () => this.colors.muted,
            font: colors.font,
            grid: { stroke: () => this.colors.grid, width: 1 },
            ticks: { show: false },
            incrs: () => trendIncrements(this.labels.metric()),
            values: (_u, splits) => splits.map((n) => this.labels.value(n)),
            size: (_u, values) => Math.ceil(Math.max(1, ...(values ?? []).map((v) => v.length)) * 7) + 14,
          },
        ],
        series: [{}],
      },
      [[]],
    );
  }

  setTimeZone(timeZone: string | undefined): void {
    this.timeZone = timeZone;
  }

  /** Feeds the chart new values; `relabel` for a new language, zone or metric. */
  update(data: TrendSeries, relabel = false): void {
    this.data = data;
    this.drawNow(() => this.setNodes(data.nodeIds, [data.x, ...data.values] as uPlot.AlignedData, (id) => this.seriesFor(id)), relabel);
  }

  private seriesFor(id: string): uPlot.Series {
    return {
      label: this.nodeLabels.nodeName(id),
      stroke: () => this.nodeLabels.nodeColor(id),
      width: 2,
      spanGaps: false,
      points: {
        show: (u) => this.data.x.length <= 48 && u.bbox.width / devicePixelRatio > 320,
        size: 5,
        fill: () => this.nodeLabels.nodeColor(id),
      },
    };
  }

  protected anchor(idx: number): [number, number] {
    const peak = Math.max(0, ...this.data.values.map((v) => v[idx] ?? 0));
    return [this.plot.valToPos(this.data.x[idx] ?? 0, 'x'), Math.max(8, this.plot.valToPos(peak, 'y'))];
  }

  protected describe(idx: number): TooltipContent | undefined {
    const start = this.data.x[idx];
    if (start === undefined) return undefined;
    const rows: TooltipRow[] = this.data.nodeIds.map((id, n) => ({
      label: this.nodeLabels.nodeName(id),
      value: this.labels.value(this.data.values[n]?.[idx] ?? null),
      color: this.nodeLabels.nodeColor(id),
      strong: id === this.focusedNode,
    }));
    return { title: this.labels.bucket(start * 1000, this.data.bucketSeconds), rows };
  }

  protected override select(idx: number): void {
    if (idx >= 0 && idx < this.data.x.length) this.onSelect(idx, this.focusedNode);
  }
}
