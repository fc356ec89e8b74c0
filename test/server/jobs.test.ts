import { expect } from '@open-wc/testing';
import {
  PERIOD_EARLIEST,
  PERIOD_LATEST,
  SORT_KEYS,
  validateApiError,
  validateJob,
  validateJobPage,
  validateJobSummary,
  validateNodeList,
  type ApiError,
  type Job,
  type JobListParams,
  type JobPage,
  type JobSummary,
  type NodeList,
} from '../../src/model/index.js';
import { MAX_TIMELINE_BUCKETS, jobComparator, jobMatcher, summarize } from '../../src/source/job-query.js';
import { advance, closeServer, createServer, getJson, login, qs, serverState, type TestServer } from './helpers.js';

const NOW = Date.parse('2025-10-23T12:00:00Z');
const DAY = 86_400_000;

type Params = Record<string, string | number | readonly string[] | undefined>;

/**
 * Every job a query selects, following `nextCursor` page by page, checking each page
 * against the schema and its `total` against the number of jobs listed in the end.
 */
async function fetchAll(server: TestServer, params: Params, limit = 1000): Promise<Job[]> {
  const jobs: Job[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const { status, body } = await getJson<JobPage>(server, `/jobs${qs({ ...params, limit, cursor })}`);
    expect(status, JSON.stringify(body)).to.equal(200);
    const checked = validateJobPage(body);
    expect(checked.ok, JSON.stringify(checked)).to.equal(true);
    jobs.push(...body.items);
    totals.add(body.total);
    if (!body.nextCursor) {
      expect([...totals], `total of ${JSON.stringify(params)}`).to.deep.equal([jobs.length]);
      return jobs;
    }
    cursor = body.nextCursor;
  }
  throw new Error('more than 100 pages');
}

function expected(all: readonly Job[], params: JobListParams): string[] {
  return all
    .filter(jobMatcher(params))
    .sort(jobComparator(params.sort, params.order))
    .map((job) => job.id);
}

