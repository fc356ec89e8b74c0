/**
 * The analysis of a memory-mode selection (`model/analysis.ts`), in one pass over the
 * selected rows' columns: each wait and run time is counted in a histogram of
 * `durationKey`s per type and node (and per node and timeline bucket for the trends'
 * p95), so that percentiles are read from cumulative counts instead of sorting. The rest
 * is folded from per-group counts. Gives exactly the answer of `analyze()` (tested
 * equal); the reference server answers with it too.
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

const K = DURATION_KEYS;
const BUCKETS = DURATION_BUCKETS_MS.length;
const TYPES = JOB_TYPES.length;
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
  constructor(private readonly ids: readonly string[]) {}

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
    return ms > otherMs || (ms === otherMs && this.ids[row]! < this.ids[other]!);
  }
}

/** The count, nearest-rank percentiles and greatest of the durations counted in the histogram of keys at `offset`. */
function statsOf(histogram: Uint32Array, offset: number, max: number): DurationStats {
  let count = 0;
  for (let key = 0; key < K; key++) count += histogram[offset + key]!;
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

/**
 * The analysis of the rows whose bit is set in `selected`, over the timeline `layout`
 * (the summary's, for the same query) at `now`.
 */
export function analyzeRows(c: JobColumns, selected: Int32Array, layout: TimelineLayout, now: number): JobAnalysis {
  const n = c.size;
  const nodeCount = Math.max(c.nodes.size, 1);
  const cellCount = TYPES * nodeCount;
  const { fromMs, bucketMs, bucketCount } = layout;

  // Per group: its cell (type and node), where the cell's histograms start, its selected rows.
  // A cell has histograms when the columns hold a job of its type on its node.
  const groups = c.groupCount;
  const groupCell = new Int32Array(groups);
  const groupSlot = new Int32Array(groups);
  const cellSlot = new Int32Array(cellCount).fill(-1);
  let slots = 0;
  for (let g = 0; g < groups; g++) {
    const cell = (groupCell[g] = c.groupType[g]! * nodeCount + c.groupNode[g]!);
    if (cellSlot[cell]! < 0) cellSlot[cell] = slots++;
    groupSlot[g] = cellSlot[cell]!;
  }
  const groupRows = new Int32Array(groups);

  // Per cell slot: durations as keys, the greatest, the runs' bytes and time, the runs above a bucket's bound within a key.
  const waitKeys = new Uint32Array(slots * K);
  const runKeys = new Uint32Array(slots * K);
  const waitMax = new Float64Array(slots);
  const runMax = new Float64Array(slots);
  const runSum = new Float64Array(slots);
  const bytes = new Float64Array(slots);
  const aboveBound = new Uint32Array(slots * BUCKETS);

  // Per trend cell (node × bucket of the timeline), by when jobs finished; run keys in a slot of their own once needed.
  const trendCells = nodeCount * bucketCount;
  const trendFinished = new Uint32Array(trendCells);
  const trendFailed = new Uint32Array(trendCells);
  const trendBytes = new Float64Array(trendCells);
  const trendRunMs = new Float64Array(trendCells);
  const trendRuns = new Uint32Array(trendCells);
  const trendAt = new Int32Array(trendCells).fill(-1);
  let trendKeys = new Uint32Array(16 * K);
  let trendSlots = 0;

  const slowest = new TopRows(c.ids);
  const waiting = new TopRows(c.ids);
  /** A run shorter than this cannot enter the slowest (the last one's, once there are TOP_JOBS). */
  let slowFloor = -1;
  const { group, groupState, groupNode, createdAt, startedAt, finishedAt, bytesDone } = c;

  let bucket = -1;
  let bucketStart = NaN;
  let bucketEnd = NaN;
  // The selected rows: the set bits (none past the last row).
  for (let word = 0, base = 0; base < n; word++, base += 32) {
    let bits = selected[word]!;
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
        // Rows come about in the order jobs were created, so mostly in the bucket of the row before.
        if (!(finished >= bucketStart && finished < bucketEnd)) {
          bucket = Math.floor((finished - fromMs) / bucketMs);
          bucketStart = fromMs + bucket * bucketMs;
          bucketEnd = bucketStart + bucketMs;
        }
        if (bucket >= 0 && bucket < bucketCount) {
          trend = groupNode[g]! * bucketCount + bucket;
          trendFinished[trend]!++;
          if (state === UNSUCCESSFUL) trendFailed[trend]!++;
        }
      }
      const started = startedAt[row]!;
      if (started !== started) continue;
      const slot = groupSlot[g]!;
      const at = slot * K;
      const wait = started > created ? started - created : 0;
      waitKeys[at + durationKey(wait)]!++;
      if (wait > waitMax[slot]!) waitMax[slot] = wait;
      if (finished !== finished) continue;
      const run = finished > started ? finished - started : 0;
      const key = durationKey(run);
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
        if (keysAt + K > trendKeys.length) {
          const grown = new Uint32Array(trendKeys.length * 2);
          grown.set(trendKeys);
          trendKeys = grown;
        }
      }
      trendKeys[keysAt + key]!++;
      trendRuns[trend]!++;
      trendRunMs[trend]! += run;
      trendBytes[trend]! += moved;
    }
  }

  // Per cell, from the groups: jobs, finished, successful; and why jobs stopped.
  const jobs = new Float64Array(cellCount);
  const finished = new Float64Array(cellCount);
  const successful = new Float64Array(cellCount);
  const stops = new Map<string, StopCount>();
  for (let g = 0; g < groups; g++) {
    const count = groupRows[g]!;
    if (!count) continue;
    const cell = groupCell[g]!;
    const state = groupState[g]!;
    jobs[cell]! += count;
    if (state >= SUCCESSFUL) finished[cell]! += count;
    if (state === SUCCESSFUL) successful[cell]! += count;
    if (state !== UNSUCCESSFUL) continue;
    // Groups differ in state and stage too: those of one stage, type and node make one count.
    const key = `${c.groupStage[g]!} ${cell}`;
    const stop = stops.get(key);
    if (stop) stop.count += count;
    else
      stops.set(key, {
        stage: c.stages.values[c.groupStage[g]!]!,
        type: JOB_TYPES[c.groupType[g]!]!,
        node: c.nodes.values[groupNode[g]!]!,
        count,
      });
  }

  // Nodes with a selected job, by id.
  const nodeCodes: number[] = [];
  for (let node = 0; node < c.nodes.size; node++) {
    let any = 0;
    for (let type = 0; type < TYPES; type++) any += jobs[type * nodeCount + node]!;
    if (any) nodeCodes.push(node);
  }
  nodeCodes.sort((a, b) => compareStrings(c.nodes.values[a]!, c.nodes.values[b]!));

  const cells: AnalysisCell[] = [];
  const sumWait = new Uint32Array(K);
  const sumRun = new Uint32Array(K);
  /** The figures of the (type, node) cells given, together. */
  const addCell = (type: number | null, node: number | null, members: readonly number[]): void => {
    const kept = members.filter((m) => jobs[m]! > 0);
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
    for (const m of kept) {
      const slot = cellSlot[m]!;
      jobCount += jobs[m]!;
      finishedCount += finished[m]!;
      successCount += successful[m]!;
      waitMost = Math.max(waitMost, waitMax[slot]!);
      runMost = Math.max(runMost, runMax[slot]!);
      bytesSum += bytes[slot]!;
      runMsSum += runSum[slot]!;
      const at = slot * K;
      for (let key = 0; key < K; key++) {
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
      addInto(sumWait, waitKeys, at);
      addInto(sumRun, runKeys, at);
    }
    const waitAt = one ? cellSlot[kept[0]!]! * K : 0;
    cells.push({
      type: type === null ? null : JOB_TYPES[type]!,
      node: node === null ? null : c.nodes.values[node]!,
      jobs: jobCount,
      finished: finishedCount,
      successful: successCount,
      wait: statsOf(one ? waitKeys : sumWait, waitAt, waitMost),
      run: statsOf(one ? runKeys : sumRun, waitAt, runMost),
      bytes: bytesSum,
      runMs: runMsSum,
      bytesPerSecond: bytesPerSecond(bytesSum, runMsSum),
      runHistogram: histogram,
    });
  };
  const types = Array.from({ length: TYPES }, (_, type) => type);
  for (const type of types) {
    for (const node of nodeCodes) addCell(type, node, [type * nodeCount + node]);
    addCell(
      type,
      null,
      nodeCodes.map((node) => type * nodeCount + node),
    );
  }
  for (const node of nodeCodes)
    addCell(
      null,
      node,
      types.map((type) => type * nodeCount + node),
    );
  addCell(
    null,
    null,
    types.flatMap((type) => nodeCodes.map((node) => type * nodeCount + node)),
  );

  const trends: NodeTrend[] = nodeCodes.map((node) => {
    const trend: NodeTrend = {
      node: c.nodes.values[node]!,
      finished: [],
      failures: [],
      p95RunMs: [],
      bytes: [],
      runMs: [],
      bytesPerSecond: [],
    };
    for (let at = 0; at < bucketCount; at++) {
      const t = node * bucketCount + at;
      trend.finished.push(trendFinished[t]!);
      trend.failures.push(trendFailed[t]!);
      trend.p95RunMs.push(trendRuns[t] ? statsOf(trendKeys, trendAt[t]!, 0).p95 : null);
      trend.bytes.push(trendBytes[t]!);
      trend.runMs.push(trendRunMs[t]!);
      trend.bytesPerSecond.push(bytesPerSecond(trendBytes[t]!, trendRunMs[t]!));
    }
    return trend;
  });

  const ranked = (top: TopRows): RankedJob[] => top.rows.map((row, i) => ({ ms: top.ms[i]!, job: c.job(row) }));
  let total = 0;
  for (let g = 0; g < groups; g++) total += groupRows[g]!;
  return {
    total,
    now: new Date(now).toISOString(),
    durationBucketsMs: [...DURATION_BUCKETS_MS],
    cells,
    trends: { from: new Date(fromMs).toISOString(), bucketSeconds: bucketMs / 1000, nodes: trends },
    stops: [...stops.values()].sort(
      (a, b) => compareStrings(a.stage, b.stage) || JOB_TYPES.indexOf(a.type) - JOB_TYPES.indexOf(b.type) || compareStrings(a.node, b.node),
    ),
    slowest: ranked(slowest),
    longestWaiting: ranked(waiting),
  };
}

function addInto(into: Uint32Array, from: Uint32Array, offset: number): void {
  for (let i = 0; i < K; i++) into[i]! += from[offset + i]!;
}
