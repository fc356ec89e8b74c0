// What every scenario shares while it runs: the rows, the rounds that alternate ours with
// the baselines, forced collections, profiles and traces, and the log.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { settledMemory } from './cdp.mjs';
import { startProfile, startTrace, stopProfile, stopTrace } from './profile.mjs';
import { notMeasured } from './report.mjs';

/** The checked-out commit (undefined outside a clone). */
function headCommit(root) {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export class Harness {
  /** The report's rows, in the order the scenarios push them. */
  rows = [];
  /** Scenarios (and set-ups) that threw: `id: stack`. */
  failures = [];
  /** CPU profiles of our side of the `--profile` scenario's runs. */
  profiles = [];
  /** The 1-minute load average every 5 s: other processes stretch wall-clock figures. */
  loads = [];
  started = performance.now();
  #current;
  #profiling = false;

  /** `args` and `size` from `readOptions`; `root`, the repository's folder. */
  constructor({ args, size, root }) {
    this.args = args;
    this.size = size;
    this.root = root;
    this.results = join(root, 'bench/results');
    /** Read when the run starts: the code measured, even if the checkout moves meanwhile. */
    this.commit = headCommit(root);
    setInterval(() => this.loads.push(loadavg()[0]), 5000).unref();
  }

  log(message) {
    console.log(`[${((performance.now() - this.started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  }

  /** `settledMemory`, with the profiler (if on) paused: a forced collection is not the page's work. */
  async settle(cdp, collections) {
    if (!this.#profiling) return settledMemory(cdp, collections);
    this.profiles.push(await stopProfile(cdp));
    const memory = await settledMemory(cdp, collections);
    await startProfile(cdp);
    return memory;
  }

  /**
   * Runs every variant `size.warmup + size.pairs` times, alternating them (the order flips
   * each round); warm-up rounds are dropped. Returns the results by variant. With
   * `--profile` on this scenario, our variant (the first) is profiled; with `--trace`, its
   * last run is traced.
   */
  async rounds(variants, runOne) {
    const { args, size } = this;
    const current = this.#current;
    const out = Object.fromEntries(variants.map((v) => [v, []]));
    for (let round = 0; round < size.warmup + size.pairs; round++) {
      const order = round % 2 ? [...variants].reverse() : variants;
      for (const variant of order) {
        this.#profiling = args.profile === current?.id && variant === variants[0] && round >= size.warmup;
        // The scenario's first figures only (a scenario may run several sets of rounds).
        const tracing = args.trace === current?.id && !current.traced && variant === variants[0] && round === size.warmup + size.pairs - 1;
        if (this.#profiling) await startProfile(current.cdp);
        if (tracing) await startTrace(current.cdp);
        const result = await runOne(variant, round);
        if (tracing) {
          current.traced = true;
          this.log(
            `trace of ${current.id} (ours, last run): ${await stopTrace(current.cdp, join(this.results, `${current.id}.trace.json`))}`,
          );
        }
        if (this.#profiling) this.profiles.push(await stopProfile(current.cdp));
        this.#profiling = false;
        if (round >= size.warmup) out[variant].push(result);
      }
    }
    return out;
  }

  /**
   * Runs `scenario` (its `id` and `run(context)`) over what its set-up opened (`page`,
   * `cdp`, and whatever else the set-up gives). A scenario that throws is reported as not
   * measured, and the run fails; the others still run.
   */
  async run(scenario, setup = {}) {
    const { id } = scenario;
    this.#current = { id, cdp: setup.cdp };
    const first = this.rows.length;
    const context = {
      ...setup,
      root: this.root,
      size: this.size,
      rows: this.rows,
      log: (message) => this.log(message),
      rounds: (variants, runOne) => this.rounds(variants, runOne),
      settle: (collections) => this.settle(setup.cdp, collections),
    };
    try {
      await scenario.run(context);
      const failed = this.rows.slice(first).filter((r) => r.pass === false).length;
      this.log(`${id}: ${this.rows.length - first} figures${failed ? `, ${failed} over budget or wrong` : ''}`);
    } catch (error) {
      this.fail(id, error);
    }
    this.#current = undefined;
  }

  /** Records what threw, with a row saying it was not measured. */
  fail(id, error) {
    this.failures.push(`${id}: ${error.stack ?? error}`);
    this.rows.push(notMeasured(id, 'scenario', String(error.message ?? error).split('\n')[0]));
    console.error(`  ${id} failed: ${error.stack ?? error}`);
  }
}
