/**
 * The memory-mode query engine: the selection of a query over `JobColumns`, in the
 * query's order, with its aggregates. Gives exactly the answers of `jobMatcher`,
 * `jobComparator` and `summarize()` (tested equal), at a cost that does not grow with
 * the objects:
 * - a filter is decided once per group code, a search once per distinct string and text
 *   code; then one pass in row order reads one code per row (two when searching, the
 *   dates when a period is set) and writes one bit per row, without branching;
 * - a second pass walks the presorted order of the query's sort and keeps the rows whose
 *   bit is set, without branching, only as far as the rows read (the first screen of a
 *   list reads a few thousand rows of the order; the count comes from the first pass);
 * - the aggregates are counted when first read: for a filter on state, type, node and
 *   stage only, folded from per-group counts of every row; otherwise in one pass over
 *   the selection bits;
 * - a sort change alone redoes only the second pass; a narrower query over a small
 *   selection refines it; a live update patches the bit and the counters in constant
 *   time, and the ordered rows once a frame.
 * The rows, their per-group counts and the presorted orders are the `JobTable`'s, which
 * several queries may share (the reference server keeps one per question lately asked).
 */
import { JOB_STATES, JOB_TYPES, type Job, type JobAnalysis, type JobListParams, type JobSummary, type SortKey } from '../model/index.js';
import { normalizeSearch } from '../source/job-selection.js';
import { AnalysisPass, type AnalysisScratch } from './analysis-pass.js';
import { STATE_CODE, TYPE_CODE, type JobColumns } from './job-columns.js';
import { JobTable, type Permutation } from './job-table.js';
import { RowList } from './sorted-rows.js';
import { capacityFor, grow } from './string-dictionary.js';
import { SummaryCounts } from './summary-counts.js';

/** The query compiled to masks over codes. */
interface CompiledFilter {
  params: JobListParams;
  sort: SortKey;
  order: 'asc' | 'desc';
  states: Uint8Array | undefined;
  types: Uint8Array | undefined;
  nodes: Set<string> | undefined;
  stages: Set<string> | undefined;
  sinceMs: number;
  untilMs: number;
  needle: string;
  /** Per type code, whether the type's name contains the needle. */
  typeHits: Uint8Array;
  /** Per group code below `groupsDone`: 1 when the group passes the state, type, node and stage filters. */
  groupMask: Uint8Array;
  groupsDone: number;
  /** Per text code below `textsDone`: 1 when the type, name or description contains the needle. */
  textHits: Uint8Array;
  textsDone: number;
}

/** What applying one job did. */
export interface ApplyResult {
  /** False when the store already held this version or a newer one. */
  applied: boolean;
  isNew: boolean;
  /** Whether the job is in the selection now (meaningful when applied). */
  matches: boolean;
  /** Whether the job was in the selection before. */
  wasSelected: boolean;
}

/**
 * A narrower query refines the previous selection row by row (random reads) when it is
 * this much smaller than every row; otherwise both passes (sequential reads) are cheaper.
 */
const REFINE_BELOW = 1 / 8;
/** Rows of the presorted order walked between two checks of how many were found. */
const WALK_CHUNK = 8192;

export class MemoryEngine {
  /** The aggregates of the selection, when `countsValid`. */
  private counts: SummaryCounts;
  private countsValid = false;
  /** The query asked for. */
  private filter: CompiledFilter;
  /**
   * The query the derived state is for: the selection bits, the ordered selection and the
   * counts, each computed when first needed (`…Valid`) and then kept up to date by live updates.
   */
  private evaluated: CompiledFilter | undefined;
  /** One bit per row: the row is in the selection of `evaluated`. */
  private selected: Int32Array = new Int32Array(2);
  /** How many bits of `selected` are set. */
  private selectedCount = 0;
  private bitsValid = false;
  /**
   * The selected rows in the query's order, as far as they were read: found in the first
   * `walked` rows of `walkOrder` (the presorted order, as arranged when the walk began),
   * all of them once `selectionComplete`. Live changes are patched into a complete
   * selection (`changed`); a partial one is walked again.
   */
  private selection = new RowList();
  private selectionValid = false;
  private selectionComplete = false;
  private walked = 0;
  private walkOrder: Permutation | undefined;
  private walkArrangement = 0;
  /** Rows changed since `selection` was ordered, whose place or membership may have changed. */
  private changed = new Set<number>();
  /** Those of `changed` that the ordered selection holds, at their old place (to take out). */
  private placed = new Set<number>();
  /** The change being written, as `changing` saw the row before it. */
  private wasSelected = false;
  private placeBefore = 0;
  private selectedNow = false;
  private readonly stopObserving: () => void;

