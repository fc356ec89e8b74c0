import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/job-analysis/ac-job-analysis.js';
import type { AcJobAnalysis } from '../../src/elements/job-analysis/ac-job-analysis.js';
import { validateApiError, type ApiError, type JobAnalysis } from '../../src/model/index.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import { ALWAYS_VISIBLE } from '../source/fake-fetch.js';
import { waitFor } from '../wait-for.js';
import { advance, closeServer, control, createServer, getJson, login, qs, type TestServer } from './helpers.js';

const NOW = Date.parse('2025-10-23T12:00:00Z');

describe('server: GET /jobs/analysis', () => {
  let server: TestServer;

  before(async () => {
    server = await createServer({ jobs: 600, nodes: 4, seed: 3, now: NOW });
  });

  after(() => closeServer(server));

  beforeEach(async () => {
    expect((await login(server)).status).to.equal(200);
  });

  for (const [query, parameter] of [
    ['?state=DONE', 'state'],
    ['?type=BACKUP', 'type'],
    ['?since=yesterday', 'since'],
    ['?since=2025-10-20T00:00:00Z&until=2025-10-10T00:00:00Z', 'since'],
    ['?q=a&q=b', 'q'],
  ] as const) {
    it(`refuses ${query} with a 400 naming ${parameter}`, async () => {
      const { status, body } = await getJson<ApiError>(server, `/jobs/analysis${query}`);
      expect(status).to.equal(400);
      expect(validateApiError(body).ok).to.equal(true);
      expect(body.error.parameter).to.equal(parameter);
    });
  }

  it('measures the waits of scheduled jobs to the server’s clock', async () => {
    const first = (await getJson<JobAnalysis>(server, `/jobs/analysis${qs({ state: ['SCHEDULED'] })}`)).body;
    await advance(server, 60_000);
    const later = (await getJson<JobAnalysis>(server, `/jobs/analysis${qs({ state: ['SCHEDULED'] })}`)).body;
    expect(Date.parse(later.now) - Date.parse(first.now)).to.equal(60_000);
    const stillWaiting = later.longestWaiting.find((r) => first.longestWaiting.some((f) => f.job.id === r.job.id));
    if (stillWaiting) {
      const before = first.longestWaiting.find((f) => f.job.id === stillWaiting.job.id)!;
      expect(stillWaiting.ms - before.ms).to.equal(60_000);
    }
  });

  it('a store in remote mode shows the server’s analysis, asks again for a new query and after live events', async function () {
    this.timeout(60_000);
    const source = new HttpJobSource({ baseUrl: server.base, visibility: ALWAYS_VISIBLE });
    const store = new JobStore(source, { clock: () => NOW, analysisThrottleMs: 50 });
    try {
      await store.start();
      const el = await fixture<AcJobAnalysis>(html`<ac-job-analysis lang="en" .store=${store}></ac-job-analysis>`);
      const answer = async () => (await getJson<JobAnalysis>(server, `/jobs/analysis${qs({ node: store.query.nodes })}`)).body;
      await waitFor(() => store.analysis, 'the first analysis');
      expect(store.analysis).to.deep.equal(await answer());
      store.setQuery({ nodes: ['node-2'] });
      await waitFor(
        () => store.analysis?.cells.every((c) => c.node === null || c.node === 'node-2') && !store.analysisLoading,
        'node 2 only',
      );
      expect(store.analysis).to.deep.equal(await answer());
      const finished = store.analysis!.cells.find((c) => c.type === null && c.node === null)!.finished;
      await advance(server, 2 * 3_600_000);
      await waitFor(
        () => (store.analysis?.cells.find((c) => c.type === null && c.node === null)?.finished ?? 0) > finished,
        'a live refresh',
      );
      await waitFor(() => el.shadowRoot!.querySelector('table.cells'), 'the table drawn');
    } finally {
      store.dispose();
      source.close();
    }
  });

  it('a server without the endpoint: the analysis says so, the rest of the store goes on', async function () {
    this.timeout(30_000);
    await control(server, 'faults', { path: '/jobs/analysis', method: 'GET', status: 404, times: 1 });
    const source = new HttpJobSource({ baseUrl: server.base, visibility: ALWAYS_VISIBLE, retry: { attempts: 1 } });
    const store = new JobStore(source, { clock: () => NOW });
    try {
      await store.start();
      const el = await fixture<AcJobAnalysis>(html`<ac-job-analysis lang="en" .store=${store}></ac-job-analysis>`);
      await waitFor(() => store.analysisError, 'the analysis refused');
      expect(store.analysisError!.kind).to.equal('not-found');
      expect(store.status).to.equal('ready');
      await waitFor(
        () => el.shadowRoot!.querySelector('[role=alert]')?.textContent?.includes('This server offers no analysis.'),
        'the message',
      );
    } finally {
      store.dispose();
      source.close();
    }
  });
});
