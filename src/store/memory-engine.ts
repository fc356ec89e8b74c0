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
 */
import { JOB_STATES, JOB_TYPES, type Job, type JobAnalysis, type JobListParams, type JobSummary, type SortKey } from '../model/index.js';
import { normalizeSearch } from '../source/job-selection.js';
import { AnalysisPass, type AnalysisScratch } from './analysis-pass.js';
import { JobColumns, STATE_CODE, TYPE_CODE } from './job-columns.js';
import { GroupHours } from './group-hours.js';
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

/** Every row in one sort order, and the rows whose place in it may have changed since. */
interface Permutation {
  key: SortKey;
  order: 'asc' | 'desc';
  rows: RowList;
  /** Rows to put in their place: new ones, and those whose value for the key changed. */
  pending: Set<number>;
  /** Those of `pending` that `rows` holds, at their old place (to take out). */
  placed: Set<number>;
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

/** Sort orders kept (each is 4 bytes per job); the least recently used goes first. */
const KEPT_ORDERS = 3;
/**
 * A narrower query refines the previous selection row by row (random reads) when it is
 * this much smaller than every row; otherwise both passes (sequential reads) are cheaper.
 */
const REFINE_BELOW = 1 / 8;
/** Rows of the presorted order walked between two checks of how many were found. */
const WALK_CHUNK = 8192;

export class MemoryEngine {
  private columns: JobColumns;
  /** Every row counted by group and hour: the aggregates of a filter on group fields, without a pass over rows. */
  private groupHours: GroupHours;
  /** The aggregates of the selection, when `countsValid`. */
  private counts: SummaryCounts;
  private countsValid = false;
  /** Presorted orders, by `"<key> <order>"`, most recently used last. */
  private perms = new Map<string, Permutation>();
  /** The query asked for. */
  private filter: CompiledFilter;
  /**
   * The query the derived state is for: the selection bits, the ordered selection and the
   * counts, each computed when first needed (`…Valid`) and then kept up to date by live updates.
   */
  private evaluated: CompiledFilter | undefined;
  /** One bit per row: the row is in the selection of `evaluated`. */
  private selected = new Int32Array(2);
  /** How many bits of `selected` are set. */
  private selectedCount = 0;
  private bitsValid = false;
  /** Scratch bits for patching lists. */
  private marks = new Int32Array(2);
  /**
   * The selected rows in the query's order, as far as they were read: found in the first
   * `walked` rows of `walkOrder` (the presorted order), all of them once `selectionComplete`.
   * Live changes are patched into a complete selection (`changed`); a partial one is walked again.
   */
  private selection = new RowList();
  private selectionValid = false;
  private selectionComplete = false;
  private walked = 0;
  private walkOrder: Uint32Array = new Uint32Array(0);
  /** Rows changed since `selection` was ordered, whose place or membership may have changed. */
  private changed = new Set<number>();
  /** Those of `changed` that the ordered selection holds, at their old place (to take out). */
  private placed = new Set<number>();

  constructor(
    params: JobListParams,
    private readonly clock: () => number,
    private nodeIds: readonly string[] = [],
    /** Most cells of the timeline's hourly histograms (a test lowers it to reach the row-by-row fallbacks). */
    private readonly maxTimeCells?: number,
  ) {
    this.columns = new JobColumns(maxTimeCells);
    this.groupHours = new GroupHours(this.columns, maxTimeCells);
    this.filter = this.compile(params);
    this.counts = new SummaryCounts(this.columns);
  }

  /** Replaces every job (first load, resync). */
  load(jobs: Iterable<Job>): void {
    const columns = new JobColumns(this.maxTimeCells);
    columns.load(jobs);
    this.columns = columns;
    this.groupHours = new GroupHours(columns, this.maxTimeCells);
    this.counts = new SummaryCounts(columns);
    this.countsValid = false;
    this.perms.clear();
    this.selection = new RowList();
    const words = capacityFor((columns.size + 31) >>> 5);
    this.selected = new Int32Array(words);
    this.selectedCount = 0;
    this.bitsValid = false;
    this.selectionValid = false;
    this.selectionComplete = false;
    this.walkOrder = new Uint32Array(0);
    this.marks = new Int32Array(words);
    this.changed.clear();
    this.placed.clear();
    this.evaluated = undefined;
    this.filter = this.compile(this.filter.params);
  }

  setNodeIds(nodeIds: readonly string[]): void {
    this.nodeIds = nodeIds;
  }

  /** Sets the query (absolute bounds already resolved); evaluated on the next read. */
  setParams(params: JobListParams): void {
    this.filter = this.compile(params);
  }

  /** How many jobs the store holds. */
  get size(): number {
    return this.columns.size;
  }

  job(id: string): Job | undefined {
    const row = this.columns.rowOfId(id);
    return row < 0 ? undefined : this.columns.job(row);
  }

