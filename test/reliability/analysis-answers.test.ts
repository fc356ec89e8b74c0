/**
 * Analyses that break the contract, or add up to nothing the definitions allow: each is
 * refused whole by the HTTP source, naming the field, and the view says the server sent
 * something it cannot read; the rest of the page goes on.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/job-analysis/ac-job-analysis.js';
import type { JobAnalysis } from '../../src/model/index.js';
import { validateJobAnalysis } from '../../src/model/validate-analysis.js';
import { analyze } from '../../src/source/job-analysis.js';
import { summarize } from '../../src/source/job-query.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import { JobSourceError } from '../../src/source/job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import { ALWAYS_VISIBLE, FakeFetch, json } from '../source/fake-fetch.js';
import { waitFor } from '../wait-for.js';
import { HOSTILE_NOW, hostileJobs } from './payloads.js';

const GOOD: JobAnalysis = analyze(hostileJobs(), {}, HOSTILE_NOW);

/** Each broken analysis, and the field its refusal must name. */
const BROKEN: [label: string, field: string, patch: (a: JobAnalysis) => void][] = [
  ['other buckets', 'durationBucketsMs', (a) => (a.durationBucketsMs = a.durationBucketsMs.slice(1))],
  ['a negative count', 'cells[0].jobs', (a) => (a.cells[0]!.jobs = -1)],
  ['more finished jobs than jobs', 'cells[0]', (a) => (a.cells[0]!.finished = a.cells[0]!.jobs + 1)],
  ['a histogram that does not add up', 'cells[0].runHistogram', (a) => (a.cells[0]!.runHistogram[0]! += 1)],
  [
    'a p95 above the maximum',
    'cells',
    (a) => {
      const cell = a.cells.find((c) => c.run.count > 0)!;
      cell.run.p95 = cell.run.max! + 1;
    },
  ],
  ['series of different lengths', 'trends.nodes[0]', (a) => a.trends.nodes[0]!.failures.push(0)],
  ['a median that is text', 'cells[0].wait.median', (a) => ((a.cells[0]!.wait as unknown as Record<string, unknown>)['median'] = '1 s')],
  ['eleven slowest jobs', 'lists', (a) => (a.slowest = Array.from({ length: 11 }, () => GOOD.slowest[0] ?? GOOD.longestWaiting[0]!))],
  ['a ranked job that is not a job', 'slowest[0].job', (a) => (a.slowest = [{ ms: 1, job: { id: 'x' } as never }])],
];

describe('analyses that break the contract', () => {
  for (const [label, field, patch] of BROKEN) {
    it(`${label}: refused whole, naming ${field}`, () => {
      const body = structuredClone(GOOD);
      patch(body);
      const checked = validateJobAnalysis(body);
      expect(checked.ok).to.equal(false);
      expect(checked.ok ? '' : checked.error).to.contain(`analysis.${field}`);
    });
  }

  it('the HTTP source refuses such an answer as a bad response, naming the field', async () => {
    const body = structuredClone(GOOD);
    body.cells[0]!.finished = body.cells[0]!.jobs + 1;
    const fake = new FakeFetch((r) => json(r, body));
    const source = new HttpJobSource({ baseUrl: '/api/v1', fetch: fake.fetch, live: false, visibility: ALWAYS_VISIBLE });
    const error = await source.analyze({}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(JobSourceError);
    expect((error as JobSourceError).kind).to.equal('bad-response');
    expect((error as JobSourceError).message).to.contain('analysis.cells[0]');
    source.close();
  });

  it('the view says the server sent what it cannot read, and shows the good analysis Retry brings', async () => {
    const broken = structuredClone(GOOD);
    broken.cells[0]!.finished = broken.cells[0]!.jobs + 1;
    let answer: JobAnalysis = broken;
    const fake = new FakeFetch((r) => {
      if (r.path.endsWith('/jobs/analysis')) return json(r, answer);
      if (r.path.endsWith('/session')) return json(r, { user: { name: 'admin', roles: ['DATA_ADMINISTRATOR'] } });
      if (r.path.endsWith('/nodes')) return json(r, { items: [] });
      if (r.path.endsWith('/jobs/summary')) return json(r, summarize(hostileJobs(), {}, [], HOSTILE_NOW));
      return json(r, { items: [], nextCursor: null, total: 0 });
    });
    const source = new HttpJobSource({
      baseUrl: '/api/v1',
      fetch: fake.fetch,
      live: false,
      visibility: ALWAYS_VISIBLE,
      retry: { attempts: 1 },
    });
    const store = new JobStore(source, { clock: () => HOSTILE_NOW });
    void store.start();
    const el = await fixture<HTMLElement>(html`<ac-job-analysis lang="en" .store=${store}></ac-job-analysis>`);
    const alert = () => el.shadowRoot!.querySelector('[role=alert]');
    await waitFor(() => alert()?.textContent?.includes('The server sent an analysis this page cannot read.'), 'the refusal said');
    expect(store.status, 'the rest of the store goes on').to.equal('ready');
    expect(store.analysis).to.equal(undefined);
    answer = GOOD;
    store.retry();
    await waitFor(() => store.analysis, 'the good analysis');
    expect(store.analysis).to.deep.equal(GOOD);
    expect(store.analysisError).to.equal(undefined);
    // The cards are in the page, hidden, before there is an analysis: the view shows it once it unhides them.
    await waitFor(() => el.shadowRoot!.querySelector('.cards:not([hidden]) table.cells'), 'the analysis shown');
    // Its text, not the element: a failed assertion's values go to the test runner, which cannot copy an element.
    expect(alert()?.textContent ?? null, 'the refusal gone').to.equal(null);
    store.dispose();
    source.close();
  });
});
