/**
 * The files of a simulated job, made up on demand: a job with eight million files is
 * never held, yet any page of them costs the same as the first.
 *
 * File number i (0-based) of a job has a path that sorts at place i: the job's files
 * are split evenly over a few folders taken in path order (file-layout.ts), and each
 * name carries i + 1 zero-padded. A job handles its files in that order, so after
 * `handled` files:
 * - files at and after `handled` are PENDING;
 * - of the handled ones, those at failStart + k * failPeriod below failEnd FAILED;
 * - the others have the type's done status (DESTAGED, ARCHIVED...).
 * Every count below a file number, and the next file of a status after one, is then a
 * little arithmetic: filtering, failed-first ordering and deep pages need no scan.
 */
import { FILE_STATUSES } from '../model/index.js';
import type { FileListParams, FilePage, FileStatus, JobFile, JobType } from '../model/index.js';
import type { JobPlan } from './job-plan.js';
import { Outcome, failedAmong } from './job-plan.js';
import { hash32, unitHash } from './random.js';
import { MAX_FOLDERS, STREAM_SIZES, folderBase, folderCodes, folderStart } from './file-layout.js';
import { CLIENTS, DISK_POOLS, FILE_KINDS, SHARES, SUBFOLDERS, TAPES } from './vocabulary.js';

const STREAM_REASONS = 0x52534e53;

/** What a handled file of each type becomes. */
export const DONE_STATUS: Record<JobType, FileStatus> = {
  DESTAGING: 'DESTAGED',
  VERSIONING: 'VERSIONED',
  ARCHIVING: 'ARCHIVED',
  STORAGE: 'CHECKED',
  COPY: 'COPIED',
  DUPLICATION: 'DUPLICATED',
};

export const DEFAULT_FILE_PAGE = 100;
export const MAX_FILE_PAGE = 1000;

interface Folder {
  start: number;
  count: number;
  base: number;
  /** The path up to the file number, e.g. `/shares/import_ltfs/projects/2025/scan_`. */
  prefix: string;
  ext: string;
}

/** Why files of a job fail: the usual reason first, then an occasional other one. */
function failureReasons(seed: number, plan: JobPlan): [string, string] {
  const tape = TAPES[plan.tape] ?? '';
  const pool = DISK_POOLS[hash32(seed ^ STREAM_REASONS, plan.index) % DISK_POOLS.length]!;
  const client = CLIENTS[plan.client] ?? '';
  const bucket = plan.target?.medium === 'CLOUD' ? plan.target.name : '';
  const target = plan.type === 'DUPLICATION' ? TAPES[plan.targetTape]! : tape;
  let reasons: [string, string];
  if (plan.outcome === Outcome.NoSpace) {
    const where =
      plan.type === 'DESTAGING'
        ? 'cache'
        : plan.type === 'STORAGE'
          ? `disk pool ${pool}`
          : plan.type === 'COPY'
            ? `client ${client}`
            : bucket
              ? `bucket ${bucket} (quota exceeded)`
              : `tape ${target}`;
    return [`No space left on ${where}`, `No space left on ${where}`];
  }
  if (plan.outcome === Outcome.TapeUnavailable) {
    return [`Tape ${tape} not available in the library`, `Tape ${tape} could not be mounted`];
  }
  switch (plan.type) {
    case 'DESTAGING':
      reasons = [`Tape read error (medium error on ${tape})`, 'Checksum mismatch'];
      break;
    case 'ARCHIVING':
      reasons = bucket
        ? [`Upload to ${bucket} failed (HTTP 503 Service Unavailable)`, `Upload to ${bucket} timed out`]
        : [`Tape write error (medium error on ${tape})`, 'Checksum mismatch after write'];
      break;
    case 'STORAGE':
      reasons = ['Checksum mismatch', `Disk copy failed (I/O error on ${pool})`];
      break;
    case 'VERSIONING':
      reasons = ['Version could not be purged (file locked)', 'Permission denied'];
      break;
    case 'COPY':
      reasons = [`Connection to ${client} lost`, `Permission denied on ${client}`];
      break;
    case 'DUPLICATION':
      reasons = [`Tape read error (medium error on ${tape})`, `Tape write error (medium error on ${target})`];
      break;
  }
  return hash32(seed ^ STREAM_REASONS, plan.index, 1) % 3 === 0 ? [reasons[1], reasons[0]] : reasons;
}

