/**
 * Waiting between attempts: exponential backoff with full jitter (so that many pages
 * reconnecting after the same outage spread out), and the server's `Retry-After`.
 */

export interface RetryOptions {
  /** Attempts in all, the first one included. */
  attempts: number;
  /** Upper bound of the first wait; doubles with every attempt. */
  baseMs: number;
  /** No wait is longer than this (except one the server asks for with `Retry-After`). */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseMs: 500, maxMs: 15_000 };

/**
 * The wait before retry number `attempt` (0 for the first retry): a random time between
 * 0 and `min(maxMs, baseMs · 2^attempt)`.
 */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseMs' | 'maxMs'>, random = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` in milliseconds from now: delta-seconds or an HTTP date; undefined when
 * absent or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month (`Thu, 23 Oct 2025 10:00:05 GMT`); bare numbers are not dates.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
