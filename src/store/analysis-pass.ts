/**
 * The analysis of a memory-mode selection (`model/analysis.ts`), in one pass over the
 * selected rows' columns: each wait and run time is counted in a histogram of
 * `durationKey`s per type and node (and per node and timeline bucket for the trends'
 * p95), so that percentiles are read from cumulative counts instead of sorting. The rest
 * is folded from per-group counts. Gives exactly the answer of `analyze()` (tested
 * equal); the reference server answers with it too.
 *
 * The pass may be run a slice at a time (`step` with a deadline), so that a page holding
 * a million jobs analyses them without a long task; live changes meanwhile are read as
 * they stand when their row is reached (rows added since the start wait for the next pass).
 */
import {
  DURATION_BUCKETS_MS,
  DURATION_KEYS,
  JOB_TYPES,
  TOP_JOBS,
  bytesPerSecond,
  durationBucket,
  durationKey,
  durationOfKey,
  nearestRank,
  type AnalysisCell,
  type DurationStats,
  type JobAnalysis,
  type NodeTrend,
  type RankedJob,
  type StopCount,
} from '../model/index.js';
import type { TimelineLayout } from '../source/job-query.js';
import { STATE_CODE, type JobColumns } from './job-columns.js';
import type { JobIds } from './job-ids.js';

const K = DURATION_KEYS;
const BUCKETS = DURATION_BUCKETS_MS.length;
const SCHEDULED = STATE_CODE.SCHEDULED;
const SUCCESSFUL = STATE_CODE.SUCCESSFUL;
const UNSUCCESSFUL = STATE_CODE.UNSUCCESSFUL;

/** Per key, the histogram bucket of the least duration it stands for (a bucket's bound may fall inside a key). */
const KEY_BUCKET = Uint8Array.from({ length: K }, (_, key) => durationBucket(durationOfKey(key)));
/** Per key, 1 when the durations it stands for straddle the end of its bucket. */
const STRADDLED = Uint8Array.from({ length: K }, (_, key) => (durationBucket(durationOfKey(key + 1) - 1) !== KEY_BUCKET[key] ? 1 : 0));
/** `DURATION_BUCKETS_MS` with an end past every duration. */
const BUCKET_ENDS = Float64Array.from({ length: BUCKETS }, (_, b) => DURATION_BUCKETS_MS[b + 1] ?? Infinity);

/** The `TOP_JOBS` rows of greatest duration (ties by id), best first. */
class TopRows {
  rows: number[] = [];
  ms: number[] = [];
  constructor(private readonly ids: JobIds) {}

  offer(row: number, ms: number): void {
    const { rows, ms: durations } = this;
    const full = rows.length === TOP_JOBS;
    if (full && !this.before(ms, row, durations[TOP_JOBS - 1]!, rows[TOP_JOBS - 1]!)) return;
    let at = full ? TOP_JOBS - 1 : rows.length;
    while (at > 0 && this.before(ms, row, durations[at - 1]!, rows[at - 1]!)) {
      rows[at] = rows[at - 1]!;
      durations[at] = durations[at - 1]!;
      at--;
    }
    rows[at] = row;
    durations[at] = ms;
  }

  private before(ms: number, row: number, otherMs: number, other: number): boolean {
    return ms > otherMs || (ms === otherMs && this.ids.compare(row, other) < 0);
  }
}

/**
 * The count, nearest-rank percentiles and greatest of the durations counted in the
 * histogram of keys at `offset`, none of them above `last` (the key of the greatest).
 */
function statsOf(histogram: Uint32Array, offset: number, max: number, last: number): DurationStats {
  let count = 0;
  for (let key = 0; key <= last; key++) count += histogram[offset + key]!;
  if (count === 0) return { count: 0, median: null, p95: null, max: null };
  const median = nearestRank(count, 50);
  const p95 = nearestRank(count, 95);
  let medianKey = -1;
  let seen = 0;
  for (let key = 0; ; key++) {
    seen += histogram[offset + key]!;
    if (medianKey < 0 && seen >= median) medianKey = key;
    if (seen >= p95) return { count, median: durationOfKey(medianKey), p95: durationOfKey(key), max };
  }
}

/** Strings as `<` orders them. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function grown<T extends Uint32Array | Int32Array | Float64Array>(array: T, size: number): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/**
 * The large histograms a pass fills, kept from one pass to the next by whoever runs them
 * again and again (a live store): allocated once and zeroed, rather than megabytes of
 * garbage a pass that make the collector stop a page holding a million jobs.
 */
