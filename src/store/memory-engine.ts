/**
 * The memory-mode query engine: the selection of a query over `JobColumns`, in the
 * query's order, with its aggregates. Gives exactly the answers of `jobMatcher`,
 * `jobComparator` and `summarize()` (tested equal), at a cost that does not grow with
 * the objects: filters scan typed arrays, sort orders are kept presorted, a narrower
 * query refines the previous selection, and live updates patch instead of recomputing.
 */
import { JOB_STATES, JOB_TYPES, SORT_KEYS, type Job, type JobListParams, type JobSummary, type SortKey } from '../model/index.js';
import { normalizeSearch } from '../source/job-query.js';
import { JobColumns, STATE_CODE, TYPE_CODE } from './job-columns.js';
import { RowList } from './sorted-rows.js';
import { capacityFor, grow, type StringDictionary } from './string-dictionary.js';
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
  nodeMask: Uint8Array | undefined;
  stageMask: Uint8Array | undefined;
  sinceMs: number;
  untilMs: number;
  needle: string;
  /** Per type code, whether the type's name contains the needle. */
  typeHits: Uint8Array;
}

/** Every row in one sort order, and the rows whose place in it may have changed since. */
interface Permutation {
  key: SortKey;
  order: 'asc' | 'desc';
  rows: RowList;
  pending: Set<number>;
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

const STATE_COUNT = JOB_STATES.length;

export class MemoryEngine {
  private columns = new JobColumns();
  /** Presorted orders, by `"<key> <order>"`, built when first asked for. */
  private perms = new Map<string, Permutation>();
  private filter: CompiledFilter;
  private counts: SummaryCounts;
  private selection = new RowList();
  /** Per row, 1 when the row is in the selection. */
  private selected = new Uint8Array(64);
  /** Scratch marks for patching lists. */
  private marks = new Uint8Array(64);
  private queryStale = true;
  /** Rows changed or added since the selection was last brought up to date. */
  private changed = new Set<number>();
  private summaryCache: JobSummary | undefined;

  constructor(
    params: JobListParams,
    private readonly clock: () => number,
    private nodeIds: readonly string[] = [],
  ) {
    this.filter = this.compile(params);
    this.counts = new SummaryCounts(this.columns, NaN, NaN);
  }

  /** Replaces every job (first load, resync). */
  load(jobs: Iterable<Job>): void {
    this.columns = new JobColumns();
    for (const job of jobs) {
      const row = this.columns.rowOfId(job.id);
      if (row < 0) this.columns.add(job);
      else if (job.version > this.columns.jobs[row]!.version) this.columns.replace(row, job);
    }
    this.counts = new SummaryCounts(this.columns, NaN, NaN);
    this.perms.clear();
    this.selection = new RowList();
    this.selected = new Uint8Array(capacityFor(this.columns.size));
    this.marks = new Uint8Array(capacityFor(this.columns.size));
    this.changed.clear();
    this.filter = this.compile(this.filter.params);
    this.queryStale = true;
    // A selection computed over the jobs held before cannot be narrowed: it is of other rows.
    this.previousForNarrowing = undefined;
  }

  setNodeIds(nodeIds: readonly string[]): void {
    this.nodeIds = nodeIds;
    this.summaryCache = undefined;
  }

  /** Sets the query (absolute bounds already resolved); evaluated on the next read. */
  setParams(params: JobListParams): void {
    this.filter = this.compile(params);
    this.queryStale = true;
    this.summaryCache = undefined;
  }

  job(id: string): Job | undefined {
    const row = this.columns.rowOfId(id);
    return row < 0 ? undefined : this.columns.jobs[row];
  }

