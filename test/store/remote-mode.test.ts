import { expect } from '@open-wc/testing';
import type { Job } from '../../src/model/index.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import { jobMatcher } from '../../src/source/job-query.js';
import { JobSourceError } from '../../src/source/job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import { FakeSource } from './fake-source.js';
import { ALWAYS_VISIBLE, startServer } from './harnesses.js';
import { naiveSelection, rowsOf, waitFor } from './helpers.js';
import { NODES, NOW, makeJob, sampleJobs } from './jobs.js';
import { settle } from './store-suite.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function remoteStore(source: FakeSource, options: ConstructorParameters<typeof JobStore>[1] = {}) {
  return new JobStore(source, { clock: () => NOW, ...options });
}

const offsetsAsked = (source: FakeSource) =>
  source.calls.filter((c) => c.method === 'listJobs').map((c) => [c.params!.offset, c.params!.limit]);

describe('JobStore remote mode', () => {
  const jobs = sampleJobs(1000, 2);

  it('fetches the windows of the rows asked for, and no others, and keeps a bounded number', async () => {
    const source = new FakeSource(jobs, NODES, { remote: true, now: NOW });
    const store = remoteStore(source, { windowSize: 50, maxWindows: 3 });
    await store.start();
    await waitFor(() => store.status === 'ready', 'the first window');
    expect(offsetsAsked(source)).to.deep.equal([[0, 50]]);
    expect(store.total).to.equal(1000);
    expect(store.jobAt(60)).to.equal(undefined);

    store.requestRows(120, 130);
    await waitFor(() => store.jobAt(120) !== undefined, 'rows 120-130');
    store.requestRows(0, 10);
    expect(offsetsAsked(source)).to.deep.equal([
      [0, 50],
      [100, 50],
    ]);
    store.requestRows(200, 260);
    await waitFor(() => store.jobAt(259) !== undefined, 'rows 200-260');
    expect(offsetsAsked(source).slice(2)).to.deep.equal([
      [200, 50],
      [250, 50],
    ]);
    // Four windows asked for, three kept: the least recently used (100-150) went.
    expect(store.jobAt(120)).to.equal(undefined);
    const { rows } = naiveSelection(jobs, store.query, NOW);
    for (const i of [0, 49, 200, 299]) expect(store.jobAt(i)).to.equal(rows[i]);
    store.dispose();
  });

  it('rows asked for while the session and nodes load are fetched once, by the load', async () => {
    const source = new FakeSource(jobs, NODES, { remote: true, now: NOW });
    let releaseNodes!: () => void;
    const nodesAnswered = new Promise<void>((resolve) => (releaseNodes = resolve));
    source.gate = (call) => (call.method === 'listNodes' ? nodesAnswered : undefined);
    const store = remoteStore(source, { windowSize: 50 });
    const started = store.start();
    await waitFor(() => source.calls.some((c) => c.method === 'listNodes'), 'the nodes asked for');
    // A list that appears once the session is known asks for its first rows at once.
    store.requestRows(0, 20);
    await delay(50);
    expect(offsetsAsked(source), 'no rows before the load reaches them').to.deep.equal([]);
    releaseNodes();
    await started;
    await waitFor(() => store.status === 'ready', 'the first rows');
    expect(offsetsAsked(source)).to.deep.equal([[0, 50]]);
    expect(store.jobAt(0)).to.equal(naiveSelection(jobs, store.query, NOW).rows[0]);
    store.dispose();
  });

  it('ignores a slow answer to an old query that arrives after the new one', async () => {
    const source = new FakeSource(jobs, NODES, { remote: true, now: NOW });
    source.honourAbort = false;
    const store = remoteStore(source, { windowSize: 100 });
    await store.start();
    await settle(store);
    let slowAborted: boolean | undefined;
    source.gate = async (call, signal) => {
      if (call.params?.state?.[0] === 'RUNNING') {
        await delay(300);
        slowAborted = signal?.aborted;
      }
    };
    store.setQuery({ states: ['RUNNING'] });
    store.setQuery({ states: ['SUCCESSFUL'] });
    await settle(store);
    await delay(400);
    expect(slowAborted, 'the stale request was aborted').to.equal(true);
    const { rows } = naiveSelection(jobs, store.query, NOW);
    expect(store.total).to.equal(rows.length);
    expect(rowsOf(store)).to.deep.equal(rows);
    expect(store.summary!.byState.RUNNING).to.equal(0);
    store.dispose();
  });

  it('against the server, a delayed page for an old filter never replaces the new filter’s rows', async function () {
    this.timeout(30000);
    const server = await startServer();
    const source = new HttpJobSource({ baseUrl: server.base, visibility: ALWAYS_VISIBLE });
    await source.login('admin', 'admin');
    const store = new JobStore(source, { clock: () => NOW, windowSize: 500 });
    try {
      await store.start();
      await settle(store);
      await server.post('/faults', { path: '/jobs', delayMs: 700 });
      store.setQuery({ states: ['RUNNING'] });
      await delay(50);
      store.setQuery({ states: ['SUCCESSFUL'] });
      await settle(store);
      await delay(900);
      const { rows } = naiveSelection((await server.state()).jobs, store.query, NOW);
      expect(rows.length).to.be.greaterThan(0);
      expect(store.total).to.equal(rows.length);
      expect(rowsOf(store).map((j) => j?.id)).to.deep.equal(rows.map((j) => j.id));
    } finally {
      store.dispose();
      source.close();
      await server.stop();
    }
  });

  it('sends a search at once, as it sends a filter: the search box is what waits for the typing to pause', async () => {
    const source = new FakeSource(jobs, NODES, { remote: true, now: NOW });
    const store = remoteStore(source);
    await store.start();
    await settle(store);
    source.calls.length = 0;
    store.setQuery({ q: 'media' });
    // One search, for its summary and the windows of the rows on screen, asked for without a wait.
    expect(source.calls.map((c) => c.method)).to.include.members(['listJobs', 'summarize']);
    expect(source.calls.every((c) => c.params?.q === 'media')).to.equal(true);
    await waitFor(() => store.status === 'ready', 'the search');
    const matching = jobs.filter(jobMatcher({ q: 'media' })).length;
    expect(matching).to.be.above(0);
    expect(store.total).to.equal(matching);
    store.dispose();
  });

  it('counts new matching jobs without moving the rows, and refreshes the summary at most once per interval', async () => {
    const source = new FakeSource(jobs, NODES, { remote: true, now: NOW });
    const store = remoteStore(source, { windowSize: 100, summaryThrottleMs: 1000 });
    store.setQuery({ states: ['SCHEDULED'] });
    await store.start();
    await settle(store);
    const before = rowsOf(store);
    const total = store.total;
    source.calls.length = 0;
    const added: string[] = [];
    store.subscribe((change) => added.push(...change.added));
    for (let i = 0; i < 3; i++) {
      const job = makeJob({
        id: `fresh-${i}`,
        name: 'Copy:ws-12',
        description: '',
        type: 'COPY',
        node: 'node-1',
        state: i === 2 ? 'RUNNING' : 'SCHEDULED',
        stage: 'NOT_STARTED',
        createdAt: NOW,
        updatedAt: NOW,
        finishedAt: null,
        version: 1,
      });
      source.emit([{ type: 'job.created', seq: i, job }]);
      await delay(20);
    }
    expect(store.addedCount).to.equal(2);
    // The rows held stay where they were (the total may already count the new jobs).
    expect(rowsOf(store).slice(0, before.length)).to.deep.equal(before);
    await waitFor(() => store.total === total + 2, 'the total to follow');
    expect(source.calls.filter((c) => c.method === 'summarize')).to.have.length(1);
    expect(source.calls.filter((c) => c.method === 'listJobs')).to.have.length(0);
    await waitFor(() => added.length === 2, 'the notification');
    expect(added).to.deep.equal(['fresh-0', 'fresh-1']);
    store.refresh();
    await settle(store);
    expect(store.addedCount).to.equal(0);
    expect(rowsOf(store).map((j) => j!.id)).to.include.members(['fresh-0', 'fresh-1']);
    store.dispose();
  });

  it('reports a failed load, and retry() runs it again', async () => {
    const source = new FakeSource(jobs, NODES, { remote: true, now: NOW });
    const store = remoteStore(source);
    let failures = 1;
    source.gate = (call) => {
      if (call.method === 'listJobs' && failures-- > 0) throw new JobSourceError('server', 'Bad gateway', { status: 502 });
    };
    await store.start();
    await waitFor(() => store.status === 'error', 'the failure');
    expect(store.error?.kind).to.equal('server');
    store.retry();
    await settle(store);
    expect(store.error).to.equal(undefined);
    expect(store.jobAt(0)).to.equal(naiveSelection(jobs, store.query, NOW).rows[0]);
    store.dispose();
  });

  it('says "log in" without a session, "forbidden" without the role, and loads after login', async () => {
    const source = new FakeSource(jobs, NODES, { remote: true, now: NOW });
    source.session = undefined;
    const store = remoteStore(source);
    await store.start();
    expect(store.status).to.equal('error');
    expect(store.error?.kind).to.equal('unauthenticated');
    expect(source.listenerCount, 'no live stream without a session').to.equal(0);
    await store.login('admin', 'admin');
    await settle(store);
    expect(store.session?.user.name).to.equal('admin');
    expect(store.total).to.equal(jobs.length);
    expect(source.listenerCount).to.equal(1);
    store.dispose();

    const forbidden = new FakeSource(jobs, NODES, { remote: true });
    forbidden.gate = (call) => {
      if (call.method === 'listJobs') throw new JobSourceError('forbidden', 'Data Administrators only', { status: 403 });
    };
    const other = remoteStore(forbidden);
    await other.start();
    await waitFor(() => other.status === 'error', 'the refusal');
    expect(other.error?.kind).to.equal('forbidden');
    other.dispose();
  });

  it('keeps a watched job live and lets it go when the watch ends', async () => {
    const source = new FakeSource(jobs, NODES, { remote: true, now: NOW });
    const store = remoteStore(source, { windowSize: 10 });
    await store.start();
    await waitFor(() => store.status === 'ready', 'the first window');
    const far = naiveSelection(jobs, store.query, NOW).rows[500]!;
    expect(store.getJob(far.id)).to.equal(undefined);
    const watch = new AbortController();
    await store.loadJob(far.id, watch.signal);
    const next = { ...far, version: far.version + 1, stage: 'INTERRUPTED_BY_USER' } as Job;
    source.emit([{ type: 'job.updated', seq: 1, job: next }]);
    expect(store.getJob(far.id)).to.equal(next);
    source.emit([{ type: 'job.updated', seq: 2, job: far }]);
    expect(store.getJob(far.id), 'an older version never wins').to.equal(next);
    watch.abort();
    expect(store.getJob(far.id)).to.equal(undefined);
    store.dispose();
  });
});
