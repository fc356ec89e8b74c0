// Export: what the export button runs, for a job with 1,000,000 computed files, as CSV;
// time, long tasks and the heap it keeps alive, against the export of a tenth of the files.
import { liveHeapPeak, measured } from '../lib/cdp.mjs';
import { format, n, row } from '../lib/report.mjs';
import { median, pick } from '../lib/stats.mjs';

export const id = 'export';
export const needs = 'files';

const MB = 2 ** 20;

export async function run({ page, cdp, size, rows, rounds, settle }) {
  // A tenth of the files alongside: the heap is bounded when ten times the files need no more of it.
  const tenth = Math.ceil(size.exportFiles / 10);
  const r = await rounds(['ours', 'tenth'], async (v, round) => {
    const count = v === 'tenth' || round < size.warmup ? tenth : size.exportFiles;
    const before = await settle();
    const m = await measured(page, cdp, () => page.evaluate((files) => window.bench.exportRun(files), count));
    const after = await settle();
    return { ...m.result, longTasks: m.longTasks, longestTaskMs: m.longestTaskMs, retained: (after.heap - before.heap) / MB };
  });
  // The heap the export keeps alive, read after a forced collection every 250 ms (what
  // the collector defers is not the export's): one run of each size, not timed.
  const held = {};
  for (const [v, count] of [
    ['tenth', tenth],
    ['ours', size.exportFiles],
  ]) {
    const before = await settle();
    const { peak } = await liveHeapPeak(cdp, () => page.evaluate((files) => window.bench.exportRun(files), count));
    held[v] = (peak - before.heap) / MB;
  }
  const S = `Export of a job with ${n(size.exportFiles)} files (CSV)`;
  const complete = [...r.ours, ...r.tenth].every((x) => x.complete);
  rows.push(
    row({
      scenario: S,
      figure: 'time to a complete Blob',
      unit: 'ms',
      ours: pick(r.ours, 'ms'),
      baseline: { name: `${n(tenth)} files`, samples: pick(r.tenth, 'ms') },
      note: `${format(r.ours[0].bytes / MB, 'MB')} of CSV`,
    }),
  );
  rows.push(
    row({
      scenario: S,
      figure: 'every file exported, the last one included',
      unit: 'flag',
      ours: [complete ? 1 : 0],
      budget: 'complete',
      check: () => complete,
      correctness: true,
    }),
  );
  rows.push(
    row({
      scenario: S,
      figure: 'tasks over 50 ms per run',
      unit: 'count',
      ours: pick(r.ours, 'longTasks'),
      budget: 'none',
      check: (o) => o.max === 0,
      note: `longest task ${format(Math.max(...pick(r.ours, 'longestTaskMs')), 'ms')}`,
    }),
  );
  rows.push(
    row({
      scenario: S,
      figure: 'most heap held while exporting (read after a forced GC every 250 ms)',
      unit: 'MB',
      ours: [held.ours],
      baseline: { name: `${n(tenth)} files`, samples: [held.tenth] },
      budget: `bounded: ≤ the ${n(tenth)}-file export's + 2 MB`,
      check: (o, b) => o.median <= b.median + 2,
      note: `peak growth without forced GC (garbage not yet collected): ${format(median(pick(r.ours, 'peakGrowthBytes')) / MB, 'MB')}, ${n(tenth)} files ${format(median(pick(r.tenth, 'peakGrowthBytes')) / MB, 'MB')}; retained after: ${format(median(pick(r.ours, 'retained')), 'MB')}`,
    }),
  );
}
