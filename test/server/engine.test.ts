/**
 * The reference server answers from the store's engine (`TableQueries` over the
 * simulator's `JobTable`): for any query, at any point of the live simulation, its pages
 * and summaries are the plain reference's (`jobMatcher`, `jobComparator`, `summarize()`
 * over the jobs it holds) and the in-page engine's (`MemoryEngine` over the same jobs).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { JOB_STATES, JOB_TYPES, SORT_KEYS, type Job, type JobListParams, type JobPage, type JobSummary } from '../../src/model/index.js';
import { jobComparator, jobMatcher, summarize } from '../../src/source/job-query.js';
import { MemoryEngine } from '../../src/store/memory-engine.js';
import { plainSummary } from '../store/helpers.js';
import { advance, closeServer, createServer, getJson, login, qs, serverState, type TestServer } from './helpers.js';

const NOW = Date.parse('2025-10-23T12:00:00Z');
const HOUR = 3_600_000;
const NODE_IDS = ['node-1', 'node-2', 'node-3'];
const STAGES = ['NOT_STARTED', 'IN_PROGRESS', 'NORMALLY', 'INTERRUPTED_ON_ERROR', 'INTERRUPTED_BY_USER'];
/** Words of the simulated names and descriptions, parts of them, and case the search must ignore. */
const NEEDLES = ['tape', 'ARCHIV', 'copy', 'video', 'rushes', 'ltfs', 's_', 'node', 'e', 'zzz', 'Dupli', 'version', '2025'];

/** A period: `since` and `until` alone, or both (`since` first). */
const period = fc
  .record({
    from: fc.integer({ min: 1, max: 24 * 40 }),
    span: fc.integer({ min: 1, max: 24 * 40 }),
    ends: fc.constantFrom('since', 'until', 'both'),
  })
  .map(({ from, span, ends }) => {
    const since = new Date(NOW - from * HOUR - 17).toISOString();
    const until = new Date(NOW - from * HOUR + span * HOUR + 5).toISOString();
    return ends === 'since' ? { since } : ends === 'until' ? { until } : { since, until };
  });

const params: fc.Arbitrary<JobListParams> = fc
  .record(
    {
      state: fc.subarray([...JOB_STATES], { minLength: 1 }),
      node: fc.subarray([...NODE_IDS, 'node-9'], { minLength: 1 }),
      type: fc.subarray([...JOB_TYPES], { minLength: 1 }),
      stage: fc.subarray(STAGES, { minLength: 1 }),
      period,
      q: fc.constantFrom(...NEEDLES),
      sort: fc.constantFrom(...SORT_KEYS),
      order: fc.constantFrom('asc' as const, 'desc' as const),
    },
    { requiredKeys: ['sort', 'order'] },
  )
  .map(({ period: p, ...rest }) => ({ ...rest, ...p }));

type Step =
  | { kind: 'page'; params: JobListParams; offset: number; limit: number }
  | { kind: 'walk'; params: JobListParams; limit: number }
  | { kind: 'summary'; params: JobListParams }
  | { kind: 'advance'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({ params, offset: fc.nat(400), limit: fc.integer({ min: 1, max: 60 }) })
      .map((s) => ({ kind: 'page' as const, ...s })),
  },
  { weight: 1, arbitrary: fc.record({ params, limit: fc.integer({ min: 7, max: 120 }) }).map((s) => ({ kind: 'walk' as const, ...s })) },
  { weight: 2, arbitrary: params.map((p) => ({ kind: 'summary' as const, params: p })) },
  // Minutes to hours: jobs start, progress, finish, and new ones arrive.
  { weight: 2, arbitrary: fc.integer({ min: 1, max: HOUR }).map((ms) => ({ kind: 'advance' as const, ms })) },
);

/** The query string of a query's filters, order and paging. */
function query(p: JobListParams, extra: Record<string, string | number | undefined> = {}): string {
  return qs({ ...p, ...extra } as Record<string, string | number | readonly string[] | undefined>);
}

describe('server: the engine against the in-page engine and the reference', function () {
  this.timeout(240_000);
  let server: TestServer | undefined;
  afterEach(() => closeServer(server));

  it('pages, follows cursors and summarizes as both, for any query, through live changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.array(step, { minLength: 1, maxLength: 12 }), async (seed, steps) => {
        await closeServer(server);
        server = await createServer({ jobs: 400, nodes: 3, seed, now: NOW, days: 30, activity: 1 });
        await login(server);
        let now = NOW;
        let jobs = (await serverState(server)).jobs;
        const engine = new MemoryEngine({ sort: 'createdAt', order: 'desc' }, () => now, NODE_IDS);
        engine.load(jobs);
        for (const s of steps) {
          if (s.kind === 'advance') {
            await advance(server, s.ms);
            now += s.ms;
            jobs = (await serverState(server)).jobs;
            // The in-page engine takes the changes as a page takes live events: newer versions only.
            for (const job of jobs) engine.apply(job);
            continue;
          }
          const rows = jobs.filter(jobMatcher(s.params)).sort(jobComparator(s.params.sort, s.params.order));
          engine.setParams(s.params);
          const label = JSON.stringify(s);
          if (s.kind === 'summary') {
            const { status, body } = await getJson<JobSummary>(
              server,
              `/jobs/summary${query({ ...s.params, sort: undefined, order: undefined })}`,
            );
            expect(status, label).to.equal(200);
            const reference = plainSummary(summarize(rows, s.params, NODE_IDS, now));
            expect(plainSummary(body), `reference: ${label}`).to.deep.equal(reference);
            expect(plainSummary(engine.summary), `in-page engine: ${label}`).to.deep.equal(reference);
          } else if (s.kind === 'page') {
            const { status, body } = await getJson<JobPage>(server, `/jobs${query(s.params, { offset: s.offset, limit: s.limit })}`);
            expect(status, label).to.equal(200);
            const want = rows.slice(s.offset, s.offset + s.limit);
            expect(body.total, label).to.equal(rows.length);
            expect(body.items.map(version), `reference: ${label}`).to.deep.equal(want.map(version));
            expect(body.nextCursor === null, label).to.equal(s.offset + s.limit >= rows.length);
            expect(engine.total, label).to.equal(rows.length);
            const inPage = want.map((_, i) => engine.jobAt(s.offset + i)!);
            expect(inPage.map(version), `in-page engine: ${label}`).to.deep.equal(want.map(version));
          } else {
            // Every page along the cursors: the rows in order, none twice, none left out.
            const got: Job[] = [];
            let cursor: string | undefined;
            do {
              const { status, body } = await getJson<JobPage>(server, `/jobs${query(s.params, { limit: s.limit, cursor })}`);
              expect(status, label).to.equal(200);
              expect(body.total, label).to.equal(rows.length);
              got.push(...body.items);
              cursor = body.nextCursor ?? undefined;
            } while (cursor);
            expect(got.map(version), label).to.deep.equal(rows.map(version));
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});

function version(job: Job): string {
  return `${job.id}@${job.version}`;
}
