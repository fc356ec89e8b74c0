/**
 * Remote mode over pages that do not add up: a job repeated, items the source refused, a
 * total that claims more than the pages hold, a total that grew since the last page. Every
 * row the store counts must load, once, and no job may be counted "new" that a row shows.
 */
import { expect } from '@open-wc/testing';
import { defaultQuery, type Job, type JobListParams, type JobSummary } from '../../src/model/index.js';
import type { JobPageResult } from '../../src/source/job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import { FakeSource } from './fake-source.js';
import { naiveSelection, rowsOf, waitFor } from './helpers.js';
import { NODES, NOW, makeJob, sampleJobs } from './jobs.js';

/** A fake source whose pages and summary totals a test rewrites. */
class CraftedSource extends FakeSource {
  craft: (page: JobPageResult, params: JobListParams) => JobPageResult = (page) => page;
  summaryTotal: number | undefined;

  override async listJobs(params: JobListParams, signal?: AbortSignal): Promise<JobPageResult> {
    return this.craft(await super.listJobs(params, signal), params);
  }

  override async summarize(params: JobListParams, signal?: AbortSignal): Promise<JobSummary> {
    const summary = await super.summarize(params, signal);
    return this.summaryTotal === undefined ? summary : { ...summary, total: this.summaryTotal };
  }
}

const WINDOW = 10;

async function started(source: CraftedSource): Promise<JobStore> {
  const store = new JobStore(source, { clock: () => NOW, windowSize: WINDOW, summaryThrottleMs: 20 });
  await store.start();
  await waitFor(() => store.status === 'ready', 'the first window');
  return store;
}

/** Asks for every row, as a list scrolled through would, until each one the store counts has loaded. */
async function everyRow(store: JobStore): Promise<Job[]> {
  await waitFor(() => {
    store.requestRows(0, store.total);
    return store.status === 'ready' && rowsOf(store).every(Boolean);
  }, 'every row to load');
  return rowsOf(store) as Job[];
}

const ids = (jobs: readonly (Job | undefined)[]) => jobs.map((job) => job?.id);

describe('JobStore remote mode over pages that do not add up', () => {
  const jobs = sampleJobs(25, 3);
  const honest = naiveSelection(jobs, defaultQuery(), NOW).rows;

  it('a job a page repeats is one row, and the rows after it move up', async () => {
    const source = new CraftedSource(jobs, NODES, { remote: true, now: NOW });
    // The first page repeats rows 0 and 3 in place of rows 8 and 9 (which the server never sent).
    source.craft = (page, params) =>
      params.offset === 0 ? { ...page, items: [...page.items.slice(0, 8), page.items[0]!, page.items[3]!] } : page;
    const store = await started(source);
    const rows = await everyRow(store);
    const expected = honest.filter((_, i) => i !== 8 && i !== 9);
    expect(ids(rows)).to.deep.equal(ids(expected));
    expect(store.total).to.equal(23);
    store.dispose();
  });

  it('items the source refused leave no hole: the total counts what exists and every row loads', async () => {
    const source = new CraftedSource(jobs, NODES, { remote: true, now: NOW });
    source.craft = (page, params) =>
      params.offset === 0
        ? { ...page, items: page.items.filter((_, i) => i !== 3 && i !== 4), rejected: ['items[3].state …', 'items[4].id …'] }
        : page;
    const store = await started(source);
    const rows = await everyRow(store);
    expect(ids(rows)).to.deep.equal(ids(honest.filter((_, i) => i !== 3 && i !== 4)));
    expect(store.indexOf(honest[10]!.id), 'the second page moved up by the two refused').to.equal(8);
    store.dispose();
  });

  it('a total claiming more than the pages hold settles to what exists, without asking for pages that are not there', async () => {
    const source = new CraftedSource(jobs.slice(0, 3), NODES, { remote: true, now: NOW });
    source.craft = (page) => ({ ...page, total: 500 });
    source.summaryTotal = 500;
    const store = await started(source);
    await waitFor(() => store.summary !== undefined, 'the summary');
    expect(store.total).to.equal(3);
    source.calls.length = 0;
    store.requestRows(0, 50);
    expect(rowsOf(store).every(Boolean)).to.equal(true);
    expect(source.calls, 'no request for rows past the end').to.deep.equal([]);
    store.dispose();
  });

  it('a job created while the rows load, which the rows then show, is not also counted new', async () => {
    const source = new CraftedSource(jobs, NODES, { remote: true, now: NOW });
    const store = await started(source);
    let release!: () => void;
    source.gate = (call) => (call.method === 'listJobs' ? new Promise<void>((resolve) => (release = resolve)) : undefined);
    store.setQuery({ sort: 'name', order: 'asc' });
    const created = makeJob({
      id: 'created-meanwhile',
      name: 'Copy:aaa',
      description: '',
      type: 'COPY',
      node: 'node-1',
      state: 'SCHEDULED',
      stage: 'NOT_STARTED',
      createdAt: NOW,
      updatedAt: NOW,
      finishedAt: null,
      version: 1,
    });
    source.emit([{ type: 'job.created', seq: 1, job: created }]);
    expect(store.addedCount, 'seen live before the rows came').to.equal(1);
    release();
    await waitFor(() => store.indexOf(created.id) >= 0, 'the rows with the new job');
    expect(store.addedCount).to.equal(0);
    store.dispose();
  });

  it('a page read before a live change does not bring the older version back', async () => {
    const source = new CraftedSource(jobs, NODES, { remote: true, now: NOW });
    const store = await started(source);
    const first = honest[0]!;
    let release!: () => void;
    source.gate = (call) => (call.method === 'listJobs' ? new Promise<void>((resolve) => (release = resolve)) : undefined);
    // The page answers as the server read it before the change below.
    source.craft = (page) => ({ ...page, items: page.items.map((job) => (job.id === first.id ? first : job)) });
    store.refresh();
    const changed = { ...first, version: first.version + 1, description: 'changed while the page was on its way' };
    source.emit([{ type: 'job.updated', seq: 1, job: changed }]);
    release();
    await waitFor(() => store.status === 'ready' && store.jobAt(0) !== undefined, 'the rows again');
    expect(store.jobAt(0)).to.deep.equal(changed);
    store.dispose();
  });

  it('a total grown since the last page (live changes) loads that page again when its rows are asked for', async () => {
    const source = new CraftedSource(jobs.slice(0, 5), NODES, { remote: true, now: NOW });
    const store = await started(source);
    expect(ids(await everyRow(store))).to.have.length(5);
    const created = makeJob({
      id: 'late-comer',
      name: 'Copy:late',
      description: '',
      type: 'COPY',
      node: 'node-1',
      state: 'RUNNING',
      stage: 'IN_PROGRESS',
      createdAt: NOW,
      updatedAt: NOW,
      finishedAt: null,
      version: 1,
    });
    source.emit([{ type: 'job.created', seq: 1, job: created }]);
    expect(store.addedCount).to.equal(1);
    // The summary counts it; the rows that are there do not move on their own.
    await waitFor(() => store.total === 6, 'the summary to count the new job');
    const rows = await everyRow(store);
    expect(ids(rows)).to.include(created.id);
    expect(new Set(ids(rows)).size).to.equal(6);
    expect(store.addedCount).to.equal(0);
    store.dispose();
  });
});
