/**
 * The contract's questions (a page of a query, its summary) answered from one `JobTable`
 * for many clients at once, as the reference server answers them: a `MemoryEngine` per
 * query lately asked, the least recently used dropped first. Each keeps its selection bits
 * and counts, patched by every change of the table in constant time; a page is read from
 * the table's presorted order and those bits (`rowsFrom`). A question asked again costs
 * what changed since, a new one a pass over the table's columns, never over job objects.
 */
import type { Job, JobAnalysis, JobListParams, JobSummary, SortKey, SortOrder } from '../model/index.js';
import { normalizeSearch } from '../source/job-selection.js';
import type { JobTable } from './job-table.js';
import { MemoryEngine } from './memory-engine.js';

export interface TableQueriesOptions {
  /** Now, in epoch ms: the end of an open timeline. */
  clock: () => number;
  /** Nodes every summary names, counted or not. */
  nodeIds?: readonly string[];
  /** Queries kept (default 16): each holds a bit a job and its counts. */
  kept?: number;
}

/** Where a page starts: after a keyset position (a cursor's value and id), or at an offset. */
export type PageStart = { value: string | number; id: string } | { offset: number };

export interface QueryPage {
  items: Job[];
  /** How many jobs the query selects. */
  total: number;
  /** Whether jobs follow the last one given. */
  more: boolean;
}

const KEPT = 16;

export class TableQueries {
  private readonly clock: () => number;
  private nodeIds: readonly string[];
  private readonly kept: number;
  /** By the query's selection and order, most recently used last. */
  private readonly engines = new Map<string, MemoryEngine>();

  constructor(
    readonly table: JobTable,
    options: TableQueriesOptions,
  ) {
    this.clock = options.clock;
    this.nodeIds = options.nodeIds ?? [];
    this.kept = options.kept ?? KEPT;
  }

  setNodeIds(nodeIds: readonly string[]): void {
    this.nodeIds = nodeIds;
    for (const engine of this.engines.values()) engine.setNodeIds(nodeIds);
  }

  /** `limit` jobs of a query in its order, from `start`. */
  page(params: JobListParams, start: PageStart, limit: number): QueryPage {
    const engine = this.engine(params, params.sort ?? 'createdAt', params.order ?? 'desc');
    // One more than asked for says whether more follow.
    const rows = engine.rowsFrom('offset' in start ? start.offset : start, limit + 1);
    const items = rows.slice(0, limit).map((row) => engine.read(row));
    return { items, total: engine.total, more: rows.length > limit };
  }

  /** The aggregates of a query (its order does not matter: any kept engine of the same selection answers). */
  summary(params: JobListParams): JobSummary {
    return this.anyOrder(params).summary;
  }

  /** The analysis of a query at `now` (`model/analysis.ts`): one pass over its selected rows. */
  analysis(params: JobListParams, now: number = this.clock()): JobAnalysis {
    return this.anyOrder(params).analysis(now);
  }

  /** Stops every kept query following the table. */
  clear(): void {
    for (const engine of this.engines.values()) engine.dispose();
    this.engines.clear();
  }

  /** A kept engine of the query's selection in any order, or a new one in its own. */
  private anyOrder(params: JobListParams): MemoryEngine {
    const selection = selectionKey(params);
    let found: MemoryEngine | undefined;
    for (const [key, engine] of this.engines) {
      if (key.startsWith(`${selection}|`)) found = engine;
    }
    return found ?? this.engine(params, params.sort ?? 'createdAt', params.order ?? 'desc');
  }

  private engine(params: JobListParams, sort: SortKey, order: SortOrder): MemoryEngine {
    const key = `${selectionKey(params)}|${sort}|${order}`;
    let engine = this.engines.get(key);
    if (engine) {
      this.engines.delete(key);
    } else {
      // The least recently used query makes room, and gives the new one its arrays.
      let recycled: MemoryEngine | undefined;
      if (this.engines.size >= this.kept) {
        const [oldest, dropped] = this.engines.entries().next().value!;
        this.engines.delete(oldest);
        dropped.dispose();
        recycled = dropped;
      }
      engine = new MemoryEngine({ ...params, sort, order }, this.clock, this.nodeIds, this.table, recycled);
    }
    this.engines.set(key, engine);
    return engine;
  }
}

/** The same text for two queries that select the same jobs (order of repeated values aside). */
function selectionKey(p: JobListParams): string {
  const sorted = (values: readonly string[] | undefined) => (values ? [...new Set(values)].sort() : []);
  return JSON.stringify([
    p.since ? Date.parse(p.since) : null,
    p.until ? Date.parse(p.until) : null,
    sorted(p.state),
    sorted(p.node),
    sorted(p.type),
    sorted(p.stage),
    normalizeSearch(p.q),
  ]);
}
