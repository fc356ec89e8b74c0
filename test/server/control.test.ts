import { expect } from '@open-wc/testing';
import { validateApiError, validateJob, validateLiveEvent, type ApiError, type JobPage } from '../../src/model/index.js';
import {
  EventStreamReader,
  advance,
  closeServer,
  control,
  createServer,
  eventually,
  getJson,
  login,
  serverState,
  type TestServer,
} from './helpers.js';

const NOW = Date.parse('2025-10-23T12:00:00Z');

describe('server: test control', () => {
  let server: TestServer;
  const readers: EventStreamReader[] = [];

  async function open(headers: Record<string, string> = {}) {
    const reader = await EventStreamReader.open(`${server.base}/events`, headers);
    readers.push(reader);
    return reader;
  }

  beforeEach(async () => {
    server = await createServer({ jobs: 100, now: NOW, activity: 3 });
    await login(server);
  });
  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close();
    await closeServer(server);
  });

  it('creates isolated instances, each with its own simulation', async () => {
    const other = await createServer({ jobs: 30, seed: 2 });
    try {
      expect(other.base).to.match(/^\/__test__\/s\/[0-9a-f]+\/api\/v1$/);
      expect(other.control).to.equal(other.base.replace(/\/api\/v1$/, ''));
      expect(other.base).not.to.equal(server.base);
      const mine = await serverState(server);
      const theirs = await serverState(other);
      expect(mine.jobs).to.have.length(100);
      expect(theirs.jobs).to.have.length(30);
      await advance(other, 600_000);
      expect((await serverState(server)).lastSeq).to.equal(mine.lastSeq);
    } finally {
      await closeServer(other);
    }
  });

  it('refuses bad creation options with a 400 naming the option', async () => {
    for (const [body, field] of [
      [{ jobs: -1 }, 'jobs'],
      [{ nodes: 0 }, 'nodes'],
      [{ activity: 0 }, 'activity'],
      [{ clock: 'fast' }, 'clock'],
      [{ heartbeatMs: 0 }, 'heartbeatMs'],
    ] as const) {
      const res = await fetch('/__test__/servers', { method: 'POST', body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(((await res.json()) as ApiError).error.parameter).to.equal(field);
    }
  });

  it('moves the simulation by itself with the real clock, and only through advance otherwise', async () => {
    const live = await createServer({ jobs: 20, clock: 'real', activity: 200 });
    try {
      await eventually(async () => (await serverState(live)).lastSeq > 0, 'the real clock to produce events', 3000);
    } finally {
      await closeServer(live);
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await serverState(server)).lastSeq, 'the manual clock stood still').to.equal(0);
  });

  it('reports the state: every job, valid, and the last seq', async () => {
    const before = await serverState(server);
    expect(before.lastSeq).to.equal(0);
    expect(before.jobs.every((job) => validateJob(job).ok)).to.equal(true);
    const lastSeq = await advance(server, 300_000);
    const after = await serverState(server);
    expect(after.lastSeq).to.equal(lastSeq);
    expect(after.jobs.length).to.be.greaterThan(before.jobs.length);
  });

  it('answers the next requests with an error status and Retry-After, `times` times', async () => {
    await control(server, 'faults', { path: '/jobs', status: 503, retryAfter: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.base}/jobs`);
      expect(res.status).to.equal(503);
      expect(res.headers.get('retry-after')).to.equal('7');
      const body: unknown = await res.json();
      expect(validateApiError(body).ok).to.equal(true);
    }
    expect((await fetch(`${server.base}/jobs`)).status).to.equal(200);
  });

  it('matches a fault by path and method only', async () => {
    await control(server, 'faults', { path: '/jobs/summary', method: 'GET', status: 500 });
    expect((await fetch(`${server.base}/jobs`)).status, 'another path').to.equal(200);
    expect((await fetch(`${server.base}/jobs/summary`)).status).to.equal(500);
    expect((await fetch(`${server.base}/jobs/summary`)).status, 'used up').to.equal(200);
    await control(server, 'faults', { path: '/jobs/*', status: 502 });
    const one = await getJson<ApiError>(server, '/jobs/j000001');
    expect(one.status).to.equal(502);
    expect(one.body.error.code).to.equal('bad_gateway');
  });

  it('sends malformed JSON, an HTML page or a literal body', async () => {
    await control(server, 'faults', { path: '/jobs', body: 'malformed' });
    const malformed = await fetch(`${server.base}/jobs`);
    expect(malformed.status).to.equal(200);
    expect(malformed.headers.get('content-type')).to.contain('application/json');
    let parsed = true;
    try {
      await malformed.json();
    } catch {
      parsed = false;
    }
    expect(parsed, 'the body is not JSON').to.equal(false);

    await control(server, 'faults', { path: '/jobs', body: 'html' });
    const html = await fetch(`${server.base}/jobs`);
    expect(html.status).to.equal(200);
    expect(html.headers.get('content-type')).to.contain('text/html');
    expect(await html.text()).to.match(/^<!doctype html>/i);

    const literal = JSON.stringify({ items: [{ id: 'x' }], nextCursor: null, total: 1 });
    await control(server, 'faults', { path: '/jobs', body: literal });
    expect(await (await fetch(`${server.base}/jobs`)).text()).to.equal(literal);
    expect((await fetch(`${server.base}/jobs`)).status, 'back to normal').to.equal(200);
  });

  it('delays an answer, then answers normally', async () => {
    await control(server, 'faults', { path: '/nodes', delayMs: 300 });
    const started = performance.now();
    const res = await fetch(`${server.base}/nodes`);
    expect(performance.now() - started).to.be.at.least(280);
    expect(res.status).to.equal(200);
  });

  it('hangs a request until the client gives up', async () => {
    await control(server, 'faults', { path: '/jobs', hang: true });
    const abort = new AbortController();
    const pending = fetch(`${server.base}/jobs`, { signal: abort.signal }).then(
      () => 'answered',
      (error: unknown) => (error instanceof DOMException ? error.name : String(error)),
    );
    const early = await Promise.race([pending, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 400))]);
    expect(early).to.equal('still waiting');
    abort.abort();
    expect(await pending).to.equal('AbortError');
    expect((await fetch(`${server.base}/jobs`)).status, 'the next request is answered').to.equal(200);
  });

  it('drops every open event stream abruptly', async () => {
    const streams = [await open(), await open()];
    await streams[0]!.until(() => streams[0]!.idOnly.length > 0, 'the stream to open');
    const { dropped } = await control<{ dropped: number }>(server, 'drop-streams');
    expect(dropped).to.equal(2);
    for (const stream of streams) {
      await stream.until(() => stream.ended !== undefined, 'the stream to end');
      expect(stream.ended, 'not a clean end').to.be.instanceOf(Error);
    }
  });

  it('restarts: streams dropped, 503 while down, then the same jobs', async () => {
    const before = await serverState(server);
    const stream = await open();
    await stream.until(() => stream.idOnly.length > 0, 'the stream to open');
    await control(server, 'restart', { downMs: 400 });
    await stream.until(() => stream.ended !== undefined, 'the stream to be dropped');
    const down = await fetch(`${server.base}/jobs`);
    expect(down.status).to.equal(503);
    expect(Number(down.headers.get('retry-after'))).to.be.at.least(1);
    expect(validateApiError(await down.json()).ok).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const up = await getJson<JobPage>(server, '/jobs?limit=1000');
    expect(up.status).to.equal(200);
    expect(up.body.items.map((j) => j.id).sort()).to.deep.equal(before.jobs.map((j) => j.id).sort());
  });

  it('restarts forgetting events: a client resuming from before gets a resync', async () => {
    const lastSeq = await advance(server, 120_000);
    const kept = await open({ 'Last-Event-ID': '1' });
    await kept.until(() => kept.events.length === lastSeq - 1, 'the replay before the restart');
    expect(kept.events.every((e) => e.event === 'job')).to.equal(true);

    await control(server, 'restart', { downMs: 0, forgetEvents: true });
    const resumed = await open({ 'Last-Event-ID': '1' });
    await resumed.until(() => resumed.events.length > 0, 'the resync');
    expect(resumed.events.map((e) => e.event)).to.deep.equal(['resync']);
    expect(validateLiveEvent(JSON.parse(resumed.events[0]!.data)).ok).to.equal(true);
  });

  it('sends each event twice, and adjacent events swapped, under stream chaos', async () => {
    await control(server, 'stream-chaos', { duplicate: true });
    const doubled = await open();
    const lastSeq = await advance(server, 120_000);
    await doubled.until(() => doubled.events.length === 2 * lastSeq, 'every event twice');
    expect(doubled.events.map((e) => Number(e.id?.split(':').pop()))).to.deep.equal(
      Array.from({ length: lastSeq }, (_, i) => [i + 1, i + 1]).flat(),
    );

    await control(server, 'stream-chaos', { reorder: true });
    const swapped = await open();
    const from = lastSeq;
    const newest = await advance(server, 120_000);
    expect(newest - from).to.be.at.least(4);
    await swapped.until(() => swapped.events.length === newest - from, 'the new events');
    const ids = swapped.events.map((e) => Number(e.id?.split(':').pop()));
    const inOrder = Array.from({ length: newest - from }, (_, i) => from + 1 + i);
    expect(ids).not.to.deep.equal(inOrder);
    expect([...ids].sort((a, b) => a - b)).to.deep.equal(inOrder);
    for (let i = 0; i + 1 < inOrder.length; i += 2) expect([ids[i], ids[i + 1]]).to.deep.equal([inOrder[i + 1], inOrder[i]]);

    await control(server, 'stream-chaos', {});
    const calmFrom = (await serverState(server)).lastSeq;
    const calm = await open();
    const calmTo = await advance(server, 120_000);
    await calm.until(() => calm.events.length === calmTo - calmFrom, 'events in order again');
    expect(calm.events.map((e) => Number(e.id?.split(':').pop()))).to.deep.equal(
      Array.from({ length: calmTo - calmFrom }, (_, i) => calmFrom + 1 + i),
    );
  });

  it('stops an instance', async () => {
    const stream = await open();
    await stream.until(() => stream.idOnly.length > 0, 'the stream to open');
    const res = await fetch(server.control, { method: 'DELETE' });
    expect(res.status).to.equal(200);
    await stream.until(() => stream.ended !== undefined, 'the stream to end');
    expect((await fetch(`${server.base}/jobs`)).status).to.equal(404);
    expect((await fetch(`${server.control}/state`)).status).to.equal(404);
  });
});
