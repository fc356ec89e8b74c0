/**
 * The live connection across a server that starts its numbering again (a restart, a
 * gateway's fail-over: a new epoch in the event ids), and back from the polling fallback
 * to the stream once the outage that caused it is over. Through a fake `fetch`, where the
 * test writes every byte: these servers do not check the id they are given, so only the
 * page can notice.
 */
import { expect } from '@open-wc/testing';
import type { JobChangeEvent, LiveEvent } from '../../src/model/index.js';
import { HttpJobSource, type HttpJobSourceOptions } from '../../src/source/http-job-source.js';
import type { ConnectionState, LiveBatch } from '../../src/source/job-source.js';
import { FakeFetch, FakeNetwork, FakeVisibility, eventStream, json, reply, until, type FakeBody, type FakeHandler } from './fake-fetch.js';
import { makeJob } from './fixtures.js';

function change(seq: number): JobChangeEvent {
  return { type: 'job.updated', seq, job: makeJob(seq % 7, { version: seq }) };
}

/** One event as a server with epochs writes it: `id: <epoch>:<seq>`. */
function frame(epoch: string, event: LiveEvent): string {
  return `id: ${epoch}:${event.seq}\nevent: ${event.type === 'resync' ? 'resync' : 'job'}\ndata: ${JSON.stringify(event)}\n\n`;
}

const opened: HttpJobSource[] = [];

