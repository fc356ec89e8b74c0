// How long the simulator takes to make a history of 100,000 and of 1,000,000 jobs, how
// much heap it holds afterwards, and what a real-time step and a deep file page cost.
//   npx tsc -p tsconfig.build.json && node --expose-gc bench/simulator.mjs
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

if (typeof globalThis.gc !== 'function') {
  // Heap figures mean something only after a full collection.
  const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const { ClusterSimulator } = await import('../dist/simulator/index.js');

const NOW = Date.parse('2025-10-23T12:00:00Z');
const MB = 1024 * 1024;

function heap() {
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

function measure(jobs) {
  const base = heap();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let sim = new ClusterSimulator({ jobs, now: NOW });
  const wall = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const held = heap() - base;
  console.log(
    `${jobs.toLocaleString('en')} jobs: ${(wall / 1000).toFixed(2)} s` +
      ` (CPU ${(user / 1e6).toFixed(2)} s user, ${(system / 1e6).toFixed(2)} s system),` +
      ` heap ${(held / MB).toFixed(0)} MB (${Math.round(held / jobs)} bytes a job)`,
  );

  // The demo server's timer: a few hundred simulated ms at a time.
  let events = 0;
  let slowest = 0;
  const steps = 1000;
  const stepsStarted = performance.now();
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    events += sim.advance(300).length;
    slowest = Math.max(slowest, performance.now() - t);
  }
  const perStep = (performance.now() - stepsStarted) / steps;
  console.log(
    `  advance(300) x ${steps}: ${perStep.toFixed(3)} ms a step, slowest ${slowest.toFixed(1)} ms, ${events} events`,
  );

  let biggest;
  for (const job of sim.jobs()) if (!biggest || job.progress.files.total > biggest.progress.files.total) biggest = job;
  const total = biggest.progress.files.total;
  const pageStarted = performance.now();
  const page = sim.listFiles(biggest.id, { offset: Math.floor(total * 0.9), limit: 1000, failedFirst: true });
  console.log(
    `  files of ${biggest.id} (${total.toLocaleString('en')} files): a page of ${page.items.length} at 90% in ` +
      `${(performance.now() - pageStarted).toFixed(1)} ms`,
  );
  sim = undefined;
}

// Wall times mean little on a busy machine: say how busy it was.
console.log(`Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const jobs of [100_000, 1_000_000]) measure(jobs);
