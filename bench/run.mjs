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

/** Every scenario, in the order they run: `bench/scenarios/<id>.mjs`. */
const SCENARIOS = [
  'filter', //
  'aggregates',
  'analysis',
  'charts',
  'keystroke',
  'list',
  'live',
  'simulator',
  'files',
  'export',
  'server',
  'remote',
  'stream',
  'bundle',
];

const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const { args, size, ids } = readOptions(SCENARIOS);
const harness = new Harness({ args, size, root: ROOT });
// A smoke run comes after `npm run build` in `npm test`: it never builds.
const built = await buildForBench(ROOT, { build: !args['no-build'] && !args.smoke, log: (message) => harness.log(message) });
const browser = new BenchBrowser(ROOT);

// Scenarios that need the same set-up share it: opened before the first, closed after the last.
let setup = { needs: undefined };
for (const id of ids) {
  const scenario = await import(`./scenarios/${id}.mjs`);
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
