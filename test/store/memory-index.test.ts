/**
 * The memory engine's indexes (group and text codes, per-group counts by hour, sort
 * orders, selection bits) against the plain reference, driven directly: every path a
 * read may take (full scan, refine, sort-only, fold of the group counts, row count,
 * timeline by hour or by row) after any mix of queries and live updates.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { JOB_STATES, JOB_TYPES, SORT_KEYS, type Job, type JobListParams } from '../../src/model/index.js';
import { indexAfterCursor, jobComparator, jobMatcher, sortValue, summarize } from '../../src/source/job-query.js';
import { JobTable } from '../../src/store/job-table.js';
import { MemoryEngine } from '../../src/store/memory-engine.js';
import { TableQueries, type PageStart } from '../../src/store/table-queries.js';
import { countingSortRows, radixSortRows } from '../../src/store/sorted-rows.js';
import { plainSummary } from './helpers.js';
import { NOW } from './jobs.js';

const HOUR = 3_600_000;
const NODE_IDS = ['node-1', 'node-2', 'İ', '__proto__'];
/** Text whose case mapping surprises (length-changing, context-dependent, lookalikes, astral). */
const TRICKY = ['İ', 'ı', 'i', 'I', 'ß', 'ẞ', 'Σ', 'σ', 'ς', 'K', 'k', 'Å', 'ﬁ', 'e\u0301', 'é', '𝒜', 'a', 'A', 'tar', 'Tape', '_', ' '];
const text = fc.array(fc.constantFrom(...TRICKY), { maxLength: 5 }).map((parts) => parts.join(''));