  /**
   * Merges one job: kept only when newer than what is held. Patches the aggregates at
   * once; the selection's order is patched on the next read.
   */
  apply(job: Job): ApplyResult {
    const c = this.columns;
    let row = c.rowOfId(job.id);
    const isNew = row < 0;
    if (!isNew && job.version <= c.jobs[row]!.version) {
      return { applied: false, isNew, matches: false, wasSelected: false };
    }
    const wasSelected = !isNew && this.selected[row] === 1;
    const before = isNew ? undefined : this.sortValues(row);
    // Out of the counters with the old values, before the columns are overwritten.
    if (wasSelected && !this.queryStale) this.counts.patchRow(row, -1);
    if (isNew) row = c.add(job);
    else c.replace(row, job);
    if (row >= this.selected.length) {
      this.selected = grow(this.selected, row + 1);
      this.marks = grow(this.marks, row + 1);
    }
    for (const [name, perm] of this.perms) {
      if (before && before[perm.key] === c.valueColumn(perm.key)[row]) continue;
      perm.pending.add(row);
      // An order not used for a long while would rather be built again than patched.
      if (perm.pending.size * 8 > c.size) this.perms.delete(name);
    }
    this.summaryCache = undefined;
    // Also keeps a pending narrower query from refining a selection that predates this change.
    this.changed.add(row);
    const matches = this.matchRow(row);
    if (this.queryStale) return { applied: true, isNew, matches, wasSelected };
    if (matches) this.counts.patchRow(row, 1);
    this.selected[row] = matches ? 1 : 0;
    return { applied: true, isNew, matches, wasSelected };
  }

  /** How many jobs the query selects. */
  get total(): number {
    this.refresh();
    return this.selection.length;
  }

  jobAt(index: number): Job | undefined {
    this.refresh();
    if (index < 0 || index >= this.selection.length) return undefined;
    return this.columns.jobs[this.selection.data[index]!];
  }

  indexOf(id: string): number {
    this.refresh();
    const row = this.columns.rowOfId(id);
    if (row < 0 || !this.selected[row]) return -1;
    return this.selection.indexOf(row, this.columns.comparator(this.filter.sort, this.filter.order));
  }

  /** The aggregates; the timeline ends at the clock's now when the query has no end. */
  get summary(): JobSummary {
    this.refresh();
    if (this.counts.updateTimeline(this.selected, this.clock())) this.summaryCache = undefined;
    this.summaryCache ??= this.counts.toSummary(this.nodeIds);
    return this.summaryCache;
  }

  /** Brings the selection, its order and the aggregates up to date. */
  refresh(): void {
    if (this.queryStale) this.evaluate();
    else if (this.changed.size) this.patchSelection();
  }

  private evaluate(): void {
    const previous = this.previousForNarrowing;
    this.previousForNarrowing = undefined;
    const f = this.filter;
    // Strings first seen since the query was compiled get their place in the masks.
    if (f.nodes) f.nodeMask = dictionaryMask(this.columns.nodes, f.nodes);
    if (f.stages) f.stageMask = dictionaryMask(this.columns.stages, f.stages);
    this.counts.reset(f.sinceMs === -Infinity ? NaN : f.sinceMs, f.untilMs === Infinity ? NaN : f.untilMs);
    if (previous && !this.changed.size && narrows(previous, f)) this.evaluateWithin();
    else this.evaluateAll();
    this.changed.clear();
    this.queryStale = false;
    this.summaryCache = undefined;
    this.previousForNarrowing = f;
  }

  /** The filter the current selection was computed with, when a narrower one may refine it. */
  private previousForNarrowing: CompiledFilter | undefined;

