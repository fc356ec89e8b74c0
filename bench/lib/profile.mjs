// `--profile <scenario>`: CPU profiles of our side of a scenario's runs, summed by source
// file and by function through the bundles' source maps: where the main thread's time goes.
// `--trace <scenario>`: a DevTools performance trace of one run, written as it comes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const BASE64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64[char];
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** A lookup (line, column: 0-based, of the generated file) → `{ source, line, name }` from a source map file. */
export function sourceMapLookup(mapPath) {
  if (!existsSync(mapPath)) return () => undefined;
  const map = JSON.parse(readFileSync(mapPath, 'utf8'));
  const lines = [];
  let source = 0;
  let line = 0;
  let name = 0;
  for (const text of map.mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of text.split(',')) {
      if (!segment) continue;
      const v = decodeVlq(segment);
      column += v[0];
      if (v.length < 4) continue;
      source += v[1];
      line += v[2];
      if (v.length > 4) name += v[4];
      segments.push([column, source, line, v.length > 4 ? name : -1]);
    }
    lines.push(segments);
  }
  return (at, column) => {
    const segments = lines[at];
    if (!segments?.length) return undefined;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid][0] <= column) lo = mid;
      else hi = mid - 1;
    }
    const [, s, l, n] = segments[lo];
    return { source: map.sources[s], line: l + 1, name: n >= 0 ? map.names[n] : undefined };
  };
}

export async function startProfile(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
}

export async function stopProfile(cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  return profile;
}

/** The categories of DevTools' Performance panel: tasks, style, layout, paint, GC, frames. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'blink.user_timing',
  'loading',
];

export async function startTrace(cdp) {
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: TRACE_CATEGORIES } });
}

/** Ends the trace and writes it to `path` (opens in DevTools' Performance panel); returns the path. */
export async function stopTrace(cdp, path) {
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  const chunks = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString() : data);
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, chunks.join(''));
  return path;
}

/**
 * Self time (ms) summed over `profiles`, by function and by file, largest first.
 * `lookups` maps a script's URL path to its source-map lookup.
 */
export function selfTimes(profiles, lookups) {
  const byFunction = new Map();
  const byFile = new Map();
  let total = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const labels = new Map();
    const labelOf = (node) => {
      if (labels.has(node.id)) return labels.get(node.id);
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      let file = url ? new URL(url).pathname : functionName || '(native)';
      let where = file;
      let name = functionName || '(anonymous)';
      const mapped = url ? lookups[new URL(url).pathname]?.(lineNumber, columnNumber) : undefined;
      if (mapped) {
        file = mapped.source.replace(/^(\.\.\/)+/, '');
        where = `${file}:${mapped.line}`;
        name = mapped.name ?? name;
      }
      const label = { fn: `${name} (${where})`, file };
      labels.set(node.id, label);
      return label;
    };
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const node = nodes.get(id);
      if (!node || node.callFrame.functionName === '(idle)') return;
      const { fn, file } = labelOf(node);
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      byFile.set(file, (byFile.get(file) ?? 0) + ms);
      total += ms;
    });
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { total, byFunction: sorted(byFunction), byFile: sorted(byFile) };
}
