/**
 * Jobs per node: one bar per node in the node's colour, cut into one segment per state
 * (stacked in `STACK_ORDER`, each state with its own texture). A click on a bar asks to
 * filter by that node.
 */
import uPlot from 'uplot';
import type { JobState } from '../../../model/index.js';
import { StateTextures, type ChartColors } from './chart-colors.js';
import { STACK_ORDER, stackedNodeData, type NodeBars } from './chart-data.js';
import { CHART_HEIGHT } from './chart-heights.js';
import { DashboardChart, countRange, type TooltipContent } from './dashboard-chart.js';

export interface NodeChartLabels {
  nodeName(id: string): string;
  nodeColor(id: string): string;
  state(state: JobState): string;
  total(): string;
  number(n: number): string;
}

export class NodeChart extends DashboardChart {
  private bars: NodeBars = { nodeIds: [], byState: { SCHEDULED: [], RUNNING: [], SUCCESSFUL: [], UNSUCCESSFUL: [] }, totals: [] };
  private readonly textures: StateTextures;

  constructor(
    container: HTMLElement,
    colors: ChartColors,
    private readonly labels: NodeChartLabels,
    private readonly onSelect: (nodeId: string) => void,
  ) {
    super(container, colors, CHART_HEIGHT.nodes);
    this.textures = new StateTextures(document.createElement('canvas').getContext('2d')!, colors.surface);
    const segment = (edge: 'top' | 'bottom') => ({
      unit: 1 as const,
      values: (u: uPlot, si: number) => (edge === 'top' ? u.data[si] : si === 1 ? u.data[0].map(() => 0) : u.data[si - 1]) as number[],
    });
    const bars = uPlot.paths.bars!({
      size: [0.62, 80],
      radius: 0,
      disp: {
        y0: segment('bottom'),
        y1: segment('top'),
        fill: {
          unit: 3,
          // uPlot's types say colour strings; it uses each value as a fillStyle, so patterns work.
          values: (_u: uPlot, si: number) =>
            this.bars.nodeIds.map((id) => this.textures.fill(this.labels.nodeColor(id), STACK_ORDER[si - 1]!)) as never,
        },
      },
    });
    this.mount(
      {
        padding: [12, 12, 0, 4],
        cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false }, x: false, y: false },
        scales: {
          x: { time: false, range: () => [-0.5, Math.max(this.bars.nodeIds.length, 1) - 0.5] },
          y: { range: (_u, _min, max) => countRange(max) },
        },
        axes: [
          {
            stroke: () => this.colors.text,
            font: colors.font,
            grid: { show: false },
            ticks: { show: false },
            border: { show: true, stroke: () => this.colors.grid, width: 1 },
            gap: 6,
            size: 28,
            splits: () => this.bars.nodeIds.map((_, i) => i),
            values: (_u, splits) => splits.map((i) => this.labels.nodeName(this.bars.nodeIds[i] ?? '')),
          },
          this.countAxis((n) => this.labels.number(n)),
        ],
        series: [{}, ...STACK_ORDER.map((state) => ({ label: state, width: 0, paths: bars, points: { show: false } }))],
      },
      stackedNodeData(this.bars) as uPlot.AlignedData,
    );
  }

  /** Feeds the chart new counts (same instance, redrawn in place); `relabel` for a new language. */
  update(bars: NodeBars, relabel = false): void {
    this.bars = bars;
    this.drawNow(() => this.plot.setData(stackedNodeData(bars) as uPlot.AlignedData), relabel);
  }

  override setColors(colors: ChartColors): void {
    this.textures.reset(colors.surface);
    super.setColors(colors);
  }

  protected anchor(idx: number): [number, number] {
    const top = this.plot.valToPos(this.bars.totals[idx] ?? 0, 'y');
    return [this.plot.valToPos(idx, 'x'), Math.max(top, 8)];
  }

  protected override bandRect(idx: number) {
    const left = this.plot.valToPos(idx - 0.5, 'x');
    const right = this.plot.valToPos(idx + 0.5, 'x');
    return { left, top: 0, width: right - left, height: this.plot.over.clientHeight };
  }

  protected describe(idx: number): TooltipContent | undefined {
    const id = this.bars.nodeIds[idx];
    if (id === undefined) return undefined;
    const color = this.labels.nodeColor(id);
    return {
      title: this.labels.nodeName(id),
      rows: [
        // Top of the stack first, as the bar reads.
        ...[...STACK_ORDER].reverse().map((state) => ({
          label: this.labels.state(state),
          value: this.labels.number(this.bars.byState[state][idx] ?? 0),
          color,
          swatchClass: `texture-${state.toLowerCase()}`,
        })),
        { label: this.labels.total(), value: this.labels.number(this.bars.totals[idx] ?? 0), strong: true },
      ],
    };
  }

  protected override select(idx: number): void {
    const id = this.bars.nodeIds[idx];
    if (id !== undefined) this.onSelect(id);
  }
}
