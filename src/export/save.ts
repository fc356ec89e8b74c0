import { EXPORT_MIME_TYPES, type ExportFormat } from './formats.js';
import { throwIfAborted } from './pacing.js';

/** How long the download's object URL stays valid: some browsers read it after the click returns. */
const REVOKE_AFTER_MS = 40_000;

/** How many Blobs one Blob is made of, at most: a Blob of many parts costs the page a long task to build. */
const FAN_IN = 16;

/**
 * Blobs merged `FAN_IN` at a time, the way a counter carries: level 0 holds chunk Blobs,
 * each full level becomes one Blob of the next. However long the export, no Blob is built
 * from more than `FAN_IN` parts on the way, nor from more than `FAN_IN` per level at the end.
 */
class BlobTree {
  private readonly levels: Blob[][] = [];

  add(blob: Blob, level = 0): void {
    const parts = (this.levels[level] ??= []);
    parts.push(blob);
    if (parts.length < FAN_IN) return;
    this.levels[level] = [];
    this.add(new Blob(parts), level + 1);
  }

  /** Everything added, in order: higher levels hold the earlier parts. */
  blob(type: string): Blob {
    return new Blob(this.levels.toReversed().flat(), { type });
  }
}

/**
 * All the chunks of an export as one Blob of the format's MIME type (strings are encoded
 * as UTF-8). Each chunk becomes a Blob at once: its text leaves the JavaScript heap (the
 * browser keeps Blob data elsewhere, on disk for large ones), and encoding a bounded chunk
 * is a short task where one Blob of megabytes of strings, or of a thousand parts, would
 * block the page.
 */
export async function collectExport(chunks: AsyncIterable<string>, format: ExportFormat, signal?: AbortSignal): Promise<Blob> {
  const tree = new BlobTree();
  for await (const chunk of chunks) {
    throwIfAborted(signal);
    tree.add(new Blob([chunk]));
  }
  throwIfAborted(signal);
  return tree.blob(EXPORT_MIME_TYPES[format]);
}

/**
 * Collects an export and hands it to the browser as a download named `fileName`
 * (through an object URL and a temporary `<a download>`). Resolves with the file's size
 * in bytes; rejects with an AbortError when `signal` fires first, and nothing is saved.
 */
export async function saveExport(
  chunks: AsyncIterable<string>,
  fileName: string,
  format: ExportFormat,
  signal?: AbortSignal,
): Promise<{ bytes: number }> {
  const blob = await collectExport(chunks, format, signal);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
  return { bytes: blob.size };
}
