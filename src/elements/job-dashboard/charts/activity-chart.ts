/**
 * Activity history: jobs created per time bucket, one line per node in the node's
 * colour, the time axis in the chosen time zone and language. Nodes that appear later
 * are added to the same plot (`addSeries`), never by re-creating it.
 */
import uPlot from 'uplot';
import type { ChartColors } from './chart-colors.js';
import type { ActivitySeries } from './chart-data.js';
import { CHART_HEIGHT } from './chart-heights.js';
import { DashboardChart, countRange, type TooltipContent, type TooltipRow } from './dashboard-chart.js';

export interface ActivityChartLabels {
  nodeName(id: string): string;
  nodeColor(id: string): string;
  number(n: number): string;
  /** The bucket starting at `ms`, `seconds` wide, as a title. */
  bucket(ms: number, seconds: number): string;
  /** A time axis label for `ms`, ticks being `stepSeconds` apart. */
  tick(ms: number, stepSeconds: number): string;
  total(): string;
}

export class ActivityChart extends DashboardChart {
  private series: ActivitySeries = { x: [], bucketSeconds: 3600, nodeIds: [], counts: [] };

  constructor(
    container: HTMLElement,
    colors: ChartColors,
    private readonly labels: ActivityChartLabels,
    private timeZone: string | undefined,
  ) {
    super(container, colors, CHART_HEIGHT.activity);
    this.mount(
      {
        padding: [12, 24, 0, 4],
        // Ticks fall on the zone's hours and midnights; read on every draw, so a new zone needs no new plot.
        tzDate: (ts) => (this.timeZone ? uPlot.tzDate(new Date(ts * 1000), this.timeZone) : new Date(ts * 1000)),
        cursor: {
          drag: { x: false, y: false, setScale: false },
          y: false,
          points: { size: 7 },
          // The line stands on the bucket the tooltip describes, not between two.
          move: (u, left, top) => {
            const idx = u.posToIdx(left);
            const x = u.data[0][idx];
            return [x === undefined || left < 0 ? left : u.valToPos(x, 'x'), top];
          },
        },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => countRange(max) } },
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
          this.countAxis((n) => this.labels.number(n)),
        ],
        series: [{}],
      },
      [[]],
    );
  }

  /** Applies a time zone to the next `update` (with `relabel`): the same plot redraws its axes. */
  setTimeZone(timeZone: string | undefined): void {
    this.timeZone = timeZone;
  }

  /** Feeds the chart new counts; `relabel` for a new language or zone. */
  update(series: ActivitySeries, relabel = false): void {
    const before = this.series.nodeIds;
    this.series = series;
    this.drawNow(() => {
      if (before.join('\u0000') !== series.nodeIds.join('\u0000')) {
        // A node joined or left: rebuild the series list on the same plot.
        for (let i = this.plot.series.length - 1; i >= 1; i--) this.plot.delSeries(i);
        for (const id of series.nodeIds) this.plot.addSeries(this.seriesFor(id));
      }
      this.plot.setData([series.x, ...series.counts]);
    }, relabel);
  }

  private seriesFor(id: string): uPlot.Series {
    return {
      label: this.labels.nodeName(id),
      stroke: () => this.labels.nodeColor(id),
      width: 2,
      points: {
        show: (u) => this.series.x.length <= 48 && u.bbox.width / devicePixelRatio > 320,
        size: 5,
        fill: () => this.labels.nodeColor(id),
      },
    };
  }

  protected anchor(idx: number): [number, number] {
    const peak = Math.max(0, ...this.series.counts.map((c) => c[idx] ?? 0));
    return [this.plot.valToPos(this.series.x[idx] ?? 0, 'x'), Math.max(8, this.plot.valToPos(peak, 'y'))];
  }

  protected describe(idx: number): TooltipContent | undefined {
    const start = this.series.x[idx];
    if (start === undefined) return undefined;
    const rows: TooltipRow[] = this.series.nodeIds.map((id, n) => ({
      label: this.labels.nodeName(id),
      value: this.labels.number(this.series.counts[n]?.[idx] ?? 0),
      color: this.labels.nodeColor(id),
    }));
    const total = this.series.counts.reduce((sum, c) => sum + (c[idx] ?? 0), 0);
    if (rows.length > 1) rows.push({ label: this.labels.total(), value: this.labels.number(total), strong: true });
    return { title: this.labels.bucket(start * 1000, this.series.bucketSeconds), rows };
  }

  /** Number of buckets, for keyboard stepping. */
  get length(): number {
    return this.series.x.length;
  }
}
