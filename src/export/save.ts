import { EXPORT_MIME_TYPES, type ExportFormat } from './formats.js';
import { throwIfAborted } from './pacing.js';

/**
 * Text held as strings before it is moved into a Blob: a browser may keep Blob data out
 * of the JavaScript heap (on disk for large ones), strings it cannot.
 */
const SPILL_SIZE = 8 * 1024 * 1024;

/** How long the download's object URL stays valid: some browsers read it after the click returns. */
const REVOKE_AFTER_MS = 40_000;

/** All the chunks of an export as one Blob of the format's MIME type (strings are encoded as UTF-8). */
export async function collectExport(chunks: AsyncIterable<string>, format: ExportFormat, signal?: AbortSignal): Promise<Blob> {
  const blobs: Blob[] = [];
  let pending: string[] = [];
  let pendingLength = 0;
  for await (const chunk of chunks) {
    throwIfAborted(signal);
    pending.push(chunk);
    pendingLength += chunk.length;
    if (pendingLength >= SPILL_SIZE) {
      blobs.push(new Blob(pending));
      pending = [];
      pendingLength = 0;
    }
  }
  throwIfAborted(signal);
  return new Blob([...blobs, ...pending], { type: EXPORT_MIME_TYPES[format] });
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
