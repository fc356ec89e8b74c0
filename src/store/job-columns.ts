/**
 * Every job of a memory-mode store, by row, with the fields a query reads kept as
 * typed-array columns: filtering scans numbers, not objects. Rows are never removed
 * (jobs do not disappear; a resync builds new columns).
 */
import { JOB_STATES, JOB_TYPES, type Job, type JobState, type JobType, type SortKey } from '../model/index.js';
import { grow, StringDictionary } from './string-dictionary.js';

export const STATE_CODE: Record<JobState, number> = Object.fromEntries(JOB_STATES.map((s, i) => [s, i])) as Record<
  JobState,
  number
>;
export const TYPE_CODE: Record<JobType, number> = Object.fromEntries(JOB_TYPES.map((t, i) => [t, i])) as Record<
  JobType,
  number
>;
/** Types compare as strings when sorting: rank of each type code in alphabetical order. */
const TYPE_SORT_RANK = Uint32Array.from(JOB_TYPES, (t) => [...JOB_TYPES].sort().indexOf(t));

export class JobColumns {
  /** Job objects by row. */
  readonly jobs: Job[] = [];
  readonly ids: string[] = [];
  private readonly rowOf = new Map<string, number>();

  state = new Uint8Array(64);
  type = new Uint8Array(64);
  node = new Uint32Array(64);
  stage = new Uint32Array(64);
  name = new Uint32Array(64);
  description = new Uint32Array(64);
  createdAt = new Float64Array(64);
  updatedAt = new Float64Array(64);
  /** NaN while the job has not finished. */
  finishedAt = new Float64Array(64);

  readonly nodes = new StringDictionary();
  readonly stages = new StringDictionary();
  readonly names = new StringDictionary();
  readonly descriptions = new StringDictionary();

  /** Rank of each row's id in id order; rebuilt lazily after rows are added. */
  private idRankCache: Uint32Array | undefined;

  get size(): number {
    return this.jobs.length;
  }

  rowOfId(id: string): number {
    return this.rowOf.get(id) ?? -1;
  }

  /** Adds a new job; returns its row. */
  add(job: Job): number {
    const row = this.jobs.length;
    if (row >= this.state.length) this.reserve(row + 1);
    this.jobs.push(job);
    this.ids.push(job.id);
    this.rowOf.set(job.id, row);
    this.write(row, job);
    this.idRankCache = undefined;
    return row;
  }

  /** Replaces the job at `row` (same id) with a newer version. */
  replace(row: number, job: Job): void {
    this.jobs[row] = job;
    this.write(row, job);
  }

  private write(row: number, job: Job): void {
    this.state[row] = STATE_CODE[job.state];
    this.type[row] = TYPE_CODE[job.type];
    this.node[row] = this.nodes.encode(job.node);
    this.stage[row] = this.stages.encode(job.stage);
    this.name[row] = this.names.encode(job.name);
    this.description[row] = this.descriptions.encode(job.description);
    this.createdAt[row] = Date.parse(job.createdAt);
    this.updatedAt[row] = Date.parse(job.updatedAt);
    this.finishedAt[row] = job.finishedAt === null ? NaN : Date.parse(job.finishedAt);
  }

  private reserve(size: number): void {
    this.state = grow(this.state, size);
    this.type = grow(this.type, size);
    this.node = grow(this.node, size);
    this.stage = grow(this.stage, size);
    this.name = grow(this.name, size);
    this.description = grow(this.description, size);
    this.createdAt = grow(this.createdAt, size);
    this.updatedAt = grow(this.updatedAt, size);
    this.finishedAt = grow(this.finishedAt, size);
  }

  /** A number per row that is equal for two rows exactly when their `key` values are equal. */
  valueColumn(key: SortKey): Uint8Array | Uint32Array | Float64Array {
    switch (key) {
      case 'createdAt':
        return this.createdAt;
      case 'updatedAt':
        return this.updatedAt;
      case 'state':
        return this.state;
      case 'type':
        return this.type;
      case 'node':
        return this.node;
      case 'stage':
        return this.stage;
      case 'name':
        return this.name;
      case 'description':
        return this.description;
    }
  }

  /**
   * Compares two rows as `jobComparator(key, order)` compares their jobs: the column in
   * the asked direction, then the id ascending.
   */
  comparator(key: SortKey, order: 'asc' | 'desc'): (a: number, b: number) => number {
    const sign = order === 'asc' ? 1 : -1;
    const ids = this.ids;
    const byId = (a: number, b: number) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
    const dict = this.dictionaryOf(key);
    if (dict) {
      const col = this.valueColumn(key);
      const values = dict.values;
      return (a, b) => {
        const va = values[col[a]!]!;
        const vb = values[col[b]!]!;
        return (va < vb ? -sign : va > vb ? sign : 0) || byId(a, b);
      };
    }
    if (key === 'type') {
      const col = this.type;
      return (a, b) => sign * (TYPE_SORT_RANK[col[a]!]! - TYPE_SORT_RANK[col[b]!]!) || byId(a, b);
    }
    const col = this.valueColumn(key);
    return (a, b) => sign * (col[a]! - col[b]!) || byId(a, b);
  }

  dictionaryOf(key: SortKey): StringDictionary | undefined {
    switch (key) {
      case 'node':
        return this.nodes;
      case 'stage':
        return this.stages;
      case 'name':
        return this.names;
      case 'description':
        return this.descriptions;
      default:
        return undefined;
    }
  }

  /**
   * Every row sorted by `key` ascending, ties by id ascending. Dictionary and code
   * columns use a counting sort over the rows in id order (linear); dates sort numbers.
   */
  buildPermutation(key: SortKey): Uint32Array {
    const n = this.size;
    const idRank = this.idRank();
    const byId = new Uint32Array(n);
    for (let row = 0; row < n; row++) byId[idRank[row]!] = row;
    if (key === 'createdAt' || key === 'updatedAt') {
      const col = this.valueColumn(key);
      return byId.sort((a, b) => col[a]! - col[b]! || idRank[a]! - idRank[b]!);
    }
    const col = this.valueColumn(key);
    const dict = this.dictionaryOf(key);
    const rank: Uint32Array = dict ? dict.ranks() : key === 'type' ? TYPE_SORT_RANK : Uint32Array.from(JOB_STATES, (_, i) => i);
    const starts = new Uint32Array(rank.length + 1);
    for (let row = 0; row < n; row++) starts[rank[col[row]!]! + 1]!++;
    for (let r = 1; r < starts.length; r++) starts[r]! += starts[r - 1]!;
    const perm = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const row = byId[i]!;
      perm[starts[rank[col[row]!]!]!++] = row;
    }
    return perm;
  }

  private idRank(): Uint32Array {
    if (this.idRankCache) return this.idRankCache;
    const ids = this.ids;
    const order = Array.from({ length: ids.length }, (_, i) => i);
    order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    const rank = new Uint32Array(ids.length);
    for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
    this.idRankCache = rank;
    return rank;
  }
}