describe('server: jobs', () => {
  let server: TestServer;
  let all: Job[];

  before(async () => {
    server = await createServer({ jobs: 400, nodes: 3, seed: 7, now: NOW });
    await login(server);
    all = (await serverState(server)).jobs;
  });
  after(() => closeServer(server));

  it('answers a first page of 100 valid jobs with the total of the whole query', async () => {
    const { status, headers, body } = await getJson<JobPage>(server, '/jobs');
    expect(status).to.equal(200);
    expect(headers.get('content-type')).to.equal('application/json; charset=utf-8');
    expect(headers.get('cache-control')).to.equal('no-store');
    expect(validateJobPage(body).ok).to.equal(true);
    expect(body.items).to.have.length(100);
    expect(body.total).to.equal(400);
    expect(body.nextCursor).to.be.a('string');
    expect(body.items.map((j) => j.id)).to.deep.equal(expected(all, {}).slice(0, 100));
  });

  it('gzips a large page for a client that takes it', async () => {
    const { headers, body } = await getJson<JobPage>(server, '/jobs?limit=1000');
    expect(body.items).to.have.length(400);
    expect(headers.get('content-encoding')).to.equal('gzip');
  });

  it('filters by state, node, type, stage, period and search exactly as jobMatcher does', async () => {
    const stage = all.find((j) => j.stage === 'INTERRUPTED_ON_ERROR')?.stage ?? all[0]!.stage;
    const described = all[17]!.description.split(/\s+/).find((w) => w.length > 5) ?? all[17]!.description;
    const queries: JobListParams[] = [
      { state: ['SUCCESSFUL'] },
      { state: ['UNSUCCESSFUL', 'RUNNING'] },
      { node: ['node-2'] },
      { node: ['node-1', 'node-3'] },
      { type: ['ARCHIVING', 'COPY'] },
      { stage: [stage] },
      { since: new Date(NOW - 10 * DAY).toISOString(), until: new Date(NOW - 3 * DAY).toISOString() },
      { since: new Date(NOW - 2 * DAY).toISOString() },
      { until: '2025-10-01' },
      { q: 'aRcHiV' },
      { q: described.toUpperCase() },
      { q: all[3]!.name.slice(0, 6).toLowerCase() },
      {
        state: ['SUCCESSFUL'],
        node: ['node-1'],
        type: ['DESTAGING', 'STORAGE', 'VERSIONING'],
        since: new Date(NOW - 20 * DAY).toISOString(),
      },
    ];
    for (const params of queries) {
      const want = expected(all, params);
      expect(want.length, `${JSON.stringify(params)} selects some jobs but not all`).to.be.within(1, all.length - 1);
      const got = (await fetchAll(server, { ...params })).map((j) => j.id);
      expect(got, JSON.stringify(params)).to.deep.equal(want);
    }
  });

  it('sorts by every key in both directions, across pages', async () => {
    for (const sort of SORT_KEYS) {
      for (const order of ['asc', 'desc'] as const) {
        const got = (await fetchAll(server, { sort, order }, 250)).map((j) => j.id);
        expect(got, `${sort} ${order}`).to.deep.equal(expected(all, { sort, order }));
      }
    }
  });

  it('gives random access with offset, and a cursor that goes on from there', async () => {
    const want = expected(all, { sort: 'name', order: 'asc' });
    const { body } = await getJson<JobPage>(server, `/jobs${qs({ sort: 'name', order: 'asc', offset: 150, limit: 50 })}`);
    expect(body.items.map((j) => j.id)).to.deep.equal(want.slice(150, 200));
    expect(body.total).to.equal(400);
    const next = await getJson<JobPage>(server, `/jobs${qs({ sort: 'name', order: 'asc', cursor: body.nextCursor!, limit: 50 })}`);
    expect(next.body.items.map((j) => j.id)).to.deep.equal(want.slice(200, 250));
    const withBoth = qs({ sort: 'name', order: 'asc', cursor: body.nextCursor!, offset: 0, limit: 5 });
    const both = await getJson<ApiError>(server, `/jobs${withBoth}`);
    expect(both.status, 'a cursor and an offset together are refused, not one ignored').to.equal(400);
    expect(both.body.error.parameter).to.equal('offset');
    const past = await getJson<JobPage>(server, '/jobs?offset=400');
    expect(past.body).to.deep.equal({ items: [], nextCursor: null, total: 400 });
    const last = await getJson<JobPage>(server, '/jobs?offset=390&limit=10');
    expect(last.body.items).to.have.length(10);
    expect(last.body.nextCursor).to.equal(null);
  });

  it('summarizes a query as summarize() does over the same jobs', async () => {
    const nodes = (await getJson<NodeList>(server, '/nodes')).body.items.map((n) => n.id);
    const bounded: JobListParams = {
      since: new Date(NOW - 12 * DAY).toISOString(),
      until: new Date(NOW - 2 * DAY).toISOString(),
      type: ['ARCHIVING', 'DESTAGING', 'COPY'],
    };
    const { status, body } = await getJson<JobSummary>(server, `/jobs/summary${qs({ ...bounded })}`);
    expect(status).to.equal(200);
    expect(validateJobSummary(body).ok).to.equal(true);
    expect(body).to.deep.equal(summarize(all.filter(jobMatcher(bounded)), bounded, nodes, NOW));

    const open: JobListParams = { state: ['SUCCESSFUL', 'UNSUCCESSFUL'], q: 'tape' };
    const matched = all.filter(jobMatcher(open));
    const summary = (await getJson<JobSummary>(server, `/jobs/summary${qs({ ...open })}`)).body;
    expect(validateJobSummary(summary).ok).to.equal(true);
    const { timeline, ...counts } = summary;
    const { timeline: wantTimeline, ...wantCounts } = summarize(matched, open, nodes, NOW);
    expect(counts).to.deep.equal(wantCounts);
    expect(timeline.from).to.equal(wantTimeline.from);
    expect(timeline.bucketSeconds).to.equal(wantTimeline.bucketSeconds);
    const bucketed = Object.values(timeline.counts)
      .flat()
      .reduce((a, b) => a + b, 0);
    expect(bucketed, 'every selected job is in a bucket').to.equal(matched.length);
  });

  it('bounds the activity history: the widest period the contract allows has at most MAX_TIMELINE_BUCKETS buckets', async () => {
    const nodes = (await getJson<NodeList>(server, '/nodes')).body.items.map((n) => n.id);
    for (const widest of [
      { since: PERIOD_EARLIEST, until: PERIOD_LATEST },
      { since: PERIOD_EARLIEST },
      { until: PERIOD_LATEST },
    ] as JobListParams[]) {
      const { status, body } = await getJson<JobSummary>(server, `/jobs/summary${qs({ ...widest })}`);
      expect(status, JSON.stringify(widest)).to.equal(200);
      for (const counts of Object.values(body.timeline.counts)) expect(counts.length).to.be.at.most(MAX_TIMELINE_BUCKETS);
      expect(body.timeline.bucketSeconds % (7 * 86_400), 'whole weeks').to.equal(0);
      expect(body, 'as the page computes it').to.deep.equal(summarize(all.filter(jobMatcher(widest)), widest, nodes, NOW));
    }
  });

  it('lists the nodes of the cluster', async () => {
    const { status, body } = await getJson<NodeList>(server, '/nodes');
    expect(status).to.equal(200);
    expect(validateNodeList(body).ok).to.equal(true);
    expect(body.items.map((n) => n.id)).to.deep.equal(['node-1', 'node-2', 'node-3']);
  });

  it('answers one job as the server holds it, and 404 for an unknown id', async () => {
    const job = all[42]!;
    const { status, body } = await getJson<Job>(server, `/jobs/${encodeURIComponent(job.id)}`);
    expect(status).to.equal(200);
    expect(validateJob(body).ok).to.equal(true);
    expect(body).to.deep.equal(job);
    for (const id of ['j999999', 'nope', '%E0%A4%A', '__proto__']) {
      const answer = await getJson<ApiError>(server, `/jobs/${id}`);
      expect(answer.status, id).to.equal(404);
      expect(validateApiError(answer.body).ok, id).to.equal(true);
      expect(answer.body.error.code, id).to.equal('not_found');
    }
  });

  it('refuses each bad parameter with a 400 that names it', async () => {
    const dateCursor = (await getJson<JobPage>(server, '/jobs?limit=1')).body.nextCursor!;
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=2.5', 'limit'],
      ['state=DONE', 'state'],
      ['state=', 'state'],
      ['type=BACKUP', 'type'],
      ['sort=size', 'sort'],
      ['order=up', 'order'],
      ['since=yesterday', 'since'],
      ['until=2025-13-45T00:00:00Z', 'until'],
      ['since=2025-10-23T10:00:00', 'since'],
      ['since=2025-10-20T00:00:00Z&until=2025-10-10T00:00:00Z', 'since'],
      ['cursor=not-a-cursor', 'cursor'],
      [`sort=name&cursor=${encodeURIComponent(dateCursor)}`, 'cursor'],
      [`order=asc&cursor=${encodeURIComponent(dateCursor)}`, 'cursor'],
      ['offset=-1', 'offset'],
      ['offset=first', 'offset'],
      ['sort=name&sort=type', 'sort'],
      // Dates that Date.parse would roll over or accept: each names its parameter.
      ['since=2025-02-30', 'since'],
      ['since=2024-02-30T00:00:00Z', 'since'],
      ['until=2025-10-23T24:00:00Z', 'until'],
      ['until=2025-10-23T10:60:00Z', 'until'],
      ['since=2025-10-23T10:00:60Z', 'since'],
      ['since=2025-10-23T10:00:00+24:00', 'since'],
      ['until=2025-04-31', 'until'],
      // The period's bounds: no timeline of ten thousand years.
      ['since=0000-01-01&until=9999-12-31', 'since'],
      ['until=9999-12-31', 'until'],
      ['since=1969-12-31T23:59:59Z', 'since'],
      [`offset=10&cursor=${encodeURIComponent(dateCursor)}`, 'offset'],
    ];
    for (const [query, parameter] of cases) {
      const { status, body } = await getJson<ApiError>(server, `/jobs?${query}`);
      expect(status, query).to.equal(400);
      expect(validateApiError(body).ok, query).to.equal(true);
      expect(body.error.code, query).to.equal('bad_parameter');
      expect(body.error.parameter, query).to.equal(parameter);
    }
    for (const [query, parameter] of [
      ['since=soon', 'since'],
      ['since=2025-02-30', 'since'],
      ['since=0000-01-01&until=9999-12-31', 'since'],
    ]) {
      const summary = await getJson<ApiError>(server, `/jobs/summary?${query}`);
      expect(summary.status, query).to.equal(400);
      expect(summary.body.error.parameter, query).to.equal(parameter);
    }
    // The last day of February in a leap year, and the period's own bounds, are fine.
    for (const query of ['since=2024-02-29', 'since=1970-01-01T00:00:00Z&until=2200-01-01T00:00:00Z', 'until=2025-10-23T23:59:59.999Z']) {
      expect((await getJson(server, `/jobs?${query}`)).status, query).to.equal(200);
    }
  });

  it('ignores a parameter it does not know', async () => {
    const { status, body } = await getJson<JobPage>(server, '/jobs?colour=blue&limit=5');
    expect(status).to.equal(200);
    expect(body.items).to.have.length(5);
  });
});

