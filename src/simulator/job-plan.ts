/**
 * What a job will do, drawn from the cluster's seed and the job's number alone: its
 * type, node, name, files, how it ends and how fast it goes. Nothing here depends on
 * when the job is created, so the files of any job can be listed again later by
 * drawing its plan anew instead of keeping it.
 */
import type { ArchiveTarget, FileCounts, JobProgress, JobType } from '../model/index.js';
import { layoutBytes } from './file-layout.js';
import { Random } from './random.js';
import {
  BUCKETS,
  CLIENTS,
  DUPLICATION_MODES,
  DUPLICATION_REASONS,
  SHARES,
  TAPES,
  VERSIONING_POLICIES,
  archiveTarget,
  archivingDescription,
  archivingName,
  copyDescription,
  copyName,
  destagingDescription,
  destagingName,
  duplicationDescription,
  duplicationName,
  storageDescription,
  storageName,
  versioningDescription,
  versioningName,
} from './vocabulary.js';

/** How a job ends. */
export const Outcome = {
  Success: 0,
  Error: 1,
  ByUser: 2,
  Shutdown: 3,
  Timeout: 4,
  NoSpace: 5,
  /** Every file handled, some failed: a stage this version of the model does not know. */
  Partial: 6,
  /** The tape it needs is missing: a stage this version of the model does not know. */
  TapeUnavailable: 7,
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

const FINAL_STAGES: Record<Outcome, string> = {
  [Outcome.Success]: 'NORMALLY',
  [Outcome.Error]: 'INTERRUPTED_ON_ERROR',
  [Outcome.ByUser]: 'INTERRUPTED_BY_USER',
  [Outcome.Shutdown]: 'INTERRUPTED_ON_SHUTDOWN',
  [Outcome.Timeout]: 'INTERRUPTED_ON_TIMEOUT',
  [Outcome.NoSpace]: 'INTERRUPTED_NO_SPACE_LEFT',
  [Outcome.Partial]: 'PARTIALLY_COMPLETED',
  [Outcome.TapeUnavailable]: 'INTERRUPTED_TAPE_UNAVAILABLE',
};

const TYPES: readonly JobType[] = ['DESTAGING', 'VERSIONING', 'ARCHIVING', 'STORAGE', 'COPY', 'DUPLICATION'];
const TYPE_WEIGHTS = [15, 24, 20, 20, 13, 8];
const TYPE_WEIGHT_SUM = 100;

interface TypeProfile {
  /** Median number of files of a job with files. */
  medianFiles: number;
  /** Share of jobs that find nothing to do. */
  empty: number;
  /** Files handled per second, at activity 1. */
  minRate: number;
  maxRate: number;
}
const PROFILES: Record<JobType, TypeProfile> = {
  DESTAGING: { medianFiles: 150, empty: 0.02, minRate: 5, maxRate: 120 },
  VERSIONING: { medianFiles: 3000, empty: 0.08, minRate: 200, maxRate: 4000 },
  ARCHIVING: { medianFiles: 1200, empty: 0.06, minRate: 10, maxRate: 300 },
  STORAGE: { medianFiles: 4000, empty: 0.05, minRate: 100, maxRate: 2500 },
  COPY: { medianFiles: 40, empty: 0.01, minRate: 3, maxRate: 80 },
  DUPLICATION: { medianFiles: 6000, empty: 0.02, minRate: 20, maxRate: 600 },
};

/** How a node differs from the others, so that an analysis of the cluster has something to find. */
export interface NodeHabits {
  /** Share of the jobs that write (all but versioning) which run out of space instead of succeeding. */
  readonly noSpace: number;
  /** Speed of its tape drive: jobs reading or writing a tape go this much as fast, mounting and winding included. */
  readonly tapeSpeed: number;
  /** How much longer than elsewhere a job waits in its queue before it starts. */
  readonly queue: number;
}

const PLAIN: NodeHabits = { noSpace: 0, tapeSpeed: 1, queue: 1 };

/** By the node's place in the cluster: the second runs out of space more often, the third's tape drive is slower, the fourth's queue is longer. */
const NODE_HABITS: readonly NodeHabits[] = [PLAIN, { ...PLAIN, noSpace: 0.1 }, { ...PLAIN, tapeSpeed: 0.35 }, { ...PLAIN, queue: 4 }];

/** The habits of the node at `index` in the cluster (the others have none). */
export function nodeHabits(index: number): NodeHabits {
  return NODE_HABITS[index] ?? PLAIN;
}

/** The shape of a cluster that plans depend on. */
export interface ClusterShape {
  seed: number;
  nodeIds: readonly string[];
  nodeWeights: readonly number[];
  nodeWeightSum: number;
}

export interface JobPlan {
  readonly index: number;
  readonly type: JobType;
  readonly node: string;
  readonly name: string;
  readonly description: string;
  /** Index in SHARES of the share whose files the job handles. */
  readonly share: number;
  /** Index in TAPES of the tape it reads or writes, or -1. */
  readonly tape: number;
  /** Duplication: index in TAPES of the target tape. */
  readonly targetTape: number;
  /** Archiving: where it writes. */
  readonly target: ArchiveTarget | null;
  /** Copy: index in CLIENTS of the receiving machine. */
  readonly client: number;
  readonly accopy: boolean;
  readonly policy: number;
  readonly mode: number;
  readonly files: number;
  /** Files handled (successfully or not) when the job ends. */
  readonly handled: number;
  /** Failed files are those at failStart + k * failPeriod below failEnd (see files.ts). */
  readonly failStart: number;
  readonly failPeriod: number;
  readonly failEnd: number;
  readonly outcome: Outcome;
  readonly finalStage: string;
  readonly bytes: number;
  /** Storage: copies made per file handled; versioning: versions handled per file. */
  readonly perFile: number;
  readonly filesPerSecond: number;
  /** From creation to start, ms. */
  readonly startDelay: number;
  /** From start to the first file (mounting a tape, listing a share), ms. */
  readonly warmUp: number;
  /** From the last file to the end, ms. */
  readonly windDown: number;
  /** A running job reports its progress at most this often, ms. */
  readonly reportEvery: number;
}

const STREAM_PLAN = 0x504c414e;

// One generator reseeded per job: drawing a plan allocates nothing but the plan.
const rng = new Random(0);

function drawFiles(profile: TypeProfile): number {
  if (rng.chance(profile.empty)) return 0;
  // A heavy tail: a few jobs in a thousand handle hundreds of thousands to millions of files.
  if (rng.chance(0.004)) return Math.min(8_000_000, Math.floor(100_000 * Math.pow(1 - rng.next(), -1 / 0.55)));
  return Math.min(200_000, Math.max(1, Math.round(profile.medianFiles * Math.exp(1.7 * rng.normal()))));
}

function drawOutcome(type: JobType, files: number, onTape: boolean, habits: NodeHabits): Outcome {
  const r = rng.next();
  if (files === 0) return r < 0.96 ? Outcome.Success : r < 0.98 ? Outcome.ByUser : r < 0.99 ? Outcome.Shutdown : Outcome.Timeout;
  const noSpace = type === 'VERSIONING' ? 0 : habits.noSpace;
  if (r < 0.84 - noSpace) return Outcome.Success;
  if (r < 0.84) return Outcome.NoSpace;
  if (r < 0.92) return Outcome.Error;
  if (r < 0.935) return Outcome.ByUser;
  if (r < 0.945) return Outcome.Shutdown;
  if (r < 0.955) return Outcome.Timeout;
  if (r < 0.97) return type === 'VERSIONING' ? Outcome.Error : Outcome.NoSpace;
  if (r < 0.985) return Outcome.Partial;
  return onTape ? Outcome.TapeUnavailable : Outcome.Error;
}

/** Draws the plan of job number `index` of a cluster. */
export function planJob(cluster: ClusterShape, index: number): JobPlan {
  rng.reseed(cluster.seed ^ STREAM_PLAN, index);
  const type = TYPES[rng.weighted(TYPE_WEIGHTS, TYPE_WEIGHT_SUM)]!;
  const nodeIndex = rng.weighted(cluster.nodeWeights, cluster.nodeWeightSum);
  const node = cluster.nodeIds[nodeIndex]!;
  const habits = nodeHabits(nodeIndex);
  // Some shares are much busier than others.
  const share = Math.floor(Math.pow(rng.next(), 1.6) * SHARES.length);
  let tape = -1;
  let targetTape = -1;
  let target: ArchiveTarget | null = null;
  let client = -1;
  let accopy = false;
  let policy = -1;
  let mode = -1;
  let deferred = rng.chance(0.12);
  let name: string;
  let description: string;
  let perFile = 0;
  switch (type) {
    case 'DESTAGING':
      tape = rng.int(TAPES.length);
      name = destagingName(share);
      description = destagingDescription(share, rng.int(4));
      break;
    case 'VERSIONING':
      policy = rng.int(VERSIONING_POLICIES.length);
      name = versioningName(share);
      description = versioningDescription(share, policy);
      perFile = rng.between(0.05, 2.5);
      break;
    case 'ARCHIVING': {
      const where = rng.chance(0.7) ? rng.int(TAPES.length) : TAPES.length + rng.int(BUCKETS.length);
      if (where < TAPES.length) tape = where;
      target = archiveTarget(where);
      name = archivingName(share);
      description = archivingDescription(share, where);
      break;
    }
    case 'STORAGE': {
      const copies = 1 + rng.int(3);
      name = storageName(share);
      description = storageDescription(share, copies);
      perFile = rng.between(0, 0.3) * copies;
      break;
    }
    case 'COPY':
      client = rng.int(CLIENTS.length);
      accopy = rng.chance(0.35);
      deferred = false;
      name = copyName(client);
      description = copyDescription(share, client, accopy);
      break;
    case 'DUPLICATION':
      tape = rng.int(TAPES.length);
      targetTape = (tape + 1 + rng.int(TAPES.length - 1)) % TAPES.length;
      mode = rng.int(DUPLICATION_MODES.length);
      name = duplicationName(tape);
      description = duplicationDescription(tape, mode, deferred, rng.int(DUPLICATION_REASONS.length));
      break;
  }

  const profile = PROFILES[type];
  const files = drawFiles(profile);
  const outcome = drawOutcome(type, files, tape >= 0, habits);
  let handled = files;
  let failStart = 0;
  let failPeriod = 1;
  let failEnd = 0;
  switch (outcome) {
    case Outcome.Success:
      break;
    case Outcome.ByUser:
    case Outcome.Shutdown:
    case Outcome.Timeout:
      handled = rng.int(files);
      break;
    case Outcome.Error:
      failStart = rng.int(files);
      if (rng.chance(0.55)) {
        // A run of failures (a bad stretch of tape, a lost connection), then the job gives up.
        failEnd = Math.min(files, failStart + Math.ceil(rng.logBetween(1, 400)));
      } else {
        // Failures here and there until too many.
        failPeriod = 2 + rng.int(150);
        failEnd = Math.min(files, failStart + rng.int(40) * failPeriod + 1);
      }
      handled = failEnd;
      break;
    case Outcome.NoSpace:
    case Outcome.TapeUnavailable:
      failStart = rng.int(files);
      failEnd = Math.min(files, failStart + Math.ceil(rng.logBetween(1, 60)));
      handled = failEnd;
      break;
    case Outcome.Partial:
      failStart = rng.int(files);
      failPeriod = 3 + rng.int(400);
      failEnd = files;
      break;
  }

  const onTape = tape >= 0;
  const speed = onTape ? habits.tapeSpeed : 1;
  // Drawn in the order they always were, so that a node without habits keeps its jobs.
  const filesPerSecond = rng.logBetween(profile.minRate, profile.maxRate) * speed;
  const startDelay = deferred ? Math.round(60_000 + rng.exponential(15 * 60_000)) : Math.round(rng.between(200, 2500));
  const warmUp = Math.round(onTape ? rng.between(20_000, 150_000) : rng.between(300, 5000));
  return {
    index,
    type,
    node,
    name,
    description,
    share,
    tape,
    targetTape,
    target,
    client,
    accopy,
    policy,
    mode,
    files,
    handled,
    failStart,
    failPeriod,
    failEnd,
    outcome,
    finalStage: FINAL_STAGES[outcome],
    bytes: layoutBytes(cluster.seed, index, files),
    perFile,
    filesPerSecond,
    startDelay: Math.round(startDelay * habits.queue),
    warmUp: Math.round(warmUp / speed),
    windDown: Math.round(rng.between(200, onTape ? 40_000 : 3000)),
    reportEvery: Math.round(rng.between(1000, 5000)),
  };
}

/** Counts of jobs whose every file is done, shared: most jobs end so. */
const SHARED_COUNTS = 1 << 16;
const complete: FileCounts[] = new Array<FileCounts>(SHARED_COUNTS);
function completeCounts(files: number): FileCounts {
  return (complete[files] ??= Object.freeze({ total: files, done: files, failed: 0 }));
}

/** Failed files among the first `handled` files. */
export function failedAmong(plan: JobPlan, handled: number): number {
  const end = Math.min(handled, plan.failEnd);
  return end <= plan.failStart ? 0 : Math.ceil((end - plan.failStart) / plan.failPeriod);
}

/** The progress of a job once `handled` of its files are handled (a fresh object). */
export function progressOf(plan: JobPlan, handled: number): JobProgress {
  const failed = failedAmong(plan, handled);
  const done = handled - failed;
  const files = failed === 0 && done === plan.files && done < SHARED_COUNTS ? completeCounts(done) : { total: plan.files, done, failed };
  const bytes = {
    total: plan.bytes,
    done: done === plan.files ? plan.bytes : Math.min(plan.bytes, Math.floor((plan.bytes / plan.files) * done)),
  };
  switch (plan.type) {
    case 'DESTAGING':
      return { files, bytes, share: SHARES[plan.share]! };
    case 'VERSIONING':
      return {
        files,
        bytes,
        share: SHARES[plan.share]!,
        policy: VERSIONING_POLICIES[plan.policy]!,
        versionsHandled: Math.floor(done * plan.perFile),
      };
    case 'ARCHIVING':
      return { files, bytes, share: SHARES[plan.share]!, target: plan.target! };
    case 'STORAGE':
      return { files, bytes, share: SHARES[plan.share]!, copiesMade: Math.floor(done * plan.perFile) };
    case 'COPY':
      return { files, bytes, client: CLIENTS[plan.client]!, origin: plan.accopy ? 'ACCOPY' : 'EXPLORER' };
    case 'DUPLICATION':
      return {
        files,
        bytes,
        sourceTape: TAPES[plan.tape]!,
        targetTape: TAPES[plan.targetTape]!,
        mode: DUPLICATION_MODES[plan.mode]!,
      };
  }
}
