/**
 * HttpJobSource's live connection through a fake `fetch`, where the test decides every
 * byte and every failure: silence, broken streams, refusals, a proxy that does not
 * stream, a hidden page, an offline browser, and `close()`.
 */
import { expect } from '@open-wc/testing';
import type { JobChangeEvent, LiveEvent } from '../../src/model/index.js';
import { HttpJobSource, type HttpJobSourceOptions } from '../../src/source/http-job-source.js';
import type { ConnectionState, LiveBatch } from '../../src/source/job-source.js';
import {
  FakeFetch,
  FakeNetwork,
  FakeVisibility,
  eventStream,
  json,
  reply,
  trackTimers,
  until,
  type FakeBody,
  type FakeHandler,
  type FakeRequest,
} from './fake-fetch.js';
import { makeJob } from './fixtures.js';

function change(seq: number): JobChangeEvent {
  return { type: 'job.updated', seq, job: makeJob(seq % 7, { version: seq }) };
}

function frame(event: LiveEvent): string {
  return `id: ${event.seq}\nevent: ${event.type === 'resync' ? 'resync' : 'job'}\ndata: ${JSON.stringify(event)}\n\n`;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every source a test opened, closed after it even when it fails. */
const opened: HttpJobSource[] = [];

function live(handler: FakeHandler, options: HttpJobSourceOptions = {}) {
  const fake = new FakeFetch(handler);
  const visibility = new FakeVisibility();
  const network = new FakeNetwork();
  const src = new HttpJobSource({
    fetch: fake.fetch,
    visibility,
    network,
    retry: { attempts: 2, baseMs: 20, maxMs: 40 },
    heartbeatMs: 200,
    requestTimeoutMs: 1000,
    gapWindowMs: 100,
    pollIntervalMs: 50,
    pollWaitMs: 100,
    ...options,
  });
  opened.push(src);
  const batches: LiveBatch[] = [];
  const states: ConnectionState[] = [];
  src.onConnectionChange((state) => states.push(state));
  const seqs = () => batches.flatMap((b) => b.events.map((e) => e.seq));
  const streams = () => fake.requests.filter((r) => r.header('Accept') === 'text/event-stream');
  return { fake, visibility, network, src, batches, states, seqs, streams, subscribe: () => src.subscribe((b) => batches.push(b)) };
}

/** A handler serving event streams the test writes to, in the order they were opened. */
/**
 * The first `status` the source announces, and when: the state as announced, not as read
 * later (on a loaded machine the source may be past it, trying again, when the test looks).
 */
function announcement(src: HttpJobSource, status: ConnectionState['status']): Promise<{ state: ConnectionState; at: number }> {
  return new Promise((resolve) => {
    const stop = src.onConnectionChange((state) => {
      if (state.status !== status) return;
      stop();
      resolve({ state, at: Date.now() });
    });
  });
}

function streamServer(): { handler: FakeHandler; bodies: FakeBody[] } {
  const bodies: FakeBody[] = [];
  return {
    bodies,
    handler: (request) => {
      const { response, body } = eventStream(request);
      bodies.push(body);
      return response;
    },
  };
}

describe('HttpJobSource live connection (fake network)', function () {
  this.timeout(10_000);

  afterEach(() => {
    for (const src of opened.splice(0)) src.close();
  });

  it('connects on the first subscriber, delivers checked events, reports bad ones, and closes on the last', async () => {
    const server = streamServer();
    const t = live(server.handler);
    expect(t.src.connection.status).to.equal('idle');
    const unsubscribe = t.subscribe();
    await until(() => server.bodies.length === 1, 'the stream');
    const [request] = t.fake.requests;
    expect([request!.path, request!.header('Accept'), request!.header('Last-Event-ID')]).to.deep.equal([
      '/api/v1/events',
      'text/event-stream',
      null,
    ]);
    await until(() => t.src.connection.status === 'live', 'live');
    const { state: _state, ...broken } = makeJob(3);
    server.bodies[0]!.send(`retry: 3000\nid: 10\n\n${frame(change(11))}`);
    server.bodies[0]!.send(`id: 12\nevent: job\ndata: ${JSON.stringify({ type: 'job.updated', seq: 12, job: broken })}\n\n`);
    server.bodies[0]!.send(`id: 13\nevent: job\ndata: {"type": "job.upd\n\n${frame(change(14))}`);
    await until(() => t.seqs().includes(14), 'event 14');
    expect(t.seqs()).to.deep.equal([11, 14]);
    expect(t.batches.flatMap((b) => b.rejected ?? [])).to.deep.equal([
      'event 12: event.job.state is missing',
      'event 13: data is not JSON',
    ]);
    unsubscribe();
    expect(t.src.connection.status).to.equal('idle');
    expect(t.fake.open).to.deep.equal([]);
    expect(t.states.map((s) => s.status)).to.deep.equal(['connecting', 'live', 'idle']);
  });

  it('reconnects when the stream goes silent, resuming from the last event delivered', async () => {
    const server = streamServer();
    const t = live(server.handler, { heartbeatMs: 40 });
    t.subscribe();
    await until(() => server.bodies.length === 1, 'the stream');
    server.bodies[0]!.send(`id: 10\n\n${frame(change(11))}`);
    // Heartbeats keep a quiet stream alive past 2.5 heartbeats.
    for (let i = 0; i < 6; i++) {
      await wait(40);
      server.bodies[0]!.send(': heartbeat\n\n');
    }
    expect(server.bodies.length).to.equal(1);
    await until(() => server.bodies.length === 2, 'a new stream after the silence', 2000);
    const reconnecting = t.states.find((s) => s.status === 'reconnecting');
    expect(reconnecting?.error?.message).to.equal('The event stream went silent for 100 ms.');
    expect(reconnecting?.nextAttemptAt).to.be.a('number');
    expect(t.streams()[1]!.header('Last-Event-ID')).to.equal('11');
    expect(t.fake.open.length).to.equal(1);
    server.bodies[1]!.send(frame(change(11)) + frame(change(12)));
    await until(() => t.seqs().includes(12), 'event 12');
    expect(t.seqs()).to.deep.equal([11, 12]);
    t.src.close();
  });

  it('after a broken stream, waits with backoff and announces when it tries again', async () => {
    const server = streamServer();
    const t = live(server.handler, { retry: { baseMs: 200, maxMs: 200 } });
    t.subscribe();
    await until(() => server.bodies.length === 1, 'the stream');
    server.bodies[0]!.send(`id: 5\n\n`);
    // Timed from when the source announced its wait, not from when the test broke the
    // stream: on a loaded machine noticing the break takes a while of its own.
    const reconnecting = announcement(t.src, 'reconnecting');
    server.bodies[0]!.fail();
    const { state, at } = await reconnecting;
    const { nextAttemptAt, error } = state;
    expect(error?.kind).to.equal('network');
    expect(nextAttemptAt! - at).to.be.within(0, 210);
    await until(() => server.bodies.length === 2, 'the next attempt');
    expect(Date.now()).to.be.at.least(nextAttemptAt! - 5);
    expect(t.streams()[1]!.header('Last-Event-ID')).to.equal('5');
    t.src.close();
  });

  it('stops on 401 or 403 with the error, without hammering, and tries again after a login', async () => {
    let refuse: 401 | 403 | undefined = 401;
    const server = streamServer();
    const t = live((r) => {
      if (r.path.endsWith('/session')) return json(r, { user: { name: 'admin', roles: ['DATA_ADMINISTRATOR'] } });
      if (refuse) return reply(r, refuse, JSON.stringify({ error: { code: 'unauthenticated', message: 'Log in first.' } }));
      return server.handler(r);
    });
    t.subscribe();
    await until(() => t.src.connection.status === 'error', 'the error state');
    expect(t.src.connection.error?.kind).to.equal('unauthenticated');
    expect(t.src.connection.error?.message).to.equal('Log in first.');
    await wait(300);
    expect(t.streams().length, 'one attempt only').to.equal(1);
    refuse = undefined;
    await t.src.login('admin', 'admin');
    await until(() => t.src.connection.status === 'live', 'live after login');
    expect(t.states.map((s) => s.status)).to.deep.equal(['connecting', 'error', 'connecting', 'live']);
    t.src.close();
  });

  it('honours Retry-After on a refused stream', async () => {
    const server = streamServer();
    let refused = 0;
    const t = live((r) => (refused++ === 0 ? reply(r, 503, 'busy', { 'Retry-After': '1' }) : server.handler(r)));
    const reconnecting = announcement(t.src, 'reconnecting');
    t.subscribe();
    const { state, at } = await reconnecting;
    expect(state.error?.kind).to.equal('server');
    // The wait the server asked for, from when the refusal came (not from when the test began).
    expect(state.nextAttemptAt! - at).to.be.within(950, 1050);
    await until(() => server.bodies.length === 1, 'the second attempt', 3000);
    expect(Date.now() - at).to.be.at.least(995);
    t.src.close();
  });

  it('falls back to long-polling JSON when the answer is not an event stream', async () => {
    const polls: FakeRequest[] = [];
    const t = live(
      (r) => {
        if (r.header('Accept') === 'text/event-stream') return json(r, { note: 'a proxy that does not stream' });
        polls.push(r);
        if (polls.length === 1) return json(r, { items: [], lastSeq: 5 });
        if (polls.length === 2) return json(r, { items: [change(6), { type: 'job.updated', seq: 7 }, change(8)], lastSeq: 8 });
        return json(r, { items: [], lastSeq: 8 });
      },
      { pollIntervalMs: 400 },
    );
    t.subscribe();
    await until(() => t.seqs().includes(8), 'polled events');
    expect(t.src.connection.status).to.equal('live');
    expect(t.seqs()).to.deep.equal([6, 8]);
    expect(t.batches.flatMap((b) => b.rejected ?? [])).to.deep.equal(['items[1]: event.job is missing']);
    await until(() => polls.length >= 3, 'the next poll');
    expect(
      polls.map((r) => [r.header('Accept'), r.url.searchParams.get('after'), r.url.searchParams.get('wait')]).slice(0, 3),
    ).to.deep.equal([
      ['application/json', null, '0'],
      ['application/json', '5', '100'],
      ['application/json', '8', '100'],
    ]);
    // A poll that brought nothing is not followed by another one sooner than pollIntervalMs.
    const third = polls.length;
    await wait(150);
    expect(polls.length).to.equal(third);
    await until(() => polls.length > third, 'the poll after the interval');
    t.src.close();
  });

  it('falls back to polling after streams fail again and again while plain requests work', async () => {
    let polls = 0;
    const t = live(
      (r) => {
        if (r.header('Accept') === 'text/event-stream') {
          const { response, body } = eventStream(r);
          setTimeout(() => body.fail(), 5);
          return response;
        }
        polls++;
        return json(r, { items: polls === 1 ? [change(3)] : [], lastSeq: 3 });
      },
      { streamFailuresBeforePolling: 3, retry: { baseMs: 5, maxMs: 10 } },
    );
    t.subscribe();
    await until(() => t.seqs().includes(3), 'an event by polling');
    expect(t.streams().length).to.equal(3);
    expect(t.src.connection.status).to.equal('live');
    t.src.close();
  });

  it('closes the stream while the page is hidden and resumes without loss when it is seen again', async () => {
    const server = streamServer();
    const t = live(server.handler);
    t.subscribe();
    await until(() => server.bodies.length === 1, 'the stream');
    server.bodies[0]!.send(`id: 20\n\n${frame(change(21))}`);
    await until(() => t.seqs().includes(21), 'event 21');
    t.visibility.set(true);
    expect(t.src.connection.status).to.equal('paused');
    expect(t.fake.open, 'the stream is closed').to.deep.equal([]);
    await wait(300);
    expect(t.fake.requests.length, 'no request while hidden').to.equal(1);
    t.visibility.set(false);
    await until(() => server.bodies.length === 2, 'a new stream');
    expect(t.streams()[1]!.header('Last-Event-ID')).to.equal('21');
    server.bodies[1]!.send(frame(change(22)) + frame(change(23)));
    await until(() => t.seqs().includes(23), 'the missed events');
    expect(t.seqs()).to.deep.equal([21, 22, 23]);
    expect(t.states.map((s) => s.status)).to.deep.equal(['connecting', 'live', 'paused', 'connecting', 'live']);
    t.src.close();
  });

  it('is offline while the browser is, and reconnects at once when it is back', async () => {
    const server = streamServer();
    let first = true;
    const t = live((r) => {
      if (first) {
        first = false;
        return reply(r, 503, 'down', { 'Retry-After': '30' });
      }
      return server.handler(r);
    });
    t.subscribe();
    await until(() => t.src.connection.status === 'reconnecting', 'a 30 s wait');
    t.network.set(false);
    expect(t.src.connection.status).to.equal('offline');
    await wait(100);
    expect(t.fake.requests.length).to.equal(1);
    t.network.set(true);
    await until(() => t.src.connection.status === 'live', 'live again', 500);
    t.src.close();
  });

  it('asks for a reload when a stream that never said where it stood drops', async () => {
    const server = streamServer();
    const t = live(server.handler);
    t.subscribe();
    await until(() => t.src.connection.status === 'live', 'live');
    server.bodies[0]!.fail();
    await until(() => server.bodies.length === 2, 'the next stream');
    await until(() => t.batches.length === 1, 'a resync');
    expect(t.batches[0]!.events.map((e) => e.type)).to.deep.equal(['resync']);
    expect(t.streams()[1]!.header('Last-Event-ID')).to.equal(null);
    t.src.close();
  });

  it('close() leaves no request, no listener and no timer behind', async () => {
    const timers = trackTimers();
    try {
      await closeLeavesNothing(timers);
    } finally {
      timers.restore();
    }
  });

  async function closeLeavesNothing(timers: ReturnType<typeof trackTimers>): Promise<void> {
    const server = streamServer();
    const t = live(server.handler, { heartbeatMs: 40, retry: { baseMs: 10, maxMs: 20 } });
    t.subscribe();
    t.subscribe();
    await until(() => server.bodies.length === 1, 'the stream');
    server.bodies[0]!.send(`id: 1\n\n${frame(change(2))}${frame(change(4))}`);
    const pending = t.src.getJob('j1').catch((error: unknown) => error);
    await wait(10);
    t.src.close();
    expect(t.src.connection.status).to.equal('idle');
    expect(t.fake.open).to.deep.equal([]);
    expect(((await pending) as { kind: string }).kind).to.equal('aborted');
    expect(t.visibility.listeners.size + t.network.listeners.size).to.equal(0);
    await wait(0);
    expect(timers.pending(), 'timers left').to.equal(0);
    const requests = t.fake.requests.length;
    // Longer than the silence timeout, the backoff, the gap window and a poll interval.
    await wait(400);
    expect(t.fake.requests.length).to.equal(requests);
  }
});