describe('server: paging while jobs change', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await createServer({ jobs: 300, nodes: 4, seed: 3, now: NOW, activity: 5 });
    await login(server);
  });
  afterEach(() => closeServer(server));

  for (const [sort, order] of [
    ['createdAt', 'desc'],
    ['name', 'asc'],
    ['node', 'desc'],
  ] as const) {
    it(`lists every job present throughout exactly once (${sort} ${order})`, async () => {
      const before = await serverState(server);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const { body } = await getJson<JobPage>(server, `/jobs${qs({ sort, order, limit: 60, cursor })}`);
        seen.push(...body.items.map((j) => j.id));
        cursor = body.nextCursor ?? undefined;
        pages++;
        await advance(server, 120_000);
      } while (cursor);
      const afterwards = await serverState(server);
      expect(pages).to.be.at.least(5);
      expect(afterwards.jobs.length - before.jobs.length, 'jobs were created while paging').to.be.greaterThan(20);
      const changed = afterwards.jobs.filter((j) => j.version !== before.jobs.find((b) => b.id === j.id)?.version);
      expect(changed.length, 'jobs changed while paging').to.be.greaterThan(before.jobs.length / 20);
      const counts = new Map<string, number>();
      for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const job of before.jobs) expect(counts.get(job.id), job.id).to.equal(1);
      expect(
        [...counts.values()].every((n) => n === 1),
        'no job twice',
      ).to.equal(true);
    });
  }

  it('answers from the changed jobs after the simulation moves', async () => {
    const first = (await getJson<JobPage>(server, '/jobs?limit=1')).body.total;
    await advance(server, 600_000);
    const { jobs } = await serverState(server);
    expect(jobs.length).to.be.greaterThan(first);
    expect((await getJson<JobPage>(server, '/jobs?limit=1')).body.total).to.equal(jobs.length);
    const running = jobs
      .filter((j) => j.state === 'RUNNING')
      .map((j) => j.id)
      .sort();
    const listed = (await fetchAll(server, { state: ['RUNNING'] })).map((j) => j.id).sort();
    expect(listed).to.deep.equal(running);
  });
});
