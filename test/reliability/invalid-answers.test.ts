/**
 * Answers that break the contract, through a fake `fetch` into HttpJobSource, JobStore and
 * the elements: a clear error where it matters, the rest keeps working, and nothing is
 * half-applied to the store.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { validateFilePage, validateJobSummary, type Job } from '../../src/model/index.js';
import { summarize } from '../../src/source/job-query.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import { JobSourceError } from '../../src/source/job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import '../../src/elements/job-list/ac-job-list.js';
import '../../src/elements/job-dashboard/ac-job-dashboard.js';
import '../../src/elements/job-detail/ac-job-detail.js';
import '../../src/elements/job-manager/ac-job-manager.js';
import { ALWAYS_VISIBLE } from '../source/fake-fetch.js';
import { FakeApi } from './fake-api.js';
import { BROKEN_JOB_PAGES, HOSTILE_NOW, acceptableOddJobs, brokenJobs, brokenSummaries, saneJob } from './payloads.js';
import { deepElements, deepText } from './trap.js';

const NODES = [
  { id: 'node-1', name: 'node 1', online: true },
  { id: 'node-2', name: 'node 2', online: true },
];
const GOOD: Job[] = Array.from({ length: 12 }, (_, i) => ({ ...saneJob(i), node: i % 2 ? 'node-2' : 'node-1' }));

function setup(jobs: Job[] = GOOD) {
  const api = new FakeApi(jobs, NODES, HOSTILE_NOW);
  const source = new HttpJobSource({
    baseUrl: '/api/v1',
    fetch: api.fetch,
    visibility: ALWAYS_VISIBLE,
    retry: { attempts: 2, baseMs: 5, maxMs: 20 },
    gapWindowMs: 100,
  });
  const store = new JobStore(source, { clock: () => HOSTILE_NOW, summaryThrottleMs: 20, debounceMs: 0 });
  return { api, source, store, dispose: () => (store.dispose(), source.close()) };
}

/** The ids of the rows a store shows, in order (undefined for a row not loaded). */
function rowIds(store: JobStore): (string | undefined)[] {
  return Array.from({ length: store.total }, (_, i) => store.jobAt(i)?.id);
}

async function ready(store: JobStore): Promise<void> {
  await waitUntil(() => store.status === 'ready' || store.status === 'error', 'the store to settle', { timeout: 5000 });
}

