/**
 * The reference server misbehaving while jobs change: streams cut at random points,
 * restarts, 5xx with and without Retry-After, requests that never answer, the browser
 * going offline. Each ends with the store equal to the server's state, no row twice, the
 * connection status having shown what happened while it happened, and no reload. Retries
 * are paced: requests per second during an outage are counted with a fetch wrapper.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { Job } from '../../src/model/index.js';
import { HttpJobSource, type HttpJobSourceOptions } from '../../src/source/http-job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import '../../src/elements/connection-status/ac-connection-status.js';
import { ALWAYS_VISIBLE, FakeFetch, FakeNetwork, json } from '../source/fake-fetch.js';
import { TestServer } from '../source/test-server.js';

/** Every request a source makes: when (ms, page clock) and to which path. */
class CountingFetch {
  readonly requests: { at: number; path: string }[] = [];
  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), location.href);
    this.requests.push({ at: performance.now(), path: url.pathname.replace(/^.*\/api\/v1/, '') });
    return window.fetch(input, init);
  };

  between(from: number, to: number, path?: string): { at: number; path: string }[] {
    return this.requests.filter((r) => r.at >= from && r.at < to && (path === undefined || r.path === path));
  }

  /** The most requests in any one-second window of [from, to). */
  peakPerSecond(from: number, to: number): number {
    const times = this.between(from, to).map((r) => r.at);
    let peak = 0;
    for (const t of times) peak = Math.max(peak, times.filter((u) => u >= t && u < t + 1000).length);
    return peak;
  }
}

const STATUSES = ['idle', 'connecting', 'live', 'reconnecting', 'offline', 'error', 'paused'] as const;

/** Status watchers still running, stopped after each test. */
const stopWatching: (() => void)[] = [];

/** The connection statuses an `<ac-connection-status>` showed, in order, without repeats. */
async function watchStatus(store: JobStore): Promise<{ shown: string[]; stop: () => void; current: () => string | undefined }> {
  const element = await fixture<HTMLElement>(html`<ac-connection-status .store=${store}></ac-connection-status>`);
  const shown: string[] = [];
  const read = () => {
    const classes = element.shadowRoot?.querySelector('[role="status"]')?.classList;
    const status = STATUSES.find((name) => classes?.contains(name));
    if (status && shown[shown.length - 1] !== status) shown.push(status);
  };
  const timer = setInterval(read, 10);
  read();
  const stop = () => clearInterval(timer);
  stopWatching.push(stop);
  return { shown, stop, current: () => shown[shown.length - 1] };
}

interface Setup {
  server: TestServer;
  source: HttpJobSource;
  store: JobStore;
  counting: CountingFetch;
}

/** What each test set up, closed after it whether it passed or not. */
const opened: Setup[] = [];

async function setup(
  options: Partial<HttpJobSourceOptions> = {},
  serverOptions: Parameters<typeof TestServer.create>[0] = {},
): Promise<Setup> {
  const server = await TestServer.create({ seed: 11, nodes: 4, jobs: 300, activity: 20, heartbeatMs: 400, ...serverOptions });
  const counting = new CountingFetch();
  const source = new HttpJobSource({
    baseUrl: server.base,
    fetch: counting.fetch,
    visibility: ALWAYS_VISIBLE,
    heartbeatMs: 400,
    gapWindowMs: 300,
    ...options,
  });
  await source.login('admin', 'admin');
  // One window holds every job: the test can compare each one with the server.
  const store = new JobStore(source, { windowSize: 1000, summaryThrottleMs: 50 });
  await store.start();
  const setup = { server, source, store, counting };
  opened.push(setup);
  await waitUntil(() => store.status === 'ready' && store.connection.status === 'live', 'the store live', { timeout: 10_000 });
  return setup;
}

async function teardown({ server, source, store }: Setup): Promise<void> {
  store.dispose();
  source.close();
  await server.close();
}

function heldRows(store: JobStore): Job[] {
  return Array.from({ length: store.total }, (_, i) => store.jobAt(i)).filter((j): j is Job => j !== undefined);
}

/**
 * The store equals the server: every job it holds is at the server's version, no job is
 * held twice, and every job the server has is held or counted as new (none lost). Then a refresh shows
 * exactly the server's jobs.
 */
async function expectServerState({ server, store }: Setup): Promise<void> {
  const { jobs } = await server.state();
  const truth = new Map(jobs.map((j) => [j.id, j.version]));
  await waitUntil(
    () => {
      const rows = heldRows(store);
      return (
        store.status === 'ready' &&
        store.connection.status === 'live' &&
        rows.every((job) => truth.get(job.id) === job.version) &&
        // (A job created while rows load may be counted twice: see invalid-answers.test.ts.)
        rows.length + store.addedCount >= truth.size
      );
    },
    'the held rows at the server versions, and every new job counted',
    { timeout: 10_000 },
  );
  const rows = heldRows(store);
  expect(new Set(rows.map((j) => j.id)).size, 'no job held twice').to.equal(rows.length);
  store.refresh();
  await waitUntil(() => store.status === 'ready' && heldRows(store).length === truth.size, 'the refreshed rows', { timeout: 10_000 });
  const after = heldRows(store);
  expect(after.map((j) => `${j.id}@${j.version}`).sort()).to.deep.equal(jobs.map((j) => `${j.id}@${j.version}`).sort());
}

