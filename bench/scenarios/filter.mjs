// Filter + search change over the jobs page's store: eight query changes, ours against
// Array.filter over the objects and a raw typed-array scan; the three must select the same jobs.
import { format, n, row } from '../lib/report.mjs';
import { pick } from '../lib/stats.mjs';

export const id = 'filter';
export const needs = 'jobs';

export async function run({ page, size, rows, rounds }) {
  const J = `${n(size.jobs)} jobs`;
  await page.evaluate(() => window.bench.holdClock(true));
  const r = await rounds(['ours', 'filter', 'raw'], (v) => page.evaluate((variant) => window.bench.filterRun(variant), v));
  await page.evaluate(() => window.bench.holdClock(false));
  const S = `Filter + search change, ${J}`;
  // The three must select the same jobs, or the timings compare different work.
  const disagree = r.ours[0].cases.filter(
    (c, i) => c.selected !== r.filter[0].cases[i].selected || c.selected !== r.raw[0].cases[i].selected,
  );
  rows.push(
    row({
      scenario: S,
      figure: 'mean time of a change (count + first 50 rows in order)',
      unit: 'ms',
      ours: pick(r.ours, 'meanMs'),
      baseline: { name: 'Array.filter', samples: pick(r.filter, 'meanMs') },
      budget: '≤ 10 ms and ≥ 3× faster than Array.filter',
      check: (o, b) => o.median <= 10 && b.median / o.median >= 3,
      note: `${r.ours[0].cases.length} changes: filters, searches from none and refined, a sort`,
    }),
  );
  rows.push(
    row({
      scenario: S,
      figure: 'slowest change',
      unit: 'ms',
      ours: pick(r.ours, 'maxMs'),
      baseline: { name: 'Array.filter', samples: pick(r.filter, 'maxMs') },
      budget: '≤ 10 ms',
      check: (o) => o.median <= 10,
      note: `slowest: ${r.ours.at(-1).cases.reduce((a, b) => (b.ms > a.ms ? b : a)).label}`,
    }),
  );
  rows.push(
    row({
      scenario: S,
      figure: 'mean time of a change, against the floor',
      unit: 'ms',
      ours: pick(r.ours, 'meanMs'),
      baseline: { name: 'raw typed-array scan', samples: pick(r.raw, 'meanMs') },
      note: 'the scan finds the same rows, without their order or counts',
    }),
  );
  rows.push(
    row({
      scenario: S,
      figure: 'the store, Array.filter and the scan select the same jobs',
      unit: 'flag',
      ours: [disagree.length ? 0 : 1],
      budget: 'same',
      check: () => disagree.length === 0,
      correctness: true,
      note: disagree.length
        ? `differ: ${disagree.map((c) => `${c.label} (store ${c.selected}, Array.filter ${r.filter[0].cases[r.ours[0].cases.indexOf(c)].selected}, scan ${r.raw[0].cases[r.ours[0].cases.indexOf(c)].selected})`).join('; ')}`
        : undefined,
    }),
  );
  const sorts = await page.evaluate(() => window.bench.firstSorts());
  rows.push(
    row({
      scenario: S,
      figure: 'first sort by a key (builds its permutation once), slowest of 3 keys',
      unit: 'ms',
      ours: [Math.max(...Object.values(sorts))],
      note: Object.entries(sorts)
        .map(([key, ms]) => `${key} ${format(ms, 'ms')}`)
        .join(', '),
    }),
  );
}
