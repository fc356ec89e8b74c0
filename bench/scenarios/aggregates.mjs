// Aggregates from scratch over the jobs page's store: the query back to every job, then the
// summary read; a plain loop over the objects as the baseline. (Their cost per live update
// is measured by the live scenario, after its runs.)
import { n, row } from '../lib/report.mjs';
import { pick } from '../lib/stats.mjs';

export const id = 'aggregates';
export const needs = 'jobs';

export async function run({ page, size, rows, rounds }) {
  const J = `${n(size.jobs)} jobs`;
  const r = await rounds(['ours', 'plain'], (v) => page.evaluate((variant) => window.bench.aggregatesRun(variant), v));
  const same = r.ours.every((o, i) => o.total === r.plain[i].total);
  rows.push(
    row({
      scenario: `Aggregates, ${J}`,
      figure: 'from scratch: query back to every job, then the summary (state, type, node, timeline) read',
      unit: 'ms',
      ours: pick(r.ours, 'ms'),
      baseline: { name: 'plain loop', samples: pick(r.plain, 'ms') },
      budget: '≤ 5 ms',
      check: (o) => o.median <= 5,
      note: same ? 'both count every job' : `totals differ: ${r.ours[0].total} vs ${r.plain[0].total}`,
    }),
  );
  if (!same)
    rows.push(row({ scenario: `Aggregates, ${J}`, figure: 'same totals', unit: 'flag', ours: [0], check: () => false, correctness: true }));
}
