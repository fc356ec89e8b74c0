// The simulator's own cost: real-time steps over the jobs page's history, and a page of
// files deep in its biggest job.
import { format, n, row } from '../lib/report.mjs';

export const id = 'simulator';
export const needs = 'jobs';

export async function run({ page, size, rows }) {
  const J = `${n(size.jobs)} jobs`;
  const s = await page.evaluate((steps) => window.bench.simulatorSteps(steps), size.simulatorSteps);
  rows.push(
    row({
      scenario: 'Setup',
      figure: `simulator: advance(300 ms) over ${J}, ${n(size.simulatorSteps)} steps`,
      unit: 'ms',
      ours: [s.perStepMs],
      note: `slowest step ${format(s.slowestMs, 'ms')}, ${n(s.events)} events; a page of 1,000 files at 90% of its biggest job (${n(s.deepPageOf)} files, failed first): ${format(s.deepPageMs, 'ms')}`,
    }),
  );
}
