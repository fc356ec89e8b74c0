/**
 * One suite for every backend: whatever the source and the mode, a store shows what
 * the query functions of `job-query.ts` say about the backend's jobs.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Job } from '../../src/model/index.js';
import { summarize } from '../../src/source/job-query.js';
import { JobStore } from '../../src/store/job-store.js';
import type { StoreChange } from '../../src/store/store-api.js';
import type { Harness, HarnessFactory } from './harnesses.js';
import { naiveSelection, plainSummary, rowsOf, waitFor } from './helpers.js';
import { queryArbitrary } from './jobs.js';

/** Waits for the query's answer; in remote mode asks for every row and waits for them too. */
export async function settle(store: JobStore): Promise<void> {
  await waitFor(() => store.status !== 'loading' && store.status !== 'idle', 'the store to load');
  expect(store.error, store.error?.message).to.equal(undefined);
  if (store.mode === 'remote') {
    store.requestRows(0, store.total);
    await waitFor(() => store.status === 'ready' && rowsOf(store).every(Boolean), 'every row');
  }
}

/** The store shows the naive selection of `jobs`, and aggregates equal to `summarize()` of it. */
function expectNaive(store: JobStore, jobs: Job[], h: Harness): void {
  const { params, rows } = naiveSelection(jobs, store.query, h.now());
  expect(store.total, 'total').to.equal(rows.length);
  expect(rowsOf(store).map((job) => job && `${job.id}@${job.version}`)).to.deep.equal(rows.map((job) => `${job.id}@${job.version}`));
  expect(plainSummary(store.summary)).to.deep.equal(plainSummary(summarize(rows, params, h.nodeIds, h.now())));
}

export function storeSuite(factory: HarnessFactory, expectedMode: 'memory' | 'remote'): void {
  describe(`JobStore over ${factory.label}`, function () {
    this.timeout(60000);
    let h: Harness;
    let store: JobStore;

    beforeEach(async () => {
      h = await factory.create();
      store = new JobStore(h.source, { clock: () => h.now(), windowSize: 64, summaryThrottleMs: 50 });
    });

    afterEach(async () => {
      store.dispose();
      await h.dispose();
    });

    it('starts with the session, the nodes and the rows and aggregates of the default query', async () => {
      expect(store.mode).to.equal(expectedMode);
      expect(store.status).to.equal('idle');
      await store.start();
      await settle(store);
      expect(store.session?.user.roles).to.include('DATA_ADMINISTRATOR');
      expect(store.nodes.map((n) => n.id)).to.deep.equal(h.nodeIds);
      expectNaive(store, await h.truth(), h);
    });

    it('selects, orders and counts what jobMatcher, jobComparator and summarize() say, for any query', async () => {
      await store.start();
      await settle(store);
      const jobs = await h.truth();
      await fc.assert(
        fc.asyncProperty(queryArbitrary, async (query) => {
          store.setQuery(query);
          await settle(store);
          expectNaive(store, jobs, h);
        }),
        { numRuns: expectedMode === 'memory' ? 40 : 15, includeErrorInReport: true },
      );
    });

    it('follows live changes: changed jobs update their rows and the counts, new ones are counted', async () => {
      store.setQuery({ states: ['SCHEDULED', 'RUNNING'], sort: 'updatedAt' });
      await store.start();
      await settle(store);
      const changes: StoreChange[] = [];
      store.subscribe((change) => changes.push(change));
      const before = new Map((await h.truth()).map((j) => [j.id, j.version]));
      const held = rowsOf(store).map((job) => job!.id);
      await h.advance(120_000);
      const jobs = await h.truth();
      const newer = jobs.filter((j) => (before.get(j.id) ?? 0) < j.version);
      expect(newer.length, 'the backend changed jobs').to.be.greaterThan(0);
      if (store.mode === 'memory') {
        await waitFor(() => newer.every((j) => store.getJob(j.id)?.version === j.version), 'every change');
        expectNaive(store, jobs, h);
      } else {
        // Rows stay where they are; the ones held show the new version, the summary follows.
        const current = new Map(jobs.map((j) => [j.id, j]));
        await waitFor(
          () => held.every((id, i) => store.jobAt(i)?.id === id && store.jobAt(i)?.version === current.get(id)!.version),
          'the held rows to show the new versions',
        );
        const { rows } = naiveSelection(jobs, store.query, h.now());
        await waitFor(() => store.summary?.total === rows.length, 'the summary to follow');
        expect(store.total).to.equal(rows.length);
        store.refresh();
        await settle(store);
        expectNaive(store, jobs, h);
      }
      // Every change of a job the store holds is announced (in a frame's notification).
      const shown = newer.filter((j) => store.getJob(j.id));
      expect(shown.length).to.be.greaterThan(0);
      await waitFor(() => {
        const seen = new Set(changes.flatMap((c) => [...c.jobs]));
        return shown.every((j) => seen.has(j.id));
      }, 'every held change to be announced');
    });

    it('loads one job for a detail view and keeps it current', async () => {
      await store.start();
      await settle(store);
      const target = (await h.truth()).find((j) => j.state === 'RUNNING' || j.state === 'SCHEDULED')!;
      const watching = new AbortController();
      const loaded = await store.loadJob(target.id, watching.signal);
      expect(loaded.id).to.equal(target.id);
      expect(store.getJob(target.id)?.version).to.be.at.least(target.version);
      for (let i = 0; i < 40; i++) {
        await h.advance(600_000);
        const now = (await h.truth()).find((j) => j.id === target.id)!;
        if (now.version > target.version) {
          await waitFor(() => store.getJob(target.id)?.version === now.version, 'the watched job to follow');
          watching.abort();
          return;
        }
      }
      watching.abort();
      expect.fail('the backend never changed the job');
    });
  });
}
