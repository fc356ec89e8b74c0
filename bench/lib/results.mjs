// The end of a run: the table and what it ran on printed, the profile summed, the JSON
// written, and the exit status.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { selfTimes, sourceMapLookup } from './profile.mjs';
import { format, machine, renderTable, row } from './report.mjs';
import { sum } from './stats.mjs';

/** Whether lit ran in production mode in every page: it says "dev mode" in the console otherwise. */
function productionModeRow(consoleMessages) {
  const devMode = consoleMessages.filter((m) => /dev mode/i.test(m));
  return row({
    scenario: 'Size, min+gzip',
    figure: 'lit in production mode (no "dev mode" message in the console)',
    unit: 'flag',
    ours: [devMode.length ? 0 : 1],
    budget: 'production',
    check: () => devMode.length === 0,
    correctness: true,
    note: devMode[0],
  });
}

/** Prints where the time went in the `--profile` scenario, and writes its last run's profile. */
function printProfile(harness, built) {
  const { args, size, profiles, results } = harness;
  const lookups = Object.fromEntries(Object.entries(built.scripts).map(([path, file]) => [path, sourceMapLookup(`${file}.map`)]));
  const { total, byFunction, byFile } = selfTimes(profiles, lookups);
  const share = (ms) => `${((100 * ms) / total).toFixed(1).padStart(5)}%  ${format(ms, 'ms').padStart(9)}`;
  console.log(`\nWhere the time goes in ${args.profile} (ours, ${size.pairs} runs, ${format(total, 'ms')} of samples, self time):`);
  for (const [file, ms] of byFile.slice(0, 12)) console.log(`  ${share(ms)}  ${file}`);
  console.log('  by function:');
  for (const [fn, ms] of byFunction.slice(0, 25)) console.log(`  ${share(ms)}  ${fn}`);
  const profileOut = join(results, `${args.profile}.cpuprofile`);
  mkdirSync(dirname(profileOut), { recursive: true });
  writeFileSync(profileOut, JSON.stringify(profiles.at(-1)));
  console.log(`  last run's profile (opens in DevTools, Performance panel): ${profileOut}`);
}

/**
 * Prints the table, writes the JSON (`--out`, else bench/results/smoke.json or latest.json)
 * and returns the exit status: 1 when a scenario or a page threw or a correctness row
 * failed, or (with `--strict`) a budget failed.
 */
export function report(harness, browser, built) {
  const { args, size, rows, failures, loads } = harness;
  const { consoleMessages, pageErrors } = browser;
  if (browser.launched) rows.push(productionModeRow(consoleMessages));
  const totalSeconds = (performance.now() - harness.started) / 1000;
  const host = machine();
  const table = renderTable(rows);
  host.loadDuringRun = loads.length ? { mean: Number((sum(loads) / loads.length).toFixed(1)), max: Math.max(...loads) } : undefined;
  const loadLine = host.loadDuringRun
    ? `load average (1 min) during the run: mean ${host.loadDuringRun.mean}, max ${host.loadDuringRun.max}`
    : `load average ${host.loadAverage.join(' ')}`;
  const machineLine = `Machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB RAM, ${host.os}; Node ${host.node}; ${loadLine}`;
  const browserLine = browser.launched
    ? `Browser: ${browser.version} (${browser.executablePath}), headless`
    : 'Browser: not launched (no scenario needed a page)';
  const modeLine = `Mode: ${args.smoke ? 'smoke (tiny sizes, one run each)' : `full (${size.warmup} warm-up + ${size.pairs} alternating runs per scenario)`}; total ${totalSeconds.toFixed(0)} s`;
  console.log(`\n${table}\n\n${machineLine}\n${browserLine}\n${modeLine}`);
  if (consoleMessages.length) console.log(`\nConsole messages of the bench pages:\n  ${consoleMessages.slice(0, 20).join('\n  ')}`);
  if (pageErrors.length) console.log(`\nPage errors:\n  ${pageErrors.slice(0, 20).join('\n  ')}`);
  if (failures.length) console.log(`\nScenarios that threw:\n  ${failures.map((f) => f.split('\n')[0]).join('\n  ')}`);
  if (harness.profiles.length) printProfile(harness, built);

  const out = args.out ? resolve(args.out) : join(harness.results, args.smoke ? 'smoke.json' : 'latest.json');
  mkdirSync(dirname(out), { recursive: true });
  const result = {
    date: new Date().toISOString(),
    commit: harness.commit,
    mode: args.smoke ? 'smoke' : 'full',
    sizes: size,
    machine: host,
    browser: { version: browser.version, path: browser.executablePath },
    totalSeconds,
    rows,
    consoleMessages,
    pageErrors,
    failures,
    markdown: table,
  };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nWritten: ${out}`);

  const budgetFailed = rows.some((r) => r.pass === false);
  const wrong = rows.filter((r) => r.correctness && r.pass === false);
  const broken = failures.length > 0 || pageErrors.length > 0 || wrong.length > 0;
  // A smoke run checks the harness and the results, not the budgets: its sizes are not the budgets'.
  if (broken || (args.strict && budgetFailed)) {
    if (wrong.length) console.error(`Wrong results: ${wrong.map((r) => `${r.scenario}: ${r.figure}`).join('; ')}`);
    return 1;
  }
  return 0;
}
