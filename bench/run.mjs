// `npm run bench`: every performance figure of the package in one run, in a real headless
// Chromium on the production build, each scenario alternating with its baseline in the
// same browser process.
//
//   node bench/run.mjs             build, then the full suite (6 to 8 minutes on two busy cores)
//   node bench/run.mjs --smoke     each scenario once at tiny sizes: the harness still works
//   options: --no-build (use dist/ as it is), --only list,files,… (scenario ids),
//            --strict (exit 1 when a budget fails), --out <file> (default bench/results/latest.json),
//            --jobs <n> (another number of jobs, to try things), --profile <scenario id>
//            (CPU profiles of our side of that scenario: where the time goes), --trace <scenario id>
//            (a DevTools performance trace of our side's last run: what each frame did)
//   environment: BENCH_JS_FLAGS=--trace-gc (V8 flags for the page; its output is printed)
//
// Each scenario is a module of bench/scenarios/ (its page side in bench/page/), run in the
// order below; the harness they share is in bench/lib/. What each row means and how it is
// measured, and how to add a scenario: bench/README.md.
import { fileURLToPath } from 'node:url';
import { BenchBrowser } from './lib/browser.mjs';
import { buildForBench } from './lib/build.mjs';
import { Harness } from './lib/harness.mjs';
import { readOptions } from './lib/options.mjs';
import { report } from './lib/results.mjs';
import { SETUPS } from './lib/setups.mjs';
import { join } from 'node:path';
import { bundleOf, fileSize, largestParts } from './lib/bundle.mjs';
import { liveHeapPeak, measured } from './lib/cdp.mjs';
import { format, n, row } from './lib/report.mjs';
import { median, pick } from './lib/stats.mjs';

/** Every scenario, in the order they run: `bench/scenarios/<id>.mjs`. */
const SCENARIOS = [
  'filter', //
  'aggregates',
  'charts',
  'keystroke',
  'list',
  'live',
  'simulator',
  'files',
  'export',
  'bundle',
];

const MB = 2 ** 20;
const KB = 1024;

// Scenarios not yet moved to bench/scenarios/<id>.mjs.
// Export: what the export button runs, for a job with 1,000,000 computed files, as CSV;
// time, long tasks and the heap it keeps alive, against the export of a tenth of the files.
const exporting = {
  id: 'export',
  needs: 'files',
  async run({ page, cdp, size, rows, rounds, settle }) {
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
  },
};

// Sizes, min+gzip (no browser): the shipped bundle, a page showing only the list, and the
// modules that list page must not load up front, against lit + @lit/task + uplot alone.
const bundle = {
  id: 'bundle',
  needs: undefined,
  async run({ root, rows }) {
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
  },
};

const INLINE = { export: exporting, bundle };

const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const { args, size, ids } = readOptions(SCENARIOS);
const harness = new Harness({ args, size, root: ROOT });
// A smoke run comes after `npm run build` in `npm test`: it never builds.
const built = await buildForBench(ROOT, { build: !args['no-build'] && !args.smoke, log: (message) => harness.log(message) });
const browser = new BenchBrowser(ROOT);

// Scenarios that need the same set-up share it: opened before the first, closed after the last.
let setup = { needs: undefined };
for (const id of ids) {
  const scenario = INLINE[id] ?? (await import(`./scenarios/${id}.mjs`));
  if (scenario.id !== id) throw new Error(`bench/scenarios/${id}.mjs exports the id ${scenario.id}`);
  if (scenario.needs !== setup.needs) {
    await setup.close?.();
    setup = { needs: scenario.needs, ...(scenario.needs ? await SETUPS[scenario.needs](harness, browser) : {}) };
  }
  await harness.run(scenario, setup);
}
await setup.close?.();
await browser.close();

process.exitCode = report(harness, browser, built);
