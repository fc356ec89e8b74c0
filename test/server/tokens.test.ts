/**
 * Bearer tokens (`POST /tokens`, `Authorization: Bearer`, `DELETE /tokens/current`): for
 * pages that cookies cannot serve. Roles as for sessions; every endpoint takes them, the
 * event stream included.
 */
import { expect } from '@open-wc/testing';
import { validateApiError, validateToken, type ApiError, type Token } from '../../src/model/index.js';
import { EventStreamReader, closeServer, createServer, eventually, getJson, login, type TestServer } from './helpers.js';

const DATA_PATHS = ['/nodes', '/jobs', '/jobs/summary', '/jobs/j000001', '/jobs/j000001/files'];

describe('reference server: bearer tokens', function () {
  this.timeout(20_000);
  let server: TestServer;

  async function issue(username = 'admin', password = username): Promise<{ status: number; body: Token | ApiError }> {
    const res = await fetch(`${server.base}/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
      credentials: 'omit',
    });
    return { status: res.status, body: (await res.json()) as Token | ApiError };
  }

  async function token(username = 'admin'): Promise<string> {
    const { status, body } = await issue(username);
    expect(status).to.equal(201);
    return (body as Token).token;
  }

  const bearer = (value: string): RequestInit => ({ headers: { Authorization: `Bearer ${value}` }, credentials: 'omit' });

  beforeEach(async () => {
    server = await createServer({ seed: 5, jobs: 30, tokenTtlMs: 60_000 });
  });
  afterEach(async () => {
    await closeServer(server);
  });

  it('issues a token for the right credentials (201, as the schema says), and refuses wrong ones', async () => {
    const before = Date.now();
    const { status, body } = await issue();
    expect(status).to.equal(201);
    expect(validateToken(body).ok).to.equal(true);
    const { token: value, expiresAt } = body as Token;
    expect(value).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(expiresAt) - before).to.be.within(59_000, 61_000);

    const wrong = await issue('admin', 'nope');
    expect(wrong.status).to.equal(401);
    expect(validateApiError(wrong.body).ok).to.equal(true);
    const malformed = await fetch(`${server.base}/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"username": 1, "password": "x"}',
    });
    expect(malformed.status).to.equal(400);
    expect(((await malformed.json()) as ApiError).error.parameter).to.equal('username');
  });

  it('opens every endpoint, the event stream included, to a Data Administrator’s token', async () => {
    const value = await token();
    for (const path of ['/session', ...DATA_PATHS]) {
      expect((await getJson(server, path, bearer(value))).status, path).to.equal(200);
    }
    const stream = await EventStreamReader.open(`${server.base}/events`, { Authorization: `Bearer ${value}` });
    expect(stream.response.status).to.equal(200);
    await stream.until(() => stream.idOnly.length > 0, 'the stream to open');
    stream.close();
    const polled = await getJson(server, '/events?after=0', { headers: { Authorization: `Bearer ${value}`, Accept: 'application/json' } });
    expect(polled.status).to.equal(200);
  });

  it('answers 401, then 403 for an account without the role, as for sessions', async () => {
    for (const path of [...DATA_PATHS, '/events']) {
      const missing = await getJson<ApiError>(server, path, bearer('not-a-token'));
      expect(missing.status, path).to.equal(401);
      expect(missing.headers.get('www-authenticate')).to.equal('Bearer error="invalid_token"');
    }
    const operator = await token('operator');
    expect((await getJson(server, '/session', bearer(operator))).status).to.equal(200);
    for (const path of [...DATA_PATHS, '/events']) {
      expect((await getJson(server, path, bearer(operator))).status, path).to.equal(403);
    }
  });

  it('judges a request with a token by it alone, never by a cookie beside it', async () => {
    expect((await login(server)).status).to.equal(200);
    expect((await getJson(server, '/jobs')).status, 'the cookie alone').to.equal(200);
    const res = await fetch(`${server.base}/jobs`, { headers: { Authorization: 'Bearer revoked-or-unknown' } });
    expect(res.status).to.equal(401);
  });

  it('revokes the token it is sent with, and ends its event streams', async () => {
    const value = await token();
    const other = await token();
    const stream = await EventStreamReader.open(`${server.base}/events`, { Authorization: `Bearer ${value}` });
    await stream.until(() => stream.idOnly.length > 0, 'the stream to open');
    const revoked = await fetch(`${server.base}/tokens/current`, { method: 'DELETE', ...bearer(value) });
    expect(revoked.status).to.equal(204);
    await stream.until(() => stream.ended !== undefined, 'the stream to end');
    expect((await getJson(server, '/jobs', bearer(value))).status).to.equal(401);
    expect((await getJson(server, '/jobs', bearer(other))).status, 'another token lives on').to.equal(200);
    const again = await fetch(`${server.base}/tokens/current`, { method: 'DELETE', ...bearer(value) });
    expect(again.status).to.equal(401);
  });

  it('ends a token at its time, and its stream with it', async () => {
    await closeServer(server);
    server = await createServer({ seed: 5, jobs: 30, tokenTtlMs: 1500 });
    const value = await token();
    const stream = await EventStreamReader.open(`${server.base}/events`, { Authorization: `Bearer ${value}` });
    await stream.until(() => stream.idOnly.length > 0, 'the stream to open');
    await stream.until(() => stream.ended !== undefined, 'the stream to end at expiry', 10_000);
    await eventually(async () => (await getJson(server, '/jobs', bearer(value))).status === 401, 'the token to expire');
  });
});