  constructor(
    params: JobListParams,
    private readonly clock: () => number,
    private nodeIds: readonly string[] = [],
    /** The rows: the engine's own, or a table other queries share. */
    readonly table: JobTable = new JobTable(),
    /**
     * A query over the same table no longer kept (disposed), whose bit and count arrays
     * this one takes: a server makes a query per new question, and arrays of a bit or
     * more per job, made and dropped, set off full collections.
     */
    recycled?: MemoryEngine,
  ) {
    this.filter = this.compile(params, recycled?.filter);
    this.counts = new SummaryCounts(this.columns, recycled?.counts);
    this.resize(recycled?.selected);
    this.stopObserving = table.observe({
      changing: (row) => this.beforeChange(row),
      changed: (row, isNew) => this.afterChange(row, isNew),
      reloaded: () => this.afterLoad(),
    });
  }

  private get columns(): JobColumns {
    return this.table.columns;
  }

  /** Replaces every job of the table (first load, resync). */
  load(jobs: Iterable<Job>): void {
    this.table.load(jobs);
  }

  /** Stops following the table's changes (a query the server no longer keeps). */
  dispose(): void {
    this.stopObserving();
  }

  setNodeIds(nodeIds: readonly string[]): void {
    this.nodeIds = nodeIds;
  }

  /** Sets the query (absolute bounds already resolved); evaluated on the next read. */
  setParams(params: JobListParams): void {
    this.filter = this.compile(params);
  }

  /** The query asked for. */
  get params(): JobListParams {
    return this.filter.params;
  }

  /** How many jobs the table holds. */
  get size(): number {
    return this.columns.size;
  }

  job(id: string): Job | undefined {
    return this.table.job(id);
  }

  /**
   * Merges one job into the table: kept only when newer than what is held. Patches the
   * selection bit and the counters at once (constant time); the order of the selection
   * is patched on the next read.
   */
  apply(job: Job): ApplyResult {
    const { applied, isNew, row } = this.table.apply(job);
    if (!applied) return { applied, isNew, matches: false, wasSelected: false };
    const matches = this.evaluated === this.filter ? this.selectedNow : this.matchRow(this.filter, row);
    return { applied, isNew, matches, wasSelected: this.wasSelected };
  }

  /** The table was loaded anew: nothing derived from its rows holds. */
  private afterLoad(): void {
    this.counts = new SummaryCounts(this.columns);
    this.countsValid = false;
    this.selection = new RowList();
    this.resize();
    this.selectedCount = 0;
    this.bitsValid = false;
    this.selectionValid = false;
    this.selectionComplete = false;
    this.walkOrder = undefined;
    this.changed.clear();
    this.placed.clear();
    this.evaluated = undefined;
    this.filter = this.compile(this.filter.params);
  }

  /** A row is about to change: its membership and place as they were, and out of the counts. */
  private beforeChange(row: number): void {
    const evaluated = this.evaluated;
    this.wasSelected = evaluated !== undefined && this.isSelected(evaluated, row);
    // The row's value for the selection's order: if neither it nor the row's membership
    // changes, the row keeps its place and the ordered selection needs no patch.
    this.placeBefore = evaluated ? this.columns.sortCode(evaluated.sort, row) : 0;
    if (this.wasSelected && this.countsValid) this.counts.remove(row);
  }

  /** A row was written: its bit, the counts and, on the next read, its place in the ordered selection. */
  private afterChange(row: number, isNew: boolean): void {
    if (isNew) this.wasSelected = false;
    const wasSelected = this.wasSelected;
    if (row >>> 5 >= this.selected.length) this.selected = grow(this.selected, (row >>> 5) + 1);
    const evaluated = this.evaluated;
    this.selectedNow = false;
    if (!evaluated) return;
    const selectedNow = (this.selectedNow = this.matchRow(evaluated, row));
    if (selectedNow && this.countsValid) this.counts.add(row);
    if (this.bitsValid) {
      this.selectedCount += +selectedNow - +wasSelected;
      if (selectedNow) this.selected[row >>> 5]! |= 1 << (row & 31);
      else this.selected[row >>> 5]! &= ~(1 << (row & 31));
    }
    if (
      this.selectionValid &&
      (isNew || selectedNow !== wasSelected || (selectedNow && this.columns.sortCode(evaluated.sort, row) !== this.placeBefore))
    ) {
      // At its first change since the last patch, the row's membership is the ordered selection's.
      if (wasSelected && !this.changed.has(row)) this.placed.add(row);
      this.changed.add(row);
    }
  }

