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
import { format, longestFrameNote, n, row } from './lib/report.mjs';
import { median, pick, sum } from './lib/stats.mjs';

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
// Live updates: the dashboard and the list on the jobs page's store while the source's
// ticker emits a firehose of changes, against the same page idle; then nothing lost; then
// the aggregates' cost per live update, against a store of 100,000 jobs.
const live = {
  id: 'live',
  needs: 'jobs',
  async run({ page, cdp, size, rows, rounds }) {
    const J = `${n(size.jobs)} jobs`;
    await page.evaluate(() => window.bench.mountLive());
    const r = await rounds(['live', 'idle'], async (v, round) => {
      const live = v === 'live';
      // The warm-up only warms: 2 s of it is enough.
      const seconds = live ? (round < size.warmup ? Math.min(2, size.liveSeconds) : size.liveSeconds) : size.idleSeconds;
      const m = await measured(page, cdp, () =>
        page.evaluate((rate, s) => window.bench.liveRun(rate, s), live ? size.liveRate : 0, seconds),
      );
      return {
        // The work comes at a rate, not per frame, and the frames a second vary (60 to over
        // 120 here): time per second over the 60 frames of a 16.7 ms frame budget.
        perFrameMs: m.taskMs / m.result.seconds / 60,
        cpuPerFrameMs: m.cpuMs / m.result.seconds / 60,
        firehosePerFrameMs: m.result.firehoseMs / m.result.seconds / 60,
        perDrawnFrameMs: m.perFrameMs,
        longTasks: m.longTasks,
        longestFrameMs: m.longestFrameMs,
        longestFrame: m.longestFrame,
        rate: m.result.emitted / m.result.seconds,
        behind: m.result.behind,
        frames: m.frames / m.result.seconds,
      };
    });
    const check = await page.evaluate(() => window.bench.liveCheck());
    await page.evaluate(() => window.bench.unmountLive());
    const S = `Live updates, ${n(size.liveRate)}/s for ${size.liveSeconds} s into ${J}, dashboard + list`;
    rows.push(
      row({
        scenario: S,
        figure: 'main-thread time per 16.7 ms frame (time a second ÷ 60)',
        unit: 'ms',
        ours: pick(r.live, 'perFrameMs'),
        baseline: { name: 'same page idle', samples: pick(r.idle, 'perFrameMs') },
        budget: '≤ 4 ms per frame added',
        check: (o, b) => o.median - b.median <= 4,
        note: `of which the bench's firehose (the simulated server making the changes, and the in-page source taking them) ${format(median(pick(r.live, 'firehosePerFrameMs')), 'ms')}; CPU the same way ${format(median(pick(r.live, 'cpuPerFrameMs')), 'ms')} live, ${format(median(pick(r.idle, 'cpuPerFrameMs')), 'ms')} idle; the page drew ${format(median(pick(r.live, 'frames')), 'count')} frames/s live (${format(median(pick(r.live, 'perDrawnFrameMs')), 'ms')} each), ${format(median(pick(r.idle, 'frames')), 'count')} idle`,
      }),
    );
    rows.push(
      row({
        scenario: S,
        figure: 'changes taken per second (a tick sends at most 100 ms of changes)',
        unit: 'count',
        ours: pick(r.live, 'rate'),
        ratio: false,
        budget: `≥ ${n(size.liveRate * 0.98)}/s (kept up)`,
        check: (o) => o.min >= size.liveRate * 0.98,
        note: `${n(sum(pick(r.live, 'behind')))} changes not sent in all runs because the page fell behind`,
      }),
    );
    rows.push(
      row({
        scenario: S,
        figure: 'tasks over 50 ms per run',
        unit: 'count',
        ours: pick(r.live, 'longTasks'),
        baseline: { name: 'same page idle', samples: pick(r.idle, 'longTasks') },
        ratio: false,
        budget: 'none',
        check: (o) => o.max === 0,
        note: longestFrameNote(r.live),
      }),
    );
    rows.push(
      row({
        scenario: S,
        figure: 'nothing lost: every job at its last version, the total, the counts by state, the newest row on screen',
        unit: 'flag',
        ours: [check.ok ? 1 : 0],
        budget: 'none lost',
        check: () => check.ok,
        correctness: true,
        note: `${n(check.emitted)} changes to ${n(check.sent)} jobs; ${n(check.stale)} jobs not at their last version; total ${n(check.total)} of ${n(check.expectedTotal)}; counts by state agree: ${check.countsAgree ? 'yes' : `no, the summary says ${check.countsDiffer.join(', ')}`}; newest job on top: ${check.newestShown ? 'yes' : 'no'}`,
      }),
    );
    // After the live runs: it changes jobs behind the source's back.
    const a = await rounds(['ours', 'small'], (v) =>
      page.evaluate((variant, o) => window.bench.liveAggregatesRun(variant, o), v, {
        batch: size.liveBatch,
        batches: size.liveBatches,
        smallSize: size.smallStore,
      }),
    );
    rows.push(
      row({
        scenario: `Aggregates, ${J}`,
        figure: `cost of a live update (batches of ${n(size.liveBatch)}, summary read after each)`,
        unit: 'us',
        ours: pick(a.ours, 'usPerUpdate'),
        baseline: { name: `store of ${n(size.smallStore)}`, samples: pick(a.small, 'usPerUpdate') },
        budget: `constant: ≤ 1.5× the ${n(size.smallStore)}-job store`,
        check: (o, b) => o.median <= 1.5 * b.median,
        note: `of which the store's merge of the batch ${format(median(pick(a.ours, 'usPerApply')), 'us')} (${format(median(pick(a.small, 'usPerApply')), 'us')} on the small store); the read also brings the selection up to date`,
      }),
    );
  },
};

// The simulator's own cost: real-time steps over the jobs page's history, and a page of
// files deep in its biggest job.
const simulator = {
  id: 'simulator',
  needs: 'jobs',
  async run({ page, size, rows }) {
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
  },
};

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

const INLINE = { live, simulator, export: exporting, bundle };

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
