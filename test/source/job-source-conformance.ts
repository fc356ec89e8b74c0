/**
 * What every `JobSource` must do, whatever it reads from: a suite run over each source
 * with a factory. The answers are compared with what the backing truth (the server's
 * state, the simulator) implies under the query semantics of `job-query.ts`.
 */
import { expect } from '@open-wc/testing';
import {
  DATA_ADMINISTRATOR,
  SORT_KEYS,
  validateClusterNode,
  validateJob,
  validateJobFile,
  type Job,
  type JobListParams,
} from '../../src/model/index.js';
import { jobComparator, jobMatcher, summarize } from '../../src/source/job-query.js';
import { JobSourceError, type JobSource, type LiveBatch } from '../../src/source/job-source.js';
import { until } from './fake-fetch.js';

export interface ConformanceSubject {
  source: JobSource;
  /** Every job as the backing truth holds it now, and its newest event seq. */
  truth(): Promise<{ jobs: Job[]; lastSeq: number }>;
  /** Moves the backing clock so that jobs change (at least one event). */
  change(): Promise<void>;
  dispose(): Promise<void>;
}

async function failure(promise: Promise<unknown>): Promise<JobSourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(JobSourceError);
    return error as JobSourceError;
  }
  throw new Error('expected the call to fail');
}

function expected(jobs: Job[], params: JobListParams): Job[] {
  return jobs.filter(jobMatcher(params)).sort(jobComparator(params.sort, params.order));
}

const ids = (jobs: readonly Job[]) => jobs.map((job) => job.id);

/** Every row of a query, page after page along the cursor. */
async function walk(source: JobSource, params: JobListParams): Promise<{ rows: Job[]; pages: number; totals: Set<number> }> {
  const rows: Job[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await source.listJobs({ ...params, cursor }, undefined);
    expect(page.rejected).to.deep.equal([]);
    rows.push(...page.items);
    totals.add(page.total);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor !== undefined && pages < 100);
  return { rows, pages, totals };
}

