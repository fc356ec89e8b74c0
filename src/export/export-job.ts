import type { Job, JobFile } from '../model/index.js';
import type { FilePageResult, JobSource } from '../source/job-source.js';
import type { ExportFormat, ExportOptions, ExportProgress } from './formats.js';
import { ChunkBuffer, Pacer, abortError, throwIfAborted } from './pacing.js';
import { FILE_COLUMNS, jobFields } from './records.js';
import { documentWriter } from './writers.js';

export interface JobExportProgress extends ExportProgress {
  /** Files the source refused because they broke the contract: they are not in the export. */
  rejected: number;
}

export interface JobExportOptions extends Omit<ExportOptions, 'onProgress'> {
  /** The name of the job's node, when known (the export always carries its id). */
  nodeName?: string;
  /** Files asked per request; 1000 by default. */
  pageSize?: number;
  onProgress?: (progress: JobExportProgress) => void;
}

const DEFAULT_PAGE_SIZE = 1000;

/**
 * One job with all its files, as chunks of text (see `CHUNK_SIZE`) ready to be Blob
 * parts. Files are fetched page by page as the chunks are consumed, so memory stays
 * bounded whatever the number of files, and the page gets a turn between pages and
 * every few milliseconds. Layouts: see csv.ts, xml.ts, json.ts.
 */
export async function* exportJob(
  source: Pick<JobSource, 'listFiles'>,
  job: Job,
  format: ExportFormat,
  options: JobExportOptions = {},
): AsyncGenerator<string, void, undefined> {
  const { signal, onProgress, nodeName = null, pageSize = DEFAULT_PAGE_SIZE, at = new Date() } = options;
  throwIfAborted(signal);
  const writer = documentWriter<JobFile>(format, {
    root: 'jobExport',
    meta: [
      ['exportedAt', at.toISOString()],
      ['job', jobFields({ job, nodeName })],
    ],
    table: 'files',
    row: 'file',
    columns: FILE_COLUMNS,
  });
  const out = new ChunkBuffer();
  const pacer = new Pacer(signal);
  out.write(writer.head());

  let cursor: string | undefined;
  let done = 0;
  let rejected = 0;
  for (;;) {
    const page = await filePage(source, job.id, cursor, pageSize, signal);
    for (let index = 0; index < page.items.length; index += 1) {
      out.write(writer.row(page.items[index] as JobFile));
      if (out.full) yield* out.take();
      if ((index & 255) === 255 && pacer.due) await pacer.pause();
    }
    done += page.items.length;
    rejected += page.rejected.length;
    onProgress?.({ done, total: page.total, rejected });
    if (page.nextCursor === null) break;
    if (page.nextCursor === cursor) throw new Error(`The server returned the same file page twice (cursor ${cursor}).`);
    cursor = page.nextCursor;
    await pacer.pause();
  }
  out.write(writer.tail());
  yield* out.take(true);
}

async function filePage(
  source: Pick<JobSource, 'listFiles'>,
  jobId: string,
  cursor: string | undefined,
  limit: number,
  signal: AbortSignal | undefined,
): Promise<FilePageResult> {
  let page: FilePageResult;
  try {
    page = await source.listFiles(jobId, cursor === undefined ? { limit } : { cursor, limit }, signal);
  } catch (error) {
    // A source rejects in its own way when aborted; the export always says AbortError.
    if (signal?.aborted) throw abortError();
    throw error;
  }
  throwIfAborted(signal);
  return page;
}
