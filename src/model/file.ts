import type { Count } from './job.js';

/** What happened to one file of a job. */
export const FILE_STATUSES = [
  'PENDING',
  'DESTAGED',
  'ARCHIVED',
  'CHECKED',
  'VERSIONED',
  'COPIED',
  'DUPLICATED',
  'SKIPPED',
  'FAILED',
] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** One file a job handles. */
export interface JobFile {
  /**
   * Path of the file in its share or on its tape.
   * @minLength 1
   */
  path: string;
  status: FileStatus;
  /** Size in bytes. */
  size: Count;
  /** Why the file failed; null unless `status` is FAILED. */
  reason: string | null;
}
