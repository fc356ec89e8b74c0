/**
 * What the analysis view shows, computed from the store's `JobAnalysis` alone: pure
 * functions, so that the figures on screen can be checked against the answer.
 */
import { JOB_TYPES, type AnalysisCell, type JobAnalysis, type JobType } from '../../model/index.js';
import { compareNodeIds } from '../shared/colors.js';

/** The nodes of an analysis in display order (numerically, as colours are given). */
export function analysisNodes(analysis: JobAnalysis | undefined): string[] {
  if (!analysis) return [];
  const ids = new Set<string>();
  for (const cell of analysis.cells) if (cell.node !== null) ids.add(cell.node);
  return [...ids].sort(compareNodeIds);
}

/** The types an analysis has jobs of, in the user guide's order. */
export function analysisTypes(analysis: JobAnalysis | undefined): JobType[] {
  const present = new Set(analysis?.cells.map((cell) => cell.type));
  return JOB_TYPES.filter((type) => present.has(type));
}

/** The cell of a type and a node (null for all), if the analysis has one. */
export function cellOf(analysis: JobAnalysis | undefined, type: JobType | null, node: string | null): AnalysisCell | undefined {
  return analysis?.cells.find((cell) => cell.type === type && cell.node === node);
}

/**
 * The table's rows: each type with jobs (all its nodes first, then each node), then
 * every type together (all nodes first, then each node).
 */
export function tableRows(analysis: JobAnalysis | undefined): AnalysisCell[] {
  if (!analysis) return [];
  const nodes = analysisNodes(analysis);
  const rows: AnalysisCell[] = [];
  for (const type of [...analysisTypes(analysis), null]) {
    for (const node of [null, ...nodes]) {
      const cell = cellOf(analysis, type, node);
      if (cell) rows.push(cell);
    }
  }
  return rows;
}

/** Run times per histogram bucket and node, from the first bucket with a run to the last. */
export interface RunTimeSeries {
  /** The buckets' lower bounds in ms: the analysis's `durationBucketsMs` (`DURATION_BUCKETS_MS`, which its check holds it to). */
  bounds: readonly number[];
  /** Index in `bounds` of the first bucket shown. */
  first: number;
  /** How many buckets are shown. */
  length: number;
  nodeIds: string[];
  /** Per node, one count per bucket shown. */
  counts: number[][];
}

export function runTimeSeries(analysis: JobAnalysis | undefined, type: JobType | null): RunTimeSeries {
  const nodeIds = analysisNodes(analysis);
  const histograms = nodeIds.map((node) => cellOf(analysis, type, node)?.runHistogram ?? []);
  const bounds = analysis?.durationBucketsMs ?? [];
  let first = bounds.length;
  let last = -1;
  for (const histogram of histograms) {
    histogram.forEach((count, bucket) => {
      if (!count) return;
      first = Math.min(first, bucket);
      last = Math.max(last, bucket);
    });
  }
  if (last < 0) return { bounds, first: 0, length: 0, nodeIds, counts: nodeIds.map(() => []) };
  const length = last - first + 1;
  return { bounds, first, length, nodeIds, counts: histograms.map((h) => Array.from({ length }, (_, i) => h[first + i] ?? 0)) };
}

/** The figures the trends chart can show. */
export const TREND_METRICS = ['p95', 'failures', 'throughput'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

/** One figure per timeline bucket and node. */
export interface TrendSeries {
  /** Start of each bucket, seconds since the epoch (uPlot's time unit). */
  x: number[];
  bucketSeconds: number;
  nodeIds: string[];
  /** Per node, one value per bucket; null where there is none (no run time). */
  values: (number | null)[][];
}

export function trendSeries(analysis: JobAnalysis | undefined, metric: TrendMetric): TrendSeries {
  const nodeIds = analysisNodes(analysis);
  if (!analysis) return { x: [], bucketSeconds: 3600, nodeIds, values: [] };
  const { from, bucketSeconds, nodes } = analysis.trends;
  const length = nodes[0]?.finished.length ?? 0;
  const start = Date.parse(from) / 1000;
  const x = Array.from({ length }, (_, i) => start + i * bucketSeconds);
  const values = nodeIds.map((id) => {
    const trend = nodes.find((node) => node.node === id);
    if (!trend) return x.map(() => null);
    switch (metric) {
      case 'p95':
        return trend.p95RunMs;
      case 'failures':
        return trend.failures;
      case 'throughput':
        return trend.bytesPerSecond;
    }
  });
  return { x, bucketSeconds, nodeIds, values };
}

/** Why jobs stopped, for one type (or all): UNSUCCESSFUL jobs per stage and node. */
export interface StopMatrix {
  /** Most frequent first (ties by name). */
  stages: string[];
  nodeIds: string[];
  /** Per stage, one count per node. */
  counts: number[][];
  /** The greatest count, for the cells' bars. */
  max: number;
}

export function stopMatrix(analysis: JobAnalysis | undefined, type: JobType | null): StopMatrix {
  const nodeIds = analysisNodes(analysis);
  const byStage = new Map<string, number[]>();
  for (const stop of analysis?.stops ?? []) {
    if (type !== null && stop.type !== type) continue;
    const row = byStage.get(stop.stage) ?? nodeIds.map(() => 0);
    const at = nodeIds.indexOf(stop.node);
    if (at >= 0) row[at]! += stop.count;
    byStage.set(stop.stage, row);
  }
  const total = (stage: string) => byStage.get(stage)!.reduce((sum, n) => sum + n, 0);
  const stages = [...byStage.keys()].sort((a, b) => total(b) - total(a) || (a < b ? -1 : a > b ? 1 : 0));
  const counts = stages.map((stage) => byStage.get(stage)!);
  return { stages, nodeIds, counts, max: Math.max(0, ...counts.flat()) };
}