  /** Bits for every row the table holds (in `spare`, zeroed, when it has room). */
  private resize(spare?: Int32Array): void {
    const words = capacityFor((this.columns.size + 31) >>> 5);
    this.selected = spare && spare.length >= words ? spare.fill(0) : new Int32Array(words);
  }

  /** How many jobs the query selects. */
  get total(): number {
    this.evaluate();
    this.ensureBits();
    return this.selectedCount;
  }

  jobAt(index: number): Job | undefined {
    this.ensureRows(index + 1);
    if (index < 0 || index >= this.selection.length) return undefined;
    return this.columns.job(this.selection.data[index]!);
  }

  /**
   * Up to `limit` rows of the selection in the query's order, from an index or after a
   * keyset position (a cursor's sort value and id, as `indexAfterCursor` finds it), read
   * from the presorted order and the selection bits: the ordered selection is neither
   * walked nor kept. For a server, where live changes come between any two requests and
   * would have it walked again anyway: this allocates nothing per row.
   */
  rowsFrom(start: number | { value: string | number; id: string }, limit: number): number[] {
    this.evaluate();
    this.ensureBits();
    const { sort, order } = this.evaluated!;
    const rows = this.table.permutation(sort, order).rows;
    const data = rows.data;
    const n = rows.length;
    const selected = this.selected;
    let i = 0;
    if (typeof start === 'number') {
      if (this.selectedCount === n) i = Math.min(start, n);
      else {
        for (let skip = start; i < n && skip > 0; i++) {
          const row = data[i]!;
          skip -= (selected[row >>> 5]! >>> (row & 31)) & 1;
        }
      }
    } else {
      const c = this.columns;
      const sign = order === 'asc' ? 1 : -1;
      let hi = n;
      while (i < hi) {
        const mid = (i + hi) >>> 1;
        const row = data[mid]!;
        if ((sign * compareValues(c.sortValue(sort, row), start.value) || c.ids.compareTo(row, start.id)) > 0) hi = mid;
        else i = mid + 1;
      }
    }
    const out: number[] = [];
    for (; i < n && out.length < limit; i++) {
      const row = data[i]!;
      if ((selected[row >>> 5]! >>> (row & 31)) & 1) out.push(row);
    }
    return out;
  }

  /** The job at a row, made anew and not kept (`JobColumns.read`): a server's page. */
  read(row: number): Job {
    return this.columns.read(row);
  }

  indexOf(id: string): number {
    this.ensureRows(Infinity);
    const row = this.columns.rowOfId(id);
    if (row < 0 || !this.isSelected(this.evaluated!, row)) return -1;
    return this.selection.indexOf(row, this.columns.comparator(this.filter.sort, this.filter.order));
  }

  /** The aggregates; the timeline ends at the clock's now when the query has no end. */
  get summary(): JobSummary {
    this.evaluate();
    this.ensureCounts();
    return this.counts.summary(this.nodeIds, this.clock(), () => {
      this.ensureBits();
      return this.selected;
    });
  }

  /**
   * The analysis of the selection (`model/analysis.ts`) at `now`, computed from scratch
   * at once (one pass over the selected rows); its trends use the buckets of the summary's timeline.
   */
  analysis(now: number = this.clock()): JobAnalysis {
    const pass = this.startAnalysis(now, this.table.analysisScratch);
    pass.step(this.selected);
    return pass.result();
  }

  /**
   * A pass that analyses the selection at `now`, to run a slice at a time with
   * `continueAnalysis`; `scratch` lends it the histograms of a pass before.
   */
  startAnalysis(now: number = this.clock(), scratch?: AnalysisScratch): AnalysisPass {
    this.evaluate();
    this.ensureCounts();
    const selected = () => {
      this.ensureBits();
      return this.selected;
    };
    const { timeline } = this.counts.summary(this.nodeIds, now, selected);
    const params = this.evaluated!.params;
    const fromMs = Date.parse(timeline.from);
    const bucketMs = timeline.bucketSeconds * 1000;
    const untilMs = params.until ? Date.parse(params.until) : now;
    selected();
    return new AnalysisPass(
      this.columns,
      { fromMs, bucketMs, bucketCount: Math.max(1, Math.ceil((untilMs - fromMs) / bucketMs)) },
      now,
      scratch,
    );
  }

