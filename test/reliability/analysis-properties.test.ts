/**
 * The analysis has three implementations that must give one answer: the plain reference
 * (`analyze()`, every duration sorted), the memory mode's columnar pass, and the reference
 * server (which runs that pass over its own columns). fast-check holds them to it for any
 * jobs (durations from 0 to centuries, negative ones, dates missing, hostile nodes and
 * stages, live updates) and any query.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { validateJobAnalysis } from '../../src/model/validate-analysis.js';
import {
  DURATION_BUCKETS_MS,
  JOB_STATES,
  JOB_TYPES,
  type Job,
  type JobAnalysis,
  type JobListParams,
  type JobState,
} from '../../src/model/index.js';
import { analyze } from '../../src/source/job-analysis.js';
import { jobMatcher } from '../../src/source/job-query.js';
import { MemoryEngine } from '../../src/store/memory-engine.js';
import { closeServer, createServer, getJson, login, qs, serverState, advance, type TestServer } from '../server/helpers.js';
import { HOSTILE_NODES, HOSTILE_NOW, XSS, saneJob } from './payloads.js';

const MINUTE = 60_000;
const NODE_IDS = ['node-1', ...HOSTILE_NODES.map((n) => n.id)];
const STAGES = ['NORMALLY', 'INTERRUPTED_ON_ERROR', 'INTERRUPTED_NO_SPACE_LEFT', 'PARTIALLY_COMPLETED', XSS[0], '__proto__', '=1+1'];

/** A duration in ms: mostly seconds to days, sometimes 0, negative (clock skew), centuries, or at a histogram bound. */
const durationMs = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 * 86_400_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5 * MINUTE, max: 0 }) },
  { weight: 1, arbitrary: fc.integer({ min: 2 ** 32 - 5, max: 2 ** 32 + 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 200 * 365 * 86_400_000 }) },
  // At a histogram bound, or just before or after it.
  { weight: 2, arbitrary: fc.constantFrom(...DURATION_BUCKETS_MS).chain((bound) => fc.integer({ min: bound - 2, max: bound + 2 })) },
);

const jobFields = fc.record({
  type: fc.constantFrom(...JOB_TYPES),
  state: fc.constantFrom(...JOB_STATES),
  node: fc.constantFrom(...NODE_IDS),
  stage: fc.constantFrom(...STAGES),
  createdMinutesAgo: fc.integer({ min: 0, max: 60 * 24 * 40 }),
  wait: durationMs,
  run: durationMs,
  started: fc.boolean(),
  finished: fc.boolean(),
  bytes: fc.integer({ min: 0, max: 2 ** 40 }),
});
type Fields = typeof jobFields extends fc.Arbitrary<infer T> ? T : never;

/** A job of the contract; a finished job may lack a start or an end (a server may send that). */
function jobOf(i: number, version: number, f: Fields): Job {
  const created = HOSTILE_NOW - f.createdMinutesAgo * MINUTE;
  const started = f.state === 'SCHEDULED' ? null : f.started || f.state === 'RUNNING' ? created + f.wait : null;
  const final = f.state === 'SUCCESSFUL' || f.state === 'UNSUCCESSFUL';
  const finished = final && f.finished ? (started ?? created) + f.run : null;
  const iso = (ms: number | null) => (ms === null || Math.abs(ms) > 8.64e15 ? null : new Date(ms).toISOString());
  const base = saneJob(i);
  const files = { total: 10, done: 3, failed: 0 };
  const bytes = { total: f.bytes, done: f.bytes };
  const progress = {
    DESTAGING: { files, bytes, share: 'a' },
    VERSIONING: { files, bytes, share: 'a', policy: 'p', versionsHandled: 1 },
    ARCHIVING: { files, bytes, share: 'a', target: { medium: 'TAPE', name: 't' } },
    STORAGE: { files, bytes, share: 'a', copiesMade: 1 },
    COPY: { files, bytes, client: 'c', origin: 'ACCOPY' },
    DUPLICATION: { files, bytes, sourceTape: 's', targetTape: 't', mode: 'm' },
  }[f.type];
  return {
    ...base,
    id: `j${i}`,
    type: f.type,
    state: f.state,
    node: f.node,
    stage: f.stage,
    version,
    createdAt: iso(created)!,
    updatedAt: iso(created)!,
    startedAt: iso(started),
    finishedAt: iso(finished),
    progress,
  } as Job;
}

