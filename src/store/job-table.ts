/**
 * The jobs of a memory engine as columns, with what every query over them shares: the
 * per-group counts by hour and the presorted orders. A query over the table
 * (`MemoryEngine`) observes its changes and keeps its own selection: the page's store has
 * one table and one query; the reference server one table and a query per question it
 * was lately asked, all patched by each live change in constant time.
 */
import type { Job, SortKey } from '../model/index.js';
import type { AnalysisScratch } from './analysis-pass.js';
import { GroupHours } from './group-hours.js';
import { JobColumns } from './job-columns.js';
import { RowList } from './sorted-rows.js';
import { grow } from './string-dictionary.js';

/** What a query over the table is told of each change. */
export interface TableObserver {
  /** The row is about to change: its columns still hold the job it replaces. */
  changing(row: number): void;
  /** The row was written: a new job (`isNew`) or a new version of one. */
  changed(row: number, isNew: boolean): void;
  /** Every row was replaced (a load): whatever was derived from the rows is gone. */
  reloaded(): void;
}

/** Every row in one sort order, and the rows whose place in it may have changed since. */
export interface Permutation {
  readonly key: SortKey;
  readonly order: 'asc' | 'desc';
  readonly rows: RowList;
  /** Moves whenever `rows` does: a query that walked an older arrangement walks again. */
  arrangement: number;
  /** Rows to put in their place: new ones, and those whose value for the key changed. */
  pending: Set<number>;
  /** Those of `pending` that `rows` holds, at their old place (to take out). */
  placed: Set<number>;
}

export interface TableOptions {
  /** Most cells of the timeline's hourly histograms (a test lowers it to reach the row-by-row fallbacks). */
  maxTimeCells?: number;
  /** Sort orders kept, least recently used dropped first (each is 4 bytes a job; default 3). */
  keptOrders?: number;
}

/** What writing one job did. */
export interface TableChange {
  /** False when the table already held this version or a newer one. */
  applied: boolean;
  isNew: boolean;
  row: number;
}

const KEPT_ORDERS = 3;
let arrangements = 0;

export class JobTable {
  columns: JobColumns;
  /** Every row counted by group and hour: the aggregates of a filter on group fields, without a pass over rows. */
  groupHours: GroupHours;
  /** Scratch bits over every row, for patching lists: borrowed zeroed, given back zeroed. */
  marks = new Int32Array(2);
  /** The histograms of the analyses counted at once (one at a time): kept, rather than megabytes made a pass. */
  readonly analysisScratch: AnalysisScratch = {};
  readonly maxTimeCells: number | undefined;
  private readonly keptOrders: number;
  /** Presorted orders, by `"<key> <order>"`, most recently used last. */
  private readonly perms = new Map<string, Permutation>();
  private readonly observers = new Set<TableObserver>();

  constructor(options: TableOptions = {}) {
    this.maxTimeCells = options.maxTimeCells;
    this.keptOrders = options.keptOrders ?? KEPT_ORDERS;
    this.columns = new JobColumns(this.maxTimeCells);
    this.groupHours = new GroupHours(this.columns, this.maxTimeCells);
  }

  /** Replaces every job (first load, resync). */
  load(jobs: Iterable<Job>): void {
    const columns = new JobColumns(this.maxTimeCells);
    columns.load(jobs);
    this.columns = columns;
    this.groupHours = new GroupHours(columns, this.maxTimeCells);
    this.perms.clear();
    this.marks = new Int32Array(((columns.size + 31) >>> 5) + 1);
    for (const observer of this.observers) observer.reloaded();
  }

  /** How many jobs the table holds. */
  get size(): number {
    return this.columns.size;
  }

  job(id: string): Job | undefined {
    const row = this.columns.rowOfId(id);
    return row < 0 ? undefined : this.columns.job(row);
  }

  /**
   * The job at a row (rows are numbered in the order the jobs came), made anew and not
   * kept: the reads of a simulation that keeps its jobs here are used once and dropped.
   */
  jobAt(row: number): Job {
    return this.columns.read(row);
  }

  /** Merges one job: kept only when newer than the version held. */
  apply(job: Job): TableChange {
    return this.write(job, false);
  }

  /**
   * Writes one job whatever the version held: for the owner of the jobs (a simulation),
   * whose word is the truth. Returns the job's row.
   */
  put(job: Job): number {
    return this.write(job, true).row;
  }

  /** Calls the observer at each change; returns the function that stops it. */
  observe(observer: TableObserver): () => void {
    this.observers.add(observer);
    return () => void this.observers.delete(observer);
  }

  private write(job: Job, always: boolean): TableChange {
    const c = this.columns;
    let row = c.rowOfId(job.id);
    const isNew = row < 0;
    if (!isNew && !always && job.version <= c.version[row]!) return { applied: false, isNew, row };
    const before: number[] = [];
    if (!isNew) {
      for (const observer of this.observers) observer.changing(row);
      for (const perm of this.perms.values()) before.push(c.sortCode(perm.key, row));
      // Out of the counters with the old values, before the columns are overwritten.
      this.groupHours.remove(row);
    }
    if (isNew) row = c.add(job);
    else c.replace(row, job);
    this.groupHours.add(row);
    if (row >>> 5 >= this.marks.length) this.marks = grow(this.marks, (row >>> 5) + 1);
    let k = 0;
    for (const [name, perm] of this.perms) {
      if (isNew || before[k++] !== c.sortCode(perm.key, row)) {
        if (!isNew && !perm.pending.has(row)) perm.placed.add(row);
        perm.pending.add(row);
      }
      // An order not used for a long while is built again rather than patched.
      if (perm.pending.size * 8 > c.size) this.drop(name, perm);
    }
    for (const observer of this.observers) observer.changed(row, isNew);
    return { applied: true, isNew, row };
  }

  /** Every row in the order of `key` and `order`, patched for the rows that changed since it was last used. */
  permutation(key: SortKey, order: 'asc' | 'desc'): Permutation {
    const name = `${key} ${order}`;
    let perm = this.perms.get(name);
    if (!perm) {
      const rows = new RowList(this.columns.buildPermutation(key, order), this.columns.size);
      perm = { key, order, rows, arrangement: ++arrangements, pending: new Set(), placed: new Set() };
    } else {
      this.place(perm);
    }
    this.perms.delete(name);
    this.perms.set(name, perm);
    for (const [oldest, dropped] of this.perms) {
      if (this.perms.size <= this.keptOrders) break;
      this.drop(oldest, dropped);
    }
    return perm;
  }

  /** Forgets an order; a query part way through walking it walks the new one. */
  private drop(name: string, perm: Permutation): void {
    this.perms.delete(name);
    perm.arrangement = ++arrangements;
  }

  /**
   * Puts the changed rows of one kept order in place (the least recently used first);
   * returns whether others still wait. A server's work after its clock moved the jobs,
   * an order at a time between requests, so that no request waits for all of them (a
   * request for an order still waiting places it itself).
   */
  settleOne(): boolean {
    let placed = false;
    for (const perm of this.perms.values()) {
      if (!perm.pending.size) continue;
      if (placed) return true;
      this.place(perm);
      placed = true;
    }
    return false;
  }

  private place(perm: Permutation): void {
    if (!perm.pending.size) return;
    perm.rows.move(this.marks, perm.placed, [...perm.pending], this.columns.comparator(perm.key, perm.order));
    perm.pending.clear();
    perm.placed.clear();
    perm.arrangement = ++arrangements;
  }
}
