// The job list over the jobs page's store: first rows, scrolling and the last row, against
// a bare recycler and @vaadin/grid; then the first rows over a store of the first 100,000 jobs.
import { scrollRows, scrollRun } from '../lib/scroll.mjs';
import { format, n, notMeasured, row } from '../lib/report.mjs';
import { pick, sum } from '../lib/stats.mjs';

export const id = 'list';
export const needs = 'jobs';

export async function run(context) {
  const { page, size, rows, rounds } = context;
  const J = `${n(size.jobs)} jobs`;
  const r = await rounds(['ours', 'bare', 'vaadin'], async (v, round) => {
    try {
      return await scrollRun(context, v, round, 0, {
        mount: (variant, count) => window.bench.mountList(variant, count),
        centre: () => window.bench.listCentre(),
        jump: (fraction) => window.bench.listJump(fraction),
        end: () => window.bench.prepareEnd(),
        last: () => window.bench.lastRowShown(),
        unmount: () => window.bench.unmountList(),
      });
    } catch (error) {
      if (v !== 'vaadin') throw error;
      return { error: String(error.message ?? error).split('\n')[0] };
    }
  });
  scrollRows(context, `Job list, ${J}`, r, 'data to first rows painted (a loaded store handed to the list)');
  const vaadinError = r.vaadin.find((x) => x.error)?.error;
  const S = `@vaadin/grid, same ${J}, same page`;
  if (vaadinError) {
    rows.push(notMeasured(S, 'first rows; main thread per frame', vaadinError, 'ours ahead'));
  } else {
    rows.push(
      row({
        scenario: S,
        figure: 'data to first rows painted',
        unit: 'ms',
        ours: pick(r.ours, 'firstRowsMs'),
        baseline: { name: '@vaadin/grid', samples: pick(r.vaadin, 'firstRowsMs') },
        budget: 'ours ahead',
        check: (o, b) => o.median < b.median,
      }),
    );
    rows.push(
      row({
        scenario: S,
        figure: 'main-thread time per frame while scrolling',
        unit: 'ms',
        ours: pick(r.ours, 'perFrameMs'),
        baseline: { name: '@vaadin/grid', samples: pick(r.vaadin, 'perFrameMs') },
        budget: 'ours ahead',
        check: (o, b) => o.median < b.median,
        note: `@vaadin/grid: ${sum(pick(r.vaadin, 'longTasks'))} tasks over 50 ms in all runs; last row reached in ${pick(r.vaadin, 'reached').filter(Boolean).length}/${r.vaadin.length}`,
      }),
    );
  }
  // Issue 5's smaller size: a store of the first jobs, loaded, handed to each list.
  const loaded = await page.evaluate((count) => window.bench.smallStoreLoad(count), size.smallStore);
  const small = await rounds(['ours', 'bare'], async (v) => {
    const mounted = await page.evaluate((variant, count) => window.bench.mountList(variant, count), v, size.smallStore);
    await page.evaluate(() => window.bench.unmountList());
    return mounted;
  });
  rows.push(
    row({
      scenario: `Job list, ${n(size.smallStore)} jobs`,
      figure: 'data to first rows painted (a loaded store handed to the list)',
      unit: 'ms',
      ours: pick(small.ours, 'firstRowsMs'),
      baseline: { name: 'bare recycler', samples: pick(small.bare, 'firstRowsMs') },
      note: `loading the store (columns, default sort) took ${format(loaded.ms, 'ms')} before`,
    }),
  );
}
