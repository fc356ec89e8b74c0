/**
 * Properties the store engineer's suites do not reach: unicode and case in search and in
 * every text field (their vocabulary is fixed), ids that are JavaScript's own names, live
 * events with resyncs interleaved, and dates the contract's format allows.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  JOB_STATES,
  JOB_TYPES,
  SORT_KEYS,
  validateJob,
  type Job,
  type JobChangeEvent,
  type JobQuery,
  type LiveEvent,
} from '../../src/model/index.js';
import { JobStore } from '../../src/store/job-store.js';
import { FakeSource } from '../store/fake-source.js';
import { expectSameAsNaive, manualFrames } from '../store/helpers.js';
import { HOSTILE_NOW, saneJob } from './payloads.js';
import { exportJobs } from '../../src/export/index.js';
import {
  AT,
  collectText,
  csvExpected,
  expectedListDocument,
  jobsOfEveryType,
  parseCsvExport,
  parseXml,
  xmlValue,
  xmlValueOf,
} from '../export/support.js';

const NODES = [
  { id: 'node-1', name: 'node 1', online: true },
  { id: '__proto__', name: 'proto', online: true },
  { id: 'İ', name: 'dotted', online: true },
];
const NODE_IDS = NODES.map((n) => n.id);
const HOUR = 3_600_000;

/** Characters whose case mapping surprises: length-changing, context-dependent, lookalikes, combining, astral. */
const TRICKY = [
  'İ',
  'ı',
  'i',
  'I',
  'ß',
  'ẞ',
  'Σ',
  'σ',
  'ς',
  'K',
  'k',
  'Å',
  'å',
  'ﬁ',
  'ǅ',
  'ǆ',
  'e\u0301',
  'é',
  '𝒜',
  '😀',
  'Ω',
  'ω',
  ' ',
  '_',
  '-',
  'a',
  'A',
  '\u0000',
  '\u202E',
];
const trickyText = fc.array(fc.constantFrom(...TRICKY), { maxLength: 8 }).map((parts) => parts.join(''));
const anyText = fc.oneof(trickyText, fc.string({ unit: 'grapheme', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 }));

/** Ids that are names JavaScript objects already have. */
const ID_POOL = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '0', '-1', 'İd', 'ıd', 'id', 'ID', '😀'];

const jobFields = fc.record({
  name: anyText.filter((s) => s.length > 0),
  description: anyText,
  stage: anyText.filter((s) => s.length > 0),
  type: fc.constantFrom(...JOB_TYPES),
  state: fc.constantFrom(...JOB_STATES),
  node: fc.constantFrom(...NODE_IDS, 'unknown-node'),
  createdHours: fc.integer({ min: 0, max: 24 * 40 }),
  runHours: fc.integer({ min: 0, max: 100 }),
});

function jobOf(id: string, version: number, f: typeof jobFields extends fc.Arbitrary<infer T> ? T : never): Job {
  const created = HOSTILE_NOW - f.createdHours * HOUR;
  const finished = f.state === 'SUCCESSFUL' || f.state === 'UNSUCCESSFUL';
  const base = saneJob(0);
  return {
    ...base,
    id,
    name: f.name,
    description: f.description,
    stage: f.stage,
    type: f.type,
    state: f.state,
    node: f.node,
    version,
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created + f.runHours * HOUR).toISOString(),
    startedAt: f.state === 'SCHEDULED' ? null : new Date(created).toISOString(),
    finishedAt: finished ? new Date(created + f.runHours * HOUR).toISOString() : null,
    progress: base.progress,
  } as Job;
}

const jobsArbitrary = fc
  .uniqueArray(fc.tuple(fc.oneof(fc.constantFrom(...ID_POOL), fc.string({ minLength: 1, maxLength: 4 })), jobFields), {
    selector: ([id]) => id,
    maxLength: 40,
  })
  .map((entries) => entries.map(([id, f]) => jobOf(id, 1, f)));

/** Search text: part of a job's text, its case changed, or any tricky text. */
function searchArbitrary(jobs: Job[]): fc.Arbitrary<string> {
  const texts = jobs.flatMap((j) => [j.name, j.description, j.type]).filter((t) => t.length > 0);
  const fromJobs = texts.length
    ? fc
        .tuple(
          fc.constantFrom(...texts),
          fc.nat(),
          fc.nat(),
          fc.constantFrom<(s: string) => string>(
            (s) => s,
            (s) => s.toUpperCase(),
            (s) => s.toLowerCase(),
            (s) => s.toLocaleUpperCase('tr'),
            (s) => ` ${s}  `,
          ),
        )
        .map(([text, a, b, transform]) =>
          transform(text.slice(Math.min(a, b) % (text.length + 1), (Math.max(a, b) % (text.length + 1)) + 1)),
        )
    : fc.constant('');
  return fc.oneof(fromJobs, trickyText, fc.constant(''));
}

