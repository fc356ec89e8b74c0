/**
 * The fields of a job that only its own page shows (its progress details), taken apart
 * into what columns hold (a few strings, one count) and put back together: the store
 * keeps them as columns and makes the job object again when it is read.
 */
import type { Job, JobProgress, JobType } from '../model/index.js';

/** Keys of a job the contract defines: a job with other keys is kept whole. */
const JOB_KEYS = 13;
/** Keys of each type's progress (files, bytes and the type's own). */
const PROGRESS_KEYS: Record<JobType, number> = { DESTAGING: 3, VERSIONING: 5, ARCHIVING: 4, STORAGE: 4, COPY: 4, DUPLICATION: 5 };

function keyCount(object: object): number {
  let count = 0;
  for (const _ in object) count++;
  return count;
}

/** A count a Uint32Array column holds exactly. */
export function isSmallCount(value: unknown): value is number {
  return typeof value === 'number' && value >>> 0 === value;
}

/**
 * Writes the strings of the job's progress into `into`, in a fixed order per type (share,
 * policy, target, client, tapes, …), and returns how many; -1 when its fields are not
 * exactly the contract's: a field more or one of another kind, which columns could not
 * give back.
 */
export function detailStrings(job: Job, into: unknown[]): number {
  if (keyCount(job) !== JOB_KEYS) return -1;
  const p = job.progress;
  if (typeof p !== 'object' || p === null || keyCount(p) !== PROGRESS_KEYS[job.type]) return -1;
  const { files, bytes } = p;
  if (typeof files !== 'object' || files === null || keyCount(files) !== 3) return -1;
  if (typeof bytes !== 'object' || bytes === null || keyCount(bytes) !== 2) return -1;
  let count: number;
  switch (job.type) {
    case 'DESTAGING':
    case 'STORAGE':
      into[0] = job.progress.share;
      count = 1;
      break;
    case 'VERSIONING':
      into[0] = job.progress.share;
      into[1] = job.progress.policy;
      count = 2;
      break;
    case 'ARCHIVING': {
      const target = job.progress.target;
      if (typeof target !== 'object' || target === null || keyCount(target) !== 2) return -1;
      into[0] = job.progress.share;
      into[1] = target.medium;
      into[2] = target.name;
      count = 3;
      break;
    }
    case 'COPY':
      into[0] = job.progress.client;
      into[1] = job.progress.origin;
      count = 2;
      break;
    case 'DUPLICATION':
      into[0] = job.progress.sourceTape;
      into[1] = job.progress.targetTape;
      into[2] = job.progress.mode;
      count = 3;
      break;
    default:
      return -1;
  }
  for (let i = 0; i < count; i++) if (typeof into[i] !== 'string') return -1;
  return count;
}

/** The one count of the type's own (versions handled, copies made); 0 for the others. */
export function detailCount(job: Job): unknown {
  if (job.type === 'VERSIONING') return job.progress.versionsHandled;
  if (job.type === 'STORAGE') return job.progress.copiesMade;
  return 0;
}

/** The progress of a job of `type` made again from its parts, keys in the contract's order. */
export function makeProgress(
  type: JobType,
  files: JobProgress['files'],
  bytes: JobProgress['bytes'],
  s: readonly string[],
  count: number,
): JobProgress {
  switch (type) {
    case 'DESTAGING':
      return { files, bytes, share: s[0]! };
    case 'VERSIONING':
      return { files, bytes, share: s[0]!, policy: s[1]!, versionsHandled: count };
    case 'ARCHIVING':
      return { files, bytes, share: s[0]!, target: { medium: s[1] as 'TAPE' | 'CLOUD', name: s[2]! } };
    case 'STORAGE':
      return { files, bytes, share: s[0]!, copiesMade: count };
    case 'COPY':
      return { files, bytes, client: s[0]!, origin: s[1] as 'EXPLORER' | 'ACCOPY' };
    case 'DUPLICATION':
      return { files, bytes, sourceTape: s[0]!, targetTape: s[1]!, mode: s[2]! };
  }
}
