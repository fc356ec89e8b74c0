import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Job, JobChangeEvent } from '../../src/model/index.js';
import { JobStore } from '../../src/store/job-store.js';
import { FakeSource } from './fake-source.js';
import { expectSameAsNaive, manualFrames, naiveSelection, rowsOf, waitFor } from './helpers.js';
import { NODES, NOW, fieldsArbitrary, fromFields, queryArbitrary, sampleJobs } from './jobs.js';
import { settle } from './store-suite.js';
import { ALWAYS_VISIBLE, startServer } from './harnesses.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';

const nodeIds = NODES.map((n) => n.id);

/** Versions 2.. of some existing jobs and 1.. of new ones, each job's versions in order. */
const historiesArbitrary = (jobs: Job[]) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat({ max: jobs.length - 1 }), fc.array(fieldsArbitrary, { minLength: 1, maxLength: 3 })), {
        maxLength: 12,
      }),
      fc.array(fc.array(fieldsArbitrary, { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
    )
    .map(([updates, creations]) => {
      const events: JobChangeEvent[] = [];
      const newest = new Map(jobs.map((j) => [j.id, j]));
      for (const [index, versions] of updates) {
        for (const fields of versions) {
          const held = newest.get(jobs[index]!.id)!;
          const job = { ...fromFields(0, fields), id: held.id, version: held.version + 1 } as Job;
          newest.set(job.id, job);
          events.push({ type: 'job.updated', seq: events.length + 1, job });
        }
      }
      creations.forEach((versions, n) => {
        versions.forEach((fields, v) => {
          const job = { ...fromFields(0, fields), id: `new-${n}`, version: v + 1 } as Job;
          newest.set(job.id, job);
          events.push({ type: v === 0 ? 'job.created' : 'job.updated', seq: events.length + 1, job });
        });
      });
      return { events, newest };
    });

/** The events in any order, some repeated, cut into batches of any size. */
const deliveryArbitrary = (events: JobChangeEvent[]) =>
  fc
    .tuple(
      fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
      fc.array(fc.nat({ max: Math.max(0, events.length - 1) }), { maxLength: events.length }),
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1 }),
    )
    .map(([shuffled, repeats, sizes]) => {
      const all = [...shuffled];
      for (const r of repeats) if (events.length) all.splice(r % (all.length + 1), 0, events[r]!);
      const batches: JobChangeEvent[][] = [];
      for (let i = 0, k = 0; i < all.length; k++) {
        const size = sizes[k % sizes.length]!;
        batches.push(all.slice(i, i + size));
        i += size;
      }
      return batches;
    });

describe('live merge by version', () => {
  const jobs = sampleJobs(40, 21);

  it('memory mode: any order or repetition of events leaves the newest version of each job', async () => {
    await fc.assert(
      fc.asyncProperty(
        historiesArbitrary(jobs).chain((h) => fc.tuple(fc.constant(h), deliveryArbitrary(h.events), queryArbitrary)),
        async ([{ newest }, batches, query]) => {
          const frames = manualFrames();
          const source = new FakeSource(jobs, NODES, { now: NOW });
          const store = new JobStore(source, { clock: () => NOW, scheduleFrame: frames.schedule });
          store.setQuery(query);
          await store.start();
          for (const batch of batches) {
            source.emit(batch);
            if (batch.length % 2) frames.run();
          }
          for (const job of newest.values()) expect(store.getJob(job.id)).to.deep.equal(job);
          expectSameAsNaive(store, newest.values(), nodeIds, NOW);
          store.dispose();
        },
      ),
      { numRuns: 80, includeErrorInReport: true },
    );
  });

  it('remote mode: held rows take the newest version in place, whatever the order', async () => {
    await fc.assert(
      fc.asyncProperty(
        historiesArbitrary(jobs).chain((h) => fc.tuple(fc.constant(h), deliveryArbitrary(h.events))),
        async ([{ newest }, batches]) => {
          const source = new FakeSource(jobs, NODES, { remote: true, now: NOW });
          const store = new JobStore(source, { clock: () => NOW, windowSize: 16, summaryThrottleMs: 0 });
          await store.start();
          await settle(store);
          const order = rowsOf(store).map((job) => job!.id);
          for (const batch of batches) source.emit(batch);
          expect(rowsOf(store).map((job) => job?.id)).to.deep.equal(order);
          for (const id of order) expect(store.getJob(id)).to.equal(newest.get(id));
          store.dispose();
        },
      ),
      { numRuns: 40, includeErrorInReport: true },
    );
  });

  it('over HTTP with duplicated and swapped events on the wire, the store equals the server', async function () {
    this.timeout(60000);
    const server = await startServer();
    const source = new HttpJobSource({ baseUrl: server.base, heartbeatMs: 1000, visibility: ALWAYS_VISIBLE });
    await source.login('admin', 'admin');
    let now = NOW;
    const store = new JobStore(source, { clock: () => now, windowSize: 100, summaryThrottleMs: 50 });
    try {
      store.setQuery({ sort: 'name', order: 'asc' });
      await store.start();
      await settle(store);
      await waitFor(() => store.connection.status === 'live', 'the live stream');
      await server.post('/stream-chaos', { duplicate: true, reorder: true });
      for (let i = 0; i < 5; i++) {
        now += 60_000;
        await server.post('/advance', { ms: 60_000 });
      }
      const state = await server.state();
      const truth = new Map(state.jobs.map((j) => [j.id, j]));
      const held = rowsOf(store).filter((job): job is Job => job !== undefined);
      expect(held.length).to.be.greaterThan(0);
      await waitFor(
        () => held.every((job) => store.getJob(job.id)?.version === truth.get(job.id)!.version),
        'the held rows to reach the server versions',
      );
      store.refresh();
      await settle(store);
      expect(rowsOf(store).map((job) => `${job!.id}@${job!.version}`)).to.deep.equal(
        naiveSelection(state.jobs, store.query, now).rows.map((job) => `${job.id}@${job.version}`),
      );
    } finally {
      store.dispose();
      source.close();
      await server.stop();
    }
  });
});
