/** The numbers a progress panel shows, computed once from a job and the current time. */
import type { Job } from '../../model/index.js';

/** Below this much running time, a rate is noise: no estimate is offered. */
export const MIN_ESTIMATE_ELAPSED_MS = 10_000;

export interface ProgressFigures {
  total: number;
  done: number;
  failed: number;
  /** Files neither done nor failed (never negative, even if a server's counts disagree). */
  pending: number;
  /** done + failed. */
  handled: number;
  /** handled / total, 0 to 1 (1 for a job without files that has finished). */
  ratio: number;
  /**
   * Running time, on the server's clock only: `finishedAt − startedAt` once finished;
   * while running, `updatedAt − startedAt` plus the time since the page received this
   * version. Undefined before the start.
   */
  elapsedMs: number | undefined;
  /**
   * Time left at the rate measured over the job's own elapsed time; undefined unless the
   * job is running, has handled some files, has some left, and has run long enough.
   */
  remainingMs: number | undefined;
}

/**
 * The figures of `job`, `sinceReceivedMs` after the page received this version of it
 * (measured on a monotonic clock). The page's wall clock is never compared with the
 * server's timestamps: the two may be hours apart.
 */
export function progressFigures(job: Job, sinceReceivedMs: number): ProgressFigures {
  const { total, done, failed } = job.progress.files;
  const handled = Math.min(total, done + failed);
  const pending = Math.max(0, total - handled);
  const finished = job.state === 'SUCCESSFUL' || job.state === 'UNSUCCESSFUL';
  const ratio = total > 0 ? handled / total : finished ? 1 : 0;

  const started = job.startedAt === null ? NaN : Date.parse(job.startedAt);
  let elapsedMs: number | undefined;
  if (job.finishedAt !== null) {
    const end = Date.parse(job.finishedAt);
    if (Number.isFinite(started) && Number.isFinite(end)) elapsedMs = Math.max(0, end - started);
  } else if (job.state === 'RUNNING') {
    const updated = Date.parse(job.updatedAt);
    if (Number.isFinite(started) && Number.isFinite(updated)) elapsedMs = Math.max(0, updated - started) + Math.max(0, sinceReceivedMs);
  }

  let remainingMs: number | undefined;
  if (job.state === 'RUNNING' && elapsedMs !== undefined && elapsedMs >= MIN_ESTIMATE_ELAPSED_MS && handled > 0 && pending > 0) {
    remainingMs = (pending * elapsedMs) / handled;
  }
  return { total, done: Math.min(done, total), failed: handled - Math.min(done, total), pending, handled, ratio, elapsedMs, remainingMs };
}
