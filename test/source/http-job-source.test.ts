/**
 * HttpJobSource against the reference server (one isolated instance per suite, through the
 * test control): the conformance suite, sessions and roles, and injected faults.
 */
import { expect } from '@open-wc/testing';
import { HttpJobSource, type HttpJobSourceOptions } from '../../src/source/http-job-source.js';
import { JobSourceError } from '../../src/source/job-source.js';
import { ALWAYS_VISIBLE, until } from './fake-fetch.js';
import { describeJobSourceConformance } from './job-source-conformance.js';
import { TestServer } from './test-server.js';

async function failure(promise: Promise<unknown>): Promise<JobSourceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(JobSourceError);
    return error as JobSourceError;
  }
  throw new Error('expected the call to fail');
}

/** The page's fetch, counting the requests to each path. */
function countingFetch(): { fetch: typeof fetch; count: (pathEnd: string) => number } {
  const paths: string[] = [];
  return {
    fetch: (input, init) => {
      paths.push(new URL(String(input), location.href).pathname);
      return fetch(input, init);
    },
    count: (pathEnd) => paths.filter((p) => p.endsWith(pathEnd)).length,
  };
}

describeJobSourceConformance('HttpJobSource', async () => {
  const server = await TestServer.create({ seed: 11, jobs: 240, nodes: 3, days: 10 });
  const source = new HttpJobSource({ baseUrl: server.base, visibility: ALWAYS_VISIBLE, retry: { attempts: 3, baseMs: 20, maxMs: 100 } });
  await source.login('admin', 'admin');
  return {
    source,
    truth: () => server.state(),
    change: async () => {
      await server.advance(600_000);
    },
    dispose: () => server.close(),
  };
});

describe('HttpJobSource sessions', function () {
  this.timeout(20_000);
  let server: TestServer;
  let source: HttpJobSource;

  before(async () => {
    server = await TestServer.create({ seed: 3, jobs: 20 });
    source = new HttpJobSource({ baseUrl: server.base, visibility: ALWAYS_VISIBLE, retry: { attempts: 2, baseMs: 10, maxMs: 20 } });
  });

  after(async () => {
    source.close();
    await server.close();
  });

  it('without a session, every read is unauthenticated', async () => {
    expect((await failure(source.getSession())).kind).to.equal('unauthenticated');
    const error = await failure(source.listJobs({}));
    expect([error.kind, error.details.status]).to.deep.equal(['unauthenticated', 401]);
  });

  it('refuses a wrong password as unauthenticated', async () => {
    const error = await failure(source.login('admin', 'not the password'));
    expect([error.kind, error.message]).to.deep.equal(['unauthenticated', 'Wrong user name or password.']);
    expect((await failure(source.getSession())).kind).to.equal('unauthenticated');
  });

  it('an operator is logged in, but forbidden to read jobs or to follow them live', async () => {
    const session = await source.login('operator', 'operator');
    expect(session).to.deep.equal({ user: { name: 'operator', roles: ['OPERATOR'] } });
    expect((await failure(source.listJobs({}))).kind).to.equal('forbidden');
    expect((await failure(source.summarize({}))).kind).to.equal('forbidden');
    const unsubscribe = source.subscribe(() => {});
    await until(() => source.connection.status === 'error', 'the error state');
    expect(source.connection.error?.kind).to.equal('forbidden');
    unsubscribe();
    await source.logout();
  });

  it('an administrator reads jobs until logging out', async () => {
    const session = await source.login('admin', 'admin');
    expect(session.user).to.deep.equal({ name: 'admin', roles: ['DATA_ADMINISTRATOR'] });
    expect(await source.getSession()).to.deep.equal(session);
    expect((await source.listJobs({ limit: 5 })).items.length).to.equal(5);
    await source.logout();
    expect((await failure(source.listJobs({}))).kind).to.equal('unauthenticated');
  });

  it('a live stream refused for want of a session opens after the login', async () => {
    const unsubscribe = source.subscribe(() => {});
    await until(() => source.connection.status === 'error', 'the error state');
    expect(source.connection.error?.kind).to.equal('unauthenticated');
    await source.login('admin', 'admin');
    await until(() => source.connection.status === 'live', 'live');
    unsubscribe();
    await source.logout();
  });
});