  /** Full pass: match every row in row order (sequential reads), then walk the sort permutation. */
  private evaluateAll(): void {
    const c = this.columns;
    const n = c.size;
    const f = this.filter;
    const selected = this.selected;
    const counts = this.counts;
    const { state, type, node, stage, name, description, createdAt, finishedAt } = c;
    const states = f.states;
    const types = f.types;
    const nodeMask = f.nodeMask;
    const stageMask = f.stageMask;
    const since = f.sinceMs;
    const until = f.untilMs;
    const hasPeriod = since !== -Infinity || until !== Infinity;
    const searching = f.needle !== '';
    const typeHits = f.typeHits;
    const nameHits = searching ? c.names.search(f.needle) : undefined;
    const descriptionHits = searching ? c.descriptions.search(f.needle) : undefined;
    // The aggregates are counted in the same pass.
    const { byState, byType, byNodeState } = counts;
    let total = 0;
    let oldest = Infinity;
    // Without `since`, the timeline starts at the oldest selected job.
    const trackOldest = since === -Infinity;
    for (let row = 0; row < n; row++) {
      let ok =
        (!states || states[state[row]!] === 1) &&
        (!types || types[type[row]!] === 1) &&
        (!nodeMask || nodeMask[node[row]!] === 1) &&
        (!stageMask || stageMask[stage[row]!] === 1);
      if (ok && hasPeriod) {
        const finished = finishedAt[row]!;
        ok = createdAt[row]! < until && !(finished < since);
      }
      if (ok && searching) {
        ok = typeHits[type[row]!] === 1 || nameHits![name[row]!] === 1 || descriptionHits![description[row]!] === 1;
      }
      if (ok) {
        selected[row] = 1;
        const code = state[row]!;
        total++;
        byState[code]!++;
        byType[type[row]!]!++;
        byNodeState[node[row]! * STATE_COUNT + code]!++;
        if (trackOldest && createdAt[row]! < oldest) oldest = createdAt[row]!;
      } else selected[row] = 0;
    }
    counts.counted(total, oldest);
    // The selection in order: the presorted rows, filtered.
    const order = this.permutation(f.sort, f.order).rows.data;
    const out = this.selection.data.length >= total ? this.selection.data : new Uint32Array(capacityFor(total));
    let k = 0;
    for (let i = 0; i < n; i++) {
      const row = order[i]!;
      if (selected[row]) out[k++] = row;
    }
    this.selection = new RowList(out, k);
  }

  /** The query only narrowed: keep the rows of the previous selection that still match, in order. */
  private evaluateWithin(): void {
    const data = this.selection.data;
    const length = this.selection.length;
    let k = 0;
    for (let i = 0; i < length; i++) {
      const row = data[i]!;
      if (this.matchRow(row)) {
        data[k++] = row;
        this.counts.countRow(row);
      } else this.selected[row] = 0;
    }
    this.selection.length = k;
  }

  /** Live changes: take the changed rows out of the selection and put back those that match, in place. */
  private patchSelection(): void {
    const rows = [...this.changed];
    this.changed.clear();
    if (rows.length * 8 > this.columns.size) {
      this.queryStale = true;
      this.previousForNarrowing = undefined;
      this.evaluate();
      return;
    }
    const marks = this.marks;
    for (const row of rows) marks[row] = 1;
    const compare = this.columns.comparator(this.filter.sort, this.filter.order);
    this.selection.patch(
      marks,
      rows.filter((row) => this.selected[row] === 1),
      compare,
    );
    for (const row of rows) marks[row] = 0;
  }

  /**
   * Every row in the order of `key` and `order`, patched for the rows that changed since
   * it was last used. Built the first time: ascending from the columns, descending from
   * the ascending one.
   */
  private permutation(key: SortKey, order: 'asc' | 'desc'): Permutation {
    const name = `${key} ${order}`;
    let perm = this.perms.get(name);
    const n = this.columns.size;
    if (!perm || perm.pending.size * 8 > n) {
      const rows =
        order === 'asc'
          ? this.columns.buildPermutation(key)
          : descending(this.permutation(key, 'asc').rows.data, n, this.columns.valueColumn(key));
      perm = { key, order, rows: new RowList(rows, n), pending: new Set() };
      this.perms.set(name, perm);
    } else if (perm.pending.size) {
      const rows = [...perm.pending];
      perm.pending.clear();
      const marks = this.marks;
      for (const row of rows) marks[row] = 1;
      perm.rows.patch(marks, rows, this.columns.comparator(key, order));
      for (const row of rows) marks[row] = 0;
    }
    return perm;
  }

