/**
 * The aggregates of a memory-mode selection as flat integer histograms: selected rows
 * per group (state, type, node, stage) and per node and hour created. The counts by
 * state, type and node fold the group histogram (a few hundred cells); the timeline
 * folds hours into its buckets (every bucket width is a whole number of hours, aligned
 * on the epoch). So a live update is a decrement and an increment, whatever the
 * timeline's layout at the time it is read, and a `JobSummary` is built only when read.
 */
import { JOB_STATES, JOB_TYPES, type JobState, type JobSummary, type JobType } from '../model/index.js';
import { bucketSecondsFor } from '../source/job-query.js';
import type { GroupHours } from './group-hours.js';
import { HOUR_MS, type JobColumns } from './job-columns.js';
import { capacityFor, grow } from './string-dictionary.js';

const DAY_MS = 86_400_000;
const STATES = JOB_STATES.length;
const TYPES = JOB_TYPES.length;

/** Where the timeline's buckets are, as `summarize()` lays them out. */
interface TimelineLayout {
  fromMs: number;
  bucketMs: number;
  bucketCount: number;
}

export class SummaryCounts {
  total = 0;
  /** Selected rows per group code. */
  byGroup = new Int32Array(64);
  /** Selected rows per timeline cell of the columns (node and hour), when the columns have cells. */
  hourly = new Int32Array(0);
  /** The columns' cell layout `hourly` follows, and its first hour and span. */
  private layout = -1;
  private hourBase = 0;
  private hourSpan = 0;
  private sinceMs = NaN;
  private untilMs = NaN;
  /** Moves on every change, so that a summary is built again only when something changed. */
  private version = 0;
  private built: { version: number; layout: TimelineLayout; nodeIds: readonly string[]; summary: JobSummary } | undefined;
  /** The hour of the oldest selected job, for a version (a search of the histogram). */
  private oldestHour: { version: number; hour: number } | undefined;

  /** `recycled`: counts no longer used, whose arrays these take (they are counted anew before being read). */
  constructor(
    private readonly columns: JobColumns,
    recycled?: SummaryCounts,
  ) {
    if (!recycled) return;
    this.byGroup = recycled.byGroup;
    this.hourly = recycled.hourly;
  }

  /** Starts a count from zero for a query with these bounds (NaN when absent). */
  begin(sinceMs: number, untilMs: number): void {
    this.sinceMs = sinceMs;
    this.untilMs = untilMs;
    this.total = 0;
    const groups = this.columns.groupCount;
    if (this.byGroup.length < groups) this.byGroup = new Int32Array(capacityFor(groups));
    else this.byGroup.fill(0);
    this.follow(false);
    this.hourly.fill(0);
    this.version++;
  }

  /** Ends a count done by the caller's own pass over the rows (into `byGroup` and `hourly`). */
  counted(total: number): void {
    this.total = total;
    this.version++;
  }

  /**
   * The counts of every row in the groups `groupMask` keeps, from `index` (cells of the
   * same hours as `hourly`): no row is read. When most groups are kept, the timeline is
   * every row's less the groups left out.
   */
  fold(index: GroupHours, groupMask: Uint8Array, sinceMs: number, untilMs: number): void {
    this.begin(sinceMs, untilMs);
    const c = this.columns;
    const span = this.hourSpan;
    const { byGroup, hourly } = this;
    let total = 0;
    let kept = 0;
    for (let g = 0; g < c.groupCount; g++) {
      if (groupMask[g] !== 1) continue;
      const count = index.totals[g]!;
      byGroup[g] = count;
      total += count;
      kept++;
    }
    if (index.on) {
      const cells = index.cells;
      const complement = kept * 2 > c.groupCount;
      if (complement) hourly.set(index.nodeCells.subarray(0, Math.min(hourly.length, index.nodeCells.length)));
      const sign = complement ? -1 : 1;
      for (let g = 0; g < c.groupCount; g++) {
        if ((groupMask[g] === 1) === complement || index.totals[g] === 0) continue;
        const to = c.groupNode[g]! * span;
        const from = g * span;
        for (let hour = 0; hour < span; hour++) hourly[to + hour]! += sign * cells[from + hour]!;
      }
    }
    this.counted(total);
  }

  /** Adds one selected row; constant time. */
  add(row: number): void {
    this.patch(row, 1);
  }

  /** Removes one row that was selected, before its columns change; constant time. */
  remove(row: number): void {
    this.patch(row, -1);
  }

  private patch(row: number, delta: 1 | -1): void {
    const c = this.columns;
    const group = c.group[row]!;
    if (group >= this.byGroup.length) this.byGroup = grow(this.byGroup, group + 1);
    this.total += delta;
    this.byGroup[group]! += delta;
    if (c.timeCellsOn) {
      this.follow(true);
      this.hourly[c.timeCell[row]!]! += delta;
    }
    this.version++;
  }