/** Lets pending answers and store notifications run. */
function pause(ms = 50): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('answers that break the contract, from the source to the screen', function () {
  this.timeout(60_000);

  it('a page with broken jobs: each one is skipped with its field named, the good ones are shown', async () => {
    const { api, source, store, dispose } = setup();
    const broken = brokenJobs();
    const items = [...GOOD.slice(0, 4), ...broken.map((b) => b.job), ...GOOD.slice(4)];
    api.overrides.set('/jobs', () => ({ body: JSON.stringify({ items, nextCursor: null, total: GOOD.length }) }));
    const page = await source.listJobs({});
    expect(page.items.map((j) => j.id)).to.deep.equal(GOOD.map((j) => j.id));
    expect(page.rejected).to.have.length(broken.length);
    const named = [
      'id',
      'id',
      'id',
      'state',
      'state',
      'type',
      'createdAt',
      'updatedAt',
      'createdAt',
      'total',
      'total',
      'total',
      'version',
      'version',
    ];
    named.forEach((field, i) => expect(page.rejected[i], broken[i]!.label).to.contain(field));

    await store.start();
    await ready(store);
    await pause();
    expect(rowIds(store), 'the good jobs, newest first, and nothing else').to.deep.equal(GOOD.map((j) => j.id));
    dispose();
  });

  it('a page that repeats a job shows it once', async () => {
    const { api, store, dispose } = setup();
    api.overrides.set('/jobs', () => ({
      body: JSON.stringify({ items: [GOOD[0], GOOD[1], GOOD[0], GOOD[2], GOOD[1]], nextCursor: null, total: 3 }),
    }));
    api.overrides.set('/jobs/summary', () => ({
      body: JSON.stringify(summarize(GOOD.slice(0, 3), {}, ['node-1', 'node-2'], HOSTILE_NOW)),
    }));
    await store.start();
    await ready(store);
    const list = await fixture<HTMLElement>(html`<ac-job-list .store=${store} style="height:400px"></ac-job-list>`);
    await waitUntil(() => deepText(list).includes(GOOD[0]!.name), 'rows');
    await pause();
    const shown = deepElements(list)
      .filter((e) => e.getAttribute('role') === 'row' && e.hasAttribute('data-index') && !e.classList.contains('placeholder'))
      .map((row) => row.querySelector('[title]')?.getAttribute('title'));
    expect(shown.sort()).to.deep.equal([GOOD[0]!.name, GOOD[1]!.name, GOOD[2]!.name].sort());
    dispose();
  });

  it('a page and summary claiming more jobs than exist leave no row loading forever', async () => {
    const { api, store, dispose } = setup();
    const lie = { ...summarize(GOOD.slice(0, 3), {}, ['node-1', 'node-2'], HOSTILE_NOW), total: 500 };
    api.overrides.set('/jobs', (r) =>
      r.url.searchParams.get('offset') === '0'
        ? { body: JSON.stringify({ items: GOOD.slice(0, 3), nextCursor: null, total: 500 }) }
        : { body: JSON.stringify({ items: [], nextCursor: null, total: 500 }) },
    );
    api.overrides.set('/jobs/summary', () => ({ body: JSON.stringify(lie) }));
    await store.start();
    await ready(store);
    const list = await fixture<HTMLElement>(html`<ac-job-list .store=${store} style="height:400px"></ac-job-list>`);
    await waitUntil(() => deepText(list).includes(GOOD[2]!.name), 'rows');
    await pause(300);
    const placeholders = deepElements(list).filter((e) => e.classList.contains('placeholder'));
    expect(placeholders.length, 'rows still "Loading…" after every answer came').to.equal(0);
    dispose();
  });

  for (const broken of BROKEN_JOB_PAGES) {
    it(`GET /jobs answering ${broken.label}: the list says so and offers Retry, which recovers`, async () => {
      const { api, store, dispose } = setup();
      let fail = true;
      api.overrides.set('/jobs', () => (fail ? { body: broken.body, contentType: broken.contentType ?? 'application/json' } : undefined));
      await store.start();
      await ready(store);
      expect(store.status).to.equal('error');
      expect(store.error).to.be.instanceOf(JobSourceError);
      expect(store.error!.kind).to.equal('bad-response');
      expect(store.error!.message).to.match(/^GET \/jobs /);
      const list = await fixture<HTMLElement>(html`<ac-job-list .store=${store} style="height:400px"></ac-job-list>`);
      await waitUntil(() => list.shadowRoot!.querySelector('[role="alert"]') !== null, 'the error');
      expect(list.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('cannot read');
      fail = false;
      (list.shadowRoot!.querySelector('[role="alert"] button') as HTMLButtonElement).click();
      await waitUntil(() => deepText(list).includes(GOOD[0]!.name), 'the rows after Retry');
      await waitUntil(() => store.status === 'ready', 'the store ready again');
      dispose();
    });
  }

  for (const { label, patch } of brokenSummaries()) {
    it(`a summary with a ${label} is refused as a whole; the list keeps its rows`, async () => {
      const { api, store, dispose } = setup();
      const summary = JSON.parse(JSON.stringify(summarize(GOOD, {}, ['node-1', 'node-2'], HOSTILE_NOW))) as Record<string, unknown>;
      patch(summary);
      expect(validateJobSummary(summary).ok, 'the validator refuses it').to.equal(false);
      api.overrides.set('/jobs/summary', () => ({ body: JSON.stringify(summary) }));
      await store.start();
      await ready(store);
      expect(store.summary, 'no summary half-taken').to.equal(undefined);
      expect(store.error?.kind).to.equal('bad-response');
      const dashboard = await fixture<HTMLElement>(html`<ac-job-dashboard .store=${store}></ac-job-dashboard>`);
      await waitUntil(() => dashboard.shadowRoot!.querySelector('[role="alert"]') !== null, 'the dashboard says so');
      expect(deepText(dashboard)).not.to.match(/-\d/);
      dispose();
    });
  }

  it('a file page whose byStatus counts are negative or fractional is refused', () => {
    const page = { items: [], nextCursor: null, total: 0 };
    for (const byStatus of [{ FAILED: -1 }, { DESTAGED: 0.5 }, { PENDING: 'NaN' }]) {
      expect(validateFilePage({ ...page, byStatus }).ok, JSON.stringify(byStatus)).to.equal(false);
    }
    expect(validateFilePage({ ...page, byStatus: { FAILED: 2, PENDING: 0 } }).ok).to.equal(true);
  });

  it('a broken job in the detail view: plain words and Retry; the list next to it keeps working', async () => {
    const { api, store, dispose } = setup();
    // A job the list does not hold (an old link): only GET /jobs/{id} can give it.
    const linked = { ...saneJob(99), description: 'reached by its link' };
    let broken = true;
    api.overrides.set(`/jobs/${linked.id}`, () => ({ body: JSON.stringify(broken ? { ...linked, state: 'EXPLODED' } : linked) }));
    await store.start();
    await ready(store);
    const page = await fixture<HTMLElement>(html`<div>
      <ac-job-detail .store=${store} job-id=${linked.id}></ac-job-detail>
      <ac-job-list .store=${store} style="height:300px"></ac-job-list>
    </div>`);
    const detail = page.querySelector('ac-job-detail')!;
    await waitUntil(() => detail.shadowRoot!.querySelector('[role="alert"]') !== null, 'the detail error');
    expect(deepText(detail)).not.to.contain('EXPLODED');
    await waitUntil(() => deepText(page.querySelector('ac-job-list')!).includes(GOOD[0]!.name), 'the list rows');
    broken = false;
    (detail.shadowRoot!.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    await waitUntil(() => deepText(detail).includes(linked.description), 'the detail after Retry');
    dispose();
  });

  it('broken live events are skipped whole; the next good events still apply; an unknown stage is shown', async () => {
    const { api, store, dispose } = setup();
    await store.start();
    await ready(store);
    await waitUntil(() => store.connection.status === 'live', 'the stream');
    const before = store.getJob(GOOD[0]!.id)!;
    // Broken: unknown state, a version as text, data that is not JSON, a job without id.
    api.sendEvent({ type: 'job.updated', seq: api.nextSeq(), job: { ...before, version: 5, state: 'EXPLODED', name: 'half' } });
    api.sendEvent({ type: 'job.updated', seq: api.nextSeq(), job: { ...before, version: '6', name: 'half' } });
    for (const stream of api.streams) stream.send(`id: ${api.nextSeq()}\nevent: job\ndata: {"type": "job.updated", "job": {\n\n`);
    const { id: _id, ...noId } = before;
    api.sendEvent({ type: 'job.updated', seq: api.nextSeq(), job: { ...noId, version: 7 } });
    api.change({ ...GOOD[1]!, version: 2, stage: 'QUANTUM_FLUX_INTERRUPTED', state: 'UNSUCCESSFUL' });
    await waitUntil(() => store.getJob(GOOD[1]!.id)?.version === 2, 'the good event after the broken ones');
    expect(store.getJob(GOOD[0]!.id), 'the job the broken events named is as it was').to.deep.equal(before);
    const detail = await fixture<HTMLElement>(html`<ac-job-detail .store=${store} job-id=${GOOD[1]!.id}></ac-job-detail>`);
    await waitUntil(() => deepText(detail).includes('QUANTUM_FLUX_INTERRUPTED'), 'the unknown stage, as it came');
    dispose();
  });

  it('unknown extra fields (even "__proto__") are ignored and pollute nothing; an unknown stage is kept', async () => {
    const odd = acceptableOddJobs();
    const { api, store, dispose } = setup();
    api.overrides.set('/jobs', () => ({
      body: `{"items": [${odd.map((o) => o.json).join(',')}], "nextCursor": null, "total": ${odd.length}}`,
    }));
    api.overrides.set('/jobs/summary', () => ({ body: JSON.stringify(summarize([], {}, ['node-1', 'node-2'], HOSTILE_NOW)) }));
    await store.start();
    await ready(store);
    await pause();
    expect(store.status).to.equal('ready');
    expect(store.getJob(odd[0]!.id)?.stage).to.equal('QUANTUM_FLUX_INTERRUPTED');
    expect(store.getJob(odd[1]!.id)).not.to.equal(undefined);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(Object.getPrototypeOf(store.getJob(odd[0]!.id))).to.equal(Object.prototype);
    dispose();
  });

  /** Swaps the page's fetch (the manager's own HttpJobSource calls it) while `run` runs. */
  async function withPageFetch(fetch: typeof window.fetch, run: () => Promise<void>): Promise<void> {
    const pageFetch = window.fetch;
    window.fetch = fetch;
    try {
      await run();
    } finally {
      window.fetch = pageFetch;
    }
  }

  for (const [path, body, contentType, message] of [
    ['/session', '<!doctype html><h1>Sign in</h1>', 'text/html', 'GET /session answered text/html instead of JSON'],
    ['/nodes', '{"items": [{"id": ""', 'application/json', 'GET /nodes answered invalid JSON'],
    // One broken node is refused alone (refused-items.test.ts); a body with no list of nodes is refused whole.
    ['/nodes', '{"items": {"id": "n1", "name": "node 1", "online": true}}', 'application/json', 'nodes.items must be array'],
  ] as const) {
    it(`the manager, when ${path} answers ${JSON.stringify(body.slice(0, 30))}: says what failed, and Retry recovers without a reload`, async () => {
      const { api, dispose } = setup();
      let fail = true;
      api.overrides.set(path, () => (fail ? { body, contentType } : undefined));
      await withPageFetch(api.fetch, async () => {
        const manager = await fixture<HTMLElement>(html`<ac-job-manager src="/api/v1" routing="none" view="jobs"></ac-job-manager>`);
        await waitUntil(() => manager.shadowRoot!.querySelector('[role="alert"]') !== null, 'the failure message', { timeout: 5000 });
        expect(manager.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain(message);
        fail = false;
        (manager.shadowRoot!.querySelector('[role="alert"] button') as HTMLButtonElement).click();
        await waitUntil(() => deepText(manager).includes(GOOD[0]!.name), 'the jobs after Retry', { timeout: 5000 });
        manager.remove();
      });
      dispose();
    });
  }

  it('the manager given a store by the host: Retry after a failed start loads again', async () => {
    const { api, store, dispose } = setup();
    let fail = true;
    api.overrides.set('/nodes', () => (fail ? { body: '<!doctype html><p>Bad gateway</p>', contentType: 'text/html' } : undefined));
    const manager = await fixture<HTMLElement>(html`<ac-job-manager .store=${store} routing="none" view="jobs"></ac-job-manager>`);
    await waitUntil(() => manager.shadowRoot!.querySelector('[role="alert"]') !== null, 'the failure message', { timeout: 5000 });
    fail = false;
    (manager.shadowRoot!.querySelector('[role="alert"] button') as HTMLButtonElement).click();
    await waitUntil(() => deepText(manager).includes(GOOD[0]!.name), 'the jobs after Retry', { timeout: 5000 });
    dispose();
  });

  it('a job created while the rows are loading is shown once: in the rows, not also as "new"', async () => {
    const { api, store, dispose } = setup();
    await store.start();
    await ready(store);
    await waitUntil(() => store.connection.status === 'live', 'the stream');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    api.before = (request) => (request.path.endsWith('/jobs') ? held : undefined);
    store.setQuery({ sort: 'name', order: 'asc' });
    const created = { ...saneJob(50), id: 'created-meanwhile', createdAt: new Date(HOSTILE_NOW + 60_000).toISOString() };
    api.change(created, 'job.created');
    await waitUntil(() => store.addedCount === 1, 'the creation seen live');
    release();
    await waitUntil(() => store.indexOf(created.id) >= 0, 'the new job in the loaded rows');
    await pause(100);
    expect(store.total).to.equal(GOOD.length + 1);
    expect(store.addedCount, 'jobs called new that the rows already show').to.equal(0);
    dispose();
  });
});