function live(handler: FakeHandler, options: HttpJobSourceOptions = {}) {
  const fake = new FakeFetch(handler);
  const src = new HttpJobSource({
    fetch: fake.fetch,
    visibility: new FakeVisibility(),
    network: new FakeNetwork(),
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
  src.subscribe((batch) => batches.push(batch));
  const events = () => batches.flatMap((b) => b.events);
  const streams = () => fake.requests.filter((r) => r.header('Accept') === 'text/event-stream');
  return { fake, src, events, states, streams };
}

/** What a subscriber was given: seqs, and `resync@<seq>` for a resync. */
function delivered(events: LiveEvent[]): string[] {
  return events.map((e) => (e.type === 'resync' ? `resync@${e.seq}` : String(e.seq)));
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

describe('HttpJobSource across a new epoch of event ids', function () {
  this.timeout(10_000);

  afterEach(() => {
    for (const src of opened.splice(0)) src.close();
  });

  /** Live on epoch `a`, events 6 and 7 delivered; then the stream breaks and a second one opens. */
  async function followedThenReconnected() {
    const server = streamServer();
    const t = live(server.handler);
    await until(() => server.bodies.length === 1, 'the stream');
    server.bodies[0]!.send(`retry: 3000\nid: a:5\n\n${frame('a', change(6))}${frame('a', change(7))}`);
    await until(() => t.events().length === 2, 'events 6 and 7');
    server.bodies[0]!.fail();
    await until(() => server.bodies.length === 2, 'the second stream');
    return { ...t, second: server.bodies[1]! };
  }

  it('resumes with the epoch in Last-Event-ID', async () => {
    const t = await followedThenReconnected();
    expect(t.streams()[1]!.header('Last-Event-ID')).to.equal('a:7');
  });

  it('resyncs when a restarted server counts past the page again: ids that look like they follow on do not', async () => {
    const t = await followedThenReconnected();
    // A server that forgot everything and took the id as its own: 8 and 9 of the new count.
    t.second.send(`${frame('b', change(8))}${frame('b', change(9))}`);
    await until(() => t.events().length >= 5, 'the new epoch');
    expect(delivered(t.events())).to.deep.equal(['6', '7', 'resync@7', '8', '9']);
    expect(t.events()[2]).to.include({ type: 'resync' });
    expect((t.events()[2] as { reason: string }).reason).to.match(/started again \(epoch b, was a\)/);
    expect(t.src.connection.status).to.equal('live');
  });

  it('resyncs when the new count starts below where the page was, and keeps its events', async () => {
    const t = await followedThenReconnected();
    t.second.send(`id: b:0\n\n${frame('b', change(1))}${frame('b', change(2))}`);
    await until(() => t.events().length >= 5, 'the new epoch');
    // Without epochs, 1 and 2 (≤ 7) would be dropped as replays of what the page has.
    expect(delivered(t.events())).to.deep.equal(['6', '7', 'resync@0', '1', '2']);
  });

  it("takes the server's own resync for a new epoch, and adds none", async () => {
    const t = await followedThenReconnected();
    const resync: LiveEvent = { type: 'resync', seq: 3, reason: 'epoch-changed' };
    t.second.send(`${frame('b', resync)}${frame('b', change(4))}`);
    await until(() => t.events().length >= 4, 'the new epoch');
    expect(delivered(t.events())).to.deep.equal(['6', '7', 'resync@3', '4']);
  });

  it('a server without epochs (bare seq ids) is followed as before', async () => {
    const server = streamServer();
    const t = live(server.handler);
    await until(() => server.bodies.length === 1, 'the stream');
    server.bodies[0]!.send(`id: 5\n\nid: 6\nevent: job\ndata: ${JSON.stringify(change(6))}\n\n`);
    await until(() => t.events().length === 1, 'event 6');
    server.bodies[0]!.fail();
    await until(() => server.bodies.length === 2, 'the second stream');
    expect(t.streams()[1]!.header('Last-Event-ID')).to.equal('6');
    server.bodies[1]!.send(`id: 7\nevent: job\ndata: ${JSON.stringify(change(7))}\n\n`);
    await until(() => t.events().length === 2, 'event 7');
    expect(delivered(t.events())).to.deep.equal(['6', '7']);
  });

  it('on the polling fallback: sends the epoch beside `after`, and resyncs on a new one', async () => {
    const polls: URL[] = [];
    const t = live((r) => {
      if (r.header('Accept') === 'text/event-stream') return json(r, { note: 'a proxy that does not stream' });
      polls.push(r.url);
      if (polls.length === 1) return json(r, { items: [change(5)], lastSeq: 5, epoch: 'a' });
      if (polls.length === 2) return json(r, { items: [change(6)], lastSeq: 6, epoch: 'b' });
      return json(r, { items: [], lastSeq: 6, epoch: 'b' });
    });
    await until(() => polls.length >= 3, 'three polls');
    expect([polls[1]!.searchParams.get('after'), polls[1]!.searchParams.get('epoch')]).to.deep.equal(['5', 'a']);
    expect([polls[2]!.searchParams.get('after'), polls[2]!.searchParams.get('epoch')]).to.deep.equal(['6', 'b']);
    expect(delivered(t.events())).to.deep.equal(['5', 'resync@6']);
  });
});

describe('HttpJobSource back from the polling fallback', function () {
  this.timeout(10_000);

  afterEach(() => {
    for (const src of opened.splice(0)) src.close();
  });

  it('tries the stream again after a while, and stays on it once it works', async () => {
    let outage = true;
    const bodies: FakeBody[] = [];
    const t = live(
      (r) => {
        if (r.header('Accept') === 'text/event-stream') {
          if (outage) return reply(r, 503, '{"error":{"code":"unavailable","message":"down"}}');
          const { response, body } = eventStream(r);
          bodies.push(body);
          body.send('id: a:3\n\n');
          return response;
        }
        return json(r, { items: [], lastSeq: 3, epoch: 'a' });
      },
      { streamFailuresBeforePolling: 3, retry: { baseMs: 5, maxMs: 10 }, streamRetryMs: 300 },
    );
    await until(() => t.streams().length === 3 && t.fake.to('/events').length > 3, 'polling after three failed streams');
    outage = false;
    await until(() => bodies.length === 1, 'the stream tried again');
    const polls = t.fake.requests.filter((r) => r.header('Accept') !== 'text/event-stream').length;
    // Polling has stopped: the stream carries the events now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(t.fake.requests.filter((r) => r.header('Accept') !== 'text/event-stream').length).to.equal(polls);
    expect(t.src.connection.status).to.equal('live');
    // Moving from polling to the stream is no outage: live throughout.
    const after = t.states.slice(t.states.findLastIndex((s) => s.status === 'reconnecting') + 1).map((s) => s.status);
    expect(after).to.deep.equal(['connecting', 'live']);
  });

  it('goes back to polling at once when the stream still fails, and waits twice as long before the next try', async () => {
    const tries: number[] = [];
    const t = live(
      (r) => {
        if (r.header('Accept') === 'text/event-stream') {
          tries.push(performance.now());
          return reply(r, 503, '{"error":{"code":"unavailable","message":"down"}}');
        }
        return json(r, { items: [], lastSeq: 3, epoch: 'a' });
      },
      { streamFailuresBeforePolling: 3, retry: { baseMs: 5, maxMs: 10 }, streamRetryMs: 300 },
    );
    await until(() => tries.length >= 5, 'two tries from the polling fallback', 8000);
    const [, , third, fourth, fifth] = tries;
    // Each try happens after a stretch of polling; the second stretch is the longer. (A timer
    // may fire a fraction of a millisecond early by performance.now()'s clock: 1 ms allowed.)
    expect(fourth! - third!).to.be.at.least(299);
    expect(fifth! - fourth!).to.be.at.least(599);
    expect(t.src.connection.status === 'live' || t.src.connection.status === 'reconnecting').to.equal(true);
  });
});
