/**
 * The activity history over the widest periods, in the page as on the server: a bounded
 * number of buckets (widening to several weeks), every job still counted, and no period
 * the contract refuses ever sent.
 */
import { expect } from '@open-wc/testing';
import { PERIOD_EARLIEST, PERIOD_LATEST, defaultQuery, type Job } from '../../src/model/index.js';
import { MAX_TIMELINE_BUCKETS, toListParams } from '../../src/source/job-query.js';
import { JobStore } from '../../src/store/job-store.js';
import { FakeSource } from '../store/fake-source.js';
import { expectSameAsNaive, manualFrames } from '../store/helpers.js';
import { HOSTILE_NOW, saneJob } from './payloads.js';

const NODES = [
  { id: 'node-1', name: 'node 1', online: true },
  { id: 'node-2', name: 'node 2', online: true },
];
const NODE_IDS = NODES.map((n) => n.id);

/** Jobs created from 1970 to now, a few each decade. */
function decadesOfJobs(): Job[] {
  const first = Date.parse(PERIOD_EARLIEST);
  return Array.from({ length: 60 }, (_, i) => {
    const created = new Date(first + ((HOSTILE_NOW - first) * i) / 59).toISOString();
    return { ...saneJob(i), node: NODE_IDS[i % 2]!, createdAt: created, updatedAt: created, startedAt: created, finishedAt: created };
  });
}

describe('the activity history over the widest periods', () => {
  for (const period of [
    { kind: 'all' as const },
    { kind: 'range' as const, from: PERIOD_EARLIEST, to: PERIOD_LATEST },
    { kind: 'last-days' as const, days: 1_000_000 },
  ]) {
    it(`has at most MAX_TIMELINE_BUCKETS buckets per node and counts every job (${period.kind})`, async () => {
      const jobs = decadesOfJobs();
      const frames = manualFrames();
      const store = new JobStore(new FakeSource(jobs, NODES, { now: HOSTILE_NOW }), {
        mode: 'memory',
        clock: () => HOSTILE_NOW,
        scheduleFrame: frames.schedule,
      });
      await store.start();
      store.setQuery({ period });
      frames.run();
      const timeline = store.summary!.timeline;
      for (const counts of Object.values(timeline.counts)) {
        expect(counts.length).to.be.within(1, MAX_TIMELINE_BUCKETS);
      }
      expect(timeline.bucketSeconds % (7 * 86_400), 'whole weeks').to.equal(0);
      const counted = Object.values(timeline.counts)
        .flat()
        .reduce((sum, n) => sum + n, 0);
      expect(counted, 'every job in a bucket').to.equal(jobs.length);
      expectSameAsNaive(store, jobs, NODE_IDS, HOSTILE_NOW);
      store.dispose();
    });
  }

  it('a period reaching past the bounds the contract allows is sent within them', () => {
    const wide = toListParams(
      { ...defaultQuery(), period: { kind: 'range', from: '1900-01-01T00:00:00Z', to: '2500-01-01T00:00:00Z' } },
      HOSTILE_NOW,
    );
    expect([wide.since, wide.until]).to.deep.equal([PERIOD_EARLIEST, PERIOD_LATEST]);
    const long = toListParams({ ...defaultQuery(), period: { kind: 'last-days', days: 1e12 } }, HOSTILE_NOW);
    expect(long.since).to.equal(PERIOD_EARLIEST);
    const inside = toListParams(
      { ...defaultQuery(), period: { kind: 'range', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' } },
      HOSTILE_NOW,
    );
    expect([inside.since, inside.until]).to.deep.equal(['2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z']);
  });
});
