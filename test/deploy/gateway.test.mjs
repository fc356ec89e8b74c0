// `--api <url>`: the page's server as a gateway to another API process, as the README's
// first setup puts a reverse proxy in front of the cluster. From real `main.js` processes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { freePort, startServer } from './servers.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let api;
/** @type {Awaited<ReturnType<typeof startServer>>} */
let gateway;
let apiArgs = /** @type {string[]} */ ([]);

before(async () => {
  apiArgs = ['--port', String(await freePort()), '--jobs', '200', '--speed', '50'];
  api = await startServer(apiArgs);
  gateway = await startServer(['--port', '0', '--api', `${api.origin}/api/v1`]);
});
after(async () => {
  await gateway?.stop();
  await api?.stop();
});

/** As the page on the gateway's origin sends them. */
const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' };

async function logIn(/** @type {string} */ username) {
  const answer = await fetch(`${gateway.origin}/api/v1/session`, {
    method: 'POST',
    headers: SAME_ORIGIN,
    body: JSON.stringify({ username, password: username }),
  });
  assert.equal(answer.status, 200);
  const cookie = answer.headers.get('set-cookie') ?? '';
  assert.match(cookie, /Path=\/api\/v1;/, 'the cookie is scoped to the gateway path');
  return cookie.split(';')[0] ?? '';
}

/** The first `bytes` characters of an event stream through the gateway, read as they come. */
async function readStream(/** @type {Record<string, string>} */ headers, bytes = 20) {
  const controller = new AbortController();
  const answer = await fetch(`${gateway.origin}/api/v1/events`, {
    headers: { Accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  assert.equal(answer.status, 200);
  assert.match(answer.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = /** @type {ReadableStream<Uint8Array>} */ (answer.body).pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (text.length < bytes) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  controller.abort();
  return text;
}

test('forwards the session cookie, and passes 401 and 403 through as they come', async () => {
  const anonymous = await fetch(`${gateway.origin}/api/v1/jobs`);
  assert.equal(anonymous.status, 401);
  assert.equal((await anonymous.json()).error.code, 'unauthenticated');

  const admin = await logIn('admin');
  const jobs = await fetch(`${gateway.origin}/api/v1/jobs?limit=5`, { headers: { Cookie: admin } });
  assert.equal(jobs.status, 200);
  assert.equal((await jobs.json()).items.length, 5);

  const operator = await logIn('operator');
  const refused = await fetch(`${gateway.origin}/api/v1/jobs`, { headers: { Cookie: operator } });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error.code, 'forbidden');
});

test('forwards a bearer token', async () => {
  const issued = await fetch(`${gateway.origin}/api/v1/tokens`, {
    method: 'POST',
    headers: SAME_ORIGIN,
    body: JSON.stringify({ username: 'admin', password: 'admin' }),
  });
  assert.equal(issued.status, 201);
  const { token } = await issued.json();
  const jobs = await fetch(`${gateway.origin}/api/v1/jobs?limit=1`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(jobs.status, 200);
});

test('refuses a state change from another site itself', async () => {
  const answer = await fetch(`${gateway.origin}/api/v1/session`, {
    method: 'POST',
    headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'http://evil.example', 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin' }),
  });
  assert.equal(answer.status, 403);
  assert.equal((await answer.json()).error.code, 'cross_site');
});

test('streams /events through as they come, with Last-Event-ID', async () => {
  const cookie = await logIn('admin');
  // The stream's first block (where it stands) arrives before the API ends anything.
  const opening = await readStream({ Cookie: cookie });
  const id = /id: ([^\n]+)\n/.exec(opening)?.[1];
  assert.ok(id, `the stream says where it stands: ${JSON.stringify(opening)}`);
  // A Last-Event-ID of another epoch reaches the API, which answers with a resync at once.
  const resumed = await readStream({ Cookie: cookie, 'Last-Event-ID': 'another-epoch:1' }, 120);
  assert.match(resumed, /event: resync\ndata: \{"type":"resync","seq":\d+,"reason":"epoch-changed"\}/);
});

test('answers 502 with an error body while the API is down, and forwards again once it is back', async () => {
  await api.stop('SIGKILL');
  const down = await fetch(`${gateway.origin}/api/v1/jobs`);
  assert.equal(down.status, 502);
  const { error } = await down.json();
  assert.equal(error.code, 'bad_gateway');
  assert.match(error.message, /cannot be reached/);

  api = await startServer(apiArgs);
  const back = await fetch(`${gateway.origin}/api/v1/jobs`);
  assert.equal(back.status, 401, 'the restarted API lost its sessions');
});