export function describeJobSourceConformance(name: string, create: () => Promise<ConformanceSubject>): void {
  describe(`${name}: JobSource conformance`, function () {
    this.timeout(20_000);
    let subject: ConformanceSubject;
    let source: JobSource;

    before(async () => {
      subject = await create();
      source = subject.source;
    });

    after(async () => {
      source.close();
      await subject.dispose();
    });

    it('has a session with the Data Administrator role', async () => {
      const session = await source.getSession();
      expect(session.user.name).to.be.a('string').and.not.equal('');
      expect(session.user.roles).to.include(DATA_ADMINISTRATOR);
    });

    it('lists valid nodes, those the jobs run on among them', async () => {
      const nodes = await source.listNodes();
      for (const node of nodes) expect(validateClusterNode(node)).to.deep.equal({ ok: true, value: node });
      const { jobs } = await subject.truth();
      const nodeIds = new Set(nodes.map((n) => n.id));
      for (const job of jobs) expect(nodeIds.has(job.node), job.node).to.equal(true);
    });

    it('answers the first page newest first, with the total', async () => {
      const { jobs } = await subject.truth();
      const page = await source.listJobs({});
      expect(page.total).to.equal(jobs.length);
      expect(page.rejected).to.deep.equal([]);
      expect(ids(page.items)).to.deep.equal(ids(expected(jobs, {}).slice(0, 100)));
      for (const job of page.items) expect(validateJob(job).ok).to.equal(true);
      expect(page.items[0]).to.deep.equal(expected(jobs, {})[0]);
    });

    it('orders by every column both ways, breaking ties by id', async () => {
      const { jobs } = await subject.truth();
      for (const sort of SORT_KEYS) {
        for (const order of ['asc', 'desc'] as const) {
          const page = await source.listJobs({ sort, order, limit: 25 });
          expect(ids(page.items), `${sort} ${order}`).to.deep.equal(ids(expected(jobs, { sort, order }).slice(0, 25)));
        }
      }
    });

    it('walks every row once along the cursor', async () => {
      const { jobs } = await subject.truth();
      const params: JobListParams = { sort: 'state', order: 'asc', limit: 37 };
      const { rows, pages, totals } = await walk(source, params);
      expect(ids(rows)).to.deep.equal(ids(expected(jobs, params)));
      expect(pages).to.equal(Math.ceil(jobs.length / 37));
      expect([...totals]).to.deep.equal([jobs.length]);
    });

    it('filters by state, node, type, stage, search text and period as job-query.ts says', async () => {
      const { jobs } = await subject.truth();
      const sample = jobs[Math.floor(jobs.length / 2)]!;
      const created = jobs.map((j) => Date.parse(j.createdAt)).sort((a, b) => a - b);
      const mid = created[Math.floor(created.length / 2)]!;
      const word = sample.name.split(/[:_-]/)[0]!.toUpperCase();
      const queries: JobListParams[] = [
        { state: ['RUNNING', 'SCHEDULED'] },
        { node: [sample.node] },
        { type: [sample.type, 'COPY'], sort: 'name' },
        { stage: [sample.stage] },
        { q: word },
        { q: sample.description.slice(3, 12).toUpperCase(), sort: 'updatedAt', order: 'asc' },
        { since: new Date(mid).toISOString() },
        { since: new Date(mid - 86_400_000).toISOString(), until: new Date(mid).toISOString(), state: ['SUCCESSFUL', 'UNSUCCESSFUL'] },
        { q: 'no job is called this, surely' },
      ];
      let nonEmpty = 0;
      for (const params of queries) {
        const want = expected(jobs, params);
        const { rows } = await walk(source, { ...params, limit: 1000 });
        expect(ids(rows), JSON.stringify(params)).to.deep.equal(ids(want));
        if (want.length && want.length < jobs.length) nonEmpty++;
      }
      expect(nonEmpty, 'the queries select something, not everything').to.be.at.least(6);
    });

    it('gives random access by offset', async () => {
      const { jobs } = await subject.truth();
      const all = expected(jobs, { sort: 'node', order: 'desc' });
      const page = await source.listJobs({ sort: 'node', order: 'desc', offset: 15, limit: 10 });
      expect(ids(page.items)).to.deep.equal(ids(all.slice(15, 25)));
      const past = await source.listJobs({ offset: jobs.length + 5 });
      expect([past.items, past.nextCursor, past.total]).to.deep.equal([[], null, jobs.length]);
    });

    it('refuses a bad limit or a cursor it did not give, naming the parameter', async () => {
      for (const limit of [0, 1001]) {
        const error = await failure(source.listJobs({ limit }));
        expect([error.kind, error.details.parameter]).to.deep.equal(['bad-request', 'limit']);
      }
      const garbage = await failure(source.listJobs({ cursor: 'not a cursor' }));
      expect([garbage.kind, garbage.details.parameter]).to.deep.equal(['bad-request', 'cursor']);
      const page = await source.listJobs({ sort: 'name', limit: 2 });
      const other = await failure(source.listJobs({ sort: 'createdAt', cursor: page.nextCursor! }));
      expect([other.kind, other.details.parameter]).to.deep.equal(['bad-request', 'cursor']);
    });

    it('summarizes a query as job-query.ts does', async () => {
      const { jobs } = await subject.truth();
      const nodeIds = (await source.listNodes()).map((n) => n.id);
      const newest = Math.max(...jobs.map((j) => Date.parse(j.createdAt)));
      const bounded: JobListParams = {
        since: new Date(newest - 3 * 86_400_000).toISOString(),
        until: new Date(newest + 1).toISOString(),
        type: ['DESTAGING', 'ARCHIVING', 'STORAGE', 'VERSIONING'],
      };
      const summary = await source.summarize(bounded);
      expect(summary).to.deep.equal(summarize(jobs.filter(jobMatcher(bounded)), bounded, nodeIds, 0));
      expect(summary.total).to.be.above(0);
      const everything = await source.summarize({ cursor: 'ignored', limit: 5, sort: 'name' });
      const want = summarize(jobs, {}, nodeIds, 0);
      expect([everything.total, everything.byState, everything.byNode, everything.byNodeState, everything.byType]).to.deep.equal([
        want.total,
        want.byState,
        want.byNode,
        want.byNodeState,
        want.byType,
      ]);
    });

    it('gives one job by id, and not-found for an unknown one', async () => {
      const { jobs } = await subject.truth();
      for (const job of [jobs[0]!, jobs[jobs.length - 1]!]) expect(await source.getJob(job.id)).to.deep.equal(job);
      const error = await failure(source.getJob('no-such-job'));
      expect(error.kind).to.equal('not-found');
    });

    it('lists a job’s files page by page, and not-found for an unknown job', async () => {
      const { jobs } = await subject.truth();
      const job = jobs.find((j) => j.progress.files.total > 12 && j.progress.files.failed > 0) ?? jobs[0]!;
      const first = await source.listFiles(job.id, { limit: 5 });
      expect(first.rejected).to.deep.equal([]);
      for (const file of first.items) expect(validateJobFile(file).ok).to.equal(true);
      const counted = Object.values(first.byStatus).reduce((sum, n) => sum + (n ?? 0), 0);
      expect(first.total).to.equal(counted);
      if (first.nextCursor) {
        const second = await source.listFiles(job.id, { limit: 5, cursor: first.nextCursor });
        const paths = new Set(first.items.map((f) => f.path));
        for (const file of second.items) expect(paths.has(file.path), file.path).to.equal(false);
      }
      const failed = await source.listFiles(job.id, { status: ['FAILED'], limit: 1000 });
      expect(failed.items.every((f) => f.status === 'FAILED' && f.reason)).to.equal(true);
      expect(failed.total).to.equal(first.byStatus.FAILED ?? 0);
      expect((await failure(source.listFiles('no-such-job', {}))).kind).to.equal('not-found');
    });

    it('rejects with aborted when the caller’s signal has fired', async () => {
      const controller = new AbortController();
      controller.abort();
      expect((await failure(source.listJobs({}, controller.signal))).kind).to.equal('aborted');
      expect((await failure(source.getJob('x', controller.signal))).kind).to.equal('aborted');
    });

    it('delivers changes live, in seq order, each job as the source then answers it', async () => {
      const batches: LiveBatch[] = [];
      const statuses: string[] = [source.connection.status];
      const stop = source.onConnectionChange((state) => statuses.push(state.status));
      const unsubscribe = source.subscribe((batch) => batches.push(batch));
      await until(() => source.connection.status === 'live', 'live');
      const before = (await subject.truth()).lastSeq;
      await subject.change();
      const after = await subject.truth();
      expect(after.lastSeq).to.be.above(before);
      const delivered = () => batches.flatMap((b) => b.events);
      await until(() => delivered().at(-1)?.seq === after.lastSeq, `events up to ${after.lastSeq}`);
      const events = delivered();
      expect(events.map((e) => e.seq)).to.deep.equal(Array.from({ length: after.lastSeq - before }, (_, i) => before + 1 + i));
      expect(batches.flatMap((b) => b.rejected ?? [])).to.deep.equal([]);
      const newest = new Map<string, Job>();
      for (const event of events) {
        expect(event.type === 'job.created' || event.type === 'job.updated').to.equal(true);
        if (event.type !== 'resync') newest.set(event.job.id, event.job);
      }
      const truth = new Map(after.jobs.map((j) => [j.id, j]));
      for (const [id, job] of newest) expect(job, id).to.deep.equal(truth.get(id));
      for (const [id, job] of [...newest].slice(-10)) expect(await source.getJob(id)).to.deep.equal(job);
      unsubscribe();
      stop();
      expect(source.connection.status).to.equal('idle');
      expect(statuses[0]).to.equal('idle');
      expect(statuses.at(-1)).to.equal('idle');
      expect(statuses).to.include('live');
    });
  });
}