  /**
   * Runs `pass` further until `performance.now()` passes `deadline`: true once every row is
   * counted, undefined when it can no longer be (the jobs were loaded again since it began).
   * The query must be the one it began with.
   */
  continueAnalysis(pass: AnalysisPass, deadline: number): boolean | undefined {
    if (pass.columns !== this.columns) return undefined;
    this.evaluate();
    this.ensureBits();
    return pass.step(this.selected, deadline);
  }

  /** The aggregates of the current selection counted from scratch, as the first read after a query change does. */
  recount(): JobSummary {
    this.evaluate();
    this.countsValid = false;
    return this.summary;
  }

  /** Brings what was computed up to date with the live changes (once a frame); the rest waits to be read. */
  refresh(): void {
    if (this.filter !== this.evaluated || !this.selectionValid || !this.changed.size) return;
    if (this.selectionComplete) this.patchSelection();
    else this.selectionValid = false;
  }

  /** Whether `row` is in the selection of `f` (the evaluated query), from its bit when the bits are computed. */
  private isSelected(f: CompiledFilter, row: number): boolean {
    if (this.bitsValid) return ((this.selected[row >>> 5]! >>> (row & 31)) & 1) === 1;
    return this.matchRow(f, row);
  }

  /** Makes the query asked for the evaluated one, keeping what still holds for it. */
  private evaluate(): void {
    const f = this.filter;
    const previous = this.evaluated;
    if (f === previous) return;
    this.prepare(f);
    this.evaluated = f;
    if (previous && sameSelection(previous, f)) {
      // Only the order changed: the bits and the counts stand.
      this.selectionValid = false;
      return;
    }
    this.countsValid = false;
    if (
      previous &&
      this.selectionValid &&
      this.selectionComplete &&
      narrows(previous, f) &&
      this.selection.length <= this.columns.size * REFINE_BELOW
    ) {
      if (this.changed.size) this.patchSelection(previous);
      if (this.selectionValid) {
        this.refine(f);
        return;
      }
    }
    this.bitsValid = false;
    this.selectionValid = false;
  }

  private ensureBits(): void {
    if (this.bitsValid) return;
    this.scan(this.evaluated!);
    this.bitsValid = true;
  }

  /** Makes the first `count` rows of the selection (all of them for Infinity) ready, in order. */
  private ensureRows(count: number): void {
    this.evaluate();
    this.ensureBits();
    if (this.selectionValid && !this.selectionComplete && this.walkOrder!.arrangement !== this.walkArrangement) {
      // Another query rearranged the presorted order since this one began walking it.
      this.selectionValid = false;
    }
    if (this.selectionValid && this.changed.size) {
      if (this.selectionComplete) this.patchSelection();
      else this.selectionValid = false;
    }
    if (!this.selectionValid) this.startWalk(this.evaluated!);
    if (!this.selectionComplete && this.selection.length < count) this.walk(count);
  }

  /**
   * The aggregates of the selection: for a filter on group fields only, the per-group
   * counts of the groups it keeps, folded; otherwise one pass over the selection bits.
   */
  private ensureCounts(): void {
    if (this.countsValid) return;
    const f = this.evaluated!;
    const since = finiteOrNaN(f.sinceMs);
    const until = finiteOrNaN(f.untilMs);
    const index = this.table.groupHours;
    index.sync();
    const groupsOnly = !f.needle && f.sinceMs === -Infinity && f.untilMs === Infinity;
    if (groupsOnly && (index.on || !this.columns.timeCellsOn) && this.foldCost(f) < this.columns.size) {
      this.counts.fold(index, f.groupMask, since, until);
    } else {
      this.ensureBits();
      this.countSelected(since, until);
    }
    this.countsValid = true;
  }

