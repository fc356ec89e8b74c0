// Sizes, min+gzip (no browser): the shipped bundle, a page showing only the list, and the
// modules that list page must not load up front, against lit + @lit/task + uplot alone.
import { join } from 'node:path';
import { bundleOf, fileSize, largestParts } from '../lib/bundle.mjs';
import { format, row } from '../lib/report.mjs';

export const id = 'bundle';
/** Nothing: esbuild and gzip in Node. */
export const needs = undefined;

const KB = 1024;

export async function run({ root, rows }) {
  const shipped = fileSize(join(root, 'dist/ac-job-manager.bundle.js'));
  const whole = await bundleOf(root, "export * from './dist/all.js';");
  const listPage = await bundleOf(
    root,
    "import './dist/elements/job-source/ac-job-source.js';\nimport './dist/elements/job-list/ac-job-list.js';",
  );
  const listAlone = await bundleOf(root, "import './dist/elements/job-list/ac-job-list.js';");
  const libraries = await bundleOf(root, "export * from 'lit';\nexport * from '@lit/task';\nexport { default as uPlot } from 'uplot';");
  const base = { name: 'lit + @lit/task + uplot', samples: [libraries.gzipBytes / KB] };
  rows.push(
    row({
      scenario: 'Size, min+gzip',
      figure: 'the whole bundle (dist/ac-job-manager.bundle.js)',
      unit: 'KB',
      ours: [shipped.gzipBytes / KB],
      baseline: base,
      budget: '≤ 50 KB',
      check: (o) => o.median <= 50,
      note: `${format(shipped.bytes / KB, 'KB')} minified; largest parts, minified: ${largestParts(whole.parts)}`,
    }),
  );
  rows.push(
    row({
      scenario: 'Size, min+gzip',
      figure: 'a page showing only the list: <ac-job-source> + <ac-job-list>',
      unit: 'KB',
      ours: [listPage.gzipBytes / KB],
      baseline: base,
      budget: '≤ 27 KB',
      check: (o) => o.median <= 27,
      note: `<ac-job-list> alone ${format(listAlone.gzipBytes / KB, 'KB')}; largest parts, minified: ${largestParts(listPage.parts)}`,
    }),
  );
  const uplotInList = listPage.parts.some(([part]) => part === 'uplot');
  rows.push(
    row({
      scenario: 'Size, min+gzip',
      figure: 'uPlot only where a chart is shown: not in the list page',
      unit: 'flag',
      ours: [uplotInList ? 0 : 1],
      budget: 'not loaded',
      check: () => !uplotInList,
      note: `the libraries alone: ${format(libraries.bytes / KB, 'KB')} minified, largest ${largestParts(libraries.parts, 2)}; sizes other than the shipped file are esbuild's`,
    }),
  );
  // Modules the list page loads when it needs them, not before it runs.
  const loadedLater = (suffix) => listPage.later.find((chunk) => chunk.modules.some((path) => path.endsWith(suffix)));
  for (const { figure, module, note } of [
    {
      figure: "the store's memory-mode engine only where jobs are held in the page: not in the list page",
      module: 'store/memory-engine.js',
      note: 'loaded by a store whose source holds every job (simulated, or built by the page)',
    },
    {
      figure: "the contract's validators beside the first request: not up front in the list page",
      module: 'model/generated/validators.js',
      note: 'the HTTP source starts loading them when it is made and checks its first answer with them',
    },
    {
      figure: "the live connection's code beside the first request: not up front in the list page",
      module: 'source/live-connection.js',
      note: 'the HTTP source starts loading it when it is made with live updates, and opens the stream with it once subscribed',
    },
  ]) {
    const upFront = listPage.modules.some((path) => path.endsWith(module));
    const later = loadedLater(module);
    rows.push(
      row({
        scenario: 'Size, min+gzip',
        figure,
        unit: 'flag',
        ours: [upFront ? 0 : 1],
        budget: 'not up front',
        check: () => !upFront,
        note: `${note}${later ? `; ${format(later.gzipBytes / KB, 'KB')} min+gzip, loaded then` : ''}`,
      }),
    );
  }
}