/** The waits a source announces before each reconnection attempt (`nextAttemptAt`, as it chose them). */
function announcedWaits(source: HttpJobSource): { values: number[]; stop: () => void } {
  const values: number[] = [];
  const stop = source.onConnectionChange((state) => {
    if (state.status === 'reconnecting' && state.nextAttemptAt !== undefined) values.push(state.nextAttemptAt - Date.now());
  });
  return { values, stop };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('faults on the way between the server and the page', function () {
  this.timeout(60_000);

  afterEach(async () => {
    for (const stop of stopWatching.splice(0)) stop();
    for (const s of opened.splice(0)) await teardown(s);
  });

  it('streams cut at random points while jobs change, with duplicated and swapped events on the wire', async () => {
    const s = await setup();
    const status = await watchStatus(s.store);
    await s.server.chaos({ duplicate: true, reorder: true });
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let drops = 0;
    for (let round = 0; round < 8; round++) {
      const advancing = s.server.advance(5_000 + Math.floor(random() * 60_000));
      await pause(Math.floor(random() * 150));
      drops += await s.server.dropStreams();
      await advancing;
      await waitUntil(() => s.store.connection.status === 'live', 'the stream back', { timeout: 10_000 });
    }
    await expectServerState(s);
    await waitUntil(() => status.current() === 'live', 'live shown');
    status.stop();
    expect(drops).to.be.greaterThan(4);
    expect(status.shown).to.include('reconnecting');
    expect(status.shown[status.shown.length - 1]).to.equal('live');
  });

  for (const forgetEvents of [false, true]) {
    it(`a restart of 3 s${forgetEvents ? ' that forgot the events (resync)' : ''}: status shows it, retries are paced, the store catches up`, async () => {
      const s = await setup();
      const status = await watchStatus(s.store);
      const from = performance.now();
      await s.server.restart(3000, forgetEvents);
      await pause(200);
      await s.server.advance(90_000);
      await waitUntil(() => s.store.connection.status === 'live', 'the stream back', { timeout: 15_000 });
      const to = performance.now();
      await s.server.advance(20_000);
      await expectServerState(s);
      await waitUntil(() => status.current() === 'live', 'live shown');
      status.stop();
      expect(status.shown.slice(status.shown.indexOf('live') + 1)).to.include('reconnecting');
      expect(status.shown[status.shown.length - 1]).to.equal('live');
      const peak = s.counting.peakPerSecond(from, to);
      expect(peak, 'requests in any second of the outage').to.be.at.most(3);
    });
  }

  it('503 without Retry-After: reconnection attempts wait within growing ceilings, at most 3 in any second', async () => {
    const s = await setup();
    const waits = announcedWaits(s.source);
    const from = performance.now();
    await s.server.fault({ path: '/events', status: 503, times: 1000 });
    await s.server.dropStreams();
    await waitUntil(() => s.counting.between(from, Infinity, '/events').length >= 4, 'four attempts');
    const to = performance.now();
    waits.stop();
    // Full jitter: each wait is random below 500 ms, 1 s, 2 s, 4 s … (doubled per failure). The
    // waits the source announces are the ones it chose; when the attempts happen also depends
    // on how busy the machine is.
    expect(waits.values.length, 'waits announced').to.be.at.least(4);
    // (-1: a millisecond may tick between the choice and the announcement.)
    waits.values.forEach((wait, i) => expect(wait, `wait ${i + 1}`).to.be.within(-1, 500 * 2 ** i));
    expect(new Set(waits.values).size, `waits ${waits.values} drawn at random`).to.be.greaterThan(1);
    expect(s.counting.peakPerSecond(from, to), 'requests in any second').to.be.at.most(3);
  });

  it('five pages reconnecting after the same cut do not retry in step (jitter)', async () => {
    // A fake fetch: five real streams would take most of the browser's six connections to the test server.
    const times: number[][] = Array.from({ length: 5 }, () => []);
    const fakes = times.map(
      (attempts) =>
        new FakeFetch((request) => {
          attempts.push(performance.now());
          return json(request, { error: { code: 'bad_gateway', message: 'Down.' } }, 502);
        }),
    );
    const sources = fakes.map((fake) => new HttpJobSource({ baseUrl: '/api/v1', fetch: fake.fetch, visibility: ALWAYS_VISIBLE }));
    const waits = sources.map(announcedWaits);
    const stops = sources.map((source) => source.subscribe(() => {}));
    try {
      await waitUntil(() => times.every((attempts) => attempts.length >= 3), 'three attempts each');
      // The five pages share this one thread here, so when their attempts run also depends on
      // how busy it is (a blocked thread runs every timer due meanwhile at once); the waits
      // each page drew are what five real browsers would keep apart.
      const first = waits.map((w) => w.values[0]!);
      expect(new Set(first.map((ms) => Math.round(ms / 5))).size, `first waits ${first}`).to.be.greaterThan(2);
      first.forEach((ms) => expect(ms).to.be.within(-1, 500));
    } finally {
      waits.forEach((w) => w.stop());
      stops.forEach((stop) => stop());
      sources.forEach((source) => source.close());
    }
  });

  for (const [status, retryAfter] of [
    [500, undefined],
    [502, 1],
    [503, 2],
  ] as const) {
    it(`${status}${retryAfter ? ` with Retry-After: ${retryAfter}` : ''} on the stream and the reads: waits as told, then recovers`, async () => {
      const s = await setup({ retry: { attempts: 4, baseMs: 200, maxMs: 2000 } });
      const from = performance.now();
      await s.server.fault({ path: '/events', status, times: 2, ...(retryAfter ? { retryAfter } : {}) });
      await s.server.fault({ path: '/jobs', status, times: 1, ...(retryAfter ? { retryAfter } : {}) });
      await s.server.fault({ path: '/jobs/summary', status, times: 1, ...(retryAfter ? { retryAfter } : {}) });
      await s.server.dropStreams();
      s.store.setQuery({ states: ['RUNNING', 'SCHEDULED', 'SUCCESSFUL', 'UNSUCCESSFUL'] });
      await s.server.advance(30_000);
      await waitUntil(() => s.store.connection.status === 'live' && s.store.status === 'ready', 'recovered', { timeout: 15_000 });
      const events = s.counting.between(from, Infinity, '/events').map((r) => r.at);
      if (retryAfter) {
        // The second and third attempts each waited what the server asked.
        expect(events[2]! - events[1]!, 'wait before the third attempt').to.be.at.least(retryAfter * 1000 - 50);
      }
      await expectServerState(s);
    });
  }

  it('requests that never answer are ended by the timeout and tried again', async () => {
    const s = await setup({ requestTimeoutMs: 1000, retry: { attempts: 3, baseMs: 100, maxMs: 300 } });
    await s.server.fault({ path: '/jobs', hang: true, times: 1 });
    await s.server.fault({ path: '/events', hang: true, times: 1 });
    await s.server.dropStreams();
    s.store.setQuery({ sort: 'name', order: 'asc' });
    await s.server.advance(30_000);
    await waitUntil(() => s.store.status === 'ready' && s.store.connection.status === 'live', 'recovered', { timeout: 15_000 });
    await expectServerState(s);
    const stats = await s.server.stats();
    expect(stats.streams, 'one stream open on the server, no leftover').to.equal(1);
  });

  it('offline (the network option): no request while offline, back at once when online, then equal to the server', async () => {
    const network = new FakeNetwork();
    const s = await setup({ network });
    const status = await watchStatus(s.store);
    network.set(false);
    await waitUntil(() => status.current() === 'offline', 'offline shown');
    const from = performance.now();
    await s.server.advance(60_000);
    await pause(1500);
    const requestsOffline = s.counting.between(from, performance.now()).length;
    const back = performance.now();
    network.set(true);
    // At once: the stream is asked for now, not at the end of a backoff wait.
    expect(s.source.connection.status, 'connecting as the network comes back').to.equal('connecting');
    await waitUntil(() => s.store.connection.status === 'live', 'live again');
    expect(requestsOffline).to.equal(0);
    expect(s.counting.between(back, Infinity, '/events').length, 'a stream request').to.be.at.least(1);
    await expectServerState(s);
    await waitUntil(() => status.current() === 'live', 'live shown');
    status.stop();
    expect(status.shown).to.include('offline');
  });

  it('offline (the browser’s own online/offline events): shown, and recovered from without a reload', async () => {
    const s = await setup();
    const status = await watchStatus(s.store);
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    let online = true;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
    try {
      online = false;
      window.dispatchEvent(new Event('offline'));
      await waitUntil(() => status.current() === 'offline', 'offline shown');
      await s.server.advance(45_000);
      online = true;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => s.store.connection.status === 'live', 'live again', { timeout: 5000 });
      await expectServerState(s);
    } finally {
      delete (navigator as unknown as Record<string, unknown>)['onLine'];
      Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
    await waitUntil(() => status.current() === 'live', 'live shown');
    status.stop();
    expect(status.shown).to.include.members(['offline', 'live']);
  });
});