  /** Cells a fold of the group counts adds: the groups kept, or every node's less the groups left out. */
  private foldCost(f: CompiledFilter): number {
    const c = this.columns;
    let kept = 0;
    for (let g = 0; g < c.groupCount; g++) kept += f.groupMask[g]!;
    const groups = kept * 2 > c.groupCount ? c.groupCount - kept + c.nodes.size : kept;
    return groups * c.hourSpan;
  }

  /**
   * Pass one, in row order (sequential reads of one code per row, two when searching,
   * the dates when a period is set): the selection bit of every row, without branching.
   */
  private scan(f: CompiledFilter): void {
    const c = this.columns;
    const n = c.size;
    const { group, text, createdAt, finishedAt } = c;
    const groupMask = f.groupMask;
    const textHits = f.textHits;
    const searching = f.needle !== '';
    const since = f.sinceMs;
    const until = f.untilMs;
    // "The last N days" has only a start: the creation dates need not be read.
    const hasSince = since !== -Infinity;
    const hasUntil = until !== Infinity;
    const selected = this.selected;
    if (!searching && !hasSince && !hasUntil && passesAll(f, c.groupCount)) {
      // Every group passes and nothing else is asked: every row is selected, no row need be read.
      const whole = n >>> 5;
      selected.fill(-1, 0, whole);
      if (n & 31) selected[whole] = (1 << (n & 31)) - 1;
      this.selectedCount = n;
      return;
    }
    let total = 0;
    for (let word = 0, row = 0; row < n; word++) {
      const end = Math.min(row + 32, n);
      let bits = 0;
      for (let bit = 0; row < end; row++, bit++) {
        let ok = groupMask[group[row]!]!;
        if (searching) ok &= textHits[text[row]!]!;
        if (hasSince) ok &= finishedAt[row]! < since ? 0 : 1;
        if (hasUntil) ok &= createdAt[row]! < until ? 1 : 0;
        bits |= ok << bit;
        total += ok;
      }
      selected[word] = bits;
    }
    this.selectedCount = total;
  }

  /**
   * The aggregates of the rows whose bit is set, from zero, in one pass: the set bits
   * when few; every row's counts less the rows left out when most are set; otherwise
   * every row, adding its bit.
   */
  private countSelected(since: number, until: number): void {
    const c = this.columns;
    const n = c.size;
    const counts = this.counts;
    const index = this.table.groupHours;
    const selected = this.selected;
    const kept = this.selectedCount;
    if (kept * 4 < n) {
      counts.begin(since, until);
      this.countBits(selected, 0, 1);
    } else if (kept * 2 > n && (index.on || !c.timeCellsOn)) {
      counts.fold(index, new Uint8Array(c.groupCount).fill(1), since, until);
      // The rows left out, in the table's scratch bits (given back zeroed).
      const left = this.table.marks;
      const words = (n + 31) >>> 5;
      for (let word = 0; word < words; word++) left[word] = ~selected[word]!;
      // No row past the last: those bits of the last word are not rows left out.
      if (n & 31) left[words - 1]! &= (1 << (n & 31)) - 1;
      this.countBits(left, counts.total, -1);
      left.fill(0, 0, words);
    } else {
      counts.begin(since, until);
      const { group, timeCell, timeCellsOn } = c;
      const { byGroup, hourly } = counts;
      let total = 0;
      for (let word = 0, row = 0; row < n; word++) {
        const end = Math.min(row + 32, n);
        const bits = selected[word]!;
        for (let bit = 0; row < end; row++, bit++) {
          const ok = (bits >>> bit) & 1;
          byGroup[group[row]!]! += ok;
          if (timeCellsOn) hourly[timeCell[row]!]! += ok;
          total += ok;
        }
      }
      counts.counted(total);
    }
  }

  /** Adds `delta` to the counts for each row whose bit is set in `bits`, starting from `total`. */
  private countBits(bits: Int32Array, total: number, delta: 1 | -1): void {
    const { group, timeCell, timeCellsOn, size } = this.columns;
    const { byGroup, hourly } = this.counts;
    for (let word = 0; word << 5 < size; word++) {
      let set = bits[word]!;
      while (set !== 0) {
        const row = (word << 5) + 31 - Math.clz32(set & -set);
        set &= set - 1;
        byGroup[group[row]!]! += delta;
        if (timeCellsOn) hourly[timeCell[row]!]! += delta;
        total += delta;
      }
    }
    this.counts.counted(total);
  }

