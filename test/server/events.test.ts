import { expect } from '@open-wc/testing';
import {
  validateApiError,
  validateEventBatch,
  validateLiveEvent,
  type ApiError,
  type EventBatch,
  type LiveEvent,
} from '../../src/model/index.js';
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
  serverStats,
  type ServerOptions,
  type TestServer,
} from './helpers.js';

const NOW = Date.parse('2025-10-23T12:00:00Z');

/** The seq of an event id `<epoch>:<seq>`. */
function seqOf(id: string | undefined): number {
  return Number(id?.slice(id.lastIndexOf(':') + 1));
}

function parse(data: string): LiveEvent {
  const event: unknown = JSON.parse(data);
  const checked = validateLiveEvent(event);
  expect(checked.ok, JSON.stringify(checked)).to.equal(true);
  return event as LiveEvent;
}

function poll(server: TestServer, query: string, signal?: AbortSignal) {
  return getJson<EventBatch>(server, `/events?${query}`, { headers: { Accept: 'application/json' }, ...(signal ? { signal } : {}) });
}

describe('server: live events', () => {
  let server: TestServer;
  const readers: EventStreamReader[] = [];

  async function open(query = '', headers: Record<string, string> = {}) {
    const reader = await EventStreamReader.open(`${server.base}/events${query}`, headers);
    readers.push(reader);
    return reader;
  }

  async function start(options: ServerOptions = {}) {
    server = await createServer({ jobs: 200, now: NOW, activity: 3, ...options });
    await login(server);
  }

  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close();
    await closeServer(server);
  });

  it('streams job events with increasing ids, a retry hint and the headers proxies need', async () => {
    await start();
    const stream = await open();
    expect(stream.response.status).to.equal(200);
    expect(stream.response.headers.get('content-type')).to.equal('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('x-accel-buffering')).to.equal('no');
    expect(stream.response.headers.get('cache-control')).to.equal('no-store');
    await stream.until(() => stream.idOnly.length > 0, 'the id of "now"');
    expect(stream.idOnly).to.have.length(1);
    // `<epoch>:<seq>`: this run of the numbering, and where it stands.
    const [epoch, now] = stream.idOnly[0]!.split(':');
    expect(epoch).to.match(/^[0-9a-f]{12}$/);
    expect(now).to.equal('0');
    expect(Number(stream.retries[0])).to.be.greaterThan(0);

    const lastSeq = await advance(server, 300_000);
    expect(lastSeq).to.be.greaterThan(10);
    await stream.until(() => stream.events.length === lastSeq, `${lastSeq} events`);
    const ids = stream.events.map((e) => seqOf(e.id));
    expect(ids).to.deep.equal(Array.from({ length: lastSeq }, (_, i) => i + 1));
    const { jobs } = await serverState(server);
    for (const message of stream.events) {
      expect(message.event).to.equal('job');
      const event = parse(message.data);
      expect(message.id).to.equal(`${epoch}:${event.seq}`);
      expect(event.type).to.be.oneOf(['job.created', 'job.updated']);
    }
    // The newest event of each job carries the job as the server holds it now.
    const newest = new Map<string, unknown>();
    for (const message of stream.events) {
      const event = parse(message.data);
      if (event.type !== 'resync') newest.set(event.job.id, event.job);
    }
    for (const [id, job] of newest) expect(job, id).to.deep.equal(jobs.find((j) => j.id === id));
  });

  it('replays exactly the missed events to a client resuming from an id (header or query)', async () => {
    await start();
    const witness = await open();
    await advance(server, 120_000);
    const first = await open();
    await advance(server, 120_000);
    const middle = await advance(server, 0);
    await first.until(() => first.events.length > 0 && seqOf(first.events.at(-1)!.id) === middle, 'the first events');
    first.close();
    const resumeId = first.events[Math.floor(first.events.length / 2)]!.id!;
    const resumeFrom = seqOf(resumeId);
    const lastSeq = await advance(server, 240_000);
    expect(lastSeq).to.be.greaterThan(middle);
    await witness.until(() => seqOf(witness.events.at(-1)?.id) === lastSeq, 'the witness to see everything');
    const missed = witness.events.filter((e) => seqOf(e.id) > resumeFrom);

    const byHeader = await open('', { 'Last-Event-ID': resumeId });
    await byHeader.until(() => byHeader.events.length >= missed.length, 'the replay');
    expect(byHeader.events).to.deep.equal(missed);

    const byQuery = await open(`?lastEventId=${encodeURIComponent(resumeId)}`);
    await byQuery.until(() => byQuery.events.length >= missed.length, 'the replay');
    expect(byQuery.events).to.deep.equal(missed);

    // A bare seq (a client of a server without epochs) resumes too.
    const bare = await open('', { 'Last-Event-ID': String(resumeFrom) });
    await bare.until(() => bare.events.length >= missed.length, 'the replay');
    expect(bare.events).to.deep.equal(missed);

    // The header is what a browser sends when it reconnects: it wins over the first URL's id.
    const both = await open(`?lastEventId=0`, { 'Last-Event-ID': String(lastSeq) });
    await advance(server, 60_000);
    await both.until(() => both.events.length > 0, 'a new event');
    expect(seqOf(both.events[0]!.id)).to.equal(lastSeq + 1);
  });

  it('sends resync first to a client whose id is older than the replay buffer, or unknown', async () => {
    await start({ replayLimit: 5 });
    const lastSeq = await advance(server, 300_000);
    expect(lastSeq).to.be.greaterThan(10);
    for (const from of ['1', String(lastSeq + 100)]) {
      const stream = await open('', { 'Last-Event-ID': from });
      await stream.until(() => stream.events.length > 0, 'the resync');
      expect(stream.events[0]!.event).to.equal('resync');
      const resync = parse(stream.events[0]!.data);
      expect(resync.type).to.equal('resync');
      expect(resync.seq).to.equal(lastSeq);
      expect(seqOf(stream.events[0]!.id)).to.equal(lastSeq);
    }
    // Within the buffer, the missed events are replayed as usual.
    const recent = await open('', { 'Last-Event-ID': String(lastSeq - 3) });
    await recent.until(() => recent.events.length === 3, 'three replayed events');
    expect(recent.events.map((e) => e.event)).to.deep.equal(['job', 'job', 'job']);
  });

  it('sends a resync at once to a client resuming from another epoch, whatever its seq', async () => {
    await start();
    const lastSeq = await advance(server, 300_000);
    const stream = await open('', { 'Last-Event-ID': `0123456789ab:${lastSeq - 3}` });
    await stream.until(() => stream.events.length > 0, 'the resync');
    expect(parse(stream.events[0]!.data)).to.deep.equal({ type: 'resync', seq: lastSeq, reason: 'epoch-changed' });
    const polled = await poll(server, `after=${lastSeq - 3}&epoch=0123456789ab`);
    expect(polled.body.items).to.deep.equal([{ type: 'resync', seq: lastSeq, reason: 'epoch-changed' }]);
  });

  it('starts a new epoch when a restart counts from 0 again, and resyncs a client of the old one even once the new count is past it', async () => {
    await start();
    const stream = await open();
    await stream.until(() => stream.idOnly.length > 0, 'the stream to open');
    const oldEpoch = stream.idOnly[0]!.split(':')[0]!;
    const oldSeq = await advance(server, 120_000);
    await control(server, 'restart', { downMs: 0, newEventIds: true });
    // The new count overtakes the old one: a bare seq would pass for one this run gave.
    const newSeq = await advance(server, 600_000);
    expect(newSeq).to.be.greaterThan(oldSeq);
    const resumed = await open('', { 'Last-Event-ID': `${oldEpoch}:${oldSeq}` });
    await resumed.until(() => resumed.events.length > 0, 'the resync');
    expect(resumed.events[0]!.event).to.equal('resync');
    expect(parse(resumed.events[0]!.data)).to.include({ seq: newSeq, reason: 'epoch-changed' });
    const [newEpoch] = resumed.events[0]!.id!.split(':');
    expect(newEpoch).to.not.equal(oldEpoch);
    const { body } = await poll(server, 'after=0');
    expect(body.items[0]!.seq, 'ids start again from 1').to.equal(1);
    expect(body.epoch).to.equal(newEpoch);
  });

  it('sends heartbeats while nothing happens', async () => {
    await start({ heartbeatMs: 40 });
    const stream = await open();
    await stream.until(() => stream.comments.filter((c) => c === 'heartbeat').length >= 2, 'two heartbeats', 2000);
    expect(stream.events).to.have.length(0);
  });

  it('answers the JSON fallback at once when events are waiting, and long-polls otherwise', async () => {
    await start();
    const lastSeq = await advance(server, 120_000);
    const ready = await poll(server, 'after=2');
    expect(ready.status).to.equal(200);
    expect(validateEventBatch(ready.body).ok).to.equal(true);
    expect(ready.body.items.map((e) => e.seq)).to.deep.equal(Array.from({ length: lastSeq - 2 }, (_, i) => i + 3));
    expect(ready.body.lastSeq).to.equal(lastSeq);

    const started = performance.now();
    const waiting = poll(server, `after=${lastSeq}&wait=5000`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const newest = await advance(server, 120_000);
    const answer = await waiting;
    expect(performance.now() - started, 'answered when events came, not at the end of the wait').to.be.below(3000);
    expect(validateEventBatch(answer.body).ok).to.equal(true);
    expect(answer.body.items[0]!.seq).to.equal(lastSeq + 1);
    expect(answer.body.lastSeq).to.equal(newest);

    const quiet = performance.now();
    const empty = await poll(server, `after=${newest}&wait=200`);
    expect(performance.now() - quiet).to.be.at.least(180);
    expect(empty.body).to.deep.include({ items: [], lastSeq: newest });
    expect(empty.body.epoch, 'the epoch of lastSeq').to.match(/^[0-9a-f]{12}$/);

    const unknown = await poll(server, `after=${newest + 50}`);
    expect(unknown.body.items.map((e) => e.type)).to.deep.equal(['resync']);
  });

  it('refuses bad event parameters with a 400 that names them', async () => {
    await start();
    for (const [query, parameter] of [
      ['after=-1', 'after'],
      ['after=x', 'after'],
      ['wait=soon', 'wait'],
    ]) {
      const { status, body } = await getJson<ApiError>(server, `/events?${query}`, { headers: { Accept: 'application/json' } });
      expect(status, query).to.equal(400);
      expect(validateApiError(body).ok).to.equal(true);
      expect(body.error.parameter).to.equal(parameter);
    }
    const badId = await EventStreamReader.open(`${server.base}/events`, { 'Last-Event-ID': 'abc' });
    expect(badId.response.status).to.equal(400);
    expect(((await badId.response.json()) as ApiError).error.parameter).to.equal('Last-Event-ID');
  });

  it('leaves no stream, poll or timer behind when clients go away', async () => {
    await start({ heartbeatMs: 30 });
    const streams = await Promise.all([open(), open(), open('?lastEventId=0')]);
    const abort = new AbortController();
    const pending = poll(server, 'wait=20000', abort.signal).catch((error: unknown) => error);
    await eventually(async () => (await serverStats(server)).pollers === 1, 'the poll to wait');
    expect(await serverStats(server)).to.deep.include({ streams: 3, pollers: 1, timers: 2 });
    for (const stream of streams) stream.close();
    abort.abort();
    expect(await pending).to.be.instanceOf(DOMException);
    await eventually(async () => {
      const stats = await serverStats(server);
      return stats.streams === 0 && stats.pollers === 0 && stats.timers === 0;
    }, 'every listener and timer to go');
  });
});
