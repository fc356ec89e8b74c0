/**
 * HttpJobSource against bodies and timings no honest server produces, through a fake
 * `fetch`: every answer is checked, every failure has its kind, reads are retried and
 * writes are not.
 */
import { expect } from '@open-wc/testing';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import { JobSourceError, type RejectedItems } from '../../src/source/job-source.js';
import { FakeFetch, hang, json, reply, type FakeHandler } from './fake-fetch.js';
import { makeJob } from './fixtures.js';

const FAST_RETRY = { attempts: 4, baseMs: 5, maxMs: 20 };

function source(handler: FakeHandler, options: ConstructorParameters<typeof HttpJobSource>[0] = {}) {
  const fake = new FakeFetch(handler);
  const src = new HttpJobSource({ baseUrl: '/api/v1', fetch: fake.fetch, live: false, retry: FAST_RETRY, ...options });
  return { fake, src };
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

const page = (items: unknown[], extra: object = {}) => ({ items, nextCursor: null, total: items.length, ...extra });

describe('HttpJobSource against hostile answers', () => {
  it('sends the query as repeatable parameters, same-origin credentials and Accept: application/json', async () => {
    const { fake, src } = source((r) => json(r, page([])));
    await src.listJobs({ state: ['RUNNING', 'SCHEDULED'], node: ['n 1'], q: 'tar & co', sort: 'name', order: 'asc', limit: 50 });
    const [request] = fake.requests;
    expect(request!.path).to.equal('/api/v1/jobs');
    expect(request!.url.searchParams.getAll('state')).to.deep.equal(['RUNNING', 'SCHEDULED']);
    expect(request!.url.searchParams.get('node')).to.equal('n 1');
    expect(request!.url.searchParams.get('q')).to.equal('tar & co');
    expect([...request!.url.searchParams.keys()].sort()).to.deep.equal(['limit', 'node', 'order', 'q', 'sort', 'state', 'state']);
    expect(request!.init.credentials).to.equal('same-origin');
    expect(request!.header('Accept')).to.equal('application/json');
  });

  it('skips a bad item of a page and names its field and id', async () => {
    const good = makeJob(1);
    const { state: _state, ...noState } = makeJob(2);
    const wrongType = { ...makeJob(3), version: 'seven' };
    const { src } = source((r) => json(r, { items: [good, noState, wrongType, 42], nextCursor: 'abc', total: 90, extra: true }));
    const result = await src.listJobs({});
    expect(result.items).to.deep.equal([good]);
    expect(result.nextCursor).to.equal('abc');
    expect(result.total).to.equal(90);
    expect(result.rejected).to.deep.equal([
      'items[1] (id "job-0002"): job.state is missing',
      'items[2] (id "job-0003"): job.version must be integer, not string "seven"',
      'items[3]: job must be object, not number 42',
    ]);
  });

  it('skips a bad file and refuses a page whose byStatus is broken', async () => {
    const file = { path: '/share/a.txt', status: 'FAILED', size: 10, reason: 'checksum' };
    const { src } = source((r) =>
      r.url.searchParams.get('limit') === '1'
        ? json(r, page([file], { byStatus: { FAILED: 'two' } }))
        : json(r, page([file, { ...file, path: '/b', status: 'LOST' }], { byStatus: { FAILED: 2 } })),
    );
    const result = await src.listFiles('j/1', { status: ['FAILED'], failedFirst: true });
    expect(result.items).to.deep.equal([file]);
    expect(result.byStatus).to.deep.equal({ FAILED: 2 });
    expect(result.rejected).to.have.length(1);
    expect(result.rejected[0]).to.match(/^items\[1\] \(path "\/b"\): file\.status must be one of .*, not "LOST"$/);
    const error = await failure(src.listFiles('j/1', { limit: 1 }));
    expect(error.kind).to.equal('bad-response');
    expect(error.message).to.contain('byStatus.FAILED');
  });

  it('refuses a page whose envelope breaks the contract, naming the field', async () => {
    const { src } = source((r) => json(r, { items: {}, nextCursor: null, total: 1 }));
    const error = await failure(src.listJobs({}));
    expect(error.kind).to.equal('bad-response');
    expect(error.message).to.equal('GET /jobs answered something the contract does not allow: page.items must be array, not an object.');
  });

  it('refuses a broken summary, node list, job and session as a whole', async () => {
    const { src } = source((r) => json(r, { items: { id: 'n1', name: 'x', online: true }, total: 'many', user: {} }));
    for (const [call, field] of [
      [() => src.summarize({}), 'summary.'],
      [() => src.listNodes(), 'nodes.items must be array'],
      [() => src.getJob('j1'), 'job is not a known type: undefined'],
      [() => src.getSession(), 'session.user.name'],
    ] as const) {
      const error = await failure(call());
      expect(error.kind).to.equal('bad-response');
      expect(error.message).to.contain(field);
    }
  });

  it('refuses a broken node alone, telling which field; the others are kept', async () => {
    const { src } = source((r) =>
      json(r, {
        items: [
          { id: 'n1', name: 'one', online: true },
          { id: '', name: 'x', online: true },
          { id: 'n3', name: 3, online: true },
        ],
      }),
    );
    const told: RejectedItems[] = [];
    src.onRejected((report) => told.push(report));
    expect((await src.listNodes()).map((n) => n.id)).to.deep.equal(['n1']);
    expect(told).to.have.length(1);
    expect(told[0]).to.deep.include({ kind: 'node', from: 'GET /nodes', count: 2, fields: ['id', 'name'] });
    expect(told[0]!.messages[0]).to.contain('items[1] (id "")').and.contain('node.id');
  });

  it('says so when a 200 is an HTML page or JSON cut short', async () => {
    const html = source((r) => reply(r, 200, '<!doctype html><title>Sign in</title>', { 'Content-Type': 'text/html; charset=utf-8' }));
    const error = await failure(html.src.listJobs({}));
    expect(error.kind).to.equal('bad-response');
    expect(error.message).to.equal('GET /jobs answered text/html instead of JSON.');
    const cut = source((r) => reply(r, 200, '{"items": [{"id": "j1", "na'));
    const cutError = await failure(cut.src.listJobs({}));
    expect(cutError.kind).to.equal('bad-response');
    expect(cutError.message).to.match(/^GET \/jobs answered invalid JSON \(.+\)\.$/);
    expect(html.fake.requests.length + cut.fake.requests.length, 'a bad body is not retried').to.equal(2);
  });

  it('maps error statuses to kinds, with the server’s words and parameter', async () => {
    const errors: Record<string, [number, unknown]> = {
      '/jobs': [400, { error: { code: 'bad_parameter', message: 'limit must be a whole number.', parameter: 'limit' } }],
      '/session': [401, { error: { code: 'unauthenticated', message: 'Log in first.' } }],
      '/nodes': [403, { error: { code: 'forbidden', message: 'Data Administrators only.' } }],
      '/jobs/nope': [404, { error: { code: 'not_found', message: 'No job nope.' } }],
      '/jobs/summary': [418, 'teapot'],
    };
    const { fake, src } = source((r) => {
      const [status, body] = errors[r.path.replace('/api/v1', '')]!;
      return reply(r, status, typeof body === 'string' ? body : JSON.stringify(body));
    });
    const bad = await failure(src.listJobs({ limit: 0 }));
    expect([bad.kind, bad.message, bad.details]).to.deep.equal([
      'bad-request',
      'limit must be a whole number.',
      { status: 400, code: 'bad_parameter', parameter: 'limit' },
    ]);
    expect((await failure(src.getSession())).kind).to.equal('unauthenticated');
    const forbidden = await failure(src.listNodes());
    expect([forbidden.kind, forbidden.message]).to.deep.equal(['forbidden', 'Data Administrators only.']);
    expect((await failure(src.getJob('nope'))).kind).to.equal('not-found');
    const teapot = await failure(src.summarize({}));
    expect([teapot.kind, teapot.message]).to.deep.equal(['bad-request', 'GET /jobs/summary failed: HTTP 418.']);
    expect(fake.requests.length, '4xx is never retried').to.equal(5);
  });

  it('retries a read on 500, 502, 503, 504 and network errors, then answers', async () => {
    const answers = [500, 502, 503, 504];
    let calls = 0;
    const { fake, src } = source(
      async (r) => {
        calls++;
        if (calls === 1) throw new TypeError('Failed to fetch');
        const status = answers.shift();
        return status ? reply(r, status, 'busy', { 'Content-Type': 'text/plain' }) : json(r, page([makeJob(1)]));
      },
      { retry: { attempts: 6, baseMs: 1, maxMs: 5 } },
    );
    const result = await src.listJobs({});
    expect(result.items.map((j) => j.id)).to.deep.equal(['job-0001']);
    expect(fake.requests.length).to.equal(6);
  });

  it('gives up after the last attempt with the last error', async () => {
    const { fake, src } = source((r) => reply(r, 503, JSON.stringify({ error: { code: 'unavailable', message: 'Down for a moment.' } })));
    const error = await failure(src.listJobs({}));
    expect([error.kind, error.message, error.details.status]).to.deep.equal(['server', 'Down for a moment.', 503]);
    expect(fake.requests.length).to.equal(FAST_RETRY.attempts);
  });

  it('never retries a write', async () => {
    const { fake, src } = source((r) => reply(r, 503, 'busy'));
    expect((await failure(src.login('admin', 'admin'))).kind).to.equal('server');
    expect((await failure(src.logout())).kind).to.equal('server');
    expect(fake.requests.map((r) => r.method)).to.deep.equal(['POST', 'DELETE']);
  });

  it('waits as long as Retry-After says before retrying', async () => {
    const times: number[] = [];
    const { src } = source((r) => {
      times.push(performance.now());
      return times.length === 1 ? reply(r, 503, 'later', { 'Retry-After': '1' }) : json(r, page([]));
    });
    await src.listJobs({});
    expect(times.length).to.equal(2);
    expect(times[1]! - times[0]!).to.be.within(995, 2400);
  });

  it('ends a request that hangs after the timeout, as a network error, and closes it', async () => {
    const { fake, src } = source(() => hang(), { requestTimeoutMs: 150, retry: { attempts: 1 } });
    const started = performance.now();
    const error = await failure(src.listJobs({}));
    expect([error.kind, error.message]).to.deep.equal(['network', 'GET /jobs: no answer within 150 ms.']);
    expect(performance.now() - started).to.be.within(140, 1500);
    expect(fake.open).to.deep.equal([]);
  });

  it('ends a hanging request as soon as the caller aborts, and a backoff wait too', async () => {
    const { fake, src } = source(() => hang());
    const controller = new AbortController();
    const pending = src.getJob('j1', controller.signal);
    setTimeout(() => controller.abort(), 30);
    expect((await failure(pending)).kind).to.equal('aborted');
    expect(fake.open).to.deep.equal([]);

    const slow = source((r) => reply(r, 503, 'later', { 'Retry-After': '30' }));
    const waiting = new AbortController();
    const started = performance.now();
    const retrying = slow.src.listJobs({}, waiting.signal);
    setTimeout(() => waiting.abort(), 50);
    expect((await failure(retrying)).kind).to.equal('aborted');
    expect(performance.now() - started).to.be.below(1000);
    expect(slow.fake.requests.length).to.equal(1);
  });

  it('close() ends every request in flight', async () => {
    const { fake, src } = source(() => hang());
    const pending = [src.listJobs({}), src.summarize({}), src.getSession()].map((p) => failure(p));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.open.length).to.equal(3);
    src.close();
    expect((await Promise.all(pending)).map((e) => e.kind)).to.deep.equal(['aborted', 'aborted', 'aborted']);
    expect(fake.open).to.deep.equal([]);
  });

  it('logs in with a JSON body and keeps the password nowhere', async () => {
    const session = { user: { name: 'admin', roles: ['DATA_ADMINISTRATOR'] } };
    const { fake, src } = source((r) => json(r, session, r.method === 'POST' ? 200 : 204));
    expect(await src.login('admin', 's3cret-Pa55')).to.deep.equal(session);
    const [post] = fake.requests;
    expect([post!.method, post!.path, post!.header('Content-Type')]).to.deep.equal(['POST', '/api/v1/session', 'application/json']);
    expect(JSON.parse(String(post!.init.body))).to.deep.equal({ username: 'admin', password: 's3cret-Pa55' });
    const stored = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie, location.href];
    for (const text of stored) expect(text).not.to.contain('s3cret-Pa55');
  });

  it('escapes a job id in the path', async () => {
    const { fake, src } = source((r) => json(r, makeJob(1)));
    await src.getJob('a/b?c#d');
    expect(fake.requests[0]!.url.pathname).to.equal('/api/v1/jobs/a%2Fb%3Fc%23d');
  });

  it('loadAllJobs follows the cursor to the last page', async () => {
    const jobs = Array.from({ length: 5 }, (_, i) => makeJob(i));
    const { fake, src } = source((r) => {
      const start = Number(r.url.searchParams.get('cursor') ?? 0);
      const next = start + 2 < jobs.length ? String(start + 2) : null;
      return json(r, { items: jobs.slice(start, start + 2), nextCursor: next, total: jobs.length });
    });
    const seen = [];
    for await (const job of src.loadAllJobs({ state: ['RUNNING'], offset: 3, limit: 2 })) seen.push(job.id);
    expect(seen).to.deep.equal(jobs.map((j) => j.id));
    expect(
      fake.requests.map((r) => [r.url.searchParams.get('cursor'), r.url.searchParams.get('offset'), r.url.searchParams.get('state')]),
    ).to.deep.equal([
      [null, null, 'RUNNING'],
      ['2', null, 'RUNNING'],
      ['4', null, 'RUNNING'],
    ]);
  });
});