  /**
   * Merges one job: kept only when newer than what is held. Patches the selection bit
   * and the counters at once (constant time); the order of the selection is patched on
   * the next read.
   */
  apply(job: Job): ApplyResult {
    const c = this.columns;
    let row = c.rowOfId(job.id);
    const isNew = row < 0;
    if (!isNew && job.version <= c.version[row]!) {
      return { applied: false, isNew, matches: false, wasSelected: false };
    }
    const evaluated = this.evaluated;
    const wasSelected = !isNew && evaluated !== undefined && this.isSelected(evaluated, row);
    const before: number[] = [];
    // The row's value for the selection's order: if neither it nor the row's membership
    // changes, the row keeps its place and the ordered selection needs no patch.
    const placeBefore = !isNew && evaluated ? c.sortCode(evaluated.sort, row) : 0;
    if (!isNew) {
      for (const perm of this.perms.values()) before.push(c.sortCode(perm.key, row));
      // Out of the counters with the old values, before the columns are overwritten.
      this.groupHours.remove(row);
      if (wasSelected && this.countsValid) this.counts.remove(row);
    }
    if (isNew) row = c.add(job);
    else c.replace(row, job);
    this.groupHours.add(row);
    if (row >>> 5 >= this.selected.length) {
      this.selected = grow(this.selected, (row >>> 5) + 1);
      this.marks = grow(this.marks, (row >>> 5) + 1);
    }
    let k = 0;
    for (const [name, perm] of this.perms) {
      if (isNew || before[k++] !== c.sortCode(perm.key, row)) {
        if (!isNew && !perm.pending.has(row)) perm.placed.add(row);
        perm.pending.add(row);
      }
      // An order not used for a long while is built again rather than patched.
      if (perm.pending.size * 8 > c.size) this.perms.delete(name);
    }
    let selectedNow = false;
    if (evaluated) {
      selectedNow = this.matchRow(evaluated, row);
      if (selectedNow && this.countsValid) this.counts.add(row);
      if (this.bitsValid) {
        this.selectedCount += +selectedNow - +wasSelected;
        if (selectedNow) this.selected[row >>> 5]! |= 1 << (row & 31);
        else this.selected[row >>> 5]! &= ~(1 << (row & 31));
      }
      if (
        this.selectionValid &&
        (isNew || selectedNow !== wasSelected || (selectedNow && c.sortCode(evaluated.sort, row) !== placeBefore))
      ) {
        // At its first change since the last patch, the row's membership is the ordered selection's.
        if (wasSelected && !this.changed.has(row)) this.placed.add(row);
        this.changed.add(row);
      }
    }
    const matches = evaluated === this.filter ? selectedNow : this.matchRow(this.filter, row);
    return { applied: true, isNew, matches, wasSelected };
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
    const pass = this.startAnalysis(now);
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
    const index = this.groupHours;
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
    const index = this.groupHours;
    const selected = this.selected;
    const kept = this.selectedCount;
    if (kept * 4 < n) {
      counts.begin(since, until);
      this.countBits(selected, 0, 1);
    } else if (kept * 2 > n && (index.on || !c.timeCellsOn)) {
      counts.fold(index, new Uint8Array(c.groupCount).fill(1), since, until);
      const left = new Int32Array(selected.length);
      for (let word = 0; word << 5 < n; word++) left[word] = ~selected[word]!;
      // No row past the last: those bits of the last word are not rows left out.
      if (n & 31) left[(n - 1) >>> 5]! &= (1 << (n & 31)) - 1;
      this.countBits(left, counts.total, -1);
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
    const n = this.columns.size;
    this.walkOrder = this.permutation(f.sort, f.order).rows.data;
    if (this.selection.data.length < n) this.selection = new RowList(new Uint32Array(capacityFor(n)), 0);
    else this.selection.length = 0;
    this.walked = 0;
    this.selectionValid = true;
    this.selectionComplete = n === 0;
    this.changed.clear();
    this.placed.clear();
  }

  /**
   * Pass two, as far as needed: the presorted order walked further, keeping the rows whose
   * bit is set (without branching unless few are), a chunk at a time until `count` rows are found.
   */
  private walk(count: number): void {
    const n = this.columns.size;
    const order = this.walkOrder;
    const selected = this.selected;
    const out = this.selection.data;
    const every = this.selectedCount === n;
    const sparse = this.selectedCount * 8 < n;
    let k = this.selection.length;
    let i = this.walked;
    while (i < n && k < count) {
      const end = Math.min(n, i + WALK_CHUNK);
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
    this.selection.move(this.marks, placed, entering, this.columns.comparator(f.sort, f.order));
  }

  /** Every row in the order of `key` and `order`, patched for the rows that changed since it was last used. */
  private permutation(key: SortKey, order: 'asc' | 'desc'): Permutation {
    const name = `${key} ${order}`;
    const n = this.columns.size;
    let perm = this.perms.get(name);
    if (!perm) {
      perm = { key, order, rows: new RowList(this.columns.buildPermutation(key, order), n), pending: new Set(), placed: new Set() };
    } else if (perm.pending.size) {
      const rows = [...perm.pending];
      perm.rows.move(this.marks, perm.placed, rows, this.columns.comparator(key, order));
      perm.pending.clear();
      perm.placed.clear();
    }
    this.perms.delete(name);
    this.perms.set(name, perm);
    for (const oldest of this.perms.keys()) {
      if (this.perms.size <= KEPT_ORDERS) break;
      this.perms.delete(oldest);
    }
    return perm;
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

  private compile(params: JobListParams): CompiledFilter {
    const c = this.columns;
    const needle = normalizeSearch(params.q);
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
      groupMask: new Uint8Array(capacityFor(c.groupCount)),
      groupsDone: 0,
      textHits: new Uint8Array(needle ? capacityFor(c.textCount) : 0),
      textsDone: 0,
    };
  }
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
