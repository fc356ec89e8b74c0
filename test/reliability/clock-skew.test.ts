/**
 * A server whose clock is hours ahead of or behind the page's. What correct means here:
 *
 * - The period filter is resolved on the page's clock ("the last N days before now, here")
 *   and sent as an absolute bound, so the list, the dashboard and the server agree on the
 *   jobs it selects; and nothing recent is hidden: the newest jobs the server made are in
 *   "the last day" whichever way the clocks disagree (up to the day itself).
 * - Durations are the server's own: a running job's elapsed time is what the server's
 *   timestamps say (`updatedAt − startedAt`) plus the time since the page got that version,
 *   never the page's clock minus the server's start time (off by the skew, or negative).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { formatDuration } from '../../src/i18n/index.js';
import type { Job } from '../../src/model/index.js';
import { jobMatcher, toListParams } from '../../src/source/job-query.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import '../../src/elements/job-detail/ac-job-detail.js';
import { ALWAYS_VISIBLE } from '../source/fake-fetch.js';
import { TestServer } from '../source/test-server.js';
import { deepElements } from './trap.js';

const HOUR = 3_600_000;

async function skewed(skewMs: number) {
  const server = await TestServer.create({
    seed: 5,
    nodes: 3,
    jobs: 400,
    days: 3,
    activity: 2,
    now: Date.now() + skewMs,
    heartbeatMs: 500,
  });
  // Jobs start and report progress.
  await server.advance(20 * 60_000);
  const source = new HttpJobSource({ baseUrl: server.base, visibility: ALWAYS_VISIBLE, heartbeatMs: 500 });
  await source.login('admin', 'admin');
  const store = new JobStore(source, { windowSize: 1000, summaryThrottleMs: 50 });
  await store.start();
  await waitUntil(() => store.status === 'ready' && store.connection.status === 'live', 'the store live', { timeout: 10_000 });
  return {
    server,
    store,
    async close() {
      store.dispose();
      source.close();
      await server.close();
    },
  };
}

function rows(store: JobStore): Job[] {
  return Array.from({ length: store.total }, (_, i) => store.jobAt(i)).filter((j): j is Job => j !== undefined);
}

for (const [label, skewMs] of [
  ['6 hours ahead of', 6 * HOUR],
  ['6 hours behind', -6 * HOUR],
] as const) {
  describe(`a server clock ${label} the page's`, function () {
    this.timeout(60_000);

    it('"last day" selects what the server selects for the same bound, and keeps its newest jobs', async () => {
      const { server, store, close } = await skewed(skewMs);
      store.setQuery({ period: { kind: 'last-days', days: 1 } });
      await waitUntil(() => store.status === 'ready', 'the query applied');
      const { jobs } = await server.state();
      const params = toListParams(store.query, Date.now());
      const expected = jobs.filter(jobMatcher(params)).length;
      await waitUntil(() => store.total === expected && rows(store).length === expected, `the ${expected} jobs of the last day`);
      const newest = jobs.reduce((a, b) => (Date.parse(a.createdAt) > Date.parse(b.createdAt) ? a : b));
      expect(store.indexOf(newest.id), 'the newest job is in "the last day"').to.be.at.least(0);
      // New jobs keep coming into "the last day", counted as new.
      await server.advance(10 * 60_000);
      await waitUntil(() => store.addedCount > 0, 'jobs created since counted as new');
      await close();
    });

    it('a running job’s elapsed time is the server’s, not the page clock against the server’s start', async () => {
      const { server, store, close } = await skewed(skewMs);
      const { jobs } = await server.state();
      const running = jobs.find(
        (j) => j.state === 'RUNNING' && j.startedAt !== null && Date.parse(j.updatedAt) - Date.parse(j.startedAt) > 2 * 60_000,
      );
      expect(running, 'a job that has run a while').not.to.equal(undefined);
      const loadedAt = Date.now();
      const detail = await fixture<HTMLElement>(html`<ac-job-detail .store=${store} job-id=${running!.id}></ac-job-detail>`);
      const elapsed = () =>
        deepElements(detail)
          .find((e) => e.classList.contains('elapsed'))
          ?.textContent?.trim();
      await waitUntil(() => elapsed() !== undefined, 'the elapsed time');
      const shown = elapsed()!;
      const lower = Date.parse(running!.updatedAt) - Date.parse(running!.startedAt!);
      const upper = lower + (Date.now() - loadedAt) + 2000;
      const acceptable = new Set<string>();
      for (let ms = lower; ms <= upper; ms += 1000) acceptable.add(formatDuration(ms, 'en'));
      expect([...acceptable], `shown "${shown}"`).to.include(shown);
      await close();
    });
  });
}
