/**
 * The run-time distribution: per node, how many finished jobs ran in each bucket of
 * `DURATION_BUCKETS_MS`, drawn as a step histogram (one outline per node). The buckets
 * are equally wide on screen while each is 2 to 3 times longer than the one before: the
 * time axis is logarithmic, labelled at the buckets' bounds.
 */
import uPlot from 'uplot';
import type { ChartColors } from '../../job-dashboard/charts/chart-colors.js';
import { countRange, type TooltipContent, type TooltipRow } from '../../job-dashboard/charts/dashboard-chart.js';
import type { RunTimeSeries } from '../analysis-data.js';
import { CHART_HEIGHT } from './chart-heights.js';
import { NodeLinesChart, type NodeLineLabels } from './node-lines-chart.js';

export interface RunTimeChartLabels extends NodeLineLabels {
  number(n: number): string;
  /** The bucket at this index of `DURATION_BUCKETS_MS`, e.g. `5 min – 10 min`. */
  bucket(index: number): string;
  /** The bound that starts the bucket at this index, e.g. `5 min`; empty past the last. */
  bound(index: number): string;
  total(): string;
}

/** Room an axis label needs: labels closer than this are left out, one in two, in three… */
const LABEL_ROOM_PX = 52;

export class RunTimeChart extends NodeLinesChart {
  private data: RunTimeSeries = { bounds: [], first: 0, length: 0, nodeIds: [], counts: [] };

  constructor(
    container: HTMLElement,
    colors: ChartColors,
    private readonly labels: RunTimeChartLabels,
    /** A bucket (index in `DURATION_BUCKETS_MS`) was chosen, on one node or on all (null). */
    private readonly onSelect: (bucket: number, node: string | null) => void,
  ) {
    super(container, colors, CHART_HEIGHT.histogram, labels);
    this.mount(
      {
        ...this.focusOptions(),
        padding: [12, 16, 0, 4],
        cursor: {
          drag: { x: false, y: false, setScale: false },
          x: false,
          y: false,
          // Not drawn, but made: uPlot's delSeries expects a cursor point per series.
          points: { size: 0, width: 0 },
          focus: { prox: 24 },
          // The tooltip is for the bucket under the pointer: the cursor sits in its middle.
          move: (u, left, top) => {
            if (left < 0) return [left, top];
            const bucket = Math.min(Math.max(Math.floor(u.posToVal(left, 'x')), 0), Math.max(this.data.length - 1, 0));
            return [u.valToPos(bucket + 0.4, 'x'), top];
          },
        },
        scales: {
          x: { time: false, range: () => [0, Math.max(this.data.length, 1)] },
          y: { range: (_u, _min, max) => countRange(max) },
        },
        axes: [
          {
            stroke: () => this.colors.muted,
            font: colors.font,
            grid: { stroke: () => this.colors.grid, width: 1 },
            ticks: { stroke: () => this.colors.grid, width: 1, size: 4 },
            size: 32,
            splits: () => Array.from({ length: this.data.length + 1 }, (_, i) => i),
            values: (u, splits) => {
              const every = Math.ceil(LABEL_ROOM_PX / (u.bbox.width / devicePixelRatio / Math.max(splits.length, 1)));
              return splits.map((i) => (i % every === 0 ? this.labels.bound(this.data.first + i) : ''));
            },
          },
          this.countAxis((n) => this.labels.number(n)),
        ],
        series: [{}],
      },
      [[]],
    );
  }

  /** Feeds the chart new counts; `relabel` for a new language. */
  update(data: RunTimeSeries, relabel = false): void {
    this.data = data;
    const x = Array.from({ length: data.length + 1 }, (_, i) => i);
    // Each count holds from its bucket's start to the next one's: the last is repeated at the end.
    const counts = data.counts.map((c) => (c.length ? [...c, c[c.length - 1]!] : []));
    this.drawNow(() => this.setNodes(data.nodeIds, [x, ...counts] as uPlot.AlignedData, (id) => this.seriesFor(id)), relabel);
  }

  private seriesFor(id: string): uPlot.Series {
    return {
      label: this.nodeLabels.nodeName(id),
      stroke: () => this.nodeLabels.nodeColor(id),
      width: 2,
      paths: uPlot.paths.stepped!({ align: 1 }),
      points: { show: false },
    };
  }

  protected anchor(idx: number): [number, number] {
    const peak = Math.max(0, ...this.data.counts.map((c) => c[idx] ?? 0));
    return [this.plot.valToPos(idx + 0.4, 'x'), Math.max(8, this.plot.valToPos(peak, 'y'))];
  }

  protected describe(idx: number): TooltipContent | undefined {
    const bucket = Math.min(idx, this.data.length - 1);
    if (bucket < 0) return undefined;
    const rows: TooltipRow[] = this.data.nodeIds.map((id, n) => ({
      label: this.nodeLabels.nodeName(id),
      value: this.labels.number(this.data.counts[n]?.[bucket] ?? 0),
      color: this.nodeLabels.nodeColor(id),
      strong: id === this.focusedNode,
    }));
    const total = this.data.counts.reduce((sum, c) => sum + (c[bucket] ?? 0), 0);
    if (rows.length > 1) rows.push({ label: this.labels.total(), value: this.labels.number(total), strong: true });
    return { title: this.labels.bucket(this.data.first + bucket), rows };
  }

  protected override select(idx: number): void {
    const bucket = Math.min(idx, this.data.length - 1);
    if (bucket >= 0) this.onSelect(this.data.first + bucket, this.focusedNode);
  }
}
