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
 * What each view of the manager loads when a page opens on it (src/elements/job-manager/views.ts
 * and the elements' own lazy parts): `first`, the elements the view shows, which it waits for;
 * `beside`, what loads with them and is not waited for (each keeps its room): entries of
 * dist/cdn/, or chunks of dist/cdn/chunks/ by name, each with what it is.
 */
export const VIEWS = {
  login: { first: ['ac-login-form.js'], beside: {} },
  dashboard: {
    first: ['ac-job-filters.js', 'ac-job-dashboard.js'],
    beside: { 'chunks/dashboard-charts': 'the charts (uPlot and their code)' },
  },
  jobs: { first: ['ac-job-filters.js', 'ac-job-list.js'], beside: { 'ac-export-button.js': 'the export button' } },
  job: {
    first: ['ac-job-detail.js'],
    beside: { 'chunks/ac-job-files': 'the file table', 'ac-export-button.js': 'the export button' },
  },
  analysis: {
    first: ['ac-job-filters.js', 'ac-job-analysis.js'],
    beside: { 'chunks/analysis-charts': 'the charts (uPlot and their code)' },
  },
};

/** What every view loads beside its first requests and does not wait for. */
const EVERY_VIEW_BESIDE = { 'ac-connection-status.js': 'the connection status', 'chunks/live-connection': 'the live connection' };

/**
 * Rows of what the no-build manager (dist/cdn/ac-job-manager.js, as shipped) downloads
 * before each view can show, when the page opens on it: the entry and what it imports, the
 * view's elements, and the contract's validators, which the HTTP source's first answer
 * (a 401 included) waits for. Then a row per part each view loads beside, checking that
 * the view does not wait for it.
 */
function firstViewRows(root, base) {
  const shipped = new ShippedFiles(root);
  const entry = `${CDN}/ac-job-manager.js`;
  /** `chunks/<prefix>` as the shipped file's path, or an entry's. */
  const file = (name) => {
    if (!name.startsWith('chunks/')) return `${CDN}/${name}`;
    const prefix = name.slice('chunks/'.length);
    const found = readdirSync(join(root, CDN, 'chunks')).find((chunk) => chunk.startsWith(`${prefix}-`) && chunk.endsWith('.js'));
    if (!found) throw new Error(`${CDN}/chunks/ holds no ${prefix}-*.js`);
    return `${CDN}/chunks/${found}`;
  };
  // The elements the manager loads on demand: the lists above must name them all.
  const lazy = new Set(shipped.importsOf(entry).dynamic.filter((path) => !path.includes('/chunks/')));
  const named = new Set(
    [...Object.values(VIEWS).flatMap(({ first, beside }) => [...first, ...Object.keys(beside)]), ...Object.keys(EVERY_VIEW_BESIDE)].map(
      file,
    ),
  );
  const unnamed = [...lazy].filter((path) => !named.has(path));
  if (unnamed.length) throw new Error(`the manager loads ${unnamed.join(', ')} on demand: name them in VIEWS (bench/scenarios/bundle.mjs)`);

  const validators = file('chunks/validate');
  const upFront = shipped.loadedWith([entry]);
  const kb = (paths) => format(shipped.size(paths).gzipBytes / KB, 'KB');
  const rows = [];
  const neededBy = {};
  for (const [view, { first, beside }] of Object.entries(VIEWS)) {
    const needed = shipped.loadedWith([...first.map(file), validators], new Set(upFront));
    const { bytes, gzipBytes, files: count } = shipped.size(needed);
    const besides = {
      ...beside,
      ...EVERY_VIEW_BESIDE,
      ...(view === 'login' && { 'ac-job-dashboard.js': "the dashboard's code (the default route, behind the form)" }),
    };
    const later = Object.entries(besides).map(([name, what]) => {
      const files = [...shipped.loadedWith([file(name)], new Set(needed))].filter((path) => !needed.has(path));
      return `${what} ${kb(files)}`;
    });
    rows.push(
      row({
        scenario: 'Size, min+gzip',
        figure: `bytes before the first view, no build step: ${view}`,
        unit: 'KB',
        ours: [gzipBytes / KB],
        baseline: base,
        budget: '≤ 50 KB',
        check: (o) => o.median <= 50,
        note:
          `${count} files, ${format(bytes / KB, 'KB')} minified: the entry ${kb(upFront)}, ${first.length > 1 ? 'the elements' : 'the element'} ` +
          `${first.map((name) => name.replace(/\.js$/, '')).join(', ')}, the contract's validators ${kb([validators])}; ` +
          `loaded beside, not waited for: ${later.join(', ')}`,
      }),
    );
    neededBy[view] = needed;
    for (const [name, what] of Object.entries(beside)) {
      const waited = needed.has(file(name));
      rows.push(
        row({
          scenario: 'Size, min+gzip',
          figure: `${what} beside the ${view} view: not waited for`,
          unit: 'flag',
          ours: [waited ? 0 : 1],
          budget: 'not waited for',
          check: () => !waited,
          note: `${name.startsWith('chunks/') ? `${name}-*.js` : name}, loaded when the view opens, not waited for`,
        }),
      );
    }
  }
  const loginForm = file('ac-login-form.js');
  const withForm = Object.keys(VIEWS).filter((view) => view !== 'login' && neededBy[view].has(loginForm));
  rows.push(
    row({
      scenario: 'Size, min+gzip',
      figure: 'the log-in form only when the API asks for a log-in: not before the dashboard, jobs and job views',
      unit: 'flag',
      ours: [withForm.length ? 0 : 1],
      budget: 'not up front',
      check: () => !withForm.length,
      note: `a page with a session never downloads it (${kb([loginForm])}); ${withForm.length ? `waited for by ${withForm.join(', ')}` : 'the manager loads it after a 401'}`,
    }),
  );
  return rows;
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
