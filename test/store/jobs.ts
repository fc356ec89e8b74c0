/**
 * Jobs and queries for store tests: small vocabularies so that filters, searches and
 * sorts hit ties, duplicates, unknown nodes and unknown stages often.
 */
import fc from 'fast-check';
import {
  JOB_STATES,
  JOB_TYPES,
  KNOWN_STAGES,
  SORT_KEYS,
  type ClusterNode,
  type Job,
  type JobPeriod,
  type JobQuery,
  type JobState,
  type JobType,
} from '../../src/model/index.js';

export const NOW = Date.parse('2025-10-23T12:00:00Z');
const HOUR = 3_600_000;

export const NODES: ClusterNode[] = [
  { id: 'node-1', name: 'node 1', online: true },
  { id: 'node-2', name: 'node 2', online: true },
  { id: 'node-3', name: 'node 3', online: false },
];
/** A node jobs may run on that the node list does not name. */
const NODE_IDS = ['node-1', 'node-2', 'node-3', 'node-x'];
const NAMES = ['Duplication:tar_2-39', 'Versioning:part_s3', 'Archiving:media', 'Copy:ws-12', 'Destaging:media', 'Storage:Projects'];
const DESCRIPTIONS = [
  'Tape tar_2-39: duplication process, in force mode',
  'Share part_s3: versioning policy process history only',
  'Share media: archiving to tape TAR_7',
  'Copy of 3 files to ws-12 (accopy)',
  '',
  'Ünïcode shäre: destaging',
];
const STAGES = [...KNOWN_STAGES, 'SOMETHING_NEW'];
export const SEARCHES = ['', 'dup', 'tar', 'a', 'media', 'versioning', 'XYZ', ' Copy ', 'ar', 'shä', 'storage', 'tar_2'];

function progressFor(type: JobType): Job['progress'] {
  const files = { total: 10, done: 3, failed: 1 };
  const bytes = { total: 100, done: 30 };
  switch (type) {
    case 'DESTAGING':
      return { files, bytes, share: 'media' };
    case 'VERSIONING':
      return { files, bytes, share: 'media', policy: 'history only', versionsHandled: 2 };
    case 'ARCHIVING':
      return { files, bytes, share: 'media', target: { medium: 'TAPE', name: 'TAR_7' } };
    case 'STORAGE':
      return { files, bytes, share: 'media', copiesMade: 1 };
    case 'COPY':
      return { files, bytes, client: 'ws-12', origin: 'ACCOPY' };
    case 'DUPLICATION':
      return { files, bytes, sourceTape: 'tar_2-39', targetTape: 'tar_3-02', mode: 'force' };
  }
}

export interface JobFields {
  id: string;
  name: string;
  description: string;
  type: JobType;
  node: string;
  state: JobState;
  stage: string;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  version: number;
}

export function makeJob(f: JobFields): Job {
  return {
    id: f.id,
    name: f.name,
    type: f.type,
    description: f.description,
    createdAt: new Date(f.createdAt).toISOString(),
    updatedAt: new Date(f.updatedAt).toISOString(),
    startedAt: f.state === 'SCHEDULED' ? null : new Date(f.createdAt).toISOString(),
    finishedAt: f.finishedAt === null ? null : new Date(f.finishedAt).toISOString(),
    node: f.node,
    state: f.state,
    stage: f.stage,
    version: f.version,
    progress: progressFor(f.type),
  } as Job;
}

/** Unique, unordered ids (so that id order differs from creation order). */
export function idOf(index: number): string {
  return `j${String((index * 7919) % 10007).padStart(5, '0')}`;
}

export const fieldsArbitrary = fc.record({
  name: fc.constantFrom(...NAMES),
  description: fc.constantFrom(...DESCRIPTIONS),
  type: fc.constantFrom(...JOB_TYPES),
  node: fc.constantFrom(...NODE_IDS),
  state: fc.constantFrom(...JOB_STATES),
  stage: fc.constantFrom(...STAGES),
  /** Half-day steps over 40 days: many equal creation times. */
  createdStep: fc.integer({ min: 0, max: 80 }),
  runHours: fc.integer({ min: 0, max: 200 }),
  version: fc.integer({ min: 1, max: 5 }),
});

export function fromFields(index: number, f: FieldsValue): Job {
  const createdAt = NOW - f.createdStep * 12 * HOUR;
  const finished = f.state === 'SUCCESSFUL' || f.state === 'UNSUCCESSFUL';
  return makeJob({
    id: idOf(index),
    name: f.name,
    description: f.description,
    type: f.type,
    node: f.node,
    state: f.state,
    stage: f.stage,
    createdAt,
    updatedAt: createdAt + f.runHours * HOUR,
    finishedAt: finished ? createdAt + f.runHours * HOUR : null,
    version: f.version,
  });
}
export type FieldsValue = typeof fieldsArbitrary extends fc.Arbitrary<infer T> ? T : never;

export const jobsArbitrary = (maxLength = 120): fc.Arbitrary<Job[]> =>
  fc.array(fieldsArbitrary, { maxLength }).map((all) => all.map((f, i) => fromFields(i, f)));

/** A changed version of `job` (any field a live update may change, and a greater version). */
export const changeArbitrary = (job: Job): fc.Arbitrary<Job> =>
  fieldsArbitrary.map((f) => {
    const next = fromFields(0, f);
    return { ...next, id: job.id, version: job.version + f.version } as Job;
  });

const periodArbitrary: fc.Arbitrary<JobPeriod> = fc.oneof(
  fc.constant<JobPeriod>({ kind: 'all' }),
  fc.integer({ min: 1, max: 45 }).map<JobPeriod>((days) => ({ kind: 'last-days', days })),
  fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 40 })).map<JobPeriod>(([from, span]) => ({
    kind: 'range',
    from: new Date(NOW - from * 12 * HOUR).toISOString(),
    to: new Date(NOW - from * 12 * HOUR + span * 12 * HOUR).toISOString(),
  })),
);

export const queryArbitrary: fc.Arbitrary<JobQuery> = fc.record({
  period: periodArbitrary,
  states: fc.subarray([...JOB_STATES]),
  nodes: fc.subarray([...NODE_IDS, 'node-none']),
  types: fc.subarray([...JOB_TYPES]),
  stages: fc.subarray(STAGES),
  q: fc.constantFrom(...SEARCHES),
  sort: fc.constantFrom(...SORT_KEYS),
  order: fc.constantFrom('asc' as const, 'desc' as const),
});

/** A small seeded random generator for scripted changes. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** Jobs drawn with a seeded generator (for fixed, larger data sets). */
export function sampleJobs(count: number, seed = 1): Job[] {
  return fc.sample(fieldsArbitrary, { seed, numRuns: count }).map((f, i) => fromFields(i, f));
}
