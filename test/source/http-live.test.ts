/**
 * HttpJobSource's live events against the reference server: streams dropped, a server
 * restarted with its replay buffer forgotten, events duplicated and reordered on the wire,
 * a hidden page, a proxy that does not stream. Nothing is lost, nothing delivered twice.
 */
import { expect } from '@open-wc/testing';
import type { LiveEvent } from '../../src/model/index.js';
import { HttpJobSource, type HttpJobSourceOptions } from '../../src/source/http-job-source.js';
import type { ConnectionState, LiveBatch } from '../../src/source/job-source.js';
import { FakeVisibility, until } from './fake-fetch.js';
import { TestServer } from './test-server.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Watch {
  source: HttpJobSource;
  events: () => LiveEvent[];
  seqs: () => number[];
  states: ConnectionState[];
  visibility: FakeVisibility;
  /** Resolves once the event with this seq has been delivered. */
  reach: (seq: number, timeoutMs?: number) => Promise<void>;
}

describe('HttpJobSource live events from the reference server', function () {
  this.timeout(20_000);
  let server: TestServer;
  const sources: HttpJobSource[] = [];

  beforeEach(async () => {
    server = await TestServer.create({ seed: 9, jobs: 40, heartbeatMs: 200 });
  });

  afterEach(async () => {
    for (const source of sources.splice(0)) source.close();
    await server.close();
  });

  async function watch(options: HttpJobSourceOptions = {}): Promise<Watch> {
    const visibility = new FakeVisibility();
    const source = new HttpJobSource({
      baseUrl: server.base,
      visibility,
      heartbeatMs: 200,
      retry: { attempts: 2, baseMs: 50, maxMs: 200 },
      ...options,
    });
    sources.push(source);
    await source.login('admin', 'admin');
    const batches: LiveBatch[] = [];
    const states: ConnectionState[] = [];
    source.onConnectionChange((state) => states.push(state));
    source.subscribe((batch) => batches.push(batch));
    await until(() => source.connection.status === 'live', 'live');
    const events = () => batches.flatMap((b) => b.events);
    const seqs = () => events().map((e) => e.seq);
    const reach = async (seq: number, timeoutMs = 5000): Promise<void> => {
      await until(() => seqs().includes(seq), `event ${seq}`, timeoutMs);
    };
    return { source, events, seqs, states, visibility, reach };
  }

  /** Seqs from `from` to `to`, each once. */
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  /** The jobs as the last event of each says, compared with the server's state. */
  async function expectJobsAsServer(events: LiveEvent[]): Promise<void> {
    const newest = new Map<string, unknown>();
    for (const event of events) if (event.type !== 'resync') newest.set(event.job.id, event.job);
    const { jobs } = await server.state();
    const truth = new Map(jobs.map((job) => [job.id, job]));
    for (const [id, job] of newest) expect(job, id).to.deep.equal(truth.get(id));
  }

  it('events arrive after the clock moves; heartbeats keep a quiet stream open', async () => {
    const w = await watch();
    const first = await server.advance(300_000);
    await w.reach(first);
    expect(w.seqs()).to.deep.equal(range(1, first));
    await wait(700);
    expect(
      w.states.map((s) => s.status),
      'no reconnection during 3.5 heartbeats',
    ).to.deep.equal(['connecting', 'live']);
    await expectJobsAsServer(w.events());
  });

  it('dropped streams reconnect and resume with no loss and no duplicate', async () => {
    const w = await watch();
    const first = await server.advance(300_000);
    await w.reach(first);
    expect(await server.dropStreams()).to.equal(1);
    // These happen while the stream is down or coming back.
    const second = await server.advance(300_000);
    await until(() => w.source.connection.status === 'live' && w.states.some((s) => s.status === 'reconnecting'), 'back live');
    const third = await server.advance(300_000);
    await w.reach(third);
    expect(second).to.be.above(first);
    expect(w.seqs()).to.deep.equal(range(1, third));
    const reconnecting = w.states.find((s) => s.status === 'reconnecting')!;
    expect(reconnecting.error?.kind).to.equal('network');
    expect(reconnecting.nextAttemptAt).to.be.a('number');
    await expectJobsAsServer(w.events());
  });

  it('a restart keeps the replay: the events of the down time come after it', async () => {
    const w = await watch();
    const first = await server.advance(120_000);
    await w.reach(first);
    await server.restart(300);
    const during = await server.advance(300_000);
    await w.reach(during, 5000);
    expect(w.seqs()).to.deep.equal(range(1, during));
    const refused = w.states.find((s) => s.status === 'reconnecting' && s.error?.kind === 'server');
    expect(refused?.error?.details.status).to.equal(503);
    expect(refused!.nextAttemptAt! - Date.now()).to.be.below(1100);
  });

  it('a restart that forgot its events makes the source deliver a resync, then goes on', async () => {
    const w = await watch();
    const first = await server.advance(120_000);
    await w.reach(first);
    // The page is hidden: it misses what happens, and the server forgets it meanwhile.
    w.visibility.set(true);
    await until(() => w.source.connection.status === 'paused', 'paused');
    const missed = await server.advance(300_000);
    await server.restart(200, true);
    await wait(250);
    w.visibility.set(false);
    await until(() => w.events().some((e) => e.type === 'resync'), 'a resync');
    const resync = w.events().find((e) => e.type === 'resync')!;
    expect(resync.seq).to.equal(missed);
    expect(w.seqs()).to.deep.equal([...range(1, first), missed]);
    const after = await server.advance(120_000);
    await w.reach(after);
    expect(w.seqs()).to.deep.equal([...range(1, first), ...range(missed, after)]);
  });

  it('duplicated and reordered events on the wire are delivered once, in order', async () => {
    const w = await watch();
    await server.chaos({ duplicate: true, reorder: true });
    let last = 0;
    for (let i = 0; i < 5; i++) last = await server.advance(120_000);
    await w.reach(last);
    expect(w.seqs()).to.deep.equal(range(1, last));
    expect(last).to.be.above(20);
    await expectJobsAsServer(w.events());
  });

  it('a hidden page closes its stream, and gets what it missed when seen again', async () => {
    const w = await watch();
    const first = await server.advance(120_000);
    await w.reach(first);
    w.visibility.set(true);
    expect(w.source.connection.status).to.equal('paused');
    let streams = -1;
    for (let i = 0; i < 100 && streams !== 0; i++) {
      streams = (await server.stats()).streams;
      if (streams) await wait(10);
    }
    expect(streams, 'the server holds no stream for a hidden page').to.equal(0);
    const missed = await server.advance(300_000);
    await wait(200);
    expect(w.seqs().at(-1), 'nothing while hidden').to.equal(first);
    w.visibility.set(false);
    await w.reach(missed);
    expect(w.seqs()).to.deep.equal(range(1, missed));
    expect(w.states.map((s) => s.status)).to.deep.equal(['connecting', 'live', 'paused', 'connecting', 'live']);
  });

  it('falls back to long polls when a proxy will not stream, and loses nothing', async () => {
    // A proxy that answers the stream with headers and no body.
    const proxy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (new Headers(init?.headers).get('Accept') !== 'text/event-stream') return response;
      await response.body?.cancel();
      return new Response(null, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    };
    const w = await watch({ fetch: proxy, pollWaitMs: 1000, pollIntervalMs: 100 });
    const first = await server.advance(120_000);
    await w.reach(first);
    const second = await server.advance(120_000);
    await w.reach(second);
    expect(w.seqs()).to.deep.equal(range(1, second));
    expect((await server.stats()).pollers, 'a long poll waits on the server').to.equal(1);
    await expectJobsAsServer(w.events());
  });

  it('close() leaves no stream open on the server', async () => {
    const w = await watch();
    expect((await server.stats()).streams).to.equal(1);
    w.source.close();
    await until(() => w.source.connection.status === 'idle', 'idle');
    let stats = await server.stats();
    for (let i = 0; i < 100 && (stats.streams || stats.pollers); i++) {
      await wait(10);
      stats = await server.stats();
    }
    expect([stats.streams, stats.pollers]).to.deep.equal([0, 0]);
  });
});
