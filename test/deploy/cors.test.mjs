// The reference server's CORS answers (`--allow-origin`), from a real `main.js` process:
// what a browser reads before it lets a page on another origin see an answer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runServer, startServer } from './servers.mjs';

const LISTED = 'http://127.0.0.1:9';
const ALSO_LISTED = 'http://localhost:9';
const OTHER = 'http://evil.example';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;

before(async () => {
  server = await startServer(['--port', '0', '--jobs', '50', '--allow-origin', LISTED, '--allow-origin', `${ALSO_LISTED}/`]);
});
after(() => server?.stop());

/** @param {string} path @param {RequestInit} [init] */
function call(path, init = {}) {
  return fetch(`${server.origin}${path}`, init);
}

const LOGIN = JSON.stringify({ username: 'admin', password: 'admin' });

describe('a listed origin', () => {
  test('reads every answer, errors included, with credentials', async () => {
    for (const origin of [LISTED, ALSO_LISTED]) {
      const answer = await call('/api/v1/jobs', { headers: { Origin: origin } });
      assert.equal(answer.status, 401, 'not logged in');
      assert.equal(answer.headers.get('access-control-allow-origin'), origin);
      assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
      assert.match(answer.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
      assert.match(answer.headers.get('vary') ?? '', /\bOrigin\b/);
      assert.equal((await answer.json()).error.code, 'unauthenticated', 'the error body is readable');
    }
  });

  test('gets its preflight answered: 204 with the methods and headers the client sends', async () => {
    const answer = await call('/api/v1/events', {
      method: 'OPTIONS',
      headers: { Origin: LISTED, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization, last-event-id' },
    });
    assert.equal(answer.status, 204);
    assert.equal(answer.headers.get('access-control-allow-origin'), LISTED);
    assert.equal(answer.headers.get('access-control-allow-credentials'), 'true');
    const methods = (answer.headers.get('access-control-allow-methods') ?? '').split(/,\s*/);
    for (const method of ['GET', 'POST', 'DELETE']) assert.ok(methods.includes(method), `${method} allowed`);
    const headers = (answer.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
    for (const header of ['content-type', 'authorization', 'last-event-id']) assert.ok(headers.includes(header), `${header} allowed`);
    assert.match(answer.headers.get('vary') ?? '', /\bOrigin\b/);
  });

  test('may log in, get a token and revoke it: the state-changing Origin check accepts it', async () => {
    const headers = { Origin: LISTED, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' };
    const login = await call('/api/v1/session', { method: 'POST', headers, body: LOGIN });
    assert.equal(login.status, 200);
    assert.match(login.headers.get('set-cookie') ?? '', /^ac_session=/);
    assert.equal(login.headers.get('access-control-allow-origin'), LISTED);

    const issued = await call('/api/v1/tokens', { method: 'POST', headers, body: LOGIN });
    assert.equal(issued.status, 201);
    const { token } = await issued.json();
    const revoked = await call('/api/v1/tokens/current', { method: 'DELETE', headers: { ...headers, Authorization: `Bearer ${token}` } });
    assert.equal(revoked.status, 204);
  });
});

describe('an origin not listed', () => {
  test('gets no CORS headers, so the browser hides the answer from its page', async () => {
    const answer = await call('/api/v1/jobs', { headers: { Origin: OTHER } });
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    assert.equal(answer.headers.get('access-control-allow-credentials'), null);
    assert.match(answer.headers.get('vary') ?? '', /\bOrigin\b/, 'a cache keeps the answers of each origin apart');
  });

  test('gets its preflight refused', async () => {
    const answer = await call('/api/v1/jobs', { method: 'OPTIONS', headers: { Origin: OTHER, 'Access-Control-Request-Method': 'GET' } });
    assert.equal(answer.status, 403);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    assert.equal((await answer.json()).error.code, 'origin_not_allowed');
  });

  test('may not log in or get a token', async () => {
    const headers = { Origin: OTHER, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' };
    for (const path of ['/api/v1/session', '/api/v1/tokens']) {
      const answer = await call(path, { method: 'POST', headers, body: LOGIN });
      assert.equal(answer.status, 403, path);
      assert.equal((await answer.json()).error.code, 'cross_site');
    }
  });
});

test('the page and its bundle carry the same answers (a page elsewhere may load the bundle)', async () => {
  const answer = await call('/dist/cdn/ac-job-manager.js', { headers: { Origin: LISTED } });
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('access-control-allow-origin'), LISTED);
  await answer.arrayBuffer();
});

test('--allow-origin refuses * and anything but a bare origin', async () => {
  for (const [flag, said] of [
    ['*', /refused/],
    ['http://127.0.0.1:9/path', /bare http\(s\) origin/],
    ['ftp://example.com', /bare http\(s\) origin/],
    ['not a url', /must be an origin/],
  ]) {
    const { code, output } = await runServer(['--port', '0', '--allow-origin', String(flag)]);
    assert.equal(code, 2, `--allow-origin ${flag} stops the server`);
    assert.match(output, /** @type {RegExp} */ (said));
  }
});

test('without --allow-origin the server answers no CORS at all, as before', async () => {
  const plain = await startServer(['--port', '0', '--jobs', '10']);
  try {
    const answer = await fetch(`${plain.origin}/api/v1/jobs`, { headers: { Origin: LISTED } });
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    const login = await fetch(`${plain.origin}/api/v1/session`, {
      method: 'POST',
      headers: { Origin: LISTED, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' },
      body: LOGIN,
    });
    assert.equal(login.status, 403, 'a login from another site is refused');
  } finally {
    await plain.stop();
  }
});