export interface AnalysisScratch {
  waitKeys?: Uint32Array;
  runKeys?: Uint32Array;
  trendKeys?: Uint32Array;
  /** How far the last pass wrote into them (what the next one zeroes). */
  slotKeys?: number;
  trendSlotKeys?: number;
}

/** Words of selection bits between two looks at the clock. */
const WORDS_PER_LOOK = 256;

export class AnalysisPass {
  /** The columns read (a resync makes new ones: a pass over the old ones is then of no use). */
  readonly columns: JobColumns;
  /** The rows held when the pass began: those added since wait for the next pass. */
  private readonly end: number;
  /** The next word of selection bits to read. */
  private word = 0;
  private readonly fromMs: number;
  private readonly bucketMs: number;
  private readonly bucketCount: number;

  // Per group code, grown as the columns make groups: its cell's slot, its node's first trend cell, its selected rows.
  private groups = 0;
  private groupSlot = new Int32Array(64);
  private groupTrend = new Int32Array(64);
  private groupRows = new Int32Array(64);

  // Per cell slot (a type on a node): durations as keys, the greatest, the runs' bytes and time, the runs above a bucket's bound within a key.
  private readonly slotOf = new Map<number, number>();
  private readonly slotType: number[] = [];
  private readonly slotNode: number[] = [];
  private waitKeys: Uint32Array = new Uint32Array(16 * K);
  private runKeys: Uint32Array = new Uint32Array(16 * K);
  private waitMax = new Float64Array(16);
  private runMax = new Float64Array(16);
  private runSum = new Float64Array(16);
  private bytes = new Float64Array(16);
  private aboveBound = new Uint32Array(16 * BUCKETS);

  // Per trend cell (a node's bucket of the timeline), by when jobs finished; run keys in a slot of their own once needed.
  private readonly trendNodeOf = new Map<number, number>();
  /** Jobs finished without a start (the trend's others are the count of its run keys). */
  private trendUnstarted = new Uint32Array(64);
  private trendFailed = new Uint32Array(64);
  private trendBytes = new Float64Array(64);
  private trendRunMs = new Float64Array(64);
  private trendAt = new Int32Array(64).fill(-1);
  private trendKeys: Uint32Array = new Uint32Array(16 * K);
  private trendSlots = 0;

  private readonly slowest: TopRows;
  private readonly waiting: TopRows;
  /** A run shorter than this cannot enter the slowest (the last one's, once there are TOP_JOBS). */
  private slowFloor = -1;
  /** The timeline bucket of the last finished row, and its bounds. */
  private bucket = -1;
  private bucketStart = NaN;
  private bucketEnd = NaN;

  constructor(
    columns: JobColumns,
    layout: TimelineLayout,
    private readonly now: number,
    private readonly scratch: AnalysisScratch = {},
  ) {
    // Only as far as the last pass wrote: a million jobs' trends take megabytes, a few percent of them touched.
    if (scratch.waitKeys) this.waitKeys = scratch.waitKeys.fill(0, 0, scratch.slotKeys);
    if (scratch.runKeys) this.runKeys = scratch.runKeys.fill(0, 0, scratch.slotKeys);
    if (scratch.trendKeys) this.trendKeys = scratch.trendKeys.fill(0, 0, scratch.trendSlotKeys);
    this.columns = columns;
    this.end = columns.size;
    this.fromMs = layout.fromMs;
    this.bucketMs = layout.bucketMs;
    this.bucketCount = layout.bucketCount;
    this.slowest = new TopRows(columns.ids);
    this.waiting = new TopRows(columns.ids);
  }

  /** Whether every row is counted. */
  get done(): boolean {
    return this.word << 5 >= this.end;
  }

