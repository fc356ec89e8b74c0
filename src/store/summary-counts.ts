/**
 * The aggregates of a memory-mode selection as flat integer counters, so that a live
 * update patches them in constant time (a job going from RUNNING to SUCCESSFUL is one
 * decrement and one increment), and turned into a `JobSummary` only when read.
 */
import { JOB_STATES, JOB_TYPES, type JobState, type JobSummary, type JobType } from '../model/index.js';
import { bucketSecondsFor } from '../source/job-query.js';
import type { JobColumns } from './job-columns.js';
import { grow } from './string-dictionary.js';

const DAY_MS = 86_400_000;
const STATES = JOB_STATES.length;

/** Where the timeline's buckets are; fixed until a change needs another layout. */
interface TimelineLayout {
  fromMs: number;
  bucketMs: number;
  bucketCount: number;
}

export class SummaryCounts {
  total = 0;
  readonly byState = new Int32Array(STATES);
  readonly byType = new Int32Array(JOB_TYPES.length);
  /** Per node code, per state code: `byNodeState[node * 4 + state]`. */
  byNodeState = new Int32Array(64 * STATES);
  /** Per node code, per bucket: `timeline[node * bucketCount + bucket]`. */
  private timeline = new Int32Array(0);
  private layout: TimelineLayout = { fromMs: 0, bucketMs: 1, bucketCount: 1 };
  private oldest = Infinity;
  /** The layout no longer fits the selection (its oldest job or its end moved): recount. */
  timelineStale = true;

  constructor(
    private readonly columns: JobColumns,
    /** `since`/`until` of the query in ms; NaN when absent. */
    private sinceMs: number,
    private untilMs: number,
  ) {}

  reset(sinceMs: number, untilMs: number): void {
    this.sinceMs = sinceMs;
    this.untilMs = untilMs;
    this.total = 0;
    this.byState.fill(0);
    this.byType.fill(0);
    const slots = Math.max(this.columns.nodes.size, 1) * STATES;
    if (this.byNodeState.length < slots) this.byNodeState = new Int32Array(slots);
    else this.byNodeState.fill(0);
    this.oldest = Infinity;
    this.timelineStale = true;
  }

  /**
   * Ends a count done by the caller's own pass (which incremented `byState`, `byType`
   * and `byNodeState` directly, for the node codes known at `reset`).
   */
  counted(total: number, oldest: number): void {
    this.total = total;
    this.oldest = oldest;
  }

  /** Counts one selected row in the state, type and node counters (not the timeline). */
  countRow(row: number): void {
    const c = this.columns;
    const state = c.state[row]!;
    const node = c.node[row]!;
    this.total++;
    this.byState[state]!++;
    this.byType[c.type[row]!]!++;
    if ((node + 1) * STATES > this.byNodeState.length) this.byNodeState = grow(this.byNodeState, (node + 1) * STATES);
    this.byNodeState[node * STATES + state]!++;
    const created = c.createdAt[row]!;
    if (created < this.oldest) this.oldest = created;
  }

  /** Adds (`sign` 1) or removes (`sign` -1) one row, timeline included; constant time. */
  patchRow(row: number, sign: 1 | -1): void {
    const c = this.columns;
    const state = c.state[row]!;
    const node = c.node[row]!;
    this.total += sign;
    this.byState[state]! += sign;
    this.byType[c.type[row]!]! += sign;
    if ((node + 1) * STATES > this.byNodeState.length) this.byNodeState = grow(this.byNodeState, (node + 1) * STATES);
    this.byNodeState[node * STATES + state]! += sign;
    if (this.timelineStale) return;
    const created = c.createdAt[row]!;
    // Without `since` the timeline starts at the oldest selected job: it may have moved.
    if (Number.isNaN(this.sinceMs) && (sign > 0 ? created < this.oldest : created === this.oldest)) {
      this.timelineStale = true;
      return;
    }
    const { fromMs, bucketMs, bucketCount } = this.layout;
    const bucket = Math.floor((created - fromMs) / bucketMs);
    if (bucket >= bucketCount) {
      // Created after the timeline's end ("now" when it was laid out): lay it out again.
      this.timelineStale = true;
      return;
    }
    const slots = (node + 1) * bucketCount;
    if (slots > this.timeline.length) this.timeline = grow(this.timeline, slots);
    if (bucket >= 0) this.timeline[node * bucketCount + bucket]! += sign;
  }