  /** Pass two starts: the selection is walked from the presorted order of the query. */
  private startWalk(f: CompiledFilter): void {
    const order = this.table.permutation(f.sort, f.order);
    this.walkOrder = order;
    this.walkArrangement = order.arrangement;
    this.selection.length = 0;
    this.walked = 0;
    this.selectionValid = true;
    this.selectionComplete = order.rows.length === 0;
    this.changed.clear();
    this.placed.clear();
  }

  /**
   * Pass two, as far as needed: the presorted order walked further, keeping the rows whose
   * bit is set (without branching unless few are), a chunk at a time until `count` rows are found.
   */
  private walk(count: number): void {
    const order = this.walkOrder!.rows.data;
    const n = this.walkOrder!.rows.length;
    const selected = this.selected;
    const every = this.selectedCount === n;
    const sparse = this.selectedCount * 8 < n;
    let k = this.selection.length;
    let i = this.walked;
    while (i < n && k < count) {
      const end = Math.min(n, i + WALK_CHUNK);
      // The selection grows as it is read: a query asked for its first rows holds no more.
      if (k + end - i > this.selection.data.length) this.selection.data = grow(this.selection.data, k + end - i);
      const out = this.selection.data;
      if (every) {
        out.set(order.subarray(i, end), k);
        k += end - i;
        i = end;
      } else if (sparse) {
        for (; i < end; i++) {
          const row = order[i]!;
          if ((selected[row >>> 5]! >>> (row & 31)) & 1) out[k++] = row;
        }
      } else {
        for (; i < end; i++) {
          const row = order[i]!;
          out[k] = row;
          k += (selected[row >>> 5]! >>> (row & 31)) & 1;
        }
      }
    }
    this.walked = i;
    this.selection.length = k;
    this.selectionComplete = i === n;
  }

  /** The query only narrowed a small selection: keep its rows that still match, in order. */
  private refine(f: CompiledFilter): void {
    const data = this.selection.data;
    const length = this.selection.length;
    let k = 0;
    for (let i = 0; i < length; i++) {
      const row = data[i]!;
      if (this.matchPrepared(f, row)) data[k++] = row;
      else this.selected[row >>> 5]! &= ~(1 << (row & 31));
    }
    this.selection.length = k;
    this.selectedCount = k;
  }

  /** Live changes: take the changed rows out of the order and put back those selected, in place. */
  private patchSelection(f: CompiledFilter = this.evaluated!): void {
    const rows = [...this.changed];
    const placed = [...this.placed];
    this.changed.clear();
    this.placed.clear();
    if (rows.length * 8 > this.columns.size) {
      // Walked again when read.
      this.selectionValid = false;
      return;
    }
    const entering = rows.filter((row) => ((this.selected[row >>> 5]! >>> (row & 31)) & 1) === 1);
    this.selection.move(this.table.marks, placed, entering, this.columns.comparator(f.sort, f.order));
  }

  /** Extends the filter's masks to the groups and texts created since they were computed. */
  private prepare(f: CompiledFilter): void {
    const c = this.columns;
    if (f.groupsDone < c.groupCount) {
      if (f.groupMask.length < c.groupCount) f.groupMask = grow(f.groupMask, c.groupCount);
      for (let g = f.groupsDone; g < c.groupCount; g++) {
        f.groupMask[g] =
          (!f.states || f.states[c.groupState[g]!] === 1) &&
          (!f.types || f.types[c.groupType[g]!] === 1) &&
          (!f.nodes || f.nodes.has(c.nodes.values[c.groupNode[g]!]!)) &&
          (!f.stages || f.stages.has(c.stages.values[c.groupStage[g]!]!))
            ? 1
            : 0;
      }
      f.groupsDone = c.groupCount;
    }
    if (f.needle && f.textsDone < c.textCount) {
      if (f.textHits.length < c.textCount) f.textHits = grow(f.textHits, c.textCount);
      const { textType, textName, textDescription } = c;
      const hits = f.textHits;
      const needle = f.needle;
      if (f.textsDone === 0) {
        // Each distinct name and description tested once (a longer needle refines the last hits).
        const names = c.names.search(needle);
        const descriptions = c.descriptions.search(needle);
        for (let t = 0; t < c.textCount; t++) {
          hits[t] = f.typeHits[textType[t]!]! | names[textName[t]!]! | descriptions[textDescription[t]!]!;
        }
      } else {
        for (let t = f.textsDone; t < c.textCount; t++) {
          hits[t] =
            f.typeHits[textType[t]!] === 1 || c.names.contains(textName[t]!, needle) || c.descriptions.contains(textDescription[t]!, needle)
              ? 1
              : 0;
        }
      }
      f.textsDone = c.textCount;
    }
  }

