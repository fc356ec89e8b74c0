/**
 * How HttpJobSource signs its requests for an API elsewhere: cookies with `credentials`,
 * a bearer token from the page's provider (asked again once after a 401), and a request
 * the browser blocked for want of CORS told apart from a server out of reach.
 */
import { expect } from '@open-wc/testing';
import { HttpJobSource, type HttpJobSourceOptions } from '../../src/source/http-job-source.js';
import { JobSourceError } from '../../src/source/job-source.js';
import { FakeFetch, FakeNetwork, FakeVisibility, eventStream, json, until, type FakeHandler, type FakeRequest } from './fake-fetch.js';
import { TestServer } from './test-server.js';

const SESSION = { user: { name: 'admin', roles: ['DATA_ADMINISTRATOR'] } };
const UNAUTHENTICATED = { error: { code: 'unauthenticated', message: 'This token is unknown, revoked or expired.' } };

const opened: HttpJobSource[] = [];

function source(handler: FakeHandler, options: HttpJobSourceOptions = {}) {
  const fake = new FakeFetch(handler);
  const src = new HttpJobSource({
    fetch: fake.fetch,
    visibility: new FakeVisibility(),
    network: new FakeNetwork(),
    retry: { attempts: 1, baseMs: 10, maxMs: 20 },
    requestTimeoutMs: 2000,
    ...options,
  });
  opened.push(src);
  return { fake, src };
}

async function failure(promise: Promise<unknown>): Promise<JobSourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JobSourceError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** A server that takes one token only, and streams to it. */
function tokenServer(valid: () => string): FakeHandler {
  return (r: FakeRequest) => {
    if (r.header('Authorization') !== `Bearer ${valid()}`) return json(r, UNAUTHENTICATED, 401);
    if (r.header('Accept') === 'text/event-stream') {
      const { response, body } = eventStream(r);
      body.send('id: a:1\n\n');
      return response;
    }
    return json(r, SESSION);
  };
}

describe('HttpJobSource credentials and tokens', function () {
  this.timeout(20_000);

  afterEach(() => {
    for (const src of opened.splice(0)) src.close();
  });

  it('sends cookies to its own origin only by default, and everywhere with credentials "include"', async () => {
    const plain = source((r) => json(r, SESSION));
    await plain.src.getSession();
    expect(plain.fake.requests[0]!.init.credentials).to.equal('same-origin');

    const including = source(
      tokenServer(() => 'x'),
      { credentials: 'include', token: () => 'x' },
    );
    including.src.subscribe(() => {});
    await including.src.getSession();
    await until(() => including.src.connection.status === 'live', 'the stream');
    expect(including.fake.requests.map((r) => r.init.credentials)).to.deep.equal(['include', 'include']);
  });

  it('sends the token with every request and the live stream', async () => {
    const asked: boolean[] = [];
    const { fake, src } = source(
      tokenServer(() => 't1'),
      {
        token: async ({ refresh }) => {
          asked.push(refresh);
          return 't1';
        },
      },
    );
    src.subscribe(() => {});
    await src.getSession();
    await until(() => src.connection.status === 'live', 'the stream');
    expect(fake.requests.map((r) => r.header('Authorization'))).to.deep.equal(['Bearer t1', 'Bearer t1']);
    expect(fake.requests.filter((r) => r.header('Accept') === 'text/event-stream')).to.have.length(1);
    expect(asked).to.deep.equal([false, false]);
  });

  it('after a 401, asks for a new token once and tries again with it', async () => {
    let current = 'old';
    const { fake, src } = source(
      tokenServer(() => 'new'),
      {
        token: ({ refresh }) => {
          if (refresh) current = 'new';
          return current;
        },
      },
    );
    expect(await src.getSession()).to.deep.equal(SESSION);
    expect(fake.requests.map((r) => r.header('Authorization'))).to.deep.equal(['Bearer old', 'Bearer new']);
  });

  it('a token refused twice is the end of the session: the stream stops without a loop, and resumes on reconnect()', async () => {
    let valid = 'revoked';
    const { fake, src } = source(
      tokenServer(() => valid),
      { token: () => 'mine' },
    );
    const error = await failure(src.getSession());
    expect(error.kind).to.equal('unauthenticated');
    expect(fake.requests).to.have.length(2);

    src.subscribe(() => {});
    await until(() => src.connection.status === 'error', 'the stream refused');
    expect(src.connection.error?.kind).to.equal('unauthenticated');
    const streams = () => fake.requests.filter((r) => r.header('Accept') === 'text/event-stream').length;
    expect(streams(), 'asked once more, then stopped').to.equal(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(streams(), 'no request loop').to.equal(2);

    valid = 'mine';
    src.reconnect();
    await until(() => src.connection.status === 'live', 'the stream again');
  });

  it('a provider that fails, or gives what no header may hold, means signing in again, without a request', async () => {
    const failing = source((r) => json(r, SESSION), {
      token: () => Promise.reject(new Error('the portal session expired')),
    });
    const error = await failure(failing.src.getSession());
    expect([error.kind, error.message]).to.deep.equal([
      'unauthenticated',
      'GET /session: the page could not get a token (the portal session expired).',
    ]);
    expect(failing.fake.requests).to.have.length(0);

    const injecting = source((r) => json(r, SESSION), { token: () => 'abc\r\nX-Evil: 1' });
    expect((await failure(injecting.src.getSession())).kind).to.equal('unauthenticated');
    expect(injecting.fake.requests).to.have.length(0);
  });
});

describe('HttpJobSource and a browser that blocks an answer', function () {
  this.timeout(30_000);
  let server: TestServer;

  before(async () => {
    server = await TestServer.create({ jobs: 5 });
  });
  after(async () => {
    await server.close();
  });
  afterEach(() => {
    for (const src of opened.splice(0)) src.close();
  });

  /** The same test server under the page's other loopback name: another origin, which it sends no CORS for. */
  function otherOrigin(): string {
    const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    return `${location.protocol}//${other}:${location.port}`;
  }

  it('says the API does not allow this page when it answered but without CORS', async () => {
    const src = new HttpJobSource({ baseUrl: `${otherOrigin()}${server.base}`, retry: { attempts: 3, baseMs: 10, maxMs: 20 } });
    opened.push(src);
    const error = await failure(src.getSession());
    expect(error.kind).to.equal('blocked');
    expect(error.details.origin).to.equal(otherOrigin());
    expect(error.message).to.contain(`does not allow pages from ${location.origin}`);
    expect(error.message).to.contain('Embedding on another origin');
  });

  it('keeps the plain outage for a server out of reach (nothing listens on port 3)', async () => {
    const src = new HttpJobSource({ baseUrl: `${location.protocol}//127.0.0.1:3/api/v1`, retry: { attempts: 1, baseMs: 10, maxMs: 20 } });
    opened.push(src);
    expect((await failure(src.getSession())).kind).to.equal('network');
  });
});
