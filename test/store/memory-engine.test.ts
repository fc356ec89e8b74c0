import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Job, JobQuery } from '../../src/model/index.js';
import { JobStore } from '../../src/store/job-store.js';
import { FakeSource } from './fake-source.js';
import { expectSameAsNaive, manualFrames } from './helpers.js';
import { NODES, NOW, fieldsArbitrary, fromFields, jobsArbitrary, queryArbitrary, sampleJobs, type FieldsValue } from './jobs.js';

const nodeIds = NODES.map((n) => n.id);

type Op =
  | { kind: 'query'; query: JobQuery }
  | { kind: 'narrow-search'; extra: string }
  | { kind: 'narrow-state'; state: JobQuery['states'][number] }
  | { kind: 'update'; index: number; fields: FieldsValue; versionDelta: number }
  | { kind: 'create'; fields: FieldsValue }
  | { kind: 'frame' };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  queryArbitrary.map((query) => ({ kind: 'query' as const, query })),
  fc.constantFrom('a', 'r', 'e', '_', 'ia').map((extra) => ({ kind: 'narrow-search' as const, extra })),
  fc.constantFrom('RUNNING' as const, 'SUCCESSFUL' as const).map((state) => ({ kind: 'narrow-state' as const, state })),
  fc
    .record({ index: fc.nat(), fields: fieldsArbitrary, versionDelta: fc.integer({ min: -1, max: 3 }) })
    .map((u) => ({ kind: 'update' as const, ...u })),
  fieldsArbitrary.map((fields) => ({ kind: 'create' as const, fields })),
  fc.constant({ kind: 'frame' as const }),
);

async function startedStore(jobs: Job[]) {
  const frames = manualFrames();
  const source = new FakeSource(jobs, NODES, { now: NOW });
  const store = new JobStore(source, { clock: () => NOW, scheduleFrame: frames.schedule });
  await store.start();
  return { store, source, frames };
}

describe('JobStore memory mode against the naive reference', () => {
  it('gives the naive answer for any data, any sequence of queries and any live changes', async () => {
    await fc.assert(
      fc.asyncProperty(jobsArbitrary(60), fc.array(fc.tuple(opArbitrary, fc.boolean()), { maxLength: 25 }), async (jobs, ops) => {
        const { store, source, frames } = await startedStore(jobs);
        const truth = new Map(jobs.map((j) => [j.id, j]));
        let created = jobs.length;
        expectSameAsNaive(store, truth.values(), nodeIds, NOW);
        // Reads happen after some steps only: several changes may wait for one read.
        for (const [op, read] of ops) {
          switch (op.kind) {
            case 'query':
              store.setQuery(op.query);
              break;
            case 'narrow-search':
              store.setQuery({ q: store.query.q + op.extra });
              break;
            case 'narrow-state':
              store.setQuery({ states: store.query.states.length ? store.query.states.slice(0, 1) : [op.state] });
              break;
            case 'update': {
              if (!truth.size) break;
              const held = [...truth.values()][op.index % truth.size]!;
              const next = { ...fromFields(0, op.fields), id: held.id, version: held.version + op.versionDelta } as Job;
              source.emit([{ type: 'job.updated', seq: 0, job: next }]);
              if (next.version > held.version) truth.set(held.id, next);
              break;
            }
            case 'create': {
              const job = fromFields(created++, op.fields);
              source.emit([{ type: 'job.created', seq: 0, job }]);
              truth.set(job.id, job);
              break;
            }
            case 'frame':
              frames.run();
              break;
          }
          if (read) expectSameAsNaive(store, truth.values(), nodeIds, NOW);
        }
        expectSameAsNaive(store, truth.values(), nodeIds, NOW);
        store.dispose();
      }),
      { numRuns: 100, includeErrorInReport: true },
    );
  });

  it('keeps the naive answer over a few thousand jobs under a stream of changes and query edits', async () => {
    const jobs = sampleJobs(2000, 7);
    const { store, source, frames } = await startedStore(jobs);
    const truth = new Map(jobs.map((j) => [j.id, j]));
    const queries = fc.sample(queryArbitrary, { seed: 3, numRuns: 30 });
    const changes = fc.sample(fc.tuple(fc.nat(), fieldsArbitrary), { seed: 4, numRuns: 600 });
    queries.forEach((query, round) => {
      store.setQuery(query);
      // A few changes per round (patched in place), and every fifth round a burst (recomputed).
      const burst = round % 5 === 4 ? 400 : 8;
      for (const [index, fields] of changes.slice((round * 17) % 200, ((round * 17) % 200) + burst)) {
        const held = [...truth.values()][index % truth.size]!;
        const next = { ...fromFields(0, fields), id: held.id, version: held.version + 1 } as Job;
        source.emit([{ type: 'job.updated', seq: 0, job: next }]);
        truth.set(held.id, next);
      }
      frames.run();
      expectSameAsNaive(store, truth.values(), nodeIds, NOW);
      store.setQuery({ q: 'a' });
      store.setQuery({ q: 'ar' });
      expectSameAsNaive(store, truth.values(), nodeIds, NOW);
    });
    store.dispose();
  });

  it('finds the row of a job by id and says -1 for a job outside the selection', async () => {
    const jobs = sampleJobs(500, 11);
    const { store } = await startedStore(jobs);
    store.setQuery({ states: ['RUNNING'], sort: 'name', order: 'desc' });
    for (let i = 0; i < store.total; i += 7) expect(store.indexOf(store.jobAt(i)!.id)).to.equal(i);
    const outside = jobs.find((j) => j.state !== 'RUNNING')!;
    expect(store.indexOf(outside.id)).to.equal(-1);
    expect(store.indexOf('no-such-job')).to.equal(-1);
    store.dispose();
  });
});