// The three kinds of files of a job, in the order a failed-first listing shows them.
const FAILED = 0;
const DONE = 1;
const PENDING = 2;
type Kind = typeof FAILED | typeof DONE | typeof PENDING;

/** Counts per status of a job whose first `handled` files are handled. */
export function countFiles(plan: JobPlan, handled: number): Partial<Record<FileStatus, number>> {
  const failed = failedAmong(plan, handled);
  return { [DONE_STATUS[plan.type]]: handled - failed, FAILED: failed, PENDING: plan.files - handled };
}

/** The files of one job at one moment. */
class JobFiles {
  private readonly total: number;
  private readonly failEnd: number;
  private folders: Folder[] | undefined;
  private reasons: [string, string] | undefined;

  constructor(
    private readonly seed: number,
    private readonly plan: JobPlan,
    private readonly handled: number,
  ) {
    this.total = plan.files;
    this.failEnd = Math.min(plan.failEnd, handled);
  }

  private isFailed(i: number): boolean {
    return i >= this.plan.failStart && i < this.failEnd && (i - this.plan.failStart) % this.plan.failPeriod === 0;
  }

  private kindOf(i: number): Kind {
    return i >= this.handled ? PENDING : this.isFailed(i) ? FAILED : DONE;
  }

  /** Files of a kind numbered below i. */
  before(kind: Kind, i: number): number {
    switch (kind) {
      case FAILED:
        return failedAmong(this.plan, Math.min(i, this.handled));
      case DONE:
        return Math.min(i, this.handled) - failedAmong(this.plan, Math.min(i, this.handled));
      case PENDING:
        return Math.max(0, Math.min(i, this.total) - this.handled);
    }
  }

  /** The first file of a kind numbered i or more, or -1. */
  next(kind: Kind, i: number): number {
    const { failStart, failPeriod } = this.plan;
    switch (kind) {
      case FAILED: {
        const j = i <= failStart ? failStart : failStart + Math.ceil((i - failStart) / failPeriod) * failPeriod;
        return j < this.failEnd ? j : -1;
      }
      case DONE: {
        if (i >= this.handled) return -1;
        if (!this.isFailed(i)) return i;
        // Past a failed file: the next one is done unless failures are consecutive.
        const j = failPeriod > 1 ? i + 1 : this.failEnd;
        return j < this.handled ? j : -1;
      }
      case PENDING: {
        const j = Math.max(i, this.handled);
        return j < this.total ? j : -1;
      }
    }
  }

  file(i: number): JobFile {
    const folders = (this.folders ??= this.layout());
    const d = Math.floor(((i + 1) * folders.length - 1) / this.total);
    const folder = folders[d]!;
    const local = i - folder.start;
    let size = folder.base;
    // Sizes vary in pairs that sum to twice the folder's mean: the job's bytes are exact.
    if (!(folder.count % 2 === 1 && local === folder.count - 1)) {
      const spread = Math.floor(folder.base * 0.9 * unitHash(this.seed ^ STREAM_SIZES, this.plan.index, d, Math.floor(local / 2)));
      size += local % 2 === 0 ? spread : -spread;
    }
    const kind = this.kindOf(i);
    let reason: string | null = null;
    if (kind === FAILED) {
      const reasons = (this.reasons ??= failureReasons(this.seed, this.plan));
      reason = unitHash(this.seed ^ STREAM_REASONS, this.plan.index, i) < 0.85 ? reasons[0] : reasons[1];
    }
    return {
      path: `${folder.prefix}${String(i + 1).padStart(this.width(), '0')}${folder.ext}`,
      status: kind === FAILED ? 'FAILED' : kind === PENDING ? 'PENDING' : DONE_STATUS[this.plan.type],
      size,
      reason,
    };
  }

  private width(): number {
    return Math.max(6, String(this.total).length);
  }

  private layout(): Folder[] {
    const { plan, seed } = this;
    const root = plan.type === 'DUPLICATION' ? `/ltfs/${TAPES[plan.tape]}/${SHARES[plan.share]}/` : `/shares/${SHARES[plan.share]}/`;
    const codes = new Int32Array(MAX_FOLDERS);
    const count = folderCodes(seed, plan.index, this.total, codes);
    return Array.from(codes.subarray(0, count), (code, d) => {
      const kind = FILE_KINDS[Math.floor(code / SUBFOLDERS.length)]!;
      const start = folderStart(d, count, this.total);
      return {
        start,
        count: folderStart(d + 1, count, this.total) - start,
        base: folderBase(seed, plan.index, code),
        prefix: `${root}${kind.folder}/${SUBFOLDERS[code % SUBFOLDERS.length]}/${kind.stem}_`,
        ext: kind.ext,
      };
    });
  }
}