const fields = fc.record({
  name: text.filter((s) => s.length > 0),
  description: text,
  type: fc.constantFrom(...JOB_TYPES),
  state: fc.constantFrom(...JOB_STATES),
  node: fc.constantFrom(...NODE_IDS, 'node-new'),
  stage: fc.constantFrom('NORMALLY', 'IN_PROGRESS', 'Ünknown'),
  createdHours: fc.integer({ min: -2, max: 24 * 30 }),
  runMinutes: fc.integer({ min: 0, max: 60 * 80 }),
  /** Now and then a date centuries away: the hourly cells give way to counting rows. */
  farAway: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 1),
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;

function jobOf(id: string, version: number, f: Fields, far: boolean): Job {
  const shift = far ? f.farAway * 300 * 365 * 24 * HOUR : 0;
  // Odd milliseconds: ties and hour boundaries both happen.
  const created = NOW - f.createdHours * HOUR + (f.runMinutes % 7) * 1_234 + shift;
  const finished = f.state === 'SUCCESSFUL' || f.state === 'UNSUCCESSFUL';
  const end = created + f.runMinutes * 60_000;
  return {
    id,
    name: f.name,
    type: f.type,
    description: f.description,
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(end).toISOString(),
    startedAt: f.state === 'SCHEDULED' ? null : new Date(created).toISOString(),
    finishedAt: finished ? new Date(end).toISOString() : null,
    node: f.node,
    state: f.state,
    stage: f.stage,
    version,
    progress: { files: { total: 1, done: 0, failed: 0 }, bytes: { total: 1, done: 0 }, share: 's' },
  } as Job;
}

// Some ids with characters past U+00FF, which the columns keep as strings rather than bytes.
const ids = (count: number) => Array.from({ length: count }, (_, i) => `${i % 5 === 0 ? 'ジ' : 'j'}${(i * 37) % 101}-${i}`);

const params = fc.record(
  {
    state: fc.subarray([...JOB_STATES], { minLength: 1 }),
    node: fc.subarray([...NODE_IDS, 'node-new', 'node-none'], { minLength: 1 }),
    type: fc.subarray([...JOB_TYPES], { minLength: 1 }),
    stage: fc.subarray(['NORMALLY', 'IN_PROGRESS', 'Ünknown'], { minLength: 1 }),
    since: fc.integer({ min: 0, max: 24 * 20 }).map((h) => new Date(NOW - h * HOUR - 17).toISOString()),
    until: fc.integer({ min: 0, max: 24 * 20 }).map((h) => new Date(NOW - h * HOUR + 5).toISOString()),
    q: fc.oneof(text, fc.constantFrom('TAPE', 'İ', 'i̇', 'ss', 'Σ', 'a')),
    sort: fc.constantFrom(...SORT_KEYS),
    order: fc.constantFrom('asc' as const, 'desc' as const),
  },
  { requiredKeys: ['sort', 'order'] },
) as fc.Arbitrary<JobListParams>;

type Op =
  | { kind: 'params'; params: JobListParams }
  | { kind: 'extend'; more: string }
  | { kind: 'clear-search' }
  | { kind: 'sort'; sort: JobListParams['sort']; order: 'asc' | 'desc' }
  | { kind: 'update'; index: number; fields: Fields; versionDelta: number }
  | { kind: 'create'; fields: Fields }
  | { kind: 'read' }
  /** What a dashboard alone reads: the summary, no rows. */
  | { kind: 'read-summary' };

const op: fc.Arbitrary<Op> = fc.oneof(
  params.map((p) => ({ kind: 'params' as const, params: p })),
  fc.constantFrom(...TRICKY).map((more) => ({ kind: 'extend' as const, more })),
  fc.constant({ kind: 'clear-search' as const }),
  fc
    .record({ sort: fc.constantFrom(...SORT_KEYS), order: fc.constantFrom('asc' as const, 'desc' as const) })
    .map((s) => ({ kind: 'sort' as const, ...s })),
  fc.record({ index: fc.nat(), fields, versionDelta: fc.integer({ min: -1, max: 2 }) }).map((u) => ({ kind: 'update' as const, ...u })),
  fields.map((f) => ({ kind: 'create' as const, fields: f })),
  fc.constant({ kind: 'read' as const }),
  fc.constant({ kind: 'read-summary' as const }),
);

/** The engine answers as `jobMatcher`, `jobComparator` and `summarize()` over the same jobs. */
function expectReference(engine: MemoryEngine, truth: Map<string, Job>, query: JobListParams, recount: boolean): void {
  const rows = [...truth.values()].filter(jobMatcher(query)).sort(jobComparator(query.sort, query.order));
  expect(engine.total).to.equal(rows.length);
  const shown = Array.from({ length: engine.total }, (_, i) => engine.jobAt(i));
  expect(shown.map((j) => j && `${j.id}@${j.version}`)).to.deep.equal(rows.map((j) => `${j.id}@${j.version}`));
  const expected = plainSummary(summarize(rows, query, NODE_IDS, NOW));
  expect(plainSummary(engine.summary)).to.deep.equal(expected);
  if (recount) expect(plainSummary(engine.recount())).to.deep.equal(expected);
  for (const job of rows.slice(0, 3)) expect(engine.indexOf(job.id)).to.equal(rows.indexOf(job));
}

function runScript(initial: Fields[], ops: Op[], far: boolean, maxTimeCells: number | undefined): void {
  const engine = new MemoryEngine({ sort: 'createdAt', order: 'desc' }, () => NOW, NODE_IDS, new JobTable({ maxTimeCells }));
  const names = ids(initial.length + ops.length);
  const truth = new Map<string, Job>();
  initial.forEach((f, i) => truth.set(names[i]!, jobOf(names[i]!, 1, f, far)));
  engine.load(truth.values());
  let query: JobListParams = { sort: 'createdAt', order: 'desc' };
  let created = initial.length;
  const set = (next: JobListParams) => {
    query = next;
    engine.setParams(next);
  };
  for (const [i, step] of ops.entries()) {
    switch (step.kind) {
      case 'params':
        set(step.params);
        break;
      case 'extend':
        set({ ...query, q: (query.q ?? '') + step.more });
        break;
      case 'clear-search': {
        const { q: _dropped, ...rest } = query;
        set(rest);
        break;
      }
      case 'sort':
        set({ ...query, sort: step.sort, order: step.order });
        break;
      case 'update': {
        if (!truth.size) break;
        const held = [...truth.values()][step.index % truth.size]!;
        const next = jobOf(held.id, held.version + step.versionDelta, step.fields, far);
        const result = engine.apply(next);
        expect(result.applied).to.equal(next.version > held.version);
        if (result.applied) {
          truth.set(held.id, next);
          expect(result.matches, 'matches').to.equal(jobMatcher(query)(next));
        }
        break;
      }
      case 'create': {
        const job = jobOf(names[created++]!, 1, step.fields, far);
        const result = engine.apply(job);
        expect(result.isNew).to.equal(true);
        truth.set(job.id, job);
        break;
      }
      case 'read':
        expectReference(engine, truth, query, i % 2 === 0);
        break;
      case 'read-summary': {
        const rows = [...truth.values()].filter(jobMatcher(query));
        expect(plainSummary(engine.summary)).to.deep.equal(plainSummary(summarize(rows, query, NODE_IDS, NOW)));
        break;
      }
    }
  }
  expectReference(engine, truth, query, true);
}

describe('memory engine indexes against the reference', function () {
  this.timeout(120_000);

  it('select, order and count as the reference after any queries, searches and live updates', () => {
    fc.assert(
      fc.property(fc.array(fields, { maxLength: 50 }), fc.array(op, { maxLength: 30 }), (initial, ops) => {
        runScript(initial, ops, false, undefined);
      }),
      { numRuns: 150 },
    );
  });

  it('keep the timeline right when dates lie centuries apart (counted row by row)', () => {
    fc.assert(
      fc.property(fc.array(fields, { maxLength: 30 }), fc.array(op, { maxLength: 20 }), (initial, ops) => {
        runScript(initial, ops, true, undefined);
      }),
      { numRuns: 60 },
    );
  });

  it('keep the aggregates right when the hourly counts have no room (every fallback)', () => {
    fc.assert(
      fc.property(
        fc.array(fields, { maxLength: 30 }),
        fc.array(op, { maxLength: 20 }),
        fc.constantFrom(0, 3000, 20000),
        (initial, ops, cells) => {
          runScript(initial, ops, false, cells);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('narrow a search letter by letter and clear it over a larger store, as the reference', () => {
    const initial = fc.sample(fields, { seed: 5, numRuns: 3000 });
    const typed = ['t', 'ta', 'tap', 'tape', 'tapeİ', ''];
    const ops: Op[] = [
      { kind: 'params', params: { sort: 'name', order: 'asc', state: ['RUNNING', 'SUCCESSFUL'] } },
      ...typed.flatMap((q): Op[] => [q ? { kind: 'extend', more: q.slice(-1) } : { kind: 'clear-search' }, { kind: 'read' }]),
      ...fc.sample(fields, { seed: 6, numRuns: 40 }).map((f, i): Op => ({ kind: 'update', index: i * 71, fields: f, versionDelta: 1 })),
      { kind: 'read' },
      { kind: 'extend', more: 'a' },
      { kind: 'read' },
    ];
    runScript(initial, ops, false, undefined);
  });
});

describe('memory engine paths a small random store rarely takes', function () {
  this.timeout(120_000);

  it('folds the per-group counts (a dense store, few groups) as the reference, through updates and new hours', () => {
    // Few groups and jobs within a few hours: the aggregates of a filter on group fields are folded, not counted by row.
    const dense = fields.map((f): Fields => ({
      ...f,
      type: f.type === 'COPY' ? 'COPY' : 'DESTAGING',
      node: f.node === 'node-new' ? 'node-new' : f.node === 'İ' ? 'İ' : 'node-1',
      stage: 'NORMALLY',
      createdHours: f.createdHours % 5,
      farAway: 0,
    }));
    const groupQuery = fc
      .record({
        state: fc.subarray([...JOB_STATES]),
        node: fc.subarray(['node-1', 'İ', 'node-new']),
        type: fc.subarray(['COPY', 'DESTAGING'] as const),
        sort: fc.constantFrom(...SORT_KEYS),
        order: fc.constantFrom('asc' as const, 'desc' as const),
      })
      .map((p): JobListParams => Object.fromEntries(Object.entries(p).filter(([, v]) => !Array.isArray(v) || v.length)) as JobListParams);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            groupQuery.map((p): Op => ({ kind: 'params', params: p })),
            // Some updates move a job days away: the hours are laid out again, the counts kept.
            fc.record({ index: fc.nat(), fields: dense, far: fc.boolean() }).map(({ index, fields: f, far }): Op => ({
              kind: 'update',
              index,
              fields: far ? { ...f, createdHours: 24 * 20 } : f,
              versionDelta: 1,
            })),
            dense.map((f): Op => ({ kind: 'create', fields: f })),
            fc.constant<Op>({ kind: 'read' }),
            fc.constant<Op>({ kind: 'read-summary' }),
          ),
          { maxLength: 25 },
        ),
        (ops) => runScript(fc.sample(dense, { seed: 9, numRuns: 2500 }), ops, false, undefined),
      ),
      { numRuns: 25 },
    );
  });

  it('refines a small selection letter by letter, through updates, as the reference', () => {
    // About one job in thirty says "needle": the selection is small enough to be refined, not scanned again.
    const initial = fc
      .sample(fields, { seed: 11, numRuns: 3000 })
      .map((f, i) => (i % 30 === 0 ? { ...f, description: `needle-x${i % 4}` } : f));
    const changes = fc.sample(fields, { seed: 12, numRuns: 30 }).map((f, i): Op => ({
      kind: 'update',
      index: i * 97,
      fields: i % 3 === 0 ? { ...f, description: 'needle-x1' } : f,
      versionDelta: 1,
    }));
    const ops: Op[] = [
      { kind: 'params', params: { sort: 'description', order: 'asc', q: 'needle' } },
      { kind: 'read' },
      { kind: 'extend', more: '-' },
      ...changes.slice(0, 15),
      { kind: 'read' },
      { kind: 'extend', more: 'x' },
      { kind: 'read' },
      ...changes.slice(15),
      { kind: 'extend', more: '1' },
      { kind: 'read' },
      { kind: 'params', params: { sort: 'description', order: 'asc', q: 'needle-x1', state: ['RUNNING', 'SUCCESSFUL'] } },
      { kind: 'read' },
      { kind: 'extend', more: 'y' },
      { kind: 'read' },
    ];
    runScript(initial, ops, false, undefined);
  });

  it('reads the first rows of a large selection, then deeper ones, through live updates, as the reference', () => {
    // More rows than one stretch of the presorted order: the order is walked only as far as read.
    const initial = fc.sample(fields, { seed: 21, numRuns: 30_000 });
    const changes = fc.sample(fields, { seed: 22, numRuns: 400 });
    const truth = new Map<string, Job>();
    const names = ids(initial.length);
    initial.forEach((f, i) => truth.set(names[i]!, jobOf(names[i]!, 1, f, false)));
    for (const query of [
      { sort: 'updatedAt', order: 'desc', state: ['RUNNING', 'SUCCESSFUL', 'SCHEDULED'] },
      { sort: 'name', order: 'asc', q: 'a' },
      { sort: 'createdAt', order: 'asc', state: ['UNSUCCESSFUL'] },
    ] as JobListParams[]) {
      const engine = new MemoryEngine(query, () => NOW, NODE_IDS);
      engine.load(truth.values());
      const reference = () => [...truth.values()].filter(jobMatcher(query)).sort(jobComparator(query.sort, query.order));
      const expectRows = (at: number[]) => {
        const rows = reference();
        expect(engine.total).to.equal(rows.length);
        for (const i of at) expect(engine.jobAt(i)?.id, `row ${i}`).to.equal(rows[i]?.id);
      };
      let next = 0;
      const update = (count: number) => {
        for (const f of changes.slice(next, (next += count))) {
          const held = [...truth.values()][(next * 7919) % truth.size]!;
          const job = jobOf(held.id, held.version + 1, f, false);
          engine.apply(job);
          truth.set(held.id, job);
        }
      };
      // The first screen, then changes read without a frame in between, then with one.
      expectRows([0, 1, 2, 10, 49]);
      update(30);
      // Past the rows walked so far (a few thousand): the walk goes on over changed rows.
      expectRows([0, 1, 49, 3000, 6000, 6140, 6150, 6200, 7000, 9000]);
      update(30);
      engine.refresh();
      expectRows([0, 3, 6100]);
      expectRows([9000, 20000, 20001]);
      update(30);
      expectRows([5, 15000]);
      update(30);
      engine.refresh();
      expectReference(engine, truth, query, false);
    }
  });

  it('lays the timeline out from the exact oldest job when a bucket width changes within its hour', () => {
    // No `since`, an `until` 5 ms past an hour: two days before it falls inside the oldest job's hour.
    const until = NOW - 10 * HOUR + 5;
    const base = jobOf('a', 1, fc.sample(fields, { seed: 1, numRuns: 1 })[0]!, false);
    for (const offset of [4, 6]) {
      const oldest = {
        ...base,
        id: 'oldest',
        createdAt: new Date(until - 48 * HOUR + offset).toISOString(),
        finishedAt: null,
        state: 'RUNNING',
      } as Job;
      const newer = { ...oldest, id: 'newer', createdAt: new Date(until - 3 * HOUR).toISOString() } as Job;
      const query: JobListParams = { sort: 'createdAt', order: 'desc', until: new Date(until).toISOString() };
      const engine = new MemoryEngine(query, () => NOW, NODE_IDS);
      engine.load([oldest, newer]);
      const truth = new Map([oldest, newer].map((j) => [j.id, j]));
      expectReference(engine, truth, query, true);
    }
  });
});

describe('queries sharing one table (the reference server)', function () {
  this.timeout(180_000);

  type SharedOp =
    | { kind: 'page'; params: JobListParams; at: number; limit: number; after: boolean }
    | { kind: 'summary'; params: JobListParams }
    | { kind: 'update'; index: number; fields: Fields; count: number }
    | { kind: 'create'; fields: Fields }
    | { kind: 'settle'; orders: number };

  const sharedOp: fc.Arbitrary<SharedOp> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({ params, at: fc.nat(), limit: fc.integer({ min: 1, max: 300 }), after: fc.boolean() })
        .map((p) => ({ kind: 'page' as const, ...p })),
    },
    { weight: 2, arbitrary: params.map((p) => ({ kind: 'summary' as const, params: p })) },
    {
      weight: 3,
      arbitrary: fc
        .record({ index: fc.nat(), fields, count: fc.integer({ min: 1, max: 40 }) })
        .map((u) => ({ kind: 'update' as const, ...u })),
    },
    { weight: 1, arbitrary: fields.map((f) => ({ kind: 'create' as const, fields: f })) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle' as const), orders: fc.integer({ min: 1, max: 16 }) }) },
  );

  it('page by offset or keyset position and summarize as the reference, queries sharing the orders, through live updates', () => {
    // More rows than one stretch of a presorted order: a query walks part of an order that another then rearranges.
    const initial = fc.sample(fields, { seed: 31, numRuns: 30_000 });
    fc.assert(
      fc.property(fc.array(sharedOp, { minLength: 1, maxLength: 30 }), (ops) => {
        const table = new JobTable({ keptOrders: 16 });
        const names = ids(initial.length + ops.length);
        const truth = new Map<string, Job>();
        initial.forEach((f, i) => truth.set(names[i]!, jobOf(names[i]!, 1, f, false)));
        table.load(truth.values());
        // Few kept: queries are dropped and made again.
        const queries = new TableQueries(table, { clock: () => NOW, nodeIds: NODE_IDS, kept: 3 });
        let created = initial.length;
        for (const step of ops) {
          switch (step.kind) {
            case 'page': {
              const rows = [...truth.values()].filter(jobMatcher(step.params)).sort(jobComparator(step.params.sort, step.params.order));
              let first = rows.length ? step.at % (rows.length + 1) : 0;
              let start: PageStart = { offset: first };
              if (step.after) {
                // After a job of the selection, or after one it does not hold (the cursor's job left it).
                const all = [...truth.values()];
                const job = first < rows.length && step.at % 3 ? rows[first]! : all[step.at % all.length]!;
                const position = {
                  value: sortValue(job, step.params.sort!),
                  id: job.id,
                  sort: step.params.sort!,
                  order: step.params.order!,
                };
                first = indexAfterCursor(rows, position);
                start = { value: position.value, id: position.id };
              }
              const page = queries.page(step.params, start, step.limit);
              const want = rows.slice(first, first + step.limit);
              expect(page.total).to.equal(rows.length);
              expect(
                page.items.map((j) => `${j.id}@${j.version}`),
                JSON.stringify(step),
              ).to.deep.equal(want.map((j) => `${j.id}@${j.version}`));
              expect(page.more).to.equal(first + step.limit < rows.length);
              break;
            }
            case 'summary': {
              const rows = [...truth.values()].filter(jobMatcher(step.params));
              expect(plainSummary(queries.summary(step.params))).to.deep.equal(plainSummary(summarize(rows, step.params, NODE_IDS, NOW)));
              break;
            }
            case 'update': {
              const all = [...truth.values()];
              for (let k = 0; k < step.count; k++) {
                const held = all[(step.index + k * 7919) % all.length]!;
                const next = jobOf(
                  held.id,
                  truth.get(held.id)!.version + 1,
                  k ? { ...step.fields, createdHours: (step.fields.createdHours + k) % 700 } : step.fields,
                  false,
                );
                table.apply(next);
                truth.set(held.id, next);
              }
              break;
            }
            case 'create': {
              const job = jobOf(names[created++]!, 1, step.fields, false);
              table.apply(job);
              truth.set(job.id, job);
              break;
            }
            case 'settle':
              // Some orders put in place, the others left waiting, as a server does between requests.
              for (let k = 0; k < step.orders && table.settleOne(); k++);
              break;
          }
        }
      }),
      { numRuns: 8 },
    );
  });

  it('walk on after another query rearranged the order they share, for a change neither selects', () => {
    const initial = fc.sample(fields, { seed: 41, numRuns: 30_000 });
    const table = new JobTable({ keptOrders: 16 });
    const names = ids(initial.length);
    const truth = new Map<string, Job>();
    initial.forEach((f, i) => truth.set(names[i]!, jobOf(names[i]!, 1, f, false)));
    table.load(truth.values());
    const broad: JobListParams = { sort: 'createdAt', order: 'desc', state: ['SCHEDULED', 'RUNNING', 'SUCCESSFUL'] };
    const every: JobListParams = { sort: 'createdAt', order: 'desc' };
    const first = new MemoryEngine(broad, () => NOW, NODE_IDS, table);
    const second = new MemoryEngine(every, () => NOW, NODE_IDS, table);
    const reference = (p: JobListParams) => [...truth.values()].filter(jobMatcher(p)).sort(jobComparator(p.sort, p.order));
    const rows = (engine: MemoryEngine, from: number, count: number) =>
      Array.from({ length: count }, (_, i) => engine.jobAt(from + i)).map((j) => j && `${j.id}@${j.version}`);
    const want = (p: JobListParams, from: number, count: number) =>
      reference(p)
        .slice(from, from + count)
        .map((j) => `${j.id}@${j.version}`);
    // The first rows only: the order is walked a stretch, not to its end.
    expect(rows(first, 0, 10)).to.deep.equal(want(broad, 0, 10));
    // The oldest jobs the broad query does not select become the newest: every row between moves down.
    const moved = reference(every)
      .filter((j) => j.state === 'UNSUCCESSFUL')
      .slice(-8);
    for (const job of moved) {
      const newest = { ...job, version: job.version + 1, createdAt: new Date(NOW + HOUR).toISOString() } as Job;
      table.apply(newest);
      truth.set(newest.id, newest);
    }
    // The other query of the same order puts the change in place.
    expect(rows(second, 0, 5)).to.deep.equal(want(every, 0, 5));
    // Past the stretch walked: no row twice, none left out.
    expect(rows(first, 8000, 400)).to.deep.equal(want(broad, 8000, 400));
    first.dispose();
    second.dispose();
  });
});

describe('linear sorts of rows', () => {
  it('radix-sort rows by whole numbers, stably, ascending or descending', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.constantFrom(1.7e12, 1.7e12 + 1)),
          { maxLength: 300 },
        ),
        fc.boolean(),
        (numbers, descending) => {
          const values = Float64Array.from(numbers);
          const rows = Uint32Array.from(numbers.keys()).reverse();
          const sign = descending ? -1 : 1;
          const expected = [...rows].sort((a, b) => sign * (values[a]! - values[b]!) || rows.indexOf(a) - rows.indexOf(b));
          const sorted = radixSortRows(rows, values, descending);
          if (Math.max(...numbers) - Math.min(...numbers) >= 2 ** 53) expect(sorted).to.equal(undefined);
          else expect([...sorted!]).to.deep.equal(expected);
        },
      ),
    );
  });

  it('refuse values that are not whole numbers', () => {
    expect(radixSortRows(Uint32Array.of(0, 1), Float64Array.of(1, 1.5), false)).to.equal(undefined);
    expect(radixSortRows(Uint32Array.of(0, 1), Float64Array.of(1, NaN), false)).to.equal(undefined);
  });

  it('counting-sort rows by small keys, stably', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 9 }), { maxLength: 200 }), (keys) => {
        const rows = Uint32Array.from(keys.keys()).reverse();
        const expected = [...rows].sort((a, b) => keys[a]! - keys[b]! || rows.indexOf(a) - rows.indexOf(b));
        expect([...countingSortRows(rows, keys, 10)]).to.deep.equal(expected);
      }),
    );
  });
});
