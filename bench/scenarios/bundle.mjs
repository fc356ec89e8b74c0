// Sizes, min+gzip (no browser): what the no-build manager downloads before each of its
// first views, a page showing only the list, and the modules that list page must not load
// up front, against lit + @lit/task + uplot alone.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleOf, largestParts } from '../lib/bundle.mjs';
import { format, row } from '../lib/report.mjs';
import { ShippedFiles } from '../lib/shipped.mjs';

export const id = 'bundle';
/** Nothing: esbuild and gzip in Node. */
export const needs = undefined;

const KB = 1024;
const CDN = 'dist/cdn';

/**
 * The entries of dist/cdn/ each view of the manager loads when it opens
 * (src/elements/job-manager/views.ts); the log-in form comes with the manager.
 */
const VIEWS = {
  login: [],
  dashboard: ['ac-job-filters.js', 'ac-job-dashboard.js'],
  jobs: ['ac-job-filters.js', 'ac-job-list.js', 'ac-export-button.js'],
  job: ['ac-job-detail.js'],
};

/**
 * Rows of what the no-build manager (dist/cdn/ac-job-manager.js, as shipped) downloads
 * before each view can show, when the page opens on it: the entry and what it imports, the
 * view's elements, and the contract's validators, which the HTTP source's first answer waits for.
 */
function firstViewRows(root, base) {
  const shipped = new ShippedFiles(root);
  const entry = `${CDN}/ac-job-manager.js`;
  const chunk = (prefix) => {
    const name = readdirSync(join(root, CDN, 'chunks')).find((file) => file.startsWith(`${prefix}-`) && file.endsWith('.js'));
    if (!name) throw new Error(`${CDN}/chunks/ holds no ${prefix}-*.js`);
    return `${CDN}/chunks/${name}`;
  };
  // The views' modules, as the manager imports them on demand: the list above must name them all.
  const lazy = new Set(shipped.importsOf(entry).dynamic.filter((path) => !path.includes('/chunks/')));
  const named = new Set(Object.values(VIEWS).flatMap((files) => files.map((file) => `${CDN}/${file}`)));
  const unnamed = [...lazy].filter((path) => !named.has(path));
  if (unnamed.length) throw new Error(`the manager loads ${unnamed.join(', ')} on demand: name them in VIEWS (bench/scenarios/bundle.mjs)`);

  const validators = chunk('validate');
  const upFront = shipped.loadedWith([entry]);
  return Object.entries(VIEWS).map(([view, files]) => {
    const needed = shipped.loadedWith([...files.map((file) => `${CDN}/${file}`), validators], new Set(upFront));
    const { bytes, gzipBytes, files: count } = shipped.size(needed);
    const beside = view === 'login' ? "the dashboard's code (the default route) and " : '';
    return row({
      scenario: 'Size, min+gzip',
      figure: `bytes before the first view, no build step: ${view}`,
      unit: 'KB',
      ours: [gzipBytes / KB],
      baseline: base,
      budget: '≤ 50 KB',
      check: (o) => o.median <= 50,
      note:
        `${count} files, ${format(bytes / KB, 'KB')} minified: the entry ${format(shipped.size(upFront).gzipBytes / KB, 'KB')}` +
        `${files.length ? `, the view's elements` : ''}, the contract's validators ${format(shipped.size(shipped.loadedWith([validators])).gzipBytes / KB, 'KB')}; ` +
        `${beside}the live connection load beside it, not waited for`,
    });
  });
}

export async function run({ root, rows }) {
  const whole = await bundleOf(root, "export * from './dist/all.js';");
  const listPage = await bundleOf(
    root,
    "import './dist/elements/job-source/ac-job-source.js';\nimport './dist/elements/job-list/ac-job-list.js';",
  );
  const listAlone = await bundleOf(root, "import './dist/elements/job-list/ac-job-list.js';");
  const libraries = await bundleOf(root, "export * from 'lit';\nexport * from '@lit/task';\nexport { default as uPlot } from 'uplot';");
  const base = { name: 'lit + @lit/task + uplot', samples: [libraries.gzipBytes / KB] };
  rows.push(...firstViewRows(root, base));
  const everything = new ShippedFiles(root);
  const all = everything.size(everything.loadedWith([`${CDN}/all.js`]));
  rows.push(
    row({
      scenario: 'Size, min+gzip',
      figure: 'everything at once, no build step: dist/cdn/all.js and its imports (every element defined, the whole API)',
      unit: 'KB',
      ours: [all.gzipBytes / KB],
      baseline: base,
      note: `${all.files} files, ${format(all.bytes / KB, 'KB')} minified; loaded later: the validators, the simulator, the memory-mode engine, the live connection, French; largest parts (esbuild), minified: ${largestParts(whole.parts)}`,
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
