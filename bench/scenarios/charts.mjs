// Chart redraw: <ac-job-dashboard> handed the store's real summaries for six queries in
// turn, against three bare uPlot plots and against the same page written by hand.
import { measured } from '../lib/cdp.mjs';
import { row } from '../lib/report.mjs';
import { pick } from '../lib/stats.mjs';

export const id = 'charts';
export const needs = 'jobs';

export async function run({ page, cdp, size, rows, rounds }) {
  await page.evaluate(() => window.bench.prepareSummaries());
  const r = await rounds(['ours', 'bare', 'page'], async (v) => {
    await page.evaluate((variant) => window.bench.mountCharts(variant), v);
    const m = await measured(page, cdp, () => page.evaluate((count) => window.bench.redraw(count), size.redraws));
    await page.evaluate(() => window.bench.unmountCharts());
    return { ms: m.taskMs / size.redraws, longTasks: m.longTasks };
  });
  rows.push(
    row({
      scenario: 'Chart redraw on new aggregates',
      figure: 'main-thread time per redraw, painted (dashboard: 3 charts, indicators)',
      unit: 'ms',
      ours: pick(r.ours, 'ms'),
      baseline: { name: 'bare uPlot ×3', samples: pick(r.bare, 'ms') },
      budget: '≤ 1.2× bare uPlot',
      check: (o, b) => o.median <= 1.2 * b.median,
    }),
  );
  rows.push(
    row({
      scenario: 'Chart redraw on new aggregates',
      figure: 'the same, against the same page by hand (the plots, and the numbers the dashboard also shows as text)',
      unit: 'ms',
      ours: pick(r.ours, 'ms'),
      baseline: { name: 'hand-written page', samples: pick(r.page, 'ms') },
      note: 'indicators, chips, legends and the hidden per-node and per-type tables, written with plain DOM where they changed',
    }),
  );
}
