import { expect } from '@open-wc/testing';
import type { Job } from '../../src/model/index.js';
import { summarize } from '../../src/source/job-query.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import { ALWAYS_VISIBLE, startServer, type TestServer } from './harnesses.js';
import { naiveSelection, plainSummary, rowsOf, waitFor } from './helpers.js';
import { NOW } from './jobs.js';
import { settle } from './store-suite.js';

const NODE_IDS = ['node-1', 'node-2', 'node-3', 'node-4'];

describe('JobStore against the reference server, through stream drops and restarts', function () {
  this.timeout(60000);
  let server: TestServer;
  let source: HttpJobSource;
  let store: JobStore;
  let now: number;

  beforeEach(async () => {
    server = await startServer();
    source = new HttpJobSource({ baseUrl: server.base, heartbeatMs: 1000, visibility: ALWAYS_VISIBLE, retry: { baseMs: 100, maxMs: 500 } });
    await source.login('admin', 'admin');
    now = NOW;
    store = new JobStore(source, { clock: () => now, windowSize: 1000, summaryThrottleMs: 50 });
    store.setQuery({ sort: 'updatedAt', order: 'desc' });
    await store.start();
    await settle(store);
    await waitFor(() => store.connection.status === 'live', 'the live stream');
  });

  afterEach(async () => {
    store.dispose();
    source.close();
    await server.stop();
  });

  async function advance(ms: number) {
    now += ms;
    await server.post('/advance', { ms });
  }

  /** Every held row shows the server's version; after a reload the whole selection and summary are the server's. */
  async function expectServerState() {
    const { jobs } = await server.state();
    const truth = new Map<string, Job>(jobs.map((j) => [j.id, j]));
    await waitFor(
      () => store.status === 'ready' && rowsOf(store).every((job) => !job || job.version === truth.get(job.id)?.version),
      'the held rows to reach the server versions',
    );
    store.refresh();
    await settle(store);
    const { params, rows } = naiveSelection(jobs, store.query, now);
    expect(rowsOf(store).map((j) => `${j!.id}@${j!.version}`)).to.deep.equal(rows.map((j) => `${j.id}@${j.version}`));
    expect(plainSummary(store.summary)).to.deep.equal(plainSummary(summarize(rows, params, NODE_IDS, now)));
  }

  it('equals the server after time passes', async () => {
    await advance(120_000);
    await expectServerState();
  });

  it('equals the server after the event stream is dropped while jobs change', async () => {
    await server.post('/drop-streams');
    await advance(60_000);
    await advance(60_000);
    await waitFor(() => store.connection.status === 'live', 'the stream to come back');
    await expectServerState();
  });

  it('equals the server after a restart that forgot the events (a resync reloads)', async () => {
    const seqBefore = (await server.state()).lastSeq;
    await server.post('/restart', { downMs: 800, forgetEvents: true });
    await advance(90_000);
    await waitFor(() => store.connection.status === 'live', 'the stream to come back', 15000);
    await advance(30_000);
    expect((await server.state()).lastSeq).to.be.greaterThan(seqBefore);
    await expectServerState();
  });
});
