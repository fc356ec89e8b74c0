/**
 * What each chart of the dashboard draws, computed from the store's summary alone: pure
 * functions, so that the numbers on screen can be checked against the aggregates.
 */
import {
  JOB_STATES,
  JOB_TYPES,
  type ClusterNode,
  type JobState,
  type JobSummary,
  type JobType,
  type Timeline,
} from '../../../model/index.js';
import { compareNodeIds } from '../../shared/colors.js';

/** States from the bottom of a node's bar to its top: the settled bulk first, what is pending on top. */
export const STACK_ORDER: readonly JobState[] = ['SUCCESSFUL', 'UNSUCCESSFUL', 'RUNNING', 'SCHEDULED'];

/** Node ids in display order: the cluster's nodes by id (numerically, as `nodeColor` orders them), then ids only the summary names. */
export function nodeOrder(nodes: readonly ClusterNode[], summary: JobSummary | undefined): string[] {
  const ids = new Set(nodes.map((n) => n.id));
  if (summary) {
    for (const id of Object.keys(summary.byNode)) ids.add(id);
    for (const id of Object.keys(summary.timeline.counts)) ids.add(id);
  }
  return [...ids].sort(compareNodeIds);
}

/** Jobs per node and state, one entry per node in `nodeIds`. */
export interface NodeBars {
  nodeIds: string[];
  byState: Record<JobState, number[]>;
  totals: number[];
}

export function nodeBars(summary: JobSummary | undefined, nodeIds: readonly string[]): NodeBars {
  const byState = Object.fromEntries(JOB_STATES.map((s) => [s, [] as number[]])) as unknown as Record<JobState, number[]>;
  const totals: number[] = [];
  for (const id of nodeIds) {
    const counts = summary?.byNodeState[id];
    let total = 0;
    for (const state of JOB_STATES) {
      const n = counts?.[state] ?? 0;
      byState[state].push(n);
      total += n;
    }
    totals.push(total);
  }
  return { nodeIds: [...nodeIds], byState, totals };
}

/**
 * uPlot data for the stacked node bars: x = node index, then one series per state of
 * `STACK_ORDER` holding the top of its segment (the running sum up to that state).
 */
export function stackedNodeData(bars: NodeBars): number[][] {
  const x = bars.nodeIds.map((_, i) => i);
  const running = x.map(() => 0);
  const series = STACK_ORDER.map((state) => x.map((i) => (running[i] = running[i]! + bars.byState[state][i]!)));
  return [x, ...series];
}

/** Jobs per type, in the user guide's order of types. */
export interface TypeBars {
  types: JobType[];
  counts: number[];
}

export function typeBars(summary: JobSummary | undefined): TypeBars {
  return { types: [...JOB_TYPES], counts: JOB_TYPES.map((t) => summary?.byType[t] ?? 0) };
}

/** Jobs created per bucket, per node: the activity history. */
export interface ActivitySeries {
  /** Start of each bucket, in seconds since the epoch (uPlot's time unit). */
  x: number[];
  bucketSeconds: number;
  nodeIds: string[];
  /** Per node of `nodeIds`, one count per bucket. */
  counts: number[][];
}

export function activitySeries(timeline: Timeline | undefined, nodeIds: readonly string[]): ActivitySeries {
  if (!timeline) return { x: [], bucketSeconds: 3600, nodeIds: [...nodeIds], counts: nodeIds.map(() => []) };
  const length = Math.max(0, ...Object.values(timeline.counts).map((c) => c.length));
  const fromSeconds = Date.parse(timeline.from) / 1000;
  const x = Array.from({ length }, (_, i) => fromSeconds + i * timeline.bucketSeconds);
  const counts = nodeIds.map((id) => {
    const own = timeline.counts[id];
    return x.map((_, i) => own?.[i] ?? 0);
  });
  return { x, bucketSeconds: timeline.bucketSeconds, nodeIds: [...nodeIds], counts };
}