  /**
   * Sizes `hourly` for the columns' cells (room for more nodes), keeping the counts
   * across a new layout when `keep`: cells of the same node and hour. Without `keep`
   * (counted anew from zero), an array big enough serves as it is.
   */
  private follow(keep: boolean): void {
    const c = this.columns;
    const cells = Math.max(c.nodes.size, 1) * c.hourSpan;
    if ((this.layout === c.timeLayout || !keep) && this.hourly.length >= cells) {
      this.layout = c.timeLayout;
      this.hourBase = c.hourBase;
      this.hourSpan = c.hourSpan;
      return;
    }
    if (!c.timeCellsOn) {
      this.hourly = new Int32Array(0);
    } else {
      // Room for the nodes up to the next power of two, not for 64: a server keeps one of these per query it was lately asked.
      const next = new Int32Array(2 ** Math.ceil(Math.log2(Math.max(c.nodes.size, 1))) * c.hourSpan);
      if (keep && this.hourly.length && this.layout >= 0) {
        const first = Math.max(this.hourBase, c.hourBase);
        const end = Math.min(this.hourBase + this.hourSpan, c.hourBase + c.hourSpan);
        const nodes = this.hourly.length / this.hourSpan;
        for (let node = 0; node < nodes && first < end; node++) {
          const from = node * this.hourSpan - this.hourBase;
          next.set(this.hourly.subarray(from + first, from + end), node * c.hourSpan + first - c.hourBase);
        }
      }
      this.hourly = next;
    }
    this.layout = c.timeLayout;
    this.hourBase = c.hourBase;
    this.hourSpan = c.hourSpan;
  }

  /**
   * The aggregates as the contract's `JobSummary`, as `summarize()` gives them for the
   * selected rows (`selected()`, one bit per row, asked for only when rows must be read) at `now`; `nodeIds` always appear, other
   * nodes when counted. Built again only when something changed or the time moved its buckets.
   */
  summary(nodeIds: readonly string[], now: number, selected: () => Int32Array): JobSummary {
    if (this.columns.timeCellsOn) this.follow(true);
    const layout = this.layoutAt(now, selected);
    const built = this.built;
    if (
      built &&
      built.version === this.version &&
      built.nodeIds === nodeIds &&
      built.layout.fromMs === layout.fromMs &&
      built.layout.bucketMs === layout.bucketMs &&
      built.layout.bucketCount === layout.bucketCount
    ) {
      return built.summary;
    }
    const summary = this.build(nodeIds, layout, selected);
    this.built = { version: this.version, layout, nodeIds, summary };
    return summary;
  }

  /**
   * The timeline's buckets as `summarize()` lays them out at `now` for the selection.
   * Without `since` they start at the oldest selected job: its hour is found in the
   * histogram, which is enough unless the bucket width changes within that hour.
   */
  private layoutAt(now: number, selected: () => Int32Array): TimelineLayout {
    const untilMs = Number.isNaN(this.untilMs) ? now : this.untilMs;
    let sinceMs: number;
    if (!Number.isNaN(this.sinceMs)) sinceMs = this.sinceMs;
    else if (this.total === 0) sinceMs = untilMs - DAY_MS;
    else if (this.columns.timeCellsOn) {
      const first = this.firstHour() * HOUR_MS;
      const bucketMs = bucketSecondsFor(Math.max(untilMs - first, 1)) * 1000;
      if (bucketMs === bucketSecondsFor(Math.max(untilMs - (first + HOUR_MS - 1), 1)) * 1000) {
        const fromMs = Math.floor(first / bucketMs) * bucketMs;
        return { fromMs, bucketMs, bucketCount: Math.max(1, Math.ceil((untilMs - fromMs) / bucketMs)) };
      }
      sinceMs = this.oldestSelected(selected());
    } else sinceMs = this.oldestSelected(selected());
    const bucketMs = bucketSecondsFor(Math.max(untilMs - sinceMs, 1)) * 1000;
    const fromMs = Math.floor(sinceMs / bucketMs) * bucketMs;
    return { fromMs, bucketMs, bucketCount: Math.max(1, Math.ceil((untilMs - fromMs) / bucketMs)) };
  }

  /** The first hour with a selected job (the selection is not empty). */
  private firstHour(): number {
    if (this.oldestHour?.version === this.version) return this.oldestHour.hour;
    const nodes = this.columns.nodes.size;
    const span = this.hourSpan;
    let first = span;
    for (let node = 0; node < nodes; node++) {
      const cells = node * span;
      for (let i = 0; i < first; i++) {
        if (this.hourly[cells + i]) {
          first = i;
          break;
        }
      }
    }
    const hour = this.hourBase + first;
    this.oldestHour = { version: this.version, hour };
    return hour;
  }