  private matchRow(f: CompiledFilter, row: number): boolean {
    this.prepare(f);
    return this.matchPrepared(f, row);
  }

  private matchPrepared(f: CompiledFilter, row: number): boolean {
    const c = this.columns;
    if (f.groupMask[c.group[row]!] !== 1) return false;
    if (f.needle && f.textHits[c.text[row]!] !== 1) return false;
    if (f.sinceMs !== -Infinity || f.untilMs !== Infinity) {
      if (!(c.createdAt[row]! < f.untilMs) || c.finishedAt[row]! < f.sinceMs) return false;
    }
    return true;
  }

  /** `spare`: a filter no longer used, whose masks this one takes when they have room. */
  private compile(params: JobListParams, spare?: CompiledFilter): CompiledFilter {
    const c = this.columns;
    const needle = normalizeSearch(params.q);
    const mask = (size: number, held: Uint8Array | undefined) => (held && held.length >= size ? held.fill(0) : new Uint8Array(size));
    if (!needle) {
      c.names.clearSearch();
      c.descriptions.clearSearch();
    }
    return {
      params,
      sort: params.sort ?? 'createdAt',
      order: params.order ?? 'desc',
      states: params.state?.length
        ? codeMask(
            JOB_STATES.length,
            params.state.map((s) => STATE_CODE[s]),
          )
        : undefined,
      types: params.type?.length
        ? codeMask(
            JOB_TYPES.length,
            params.type.map((t) => TYPE_CODE[t]),
          )
        : undefined,
      nodes: params.node?.length ? new Set<string>(params.node) : undefined,
      stages: params.stage?.length ? new Set<string>(params.stage) : undefined,
      sinceMs: params.since ? Date.parse(params.since) : -Infinity,
      untilMs: params.until ? Date.parse(params.until) : Infinity,
      needle,
      typeHits: Uint8Array.from(JOB_TYPES, (t) => (needle && t.toLowerCase().includes(needle) ? 1 : 0)),
      groupMask: mask(capacityFor(c.groupCount), spare?.groupMask),
      groupsDone: 0,
      textHits: needle ? mask(capacityFor(c.textCount), spare?.textHits) : new Uint8Array(0),
      textsDone: 0,
    };
  }
}

function compareValues(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function finiteOrNaN(ms: number): number {
  return Number.isFinite(ms) ? ms : NaN;
}

function codeMask(size: number, codes: number[]): Uint8Array {
  const mask = new Uint8Array(size);
  for (const code of codes) mask[code] = 1;
  return mask;
}

function sameValues(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = new Set(a ?? []);
  const y = new Set(b ?? []);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/** Whether two queries select the same jobs (they may order them differently). */
function sameSelection(previous: CompiledFilter, next: CompiledFilter): boolean {
  const p = previous.params;
  const q = next.params;
  return (
    previous.sinceMs === next.sinceMs &&
    previous.untilMs === next.untilMs &&
    previous.needle === next.needle &&
    sameValues(p.state, q.state) &&
    sameValues(p.node, q.node) &&
    sameValues(p.type, q.type) &&
    sameValues(p.stage, q.stage)
  );
}

/** Whether every job `next` selects was selected by `previous`, in the same order. */
function narrows(previous: CompiledFilter, next: CompiledFilter): boolean {
  const subset = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    !a?.length || (!!b?.length && b.every((v) => a.includes(v)));
  const p = previous.params;
  const q = next.params;
  return (
    previous.sort === next.sort &&
    previous.order === next.order &&
    previous.sinceMs === next.sinceMs &&
    previous.untilMs === next.untilMs &&
    subset(p.state, q.state) &&
    subset(p.node, q.node) &&
    subset(p.type, q.type) &&
    subset(p.stage, q.stage) &&
    next.needle.includes(previous.needle)
  );
}

/** Whether every one of the first `groups` group codes passes the filter's masks. */
function passesAll(f: CompiledFilter, groups: number): boolean {
  if (f.groupsDone < groups) return false;
  for (let g = 0; g < groups; g++) if (f.groupMask[g] !== 1) return false;
  return true;
}