/** Some kinds of files, listed together in path order. */
class Segment {
  constructor(
    private readonly files: JobFiles,
    readonly kinds: readonly Kind[],
    private readonly total: number,
  ) {}

  count(): number {
    return this.before(this.total);
  }

  before(i: number): number {
    let n = 0;
    for (const kind of this.kinds) n += this.files.before(kind, i);
    return n;
  }

  next(i: number): number {
    let best = -1;
    for (const kind of this.kinds) {
      const j = this.files.next(kind, i);
      if (j >= 0 && (best < 0 || j < best)) best = j;
    }
    return best;
  }

  /** The file number of the n-th file of the segment (0-based), or the end when past it. */
  nth(n: number): number {
    if (n >= this.count()) return this.total;
    let lo = 0;
    let hi = this.total - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.before(mid + 1) > n) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

// A cursor is the segment ('f' for the failed files listed first, 'a' otherwise) and
// the file number to go on from, in base 36: stable while the job progresses.
const CURSOR = /^([fa])([0-9a-z]{1,10})$/;

function kindsOf(plan: JobPlan, status: readonly FileStatus[] | undefined): Kind[] {
  if (!status || status.length === 0) return [FAILED, DONE, PENDING];
  for (const s of status) {
    if (!(FILE_STATUSES as readonly string[]).includes(s)) throw new RangeError(`status: unknown file status ${String(s)}`);
  }
  const kinds: Kind[] = [];
  if (status.includes('FAILED')) kinds.push(FAILED);
  if (status.includes(DONE_STATUS[plan.type])) kinds.push(DONE);
  if (status.includes('PENDING')) kinds.push(PENDING);
  return kinds;
}

/** One page of the files of a job whose first `handled` files are handled. */
export function filePage(seed: number, plan: JobPlan, handled: number, params: FileListParams = {}): FilePage {
  const limit = params.limit ?? DEFAULT_FILE_PAGE;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit: must be a whole number from 1, not ${limit}`);
  const offset = params.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset: must be a whole number from 0, not ${offset}`);
  if (params.offset !== undefined && params.cursor !== undefined) {
    throw new RangeError('offset: cannot be given with cursor, which already says where the page starts');
  }

  const files = new JobFiles(seed, plan, handled);
  const kinds = kindsOf(plan, params.status); // FAILED, if chosen, comes first
  const total = plan.files;
  const segments =
    params.failedFirst && kinds.includes(FAILED) && kinds.length > 1
      ? [new Segment(files, [FAILED], total), new Segment(files, kinds.slice(1), total)]
      : [new Segment(files, kinds, total)];
  const failedSegment = segments.length === 2;

  let seg = 0;
  let i: number;
  if (params.cursor !== undefined) {
    const match = CURSOR.exec(params.cursor);
    if (!match || (match[1] === 'f' && !failedSegment)) {
      throw new RangeError('cursor: not a cursor of this listing');
    }
    seg = match[1] === 'f' ? 0 : segments.length - 1;
    i = Math.min(parseInt(match[2]!, 36), total);
  } else {
    const first = segments[0]!.count();
    if (failedSegment && offset >= first) {
      seg = 1;
      i = segments[1]!.nth(offset - first);
    } else {
      i = segments[0]!.nth(offset);
    }
  }

  const items: JobFile[] = [];
  const max = Math.min(limit, MAX_FILE_PAGE);
  while (items.length < max) {
    const j = segments[seg]!.next(i);
    if (j < 0) {
      if (seg + 1 < segments.length) {
        seg++;
        i = 0;
        continue;
      }
      break;
    }
    items.push(files.file(j));
    i = j + 1;
  }
  const more = segments[seg]!.next(i) >= 0 || (seg + 1 < segments.length && segments[seg + 1]!.next(0) >= 0);
  let selected = 0;
  for (const segment of segments) selected += segment.count();
  return {
    items,
    nextCursor: more ? `${failedSegment && seg === 0 ? 'f' : 'a'}${i.toString(36)}` : null,
    total: selected,
    byStatus: countFiles(plan, handled),
  };
}