  private oldestSelected(selected: Int32Array): number {
    const created = this.columns.createdAt;
    const n = this.columns.size;
    let oldest = Infinity;
    for (let row = 0; row < n; row++) {
      if ((selected[row >>> 5]! >>> (row & 31)) & 1 && created[row]! < oldest) oldest = created[row]!;
    }
    return oldest;
  }

  private build(nodeIds: readonly string[], layout: TimelineLayout, selected: () => Int32Array): JobSummary {
    const c = this.columns;
    const nodeCount = c.nodes.size;
    const byState = new Int32Array(STATES);
    const byType = new Int32Array(TYPES);
    const byNodeState = new Int32Array(Math.max(nodeCount, 1) * STATES);
    for (let group = 0; group < c.groupCount; group++) {
      const count = this.byGroup[group] ?? 0;
      if (!count) continue;
      const state = c.groupState[group]!;
      byState[state]! += count;
      byType[c.groupType[group]!]! += count;
      byNodeState[c.groupNode[group]! * STATES + state]! += count;
    }
    const timeline = c.timeCellsOn ? this.foldHours(layout) : this.countBuckets(layout, selected());
    const { bucketCount } = layout;
    const stateCounts = Object.fromEntries(JOB_STATES.map((s, i) => [s, byState[i]!])) as Record<JobState, number>;
    const typeCounts = Object.fromEntries(JOB_TYPES.map((t, i) => [t, byType[i]!])) as Record<JobType, number>;
    const byNode = Object.create(null) as Record<string, number>;
    const nodeStates = Object.create(null) as Record<string, Record<JobState, number>>;
    const counts = Object.create(null) as Record<string, number[]>;
    const addNode = (id: string) => {
      const code = c.nodes.find(id);
      const states = Object.fromEntries(JOB_STATES.map((s, i) => [s, code < 0 ? 0 : byNodeState[code * STATES + i]!])) as Record<
        JobState,
        number
      >;
      nodeStates[id] = states;
      byNode[id] = JOB_STATES.reduce((sum, s) => sum + states[s], 0);
      counts[id] =
        code < 0 ? new Array<number>(bucketCount).fill(0) : Array.from(timeline.subarray(code * bucketCount, (code + 1) * bucketCount));
    };
    for (const id of nodeIds) addNode(id);
    for (let code = 0; code < nodeCount; code++) {
      const id = c.nodes.values[code]!;
      if (id in byNode) continue;
      let count = 0;
      for (let s = 0; s < STATES; s++) count += byNodeState[code * STATES + s]!;
      if (count > 0) addNode(id);
    }
    return {
      total: this.total,
      byState: stateCounts,
      byNode,
      byNodeState: nodeStates,
      byType: typeCounts,
      timeline: { from: new Date(layout.fromMs).toISOString(), bucketSeconds: layout.bucketMs / 1000, counts },
    };
  }

  /** Per node code, per bucket: the hours of the histogram summed into the layout's buckets. */
  private foldHours({ fromMs, bucketMs, bucketCount }: TimelineLayout): Int32Array {
    const nodeCount = this.columns.nodes.size;
    const out = new Int32Array(Math.max(nodeCount, 1) * bucketCount);
    const hoursPerBucket = bucketMs / HOUR_MS;
    // Where the first bucket starts among the histogram's hours (whole hours, maybe far outside).
    const offset = fromMs / HOUR_MS - this.hourBase;
    const { hourSpan, hourly } = this;
    for (let bucket = 0; bucket < bucketCount; bucket++) {
      const start = offset + bucket * hoursPerBucket;
      // The bucket's hours that the histogram covers, as small whole numbers.
      const first = Math.min(Math.max(start, 0), hourSpan) | 0;
      const end = Math.max(Math.min(start + hoursPerBucket, hourSpan), 0) | 0;
      for (let node = 0; node < nodeCount; node++) {
        const cells = node * hourSpan;
        let sum = 0;
        for (let hour = first; hour < end; hour++) sum += hourly[cells + hour]!;
        out[node * bucketCount + bucket] = sum;
      }
    }
    return out;
  }

  /** Per node code, per bucket: the selected rows counted one by one (when the histogram is off). */
  private countBuckets({ fromMs, bucketMs, bucketCount }: TimelineLayout, selected: Int32Array): Int32Array {
    const c = this.columns;
    const out = new Int32Array(Math.max(c.nodes.size, 1) * bucketCount);
    const n = c.size;
    for (let row = 0; row < n; row++) {
      if (!((selected[row >>> 5]! >>> (row & 31)) & 1)) continue;
      const bucket = Math.floor((c.createdAt[row]! - fromMs) / bucketMs);
      if (bucket >= 0 && bucket < bucketCount) out[c.groupNode[c.group[row]!]! * bucketCount + bucket]!++;
    }
    return out;
  }
}