  /** The timeline's buckets as `summarize()` lays them out at `now` for the current selection. */
  private layoutAt(now: number): TimelineLayout {
    const untilMs = Number.isNaN(this.untilMs) ? now : this.untilMs;
    const sinceMs = !Number.isNaN(this.sinceMs)
      ? this.sinceMs
      : Number.isFinite(this.oldest)
        ? this.oldest
        : untilMs - DAY_MS;
    const bucketMs = bucketSecondsFor(Math.max(untilMs - sinceMs, 1)) * 1000;
    const fromMs = Math.floor(sinceMs / bucketMs) * bucketMs;
    return { fromMs, bucketMs, bucketCount: Math.max(1, Math.ceil((untilMs - fromMs) / bucketMs)) };
  }

  /**
   * Makes the timeline what `summarize()` gives at `now`: recounts the selected rows
   * (`selected[row]` is 1) when a change or the passing time moved its buckets.
   * Returns whether it recounted.
   */
  updateTimeline(selected: Uint8Array, now: number): boolean {
    const c = this.columns;
    const n = c.size;
    const created = c.createdAt;
    if (this.timelineStale && Number.isNaN(this.sinceMs)) {
      let oldest = Infinity;
      for (let row = 0; row < n; row++) if (selected[row] && created[row]! < oldest) oldest = created[row]!;
      this.oldest = oldest;
    }
    const layout = this.layoutAt(now);
    const same =
      layout.fromMs === this.layout.fromMs &&
      layout.bucketMs === this.layout.bucketMs &&
      layout.bucketCount === this.layout.bucketCount;
    if (same && !this.timelineStale) return false;
    this.layout = layout;
    const { fromMs, bucketMs, bucketCount } = layout;
    const slots = Math.max(c.nodes.size, 1) * bucketCount;
    if (this.timeline.length < slots) this.timeline = new Int32Array(slots);
    else this.timeline.fill(0);
    const timeline = this.timeline;
    const node = c.node;
    for (let row = 0; row < n; row++) {
      if (!selected[row]) continue;
      const bucket = Math.floor((created[row]! - fromMs) / bucketMs);
      if (bucket >= 0 && bucket < bucketCount) timeline[node[row]! * bucketCount + bucket]!++;
    }
    this.timelineStale = false;
    return true;
  }

  /** The counters as the contract's `JobSummary`; `nodeIds` always appear, other nodes when counted. */
  toSummary(nodeIds: readonly string[]): JobSummary {
    const dict = this.columns.nodes;
    const byState = Object.fromEntries(JOB_STATES.map((s, i) => [s, this.byState[i]!])) as Record<JobState, number>;
    const byType = Object.fromEntries(JOB_TYPES.map((t, i) => [t, this.byType[i]!])) as Record<JobType, number>;
    const byNode = Object.create(null) as Record<string, number>;
    const byNodeState = Object.create(null) as Record<string, Record<JobState, number>>;
    const counts = Object.create(null) as Record<string, number[]>;
    const { fromMs, bucketMs, bucketCount } = this.layout;
    const addNode = (id: string) => {
      const code = dict.find(id);
      const states = Object.fromEntries(
        JOB_STATES.map((s, i) => [s, code < 0 ? 0 : (this.byNodeState[code * STATES + i] ?? 0)]),
      ) as Record<JobState, number>;
      byNodeState[id] = states;
      byNode[id] = JOB_STATES.reduce((sum, s) => sum + states[s], 0);
      counts[id] = Array.from({ length: bucketCount }, (_, b) =>
        code < 0 ? 0 : (this.timeline[code * bucketCount + b] ?? 0),
      );
    };
    for (const id of nodeIds) addNode(id);
    for (let code = 0; code < dict.size; code++) {
      const id = dict.values[code]!;
      if (id in byNode) continue;
      let count = 0;
      for (let s = 0; s < STATES; s++) count += this.byNodeState[code * STATES + s] ?? 0;
      if (count > 0) addNode(id);
    }
    return {
      total: this.total,
      byState,
      byNode,
      byNodeState,
      byType,
      timeline: { from: new Date(fromMs).toISOString(), bucketSeconds: bucketMs / 1000, counts },
    };
  }
}