function queryArbitrary(jobs: Job[]): fc.Arbitrary<Partial<JobQuery>> {
  const stages = [...new Set(jobs.map((j) => j.stage))];
  return fc.record({
    q: searchArbitrary(jobs),
    states: fc.subarray([...JOB_STATES]),
    nodes: fc.subarray([...NODE_IDS, 'unknown-node']),
    types: fc.subarray([...JOB_TYPES]),
    stages: stages.length ? fc.subarray(stages, { maxLength: Math.min(2, stages.length) }) : fc.constant([]),
    period: fc.oneof(
      fc.constant({ kind: 'all' as const }),
      fc.integer({ min: 1, max: 30 }).map((days) => ({ kind: 'last-days' as const, days })),
    ),
    sort: fc.constantFrom(...SORT_KEYS),
    order: fc.constantFrom('asc' as const, 'desc' as const),
  });
}

async function memoryStore(jobs: Job[]) {
  const frames = manualFrames();
  const source = new FakeSource(jobs, NODES, { now: HOSTILE_NOW });
  const store = new JobStore(source, { clock: () => HOSTILE_NOW, scheduleFrame: frames.schedule });
  await store.start();
  return { store, source, frames };
}

describe('properties with unicode, case and hostile ids (fast-check)', function () {
  this.timeout(60_000);

  it('the indexed engine selects, orders and counts as jobMatcher and jobComparator do, for any text and search', async () => {
    await fc.assert(
      fc.asyncProperty(
        jobsArbitrary.chain((jobs) => fc.tuple(fc.constant(jobs), fc.array(queryArbitrary(jobs), { minLength: 1, maxLength: 4 }))),
        async ([jobs, queries]) => {
          const { store } = await memoryStore(jobs);
          for (const query of queries) {
            store.setQuery(query);
            expectSameAsNaive(store, jobs, NODE_IDS, HOSTILE_NOW);
          }
          store.dispose();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any order and repetition of live events, with resyncs among them, leaves the newest version of each job', async () => {
    const histories = fc
      .array(fc.tuple(fc.constantFrom(...ID_POOL), fc.array(jobFields, { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 10 })
      .map((entries) => {
        const events: JobChangeEvent[] = [];
        const newest = new Map<string, Job>();
        for (const [id, versions] of entries) {
          for (const fields of versions) {
            const version = (newest.get(id)?.version ?? 0) + 1;
            const job = jobOf(id, version, fields);
            newest.set(id, job);
            events.push({ type: version === 1 ? 'job.created' : 'job.updated', seq: 0, job });
          }
        }
        return { events, newest };
      });
    await fc.assert(
      fc.asyncProperty(
        histories.chain((h) =>
          fc.tuple(
            fc.constant(h),
            fc.shuffledSubarray(h.events, { minLength: h.events.length, maxLength: h.events.length }),
            fc.array(fc.nat(), { maxLength: 6 }),
            fc.array(fc.nat(), { maxLength: 3 }),
          ),
        ),
        async ([{ newest }, shuffled, repeats, resyncs]) => {
          const { store, source, frames } = await memoryStore([]);
          const stream: LiveEvent[] = [...shuffled];
          for (const r of repeats) stream.splice(r % (stream.length + 1), 0, shuffled[r % shuffled.length]!);
          for (const r of resyncs) stream.splice(r % (stream.length + 1), 0, { type: 'resync', seq: 0, reason: 'test' });
          for (const [i, event] of stream.entries()) {
            // The source holds what the server holds: a resync reloads from it.
            if (event.type !== 'resync') {
              const held = source.jobs.get(event.job.id);
              if (!held || held.version < event.job.version) source.jobs.set(event.job.id, event.job);
            }
            source.emit([event]);
            if (i % 3 === 0) frames.run();
          }
          await new Promise((resolve) => setTimeout(resolve));
          frames.run();
          for (const [id, job] of newest) expect(store.getJob(id)?.version, `version of ${JSON.stringify(id)}`).to.equal(job.version);
          expectSameAsNaive(store, newest.values(), NODE_IDS, HOSTILE_NOW);
          expect(({} as Record<string, unknown>)['version']).to.equal(undefined);
          store.dispose();
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('dates the contract lets through', () => {
  // RFC 3339 (the schema's date-time) allows a leap second and an offset without minutes;
  // `Date.parse` reads neither, so the sort, the period filter and the display get NaN.
  const unreadable = ['2016-12-31T23:59:60Z', '2025-10-23T10:23:08+02'];

  for (const date of unreadable) {
    it(`a job dated ${date} is refused at the contract's edge, naming the field`, () => {
      expect(Number.isNaN(Date.parse(date))).to.equal(true);
      for (const field of ['createdAt', 'updatedAt', 'finishedAt'] as const) {
        const job = { ...saneJob(1), state: 'SUCCESSFUL', finishedAt: saneJob(1).updatedAt, [field]: date };
        const checked = validateJob(job);
        expect(checked.ok, `${field}: ${date}`).to.equal(false);
        if (!checked.ok) expect(checked.error).to.equal(`job.${field} must be a date-time, not ${JSON.stringify(date)}`);
      }
    });
  }

  it('dates the browser reads in every accepted spelling keep the engine equal to the reference', async () => {
    const spellings = [
      '2025-10-22T10:00:00Z',
      '2025-10-22t10:00:00z',
      '2025-10-22 10:00:00Z',
      '2025-10-22T12:00:00+02:00',
      '2025-10-22T12:00:00.123456+0200',
    ];
    const jobs = spellings.map(
      (createdAt, i) => ({ ...saneJob(i), id: `d${i}`, createdAt, updatedAt: createdAt, startedAt: createdAt }) as Job,
    );
    for (const job of jobs) expect(validateJob(job).ok, job.createdAt).to.equal(true);
    const { store } = await memoryStore(jobs);
    for (const sort of ['createdAt', 'updatedAt'] as const) {
      for (const period of [{ kind: 'all' as const }, { kind: 'last-days' as const, days: 1 }]) {
        store.setQuery({ sort, period });
        expectSameAsNaive(store, jobs, NODE_IDS, HOSTILE_NOW);
      }
    }
    store.dispose();
  });
});

describe('a list export round-trips any text (fast-check; the export engineer covers one job)', function () {
  this.timeout(60_000);
  /** Any code point, lone surrogates, and what CSV and XML treat specially. */
  const text = fc.string({
    maxLength: 10,
    unit: fc.oneof(
      { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 6 },
      { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), weight: 1 },
      { arbitrary: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', '<', '&', ']]>', '\0', '\u202E'), weight: 3 },
    ),
  });
  const listArbitrary = fc.record({
    texts: fc.array(text, { minLength: 16, maxLength: 16 }),
    nodeNames: fc.array(fc.tuple(fc.nat({ max: 15 }), text), { maxLength: 4 }),
  });

  for (const format of ['json', 'csv', 'xml'] as const) {
    it(`in ${format}`, async () => {
      await fc.assert(
        fc.asyncProperty(listArbitrary, async ({ texts, nodeNames }) => {
          const jobs = jobsOfEveryType((i) => texts[i % texts.length]!);
          const names = new Map(nodeNames.map(([i, name]) => [texts[(i % 13) + 3]!, name]));
          const exported = await collectText(exportJobs(jobs, format, { at: AT, nodeNames: names }));
          const expected = expectedListDocument(jobs, names, null);
          if (format === 'json') {
            expect(JSON.parse(exported)).to.deep.equal(expected);
          } else if (format === 'csv') {
            const csv = await parseCsvExport(exported);
            expect(csv.header).to.deep.equal(Object.keys(expected.jobs[0]!));
            expect(csv.rows).to.deep.equal(
              expected.jobs.map((row) => Object.values(row).map((v) => csvExpected(v as string | number | null))),
            );
          } else {
            const parsed = parseXml(exported) as { jobListExport: { jobs: { job: Record<string, unknown>[] } } };
            const rows = parsed.jobListExport.jobs.job;
            expect(rows).to.have.length(jobs.length);
            rows.forEach((row, i) => {
              for (const field of ['id', 'name', 'description', 'node', 'stage'] as const) {
                expect(xmlValue(row[field]), field).to.deep.equal(xmlValueOf(jobs[i]![field]));
              }
            });
          }
        }),
        { numRuns: 100 },
      );
    });
  }
});
