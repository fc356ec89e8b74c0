/**
 * The job as the Active Job Manager shows it, and as the HTTP contract carries it.
 * This file is a source of `schema/*.json`: JSDoc tags here become schema keywords.
 */

/** The six processes an Active Circle node runs (the user guide's 'Definition of Job Types' section). */
export const JOB_TYPES = ['DESTAGING', 'VERSIONING', 'ARCHIVING', 'STORAGE', 'COPY', 'DUPLICATION'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** The four states of a job, in the only order a job may go through them. */
export const JOB_STATES = ['SCHEDULED', 'RUNNING', 'SUCCESSFUL', 'UNSUCCESSFUL'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States a job never leaves. */
export const FINAL_STATES: ReadonlySet<JobState> = new Set<JobState>(['SUCCESSFUL', 'UNSUCCESSFUL']);

/**
 * Stages this version knows. The stage is an open set: a server may send any other
 * non-empty value, which is shown as it comes.
 */
export const KNOWN_STAGES = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'NORMALLY',
  'INTERRUPTED_ON_ERROR',
  'INTERRUPTED_BY_USER',
  'INTERRUPTED_ON_SHUTDOWN',
  'INTERRUPTED_ON_TIMEOUT',
  'INTERRUPTED_NO_SPACE_LEFT',
] as const;
export type KnownJobStage = (typeof KNOWN_STAGES)[number];

/** Stages that say why a job stopped before the end. */
export const FAILURE_STAGES: ReadonlySet<string> = new Set<string>([
  'INTERRUPTED_ON_ERROR',
  'INTERRUPTED_BY_USER',
  'INTERRUPTED_ON_SHUTDOWN',
  'INTERRUPTED_ON_TIMEOUT',
  'INTERRUPTED_NO_SPACE_LEFT',
]);

/**
 * An ISO 8601 date and time with its offset, e.g. `2025-10-23T10:23:08+02:00`. The
 * pattern keeps out what RFC 3339 allows but browsers cannot read (`Date.parse` gives
 * NaN): a leap second (`:60`) and an offset without minutes (`+02`).
 * @format date-time
 * @pattern ^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:[0-5]\d(\.\d+)?([Zz]|[+-]\d\d:?\d\d)$
 */
export type IsoDateTime = string;

/**
 * A count of things: a whole number, never negative.
 * @TJS-type integer
 * @minimum 0
 */
export type Count = number;

/** Files a job handles; the files still pending are `total - done - failed`. */
export interface FileCounts {
  /** Files the job has to handle. */
  total: Count;
  /** Files handled successfully (destaged, archived, checked, examined, copied, duplicated). */
  done: Count;
  /** Files the job could not handle. */
  failed: Count;
}

/** Bytes a job moves. */
export interface ByteCounts {
  total: Count;
  done: Count;
}

interface ProgressBase {
  files: FileCounts;
  bytes: ByteCounts;
}

/** Making files of a share available in a node's cache. */
export interface DestagingProgress extends ProgressBase {
  /** The share whose files are destaged. */
  share: string;
}

/** Where an archiving job writes. */
export interface ArchiveTarget {
  medium: 'TAPE' | 'CLOUD';
  /** The tape's label or the cloud bucket's name. */
  name: string;
}

/** Archiving files of a share to tape or the cloud. */
export interface ArchivingProgress extends ProgressBase {
  share: string;
  target: ArchiveTarget;
}

/** The storage policy of a share: files checked, copies made to disk where needed. */
export interface StorageProgress extends ProgressBase {
  share: string;
  /** Copies written to disk to satisfy the policy. */
  copiesMade: Count;
}

/** The versioning policy of a share: files examined, versions handled. */
export interface VersioningProgress extends ProgressBase {
  share: string;
  /** The policy being applied, e.g. `history only`. */
  policy: string;
  /** Versions kept, pruned or purged so far. */
  versionsHandled: Count;
}

/** Copying files to a client machine from the explorer or the `accopy` command. */
export interface CopyProgress extends ProgressBase {
  /** The client machine receiving the files. */
  client: string;
  origin: 'EXPLORER' | 'ACCOPY';
}

/** Transferring data from one tape to another. */
export interface DuplicationProgress extends ProgressBase {
  sourceTape: string;
  targetTape: string;
  /** How the duplication runs, e.g. `force`. */
  mode: string;
}

interface JobBase {
  /**
   * Stable identifier of the job in the cluster. Well-formed Unicode (no lone surrogate,
   * which JSON can carry but no URL can): it goes into the job's address.
   * @minLength 1
   * @pattern ^[^\uD800-\uDFFF]*$
   */
  id: string;
  /**
   * Process type and a unique identifier, e.g. `Duplication:tar_2-39`.
   * @minLength 1
   */
  name: string;
  /** What the process does: mode, parameters, share or tape. */
  description: string;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /**
   * When the job started running; null while scheduled.
   * @format date-time
   * @pattern ^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:[0-5]\d(\.\d+)?([Zz]|[+-]\d\d:?\d\d)$
   */
  startedAt: IsoDateTime | null;
  /**
   * When the job reached a final state; null until then.
   * @format date-time
   * @pattern ^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:[0-5]\d(\.\d+)?([Zz]|[+-]\d\d:?\d\d)$
   */
  finishedAt: IsoDateTime | null;
  /**
   * Id of the node the job runs on (see `ClusterNode.id`).
   * @minLength 1
   */
  node: string;
  state: JobState;
  /**
   * Final phase or cause of interruption. An open set: see `KNOWN_STAGES`.
   * @minLength 1
   */
  stage: string;
  /**
   * Grows with every change of the job: the newest version wins a merge.
   * @TJS-type integer
   * @minimum 0
   */
  version: number;
}

export interface DestagingJob extends JobBase {
  type: 'DESTAGING';
  progress: DestagingProgress;
}
export interface VersioningJob extends JobBase {
  type: 'VERSIONING';
  progress: VersioningProgress;
}
export interface ArchivingJob extends JobBase {
  type: 'ARCHIVING';
  progress: ArchivingProgress;
}
export interface StorageJob extends JobBase {
  type: 'STORAGE';
  progress: StorageProgress;
}
export interface CopyJob extends JobBase {
  type: 'COPY';
  progress: CopyProgress;
}
export interface DuplicationJob extends JobBase {
  type: 'DUPLICATION';
  progress: DuplicationProgress;
}

/** A job: the common fields and the progress details of its type. */
export type Job = DestagingJob | VersioningJob | ArchivingJob | StorageJob | CopyJob | DuplicationJob;

/** The progress details of a job of type `T`. */
export type JobProgress<T extends JobType = JobType> = Extract<Job, { type: T }>['progress'];

/** A node of the cluster. */
export interface ClusterNode {
  /** @minLength 1 */
  id: string;
  /** Name shown to users, e.g. `node 1`. */
  name: string;
  /** Whether the node answers right now. */
  online: boolean;
}