  /** The tables of the groups the columns made since they were last extended. */
  private extend(): void {
    const c = this.columns;
    const groups = c.groupCount;
    this.groupSlot = grown(this.groupSlot, groups);
    this.groupTrend = grown(this.groupTrend, groups);
    this.groupRows = grown(this.groupRows, groups);
    for (let g = this.groups; g < groups; g++) {
      const type = c.groupType[g]!;
      const node = c.groupNode[g]!;
      const key = node * 8 + type;
      let slot = this.slotOf.get(key);
      if (slot === undefined) {
        slot = this.slotType.push(type) - 1;
        this.slotNode.push(node);
        this.slotOf.set(key, slot);
        const slots = slot + 1;
        this.waitKeys = grown(this.waitKeys, slots * K);
        this.runKeys = grown(this.runKeys, slots * K);
        this.waitMax = grown(this.waitMax, slots);
        this.runMax = grown(this.runMax, slots);
        this.runSum = grown(this.runSum, slots);
        this.bytes = grown(this.bytes, slots);
        this.aboveBound = grown(this.aboveBound, slots * BUCKETS);
      }
      this.groupSlot[g] = slot;
      let trendNode = this.trendNodeOf.get(node);
      if (trendNode === undefined) {
        trendNode = this.trendNodeOf.size;
        this.trendNodeOf.set(node, trendNode);
        const cells = (trendNode + 1) * this.bucketCount;
        this.trendUnstarted = grown(this.trendUnstarted, cells);
        this.trendFailed = grown(this.trendFailed, cells);
        this.trendBytes = grown(this.trendBytes, cells);
        this.trendRunMs = grown(this.trendRunMs, cells);
        const at = grown(this.trendAt, cells);
        if (at !== this.trendAt) at.fill(-1, this.trendAt.length);
        this.trendAt = at;
      }
      this.groupTrend[g] = trendNode * this.bucketCount;
    }
    this.groups = groups;
    Object.assign(this.scratch, { waitKeys: this.waitKeys, runKeys: this.runKeys, slotKeys: this.slotType.length * K });
  }

  /**
   * Counts the selected rows (their bits in `selected`, the engine's now) until every row
   * is counted or `performance.now()` passes `deadline`. True when every row is counted.
   */
  step(selected: Int32Array, deadline = Infinity): boolean {
    const c = this.columns;
    if (c.groupCount > this.groups) this.extend();
    const end = this.end;
    const words = (end + 31) >>> 5;
    const { fromMs, bucketMs, bucketCount, now, groupSlot, groupTrend, groupRows, waitKeys, runKeys, waitMax, runMax, runSum, bytes } =
      this;
    const { aboveBound, trendUnstarted, trendFailed, trendBytes, trendRunMs, trendAt, slowest, waiting } = this;
    const { group, groupState, createdAt, startedAt, finishedAt, bytesDone, waitKey, runKey } = c;
    let { trendKeys, trendSlots, slowFloor, bucket, bucketStart, bucketEnd, word } = this;
    while (word < words) {
      const stop = Math.min(words, word + WORDS_PER_LOOK);
      for (; word < stop; word++) {
        const base = word << 5;
        let bits = selected[word]!;
        // Rows added since the pass began are left for the next one.
        if (base + 32 > end) bits &= (1 << (end - base)) - 1;
        while (bits !== 0) {
          const row = base + 31 - Math.clz32(bits & -bits);
          bits &= bits - 1;
          const g = group[row]!;
          groupRows[g]!++;
          const state = groupState[g]!;
          const created = createdAt[row]!;
          if (state === SCHEDULED) waiting.offer(row, now > created ? now - created : 0);
          let finished = NaN;
          let trend = -1;
          if (state >= SUCCESSFUL) {
            finished = finishedAt[row]!;
            // Rows come in the order jobs were created, so mostly in the bucket of the row before.
            if (!(finished >= bucketStart && finished < bucketEnd)) {
              bucket = Math.floor((finished - fromMs) / bucketMs);
              bucketStart = fromMs + bucket * bucketMs;
              bucketEnd = bucketStart + bucketMs;
            }
            if (bucket >= 0 && bucket < bucketCount) {
              trend = groupTrend[g]! + bucket;
              if (state === UNSUCCESSFUL) trendFailed[trend]!++;
            }
          }
          const started = startedAt[row]!;
          if (started !== started) {
            // Finished without a start: no run, but a job finished (the others are counted by their run's key).
            if (trend >= 0) trendUnstarted[trend]!++;
            continue;
          }
          const slot = groupSlot[g]!;
          const at = slot * K;
          const wait = started > created ? started - created : 0;
          waitKeys[at + waitKey[row]!]!++;
          if (wait > waitMax[slot]!) waitMax[slot] = wait;
          if (finished !== finished) continue;
          const run = finished > started ? finished - started : 0;
          const key = runKey[row]!;
          runKeys[at + key]!++;
          if (run > runMax[slot]!) runMax[slot] = run;
          runSum[slot]! += run;
          const moved = bytesDone[row]!;
          bytes[slot]! += moved;
          if (STRADDLED[key] === 1 && run >= BUCKET_ENDS[KEY_BUCKET[key]!]!) aboveBound[slot * BUCKETS + KEY_BUCKET[key]!]!++;
          if (run >= slowFloor) {
            slowest.offer(row, run);
            if (slowest.rows.length === TOP_JOBS) slowFloor = slowest.ms[TOP_JOBS - 1]!;
          }
          if (trend < 0) continue;
          let keysAt = trendAt[trend]!;
          if (keysAt < 0) {
            keysAt = trendAt[trend] = trendSlots++ * K;
            trendKeys = grown(trendKeys, keysAt + K);
          }
          trendKeys[keysAt + key]!++;
          trendRunMs[trend]! += run;
          trendBytes[trend]! += moved;
        }
      }
      if (word < words && performance.now() > deadline) break;
    }
    Object.assign(this, { trendKeys, trendSlots, slowFloor, bucket, bucketStart, bucketEnd, word });
    Object.assign(this.scratch, { trendKeys, trendSlotKeys: trendSlots * K });
    return this.done;
  }

