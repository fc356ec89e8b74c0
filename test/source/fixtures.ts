/** Small, valid, varied jobs for tests that do not run the simulator. */
import { JOB_STATES, JOB_TYPES, type ClusterNode, type Job, type JobType } from '../../src/model/index.js';

export const NODES: ClusterNode[] = [
  { id: 'node-1', name: 'node 1', online: true },
  { id: 'node-2', name: 'node 2', online: true },
  { id: 'node-3', name: 'node 3', online: false },
];

const START = Date.parse('2025-10-01T00:00:00Z');
const HOUR = 3_600_000;

function progressOf(type: JobType, i: number): Job['progress'] {
  const base = { files: { total: 10 + i, done: i % 7, failed: i % 3 }, bytes: { total: 1000 * (i + 1), done: 100 * i } };
  switch (type) {
    case 'DESTAGING':
      return { ...base, share: `share_${i % 4}` };
    case 'VERSIONING':
      return { ...base, share: `share_${i % 4}`, policy: 'history only', versionsHandled: i };
    case 'ARCHIVING':
      return { ...base, share: `share_${i % 4}`, target: { medium: i % 2 ? 'TAPE' : 'CLOUD', name: `tar_${i}` } };
    case 'STORAGE':
      return { ...base, share: `share_${i % 4}`, copiesMade: i % 5 };
    case 'COPY':
      return { ...base, client: `client-${i % 3}`, origin: i % 2 ? 'EXPLORER' : 'ACCOPY' };
    case 'DUPLICATION':
      return { ...base, sourceTape: `tar_${i}`, targetTape: `tar_${i + 1}`, mode: 'force' };
  }
}

/** Job number `i`: its type, state, node and dates follow from `i` (some share a creation time, to exercise the id tie-break). */
export function makeJob(i: number, overrides: Partial<Job> = {}): Job {
  const type = JOB_TYPES[i % JOB_TYPES.length]!;
  const state = JOB_STATES[(i * 7) % JOB_STATES.length]!;
  const created = START + Math.floor(i / 2) * HOUR;
  const finished = state === 'SUCCESSFUL' || state === 'UNSUCCESSFUL' ? new Date(created + 2 * HOUR).toISOString() : null;
  const stage =
    state === 'SCHEDULED'
      ? 'NOT_STARTED'
      : state === 'RUNNING'
        ? 'IN_PROGRESS'
        : state === 'SUCCESSFUL'
          ? 'NORMALLY'
          : 'INTERRUPTED_ON_ERROR';
  const job = {
    id: `job-${String(i).padStart(4, '0')}`,
    name: `${type[0]}${type.slice(1).toLowerCase()}:item_${i}`,
    type,
    description: `Job ${i} ${i % 5 === 0 ? 'on the cold archive' : 'for the daily policy'}`,
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created + HOUR).toISOString(),
    startedAt: state === 'SCHEDULED' ? null : new Date(created + 60_000).toISOString(),
    finishedAt: finished,
    node: NODES[i % NODES.length]!.id,
    state,
    stage,
    version: 1,
    progress: progressOf(type, i),
  } as Job;
  return { ...job, ...overrides } as Job;
}

export function makeJobs(count: number): Job[] {
  return Array.from({ length: count }, (_, i) => makeJob(i));
}
