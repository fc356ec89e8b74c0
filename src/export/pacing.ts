/**
 * Keeping a long export from freezing the page: output is cut into bounded chunks, and
 * the work gives the event loop a turn every few milliseconds (no task near 50 ms).
 */

/** Chunk size in UTF-16 code units: few Blob parts, yet bounded memory per step. */
export const CHUNK_SIZE = 64 * 1024;

/** Work time after which an export lets the page run (input, rendering, timers). */
const TASK_BUDGET_MS = 5;

export function abortError(): DOMException {
  return new DOMException('The export was cancelled.', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'background' }): Promise<void>;
}

/**
 * Resolves in a new task of background priority where the browser has
 * `scheduler.postTask`, so input, rendering, timers and live updates all go first;
 * else after a message (not setTimeout, whose nesting clamp of 4 ms would slow exports
 * by half). Not `scheduler.yield()`: its continuations outrank timers, which then
 * starve for the whole export.
 */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler) return scheduler.postTask(() => {}, { priority: 'background' });
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Gives the event loop a turn whenever the current task has run for the budget. */
export class Pacer {
  private taskStart = performance.now();

  constructor(private readonly signal: AbortSignal | undefined) {}

  /** Whether this task has used its budget; cheap enough to ask every few hundred rows. */
  get due(): boolean {
    return performance.now() - this.taskStart >= TASK_BUDGET_MS;
  }

  /** Lets the page run, then throws an AbortError if the export was cancelled meanwhile. */
  async pause(): Promise<void> {
    await nextTask();
    this.taskStart = performance.now();
    throwIfAborted(this.signal);
  }
}

/** Collects output text and hands it back in chunks of at most `CHUNK_SIZE` code units. */
export class ChunkBuffer {
  private parts: string[] = [];
  private length = 0;

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  get full(): boolean {
    return this.length >= CHUNK_SIZE;
  }

  /** The full chunks buffered; with `all`, the last partial one too. */
  take(all = false): string[] {
    const text = this.parts.join('');
    const chunks: string[] = [];
    let start = 0;
    while (text.length - start >= CHUNK_SIZE || (all && start < text.length)) {
      let end = Math.min(start + CHUNK_SIZE, text.length);
      // Never split a surrogate pair: a Blob encodes each part alone, and half a pair becomes U+FFFD.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
      chunks.push(text.slice(start, end));
      start = end;
    }
    const rest = text.slice(start);
    this.parts = rest ? [rest] : [];
    this.length = rest.length;
    return chunks;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