  private sortValues(row: number): Record<SortKey, number> {
    const values = {} as Record<SortKey, number>;
    for (const key of SORT_KEYS) values[key] = this.columns.valueColumn(key)[row]!;
    return values;
  }

  private matchRow(row: number): boolean {
    const c = this.columns;
    const f = this.filter;
    if (f.states && f.states[c.state[row]!] !== 1) return false;
    if (f.types && f.types[c.type[row]!] !== 1) return false;
    if (f.nodes && !inSet(f.nodeMask!, f.nodes, c.nodes, c.node[row]!)) return false;
    if (f.stages && !inSet(f.stageMask!, f.stages, c.stages, c.stage[row]!)) return false;
    if (f.sinceMs !== -Infinity || f.untilMs !== Infinity) {
      if (!(c.createdAt[row]! < f.untilMs) || c.finishedAt[row]! < f.sinceMs) return false;
    }
    if (f.needle) {
      return (
        f.typeHits[c.type[row]!] === 1 ||
        c.names.search(f.needle)[c.name[row]!] === 1 ||
        c.descriptions.search(f.needle)[c.description[row]!] === 1
      );
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
    const nodes = params.node?.length ? new Set<string>(params.node) : undefined;
    const stages = params.stage?.length ? new Set<string>(params.stage) : undefined;
    return {
      params,
      sort: params.sort ?? 'createdAt',
      order: params.order ?? 'desc',
      states: params.state?.length ? codeMask(JOB_STATES.length, params.state.map((s) => STATE_CODE[s])) : undefined,
      types: params.type?.length ? codeMask(JOB_TYPES.length, params.type.map((t) => TYPE_CODE[t])) : undefined,
      nodes,
      stages,
      nodeMask: nodes && dictionaryMask(c.nodes, nodes),
      stageMask: stages && dictionaryMask(c.stages, stages),
      sinceMs: params.since ? Date.parse(params.since) : -Infinity,
      untilMs: params.until ? Date.parse(params.until) : Infinity,
      needle,
      typeHits: Uint8Array.from(JOB_TYPES, (t) => (needle && t.toLowerCase().includes(needle) ? 1 : 0)),
    };
  }
}

function codeMask(size: number, codes: number[]): Uint8Array {
  const mask = new Uint8Array(size);
  for (const code of codes) mask[code] = 1;
  return mask;
}

/** A mask over a dictionary's ids for a set of strings; ids added later are checked by `inSet`. */
function dictionaryMask(dict: StringDictionary, values: Set<string>): Uint8Array {
  const mask = new Uint8Array(capacityFor(dict.size));
  for (const value of values) {
    const id = dict.find(value);
    if (id >= 0) mask[id] = 1;
  }
  return mask;
}

function inSet(mask: Uint8Array, values: Set<string>, dict: StringDictionary, id: number): boolean {
  return mask[id] === 1 || values.has(dict.values[id]!);
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
    p.since === q.since &&
    p.until === q.until &&
    subset(p.state, q.state) &&
    subset(p.node, q.node) &&
    subset(p.type, q.type) &&
    subset(p.stage, q.stage) &&
    next.needle.includes(previous.needle)
  );
}

/**
 * Rows sorted by value ascending (ties by id ascending) turned into value descending,
 * ties still by id ascending: the runs of equal values in reverse, each run in order.
 */
function descending(ascending: Uint32Array, length: number, values: ArrayLike<number>): Uint32Array {
  const rows = new Uint32Array(capacityFor(length));
  let out = 0;
  let end = length;
  while (end > 0) {
    let start = end - 1;
    const value = values[ascending[start]!];
    while (start > 0 && values[ascending[start - 1]!] === value) start--;
    for (let i = start; i < end; i++) rows[out++] = ascending[i]!;
    end = start;
  }
  return rows;
}