const params = fc.record(
  {
    state: fc.subarray([...JOB_STATES] as JobState[], { minLength: 1 }),
    node: fc.subarray(NODE_IDS, { minLength: 1 }),
    type: fc.subarray([...JOB_TYPES], { minLength: 1 }),
    stage: fc.subarray(STAGES, { minLength: 1, maxLength: 3 }),
    since: fc.integer({ min: 1, max: 60 * 24 * 30 }).map((m) => new Date(HOSTILE_NOW - m * MINUTE).toISOString()),
    until: fc.integer({ min: 0, max: 60 * 24 * 10 }).map((m) => new Date(HOSTILE_NOW - m * MINUTE).toISOString()),
    q: fc.constantFrom('copy', 'ws-1', 'COPY'),
  },
  { requiredKeys: [] },
);

/** What the reference gives for `params` over `jobs`. */
function referenceOf(jobs: Iterable<Job>, query: JobListParams, now: number): JobAnalysis {
  return analyze([...jobs].filter(jobMatcher(query)), query, now);
}

/** The analysis as JSON carries it (no -0, no undefined). */
const asJson = (analysis: JobAnalysis) => JSON.parse(JSON.stringify(analysis)) as unknown;

describe('analysis: the engine, the server and a plain reference agree (fast-check)', function () {
  this.timeout(120_000);

  it('the columnar pass equals the plain reference for any jobs and query, also after live updates', () => {
    fc.assert(
      fc.property(
        fc.array(jobFields, { maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(), jobFields), { maxLength: 15 }),
        fc.array(params, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 10 * MINUTE }),
        (fields, updates, queries, later) => {
          const jobs = new Map<string, Job>(fields.map((f, i) => [`j${i}`, jobOf(i, 1, f)]));
          const engine = new MemoryEngine({}, () => HOSTILE_NOW, NODE_IDS);
          engine.load(jobs.values());
          const now = HOSTILE_NOW + later;
          for (const query of queries) {
            engine.setParams(query);
            const answer = engine.analysis(now);
            expect(asJson(answer), JSON.stringify(query)).to.deep.equal(asJson(referenceOf(jobs.values(), query, now)));
            expect(validateJobAnalysis(asJson(answer)).ok).to.equal(true);
          }
          // Live: jobs change (or arrive) one by one, the engine patches its columns.
          for (const [at, f] of updates) {
            const i = fields.length ? at % (fields.length + 3) : at % 3;
            const job = jobOf(i, (jobs.get(`j${i}`)?.version ?? 0) + 1, f);
            jobs.set(job.id, job);
            engine.apply(job);
          }
          const query = queries[0]!;
          engine.setParams(query);
          expect(asJson(engine.analysis(now)), 'after live updates').to.deep.equal(asJson(referenceOf(jobs.values(), query, now)));
        },
      ),
      { numRuns: 300 },
    );
  });

  describe('the reference server', () => {
    let server: TestServer;

    before(async () => {
      server = await createServer({ jobs: 1500, nodes: 4, seed: 9, now: Date.parse('2025-10-23T12:00:00Z') });
      expect((await login(server)).status).to.equal(200);
      // Some jobs change: the server's columns follow its live events.
      await advance(server, 3 * 3_600_000);
    });

    after(() => closeServer(server));

    const serverParams = fc.record(
      {
        state: fc.subarray([...JOB_STATES] as JobState[], { minLength: 1 }),
        node: fc.subarray(['node-1', 'node-2', 'node-3', 'node-4'], { minLength: 1 }),
        type: fc.subarray([...JOB_TYPES], { minLength: 1 }),
        stage: fc.subarray(['NORMALLY', 'INTERRUPTED_ON_ERROR', 'INTERRUPTED_NO_SPACE_LEFT', 'PARTIALLY_COMPLETED'], { minLength: 1 }),
        since: fc
          .integer({ min: 1, max: 60 * 24 * 30 })
          .map((m) => new Date(Date.parse('2025-10-23T15:00:00Z') - m * MINUTE).toISOString()),
        q: fc.constantFrom('tape', 'accounting', 'tar_1'),
      },
      { requiredKeys: [] },
    );

    it('answers any query as the engine and the plain reference do over its jobs', async () => {
      const { jobs } = await serverState(server);
      const engine = new MemoryEngine({}, () => HOSTILE_NOW, []);
      engine.load(jobs);
      await fc.assert(
        fc.asyncProperty(serverParams, async (query) => {
          const { status, body } = await getJson<JobAnalysis>(server, `/jobs/analysis${qs(query)}`);
          expect(status, JSON.stringify(body)).to.equal(200);
          const checked = validateJobAnalysis(body);
          expect(checked.ok, JSON.stringify(checked)).to.equal(true);
          const now = Date.parse(body.now);
          engine.setParams(query);
          expect(asJson(engine.analysis(now)), `engine, ${JSON.stringify(query)}`).to.deep.equal(body);
          expect(asJson(referenceOf(jobs, query, now)), `reference, ${JSON.stringify(query)}`).to.deep.equal(body);
        }),
        { numRuns: 40 },
      );
    });
  });
});
