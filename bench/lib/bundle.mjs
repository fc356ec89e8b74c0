// Sizes a page downloads, minified and min+gzip (level 9), with their largest parts: the
// shipped bundle, what a page showing only the list loads, and the libraries alone.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const LIT = new Set(['lit', 'lit-html', 'lit-element', '@lit/reactive-element']);

/** `uplot`, `lit` (its four packages), or the folder under dist/ (`store`, `model/generated`, `elements/job-list`). */
function partOf(path) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (pkg) return LIT.has(pkg) ? 'lit' : pkg;
  const own = /(?:^|\/)dist\/(.+)$/.exec(path)?.[1];
  return own ? dirname(own) : path;
}

/** Minified bytes by part, largest first. */
function partsOf(metafile) {
  const parts = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = partOf(path);
      parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
    }
  }
  return [...parts].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
}

/**
 * `contents` (an entry module, resolved from `root`) bundled as a page would load it:
 * production conditions, minified by esbuild. Bytes, gzip bytes, and parts.
 */
export async function bundleOf(root, contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    conditions: ['production'],
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, parts: partsOf(result.metafile) };
}

/** A file as shipped: bytes and gzip bytes. */
export function fileSize(path) {
  const code = readFileSync(path);
  return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** "model/generated 172 KB, uplot 49 KB, …": the largest parts, minified. */
export function largestParts(parts, count = 5) {
  return parts
    .slice(0, count)
    .map(([part, bytes]) => `${part} ${(bytes / 1024).toFixed(0)} KB`)
    .join(', ');
}
