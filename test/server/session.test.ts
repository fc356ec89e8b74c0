import { expect } from '@open-wc/testing';
import { validateApiError, validateSession, type ApiError, type Session } from '../../src/model/index.js';
import {
  EventStreamReader,
  closeServer,
  createServer,
  getJson,
  login,
  logout,
  serverState,
  serverStats,
  type TestServer,
} from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every endpoint that reads jobs, nodes or events (filled in with a real job id). */
function dataPaths(jobId: string): string[] {
  return ['/nodes', '/jobs', '/jobs/summary', '/jobs/analysis', `/jobs/${jobId}`, `/jobs/${jobId}/files`, '/events'];
}

/** Asks every data endpoint, the events one both as a stream and as JSON; returns the answers. */
async function askEveryDataEndpoint(server: TestServer, jobId: string) {
  const answers = [];
  for (const path of dataPaths(jobId)) {
    answers.push({ path, ...(await getJson<ApiError>(server, path)) });
  }
  answers.push({
    path: '/events (JSON)',
    ...(await getJson<ApiError>(server, '/events?after=0', { headers: { Accept: 'application/json' } })),
  });
  return answers;
}

describe('server: sessions and access', () => {
  let server: TestServer;
  let jobId: string;

  beforeEach(async () => {
    server = await createServer({ jobs: 40 });
    jobId = (await serverState(server)).jobs[0]!.id;
  });
  afterEach(() => closeServer(server));

  it('logs in, says who is logged in with the roles, and logs out', async () => {
    const res = await login(server, 'admin', 'admin');
    expect(res.status).to.equal(200);
    const session = validateSession(await res.json());
    expect(session.ok, JSON.stringify(session)).to.equal(true);
    expect((session as { value: Session }).value.user).to.deep.equal({ name: 'admin', roles: ['DATA_ADMINISTRATOR'] });

    const me = await getJson<Session>(server, '/session');
    expect(me.status).to.equal(200);
    expect(me.body.user.name).to.equal('admin');
    expect(me.headers.get('cache-control')).to.equal('no-store');
    expect(me.headers.get('content-type')).to.equal('application/json; charset=utf-8');
    expect(document.cookie, 'the session cookie is HttpOnly').not.to.contain('ac_session');

    const out = await logout(server);
    expect(out.status).to.equal(204);
    const after = await getJson<ApiError>(server, '/session');
    expect(after.status).to.equal(401);
    expect(after.body.error.code).to.equal('unauthenticated');
    expect((await getJson(server, '/jobs')).status).to.equal(401);
  });

  it('refuses a wrong password or user name with 401 and a valid error body', async () => {
    for (const [user, password] of [
      ['admin', 'wrong'],
      ['nobody', 'admin'],
      ['admin', ''],
      ['ADMIN', 'admin'],
    ] as const) {
      const res = await login(server, user, password);
      expect(res.status, `${user}/${password}`).to.equal(401);
      const body: unknown = await res.json();
      expect(validateApiError(body).ok).to.equal(true);
      expect((body as ApiError).error.code).to.equal('unauthenticated');
    }
    expect((await getJson(server, '/session')).status).to.equal(401);
    expect((await serverStats(server)).sessions).to.equal(0);
  });

  it('names the field of a malformed login body', async () => {
    const post = (body: string) =>
      fetch(`${server.base}/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const missing = await post(JSON.stringify({ username: 'admin' }));
    expect(missing.status).to.equal(400);
    expect(((await missing.json()) as ApiError).error.parameter).to.equal('password');
    const wrongType = await post(JSON.stringify({ username: 7, password: 'admin' }));
    expect(((await wrongType.json()) as ApiError).error.parameter).to.equal('username');
    const notJson = await post('{"username": ');
    expect(notJson.status).to.equal(400);
    expect(validateApiError(await notJson.json()).ok).to.equal(true);
  });

  it('answers 401 on every data endpoint without a session', async () => {
    for (const answer of await askEveryDataEndpoint(server, jobId)) {
      expect(answer.status, answer.path).to.equal(401);
      expect(validateApiError(answer.body).ok, answer.path).to.equal(true);
      expect(answer.body.error.code, answer.path).to.equal('unauthenticated');
    }
  });

  it('answers 403 on every data endpoint to an operator, who may still log in', async () => {
    const res = await login(server, 'operator', 'operator');
    expect(res.status).to.equal(200);
    expect(((await res.json()) as Session).user.roles).to.deep.equal(['OPERATOR']);
    for (const answer of await askEveryDataEndpoint(server, jobId)) {
      expect(answer.status, answer.path).to.equal(403);
      expect(validateApiError(answer.body).ok, answer.path).to.equal(true);
      expect(answer.body.error.code, answer.path).to.equal('forbidden');
    }
  });

  it('opens every data endpoint to a Data Administrator', async () => {
    await login(server);
    for (const path of dataPaths(jobId).filter((p) => p !== '/events')) {
      expect((await getJson(server, path)).status, path).to.equal(200);
    }
  });

  it('keeps sessions to their own instance (the cookie is scoped to its path)', async () => {
    const other = await createServer({ jobs: 5 });
    try {
      await login(server);
      expect((await getJson(server, '/nodes')).status).to.equal(200);
      expect((await getJson(other, '/nodes')).status).to.equal(401);
    } finally {
      await closeServer(other);
    }
  });

  it('ends a session after idle time, but not while it watches events', async () => {
    const idle = await createServer({ jobs: 5, sessionIdleMs: 300 });
    let stream: EventStreamReader | undefined;
    try {
      await login(idle);
      stream = await EventStreamReader.open(`${idle.base}/events`);
      expect(stream.response.status).to.equal(200);
      await sleep(450);
      expect((await getJson(idle, '/session')).status, 'kept alive by its stream').to.equal(200);
      stream.close();
      await sleep(450);
      expect((await getJson(idle, '/session')).status, 'idle, without a stream').to.equal(401);
    } finally {
      stream?.close();
      await closeServer(idle);
    }
  });

  it('ends the event streams of a session when it logs out', async () => {
    await login(server);
    const stream = await EventStreamReader.open(`${server.base}/events`);
    try {
      expect(stream.response.status).to.equal(200);
      await stream.until(() => stream.idOnly.length > 0, 'the stream to open');
      expect((await logout(server)).status).to.equal(204);
      await stream.until(() => stream.ended !== undefined, 'the stream to end');
      expect(stream.ended).to.equal('end');
      expect((await serverStats(server)).streams).to.equal(0);
    } finally {
      stream.close();
    }
  });

  it('replaces the previous session at a new login', async () => {
    await login(server);
    await login(server);
    expect((await serverStats(server)).sessions).to.equal(1);
  });

  it('answers 405 with Allow for a wrong method and 404 for an unknown path', async () => {
    await login(server);
    const put = await fetch(`${server.base}/jobs`, { method: 'PUT' });
    expect(put.status).to.equal(405);
    expect(put.headers.get('allow')).to.equal('GET');
    expect(((await put.json()) as ApiError).error.code).to.equal('method_not_allowed');
    const patch = await fetch(`${server.base}/session`, { method: 'PATCH' });
    expect(patch.status).to.equal(405);
    expect(patch.headers.get('allow')).to.equal('GET, POST, DELETE');
    for (const path of ['/nope', '/jobs/', `/jobs/${jobId}/files/extra`, '']) {
      const answer = await getJson<ApiError>(server, path);
      expect(answer.status, path).to.equal(404);
      expect(validateApiError(answer.body).ok, path).to.equal(true);
    }
  });

  it('refuses a login posted from another site, even with the right password', async () => {
    // The page is on localhost; 127.0.0.1 (or [::1]) is the same server on another site,
    // so the browser sends `Origin: http://localhost:…` and `Sec-Fetch-Site: cross-site`.
    expect(location.hostname).to.equal('localhost');
    const body = JSON.stringify({ username: 'admin', password: 'admin' });
    let reached = false;
    for (const host of ['127.0.0.1', '[::1]']) {
      try {
        // A simple request (text/plain, no-cors) reaches the server without a preflight,
        // as a form post from a hostile page would; its answer is opaque to the page.
        await fetch(`http://${host}:${location.port}${server.base}/session`, { method: 'POST', mode: 'no-cors', body });
        reached = true;
        break;
      } catch {
        // not listening on that address; try the next one
      }
    }
    expect(reached, 'the cross-site request reached the server').to.equal(true);
    expect((await serverStats(server)).sessions, 'no session was opened').to.equal(0);

    // The same request from the page's own origin is taken: the refusal was the origin's.
    const sameSite = await fetch(`${server.base}/session`, { method: 'POST', body });
    expect(sameSite.status).to.equal(200);
    expect((await serverStats(server)).sessions).to.equal(1);
  });
});
