import type { Job, JobQuery } from '../model/index.js';
import type { ExportFormat, ExportOptions } from './formats.js';
import { ChunkBuffer, Pacer, abortError, throwIfAborted } from './pacing.js';
import { JOB_COLUMNS, queryFields, type JobRow } from './records.js';
import { documentWriter } from './writers.js';

export interface JobListExportOptions extends ExportOptions {
  /** The query the list was filtered with; written in the export's metadata. */
  query?: JobQuery;
  /** How many jobs the query selects, for progress. */
  total?: number;
  /** Node names by node id; a job whose node is missing here has no `nodeName`. */
  nodeNames?: ReadonlyMap<string, string>;
}

/**
 * A list of jobs, one row per job with its general information, as chunks of text. The
 * jobs are pulled from `jobs` as the chunks are consumed; on abort the iteration is
 * ended (its `return()` is called) even while it waits for a page.
 */
export async function* exportJobs(
  jobs: AsyncIterable<Job> | Iterable<Job>,
  format: ExportFormat,
  options: JobListExportOptions = {},
): AsyncGenerator<string, void, undefined> {
  const { signal, onProgress, query, total = null, nodeNames, at = new Date() } = options;
  throwIfAborted(signal);
  const writer = documentWriter<JobRow>(format, {
    root: 'jobListExport',
    meta: [
      ['exportedAt', at.toISOString()],
      ['query', query ? queryFields(query) : null],
    ],
    table: 'jobs',
    row: 'job',
    columns: JOB_COLUMNS,
  });
  const out = new ChunkBuffer();
  const pacer = new Pacer(signal);
  out.write(writer.head());

  let done = 0;
  for await (const job of abortable(jobs, signal)) {
    out.write(writer.row({ job, nodeName: nodeNames?.get(job.node) ?? null }));
    done += 1;
    if (out.full) yield* out.take();
    if ((done & 255) === 0 && pacer.due) {
      onProgress?.({ done, total });
      await pacer.pause();
    }
  }
  onProgress?.({ done, total });
  out.write(writer.tail());
  yield* out.take(true);
}

/** The items of `items`, stopping with an AbortError as soon as `signal` fires. */
async function* abortable<T>(items: AsyncIterable<T> | Iterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (!(Symbol.asyncIterator in items) || !signal) {
    for await (const item of items) {
      throwIfAborted(signal);
      yield item;
    }
    return;
  }
  const iterator = items[Symbol.asyncIterator]();
  let onAbort = () => {};
  // Rejects when the signal fires, so a `next()` still waiting for the network loses the race.
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => {});
  let finished = false;
  try {
    for (;;) {
      throwIfAborted(signal);
      const result = await Promise.race([iterator.next(), aborted]);
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Ends the producer (and its fetching) when the export stops early.
    if (!finished) iterator.return?.().catch(() => {});
  }
}
