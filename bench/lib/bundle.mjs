// Sizes a page downloads, minified and min+gzip (level 9), with their largest parts: the
// shipped bundle, what a page showing only the list loads, and the libraries alone.
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
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

/** Minified bytes by part in the given outputs, largest first. */
function partsOf(outputs) {
  const parts = new Map();
  for (const output of outputs) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = partOf(path);
      parts.set(part, (parts.get(part) ?? 0) + bytesInOutput);
    }
  }
  return [...parts].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
}

/**
 * `contents` (an entry module, resolved from `root`) bundled as a page would load it:
 * production conditions, minified by esbuild, split where the code imports with `import()`.
 * Bytes, gzip bytes (summed over files) and parts of what the page loads up front: the
 * entry and the chunks it imports statically. Chunks reached only through `import()` (the
 * simulator of `<ac-job-source simulated>`) load when used, and are not counted.
 */
export async function bundleOf(root, contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    splitting: true,
    outdir: 'out',
    absWorkingDir: root,
    format: 'esm',
    target: 'es2022',
    minify: true,
    conditions: ['production'],
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const { outputs } = result.metafile;
  const loaded = new Set();
  const load = (path) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const { path: imported, kind } of outputs[path].imports) if (kind === 'import-statement') load(imported);
  };
  load(Object.keys(outputs).find((path) => outputs[path].entryPoint === 'entry.js'));
  const files = result.outputFiles.filter((file) => loaded.has(relative(root, file.path)));
  const gzipOf = (file) => gzipSync(file.contents, { level: 9 }).length;
  return {
    bytes: files.reduce((sum, file) => sum + file.contents.length, 0),
    gzipBytes: files.reduce((sum, file) => sum + gzipOf(file), 0),
    parts: partsOf([...loaded].map((path) => outputs[path])),
    /** The modules in what the page loads up front, as paths from `root`. */
    modules: [...loaded].flatMap((path) => Object.keys(outputs[path].inputs)),
    /** The chunks loaded later, through `import()`: gzip bytes and modules of each. */
    later: result.outputFiles
      .filter((file) => !loaded.has(relative(root, file.path)) && file.path.endsWith('.js'))
      .map((file) => ({ gzipBytes: gzipOf(file), modules: Object.keys(outputs[relative(root, file.path)].inputs) })),
  };
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
