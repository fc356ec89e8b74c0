/**
 * What the analysis view's two charts share: one line per node in the node's colour,
 * drawn on one uPlot instance fed with `setData` (nodes that come or go are added to or
 * taken from the same plot). The line nearest the pointer is the one a click opens.
 */
import type uPlot from 'uplot';
import type { ChartColors } from '../../job-dashboard/charts/chart-colors.js';
import { DashboardChart } from '../../job-dashboard/charts/dashboard-chart.js';

export interface NodeLineLabels {
  nodeName(id: string): string;
  nodeColor(id: string): string;
}

export abstract class NodeLinesChart extends DashboardChart {
  /** The nodes drawn, in series order. */
  protected nodeIds: string[] = [];
  /** The node whose line is nearest the pointer, if one is near. */
  protected focusedNode: string | null = null;

  protected constructor(
    container: HTMLElement,
    colors: ChartColors,
    height: number,
    protected readonly nodeLabels: NodeLineLabels,
  ) {
    super(container, colors, height);
  }

  /** Options every node-lines chart has: focus follows the nearest line, and is remembered for the click. */
  protected focusOptions(): Pick<uPlot.Options, 'focus' | 'hooks'> {
    return {
      focus: { alpha: 0.35 },
      hooks: {
        setSeries: [
          (_u, seriesIdx) => {
            this.focusedNode = seriesIdx === null ? null : (this.nodeIds[seriesIdx - 1] ?? null);
          },
        ],
      },
    };
  }

  /** Sets the nodes drawn (rebuilding the series list when it changed) and the data. */
  protected setNodes(nodeIds: string[], data: uPlot.AlignedData, series: (id: string) => uPlot.Series): void {
    if (nodeIds.join('\u0000') !== this.nodeIds.join('\u0000')) {
      for (let i = this.plot.series.length - 1; i >= 1; i--) this.plot.delSeries(i);
      this.nodeIds = nodeIds;
      for (const id of nodeIds) this.plot.addSeries(series(id));
    }
    this.plot.setData(data);
  }

  /** The line of `node` stands out, as when the pointer is near it (null: none does). */
  focusNode(node: string | null): void {
    const at = node === null ? -1 : this.nodeIds.indexOf(node);
    this.plot.setSeries(at < 0 ? null : at + 1, { focus: true });
    this.focusedNode = at < 0 ? null : node;
  }
}