describe('HttpJobSource against injected faults', function () {
  this.timeout(20_000);
  let server: TestServer;

  function open(options: HttpJobSourceOptions = {}) {
    const counter = countingFetch();
    const source = new HttpJobSource({
      baseUrl: server.base,
      fetch: counter.fetch,
      live: false,
      retry: { attempts: 3, baseMs: 10, maxMs: 40 },
      ...options,
    });
    return { source, count: counter.count };
  }

  before(async () => {
    server = await TestServer.create({ seed: 5, jobs: 30 });
    await open().source.login('admin', 'admin');
  });

  after(() => server.close());

  it('malformed JSON is a bad response, not retried', async () => {
    await server.fault({ path: '/jobs', body: 'malformed' });
    const { source, count } = open();
    const error = await failure(source.listJobs({}));
    expect(error.kind).to.equal('bad-response');
    expect(error.message).to.match(/^GET \/jobs answered invalid JSON \(.+\)\.$/);
    expect(count('/jobs')).to.equal(1);
  });

  it('an HTML page with status 200 is a bad response', async () => {
    await server.fault({ path: '/jobs/summary', body: 'html' });
    const { source } = open();
    const error = await failure(source.summarize({}));
    expect([error.kind, error.message]).to.deep.equal(['bad-response', 'GET /jobs/summary answered text/html instead of JSON.']);
  });

  it('a 500 is retried and the read succeeds', async () => {
    await server.fault({ path: '/jobs', status: 500, times: 2 });
    const { source, count } = open();
    const page = await source.listJobs({ limit: 3 });
    expect(page.items.length).to.equal(3);
    expect(count('/jobs')).to.equal(3);
  });

  it('a 500 that lasts fails as a server error after the last attempt', async () => {
    await server.fault({ path: '/nodes', status: 500, times: 3 });
    const { source, count } = open();
    const error = await failure(source.listNodes());
    expect([error.kind, error.details.status, error.message]).to.deep.equal(['server', 500, 'Injected fault: 500.']);
    expect(count('/nodes')).to.equal(3);
  });

  it('a 4xx is never retried', async () => {
    await server.fault({ path: '/jobs/*', status: 404 });
    const { source, count } = open();
    expect((await failure(source.getJob('j000001'))).kind).to.equal('not-found');
    expect(count('/jobs/j000001')).to.equal(1);
    const bad = await failure(source.listJobs({ limit: 5000 }));
    expect([bad.kind, bad.details.parameter]).to.deep.equal(['bad-request', 'limit']);
  });

  it('a 503 with Retry-After is retried after that delay', async () => {
    await server.fault({ path: '/jobs', status: 503, retryAfter: 1 });
    const times: number[] = [];
    const { source } = open({
      fetch: (input, init) => {
        times.push(performance.now());
        return fetch(input, init);
      },
    });
    const page = await source.listJobs({ limit: 1 });
    expect(page.items.length).to.equal(1);
    expect(times.length).to.equal(2);
    const waited = times[1]! - times[0]!;
    expect(waited).to.be.within(1000, 2500);
  });

  it('a hanging answer ends at the timeout, and a retry gets the answer', async () => {
    await server.fault({ path: '/jobs/summary', hang: true });
    const once = open({ requestTimeoutMs: 300, retry: { attempts: 1 } });
    const started = performance.now();
    const error = await failure(once.source.summarize({}));
    const took = performance.now() - started;
    expect([error.kind, error.message]).to.deep.equal(['network', 'GET /jobs/summary: no answer within 300 ms.']);
    expect(took).to.be.within(290, 2000);

    await server.fault({ path: '/jobs/summary', hang: true });
    const twice = open({ requestTimeoutMs: 300, retry: { attempts: 2, baseMs: 1, maxMs: 1 } });
    expect((await twice.source.summarize({})).total).to.equal(30);
    expect(twice.count('/jobs/summary')).to.equal(2);
  });

  it('a hanging answer ends as soon as the caller aborts', async () => {
    await server.fault({ path: '/jobs', hang: true });
    const { source } = open({ requestTimeoutMs: 10_000 });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(source.listJobs({}, controller.signal));
    expect(error.kind).to.equal('aborted');
    expect(performance.now() - started).to.be.below(1000);
  });

  it('a delayed answer within the timeout is just slow', async () => {
    await server.fault({ path: '/nodes', delayMs: 200 });
    const { source } = open({ requestTimeoutMs: 2000 });
    const started = performance.now();
    expect((await source.listNodes()).length).to.be.above(0);
    expect(performance.now() - started).to.be.at.least(195);
  });

  it('loadAllJobs reads every job of a query along the cursor', async () => {
    const { source, count } = open();
    const { jobs } = await server.state();
    const loaded = [];
    for await (const job of source.loadAllJobs({ limit: 7, sort: 'name', order: 'asc' })) loaded.push(job.id);
    expect(loaded.sort()).to.deep.equal(jobs.map((j) => j.id).sort());
    expect(count('/jobs')).to.equal(Math.ceil(jobs.length / 7));
  });
});