  /** The analysis of the rows counted (call once `step` is done). */
  result(): JobAnalysis {
    const c = this.columns;
    const { groupSlot, groupRows, slotType, slotNode, waitKeys, runKeys, waitMax, runMax, runSum, bytes, aboveBound } = this;
    const slots = slotType.length;

    // Per slot, from the groups: jobs, finished, successful; and why jobs stopped.
    const jobs = new Float64Array(slots);
    const finished = new Float64Array(slots);
    const successful = new Float64Array(slots);
    const stops = new Map<string, StopCount>();
    for (let g = 0; g < this.groups; g++) {
      const count = groupRows[g]!;
      if (!count) continue;
      const slot = groupSlot[g]!;
      const state = c.groupState[g]!;
      jobs[slot]! += count;
      if (state >= SUCCESSFUL) finished[slot]! += count;
      if (state === SUCCESSFUL) successful[slot]! += count;
      if (state !== UNSUCCESSFUL) continue;
      // Groups differ in state and stage too: those of one stage, type and node make one count.
      const key = `${c.groupStage[g]!} ${slot}`;
      const stop = stops.get(key);
      if (stop) stop.count += count;
      else
        stops.set(key, {
          stage: c.stages.values[c.groupStage[g]!]!,
          type: JOB_TYPES[slotType[slot]!]!,
          node: c.nodes.values[slotNode[slot]!]!,
          count,
        });
    }

    // Nodes with a selected job, by id; per type, its slot on each of them.
    const nodeCodes = [...new Set(slotNode.filter((_, slot) => jobs[slot]! > 0))].sort((a, b) =>
      compareStrings(c.nodes.values[a]!, c.nodes.values[b]!),
    );
    const slotIn = (type: number, node: number): number => this.slotOf.get(node * 8 + type) ?? -1;

    const cells: AnalysisCell[] = [];
    const sumWait = new Uint32Array(K);
    const sumRun = new Uint32Array(K);
    /** The figures of the slots given, together. */
    const addCell = (type: number | null, node: number | null, members: readonly number[]): void => {
      const kept = members.filter((slot) => slot >= 0 && jobs[slot]! > 0);
      if (!kept.length) return;
      const one = kept.length === 1;
      if (!one) {
        sumWait.fill(0);
        sumRun.fill(0);
      }
      const histogram = new Array<number>(BUCKETS).fill(0);
      let jobCount = 0;
      let finishedCount = 0;
      let successCount = 0;
      let waitMost = 0;
      let runMost = 0;
      let bytesSum = 0;
      let runMsSum = 0;
      for (const slot of kept) {
        jobCount += jobs[slot]!;
        finishedCount += finished[slot]!;
        successCount += successful[slot]!;
        waitMost = Math.max(waitMost, waitMax[slot]!);
        runMost = Math.max(runMost, runMax[slot]!);
        bytesSum += bytes[slot]!;
        runMsSum += runSum[slot]!;
        const at = slot * K;
        // No run's key is above that of the greatest (nor a wait's): the scans stop there.
        const runLast = durationKey(runMax[slot]!);
        for (let key = 0; key <= runLast; key++) {
          const count = runKeys[at + key]!;
          if (count) histogram[KEY_BUCKET[key]!]! += count;
        }
        // The last bucket has no end: nothing is above it.
        for (let b = 0; b < BUCKETS - 1; b++) {
          const above = aboveBound[slot * BUCKETS + b]!;
          histogram[b]! -= above;
          histogram[b + 1]! += above;
        }
        if (one) continue;
        addInto(sumWait, waitKeys, at, durationKey(waitMax[slot]!));
        addInto(sumRun, runKeys, at, runLast);
      }
      const at = one ? kept[0]! * K : 0;
      cells.push({
        type: type === null ? null : JOB_TYPES[type]!,
        node: node === null ? null : c.nodes.values[node]!,
        jobs: jobCount,
        finished: finishedCount,
        successful: successCount,
        wait: statsOf(one ? waitKeys : sumWait, at, waitMost, durationKey(waitMost)),
        run: statsOf(one ? runKeys : sumRun, at, runMost, durationKey(runMost)),
        bytes: bytesSum,
        runMs: runMsSum,
        bytesPerSecond: bytesPerSecond(bytesSum, runMsSum),
        runHistogram: histogram,
      });
    };
    const types = JOB_TYPES.map((_, type) => type);
    for (const type of types) {
      for (const node of nodeCodes) addCell(type, node, [slotIn(type, node)]);
      addCell(
        type,
        null,
        nodeCodes.map((node) => slotIn(type, node)),
      );
    }
    for (const node of nodeCodes)
      addCell(
        null,
        node,
        types.map((type) => slotIn(type, node)),
      );
    addCell(
      null,
      null,
      types.flatMap((type) => nodeCodes.map((node) => slotIn(type, node))),
    );

    const { bucketCount, trendUnstarted, trendFailed, trendBytes, trendRunMs, trendAt, trendKeys } = this;
    const runLast = durationKey(runMax.reduce((most, ms) => Math.max(most, ms), 0));
    const trends: NodeTrend[] = nodeCodes.map((node) => {
      const first = this.trendNodeOf.get(node)! * bucketCount;
      const trend: NodeTrend = {
        node: c.nodes.values[node]!,
        finished: [],
        failures: [],
        p95RunMs: [],
        bytes: [],
        runMs: [],
        bytesPerSecond: [],
      };
      for (let t = first; t < first + bucketCount; t++) {
        const runs = trendAt[t]! < 0 ? undefined : statsOf(trendKeys, trendAt[t]!, 0, runLast);
        trend.finished.push((runs?.count ?? 0) + trendUnstarted[t]!);
        trend.failures.push(trendFailed[t]!);
        trend.p95RunMs.push(runs?.p95 ?? null);
        trend.bytes.push(trendBytes[t]!);
        trend.runMs.push(trendRunMs[t]!);
        trend.bytesPerSecond.push(bytesPerSecond(trendBytes[t]!, trendRunMs[t]!));
      }
      return trend;
    });

    const ranked = (top: TopRows): RankedJob[] => top.rows.map((row, i) => ({ ms: top.ms[i]!, job: c.job(row) }));
    let total = 0;
    for (let g = 0; g < this.groups; g++) total += groupRows[g]!;
    return {
      total,
      now: new Date(this.now).toISOString(),
      durationBucketsMs: [...DURATION_BUCKETS_MS],
      cells,
      trends: { from: new Date(this.fromMs).toISOString(), bucketSeconds: this.bucketMs / 1000, nodes: trends },
      stops: [...stops.values()].sort(
        (a, b) =>
          compareStrings(a.stage, b.stage) || JOB_TYPES.indexOf(a.type) - JOB_TYPES.indexOf(b.type) || compareStrings(a.node, b.node),
      ),
      slowest: ranked(this.slowest),
      longestWaiting: ranked(this.waiting),
    };
  }
}

/** The analysis of the rows whose bit is set in `selected`, over the timeline `layout` (the summary's, for the same query) at `now`, at once. */
export function analyzeRows(c: JobColumns, selected: Int32Array, layout: TimelineLayout, now: number): JobAnalysis {
  const pass = new AnalysisPass(c, layout, now);
  pass.step(selected);
  return pass.result();
}

function addInto(into: Uint32Array, from: Uint32Array, offset: number, last: number): void {
  for (let i = 0; i <= last; i++) into[i]! += from[offset + i]!;
}
