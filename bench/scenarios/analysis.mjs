// The analysis (`GET /jobs/analysis`, `<ac-job-analysis>`): from scratch over every job in
// memory, against a plain loop; the view on screen under a steady stream of live changes;
// and the reference server's answer over as many jobs, against a plain loop over its objects.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { measured } from '../lib/cdp.mjs';
import { format, longestFrameNote, n, row } from '../lib/report.mjs';
import { median, pick, quantile } from '../lib/stats.mjs';

export const id = 'analysis';
export const needs = 'jobs';

const NOW = Date.parse('2025-10-23T12:00:00Z');
const DAY = 86_400_000;

export async function run({ page, cdp, size, rows, rounds, log }) {
  const J = `${n(size.jobs)} jobs`;
  const r = await rounds(['ours', 'plain'], (v) => page.evaluate((variant) => window.bench.analysisRun(variant), v));
  const same = r.ours.every((o, i) => o.total === r.plain[i].total);
  rows.push(
    row({
      scenario: `Analysis, ${J}`,
      figure: 'from scratch: query back to every job, then the analysis in one go (percentiles, histograms, trends, stops, lists)',
      unit: 'ms',
      ours: pick(r.ours, 'ms'),
      baseline: { name: 'plain loop (sums only)', samples: pick(r.plain, 'ms') },
      budget: '≤ 20 ms',
      check: (o) => o.median <= 20,
      note: same ? 'both count every job' : `totals differ: ${r.ours[0].total} vs ${r.plain[0].total}`,
    }),
  );
  if (!same)
    rows.push(row({ scenario: `Analysis, ${J}`, figure: 'same totals', unit: 'flag', ours: [0], check: () => false, correctness: true }));

  await page.evaluate(() => window.bench.mountAnalysis());
  const live = await rounds(['live', 'idle'], async (v) => {
    const rate = v === 'live' ? size.analysisRate : 0;
    const m = await measured(page, cdp, () => page.evaluate((rt, s) => window.bench.liveRun(rt, s), rate, size.analysisSeconds));
    return {
      longTasks: m.longTasks,
      longestFrameMs: m.longestFrameMs,
      longestFrame: m.longestFrame,
      rate: m.result.emitted / m.result.seconds,
    };
  });
  await page.evaluate(() => window.bench.unmountAnalysis());
  rows.push(
    row({
      scenario: `Analysis view, ${n(size.analysisRate)} live changes/s for ${size.analysisSeconds} s into ${J}`,
      figure: 'tasks over 50 ms per run',
      unit: 'count',
      ours: pick(live.live, 'longTasks'),
      baseline: { name: 'same page idle', samples: pick(live.idle, 'longTasks') },
      ratio: false,
      budget: 'none',
      check: (o) => o.max === 0,
      note: `${format(median(pick(live.live, 'rate')), 'count')} changes/s taken; ${longestFrameNote(live.live)}`,
    }),
  );

  await serverRows({ size, rows, rounds, log });
}

/** Filters of the server's queries: each different, so that no answer comes from its cache. */
function serverQuery(i) {
  const states = [[], ['SUCCESSFUL', 'UNSUCCESSFUL'], ['UNSUCCESSFUL'], ['RUNNING', 'SUCCESSFUL']][i % 4];
  const types = [[], ['ARCHIVING'], ['DUPLICATION', 'COPY'], []][(i >> 2) % 4];
  const params = new URLSearchParams();
  for (const state of states) params.append('state', state);
  for (const type of types) params.append('type', type);
  if (i % 3 === 1) params.set('since', new Date(NOW - (7 + i) * DAY).toISOString());
  if (i % 5 === 4) params.append('node', `node-${(i % 6) + 1}`);
  return params;
}

/**
 * The reference server over `size.analysisServerJobs` jobs: `GET /jobs/analysis` for
 * `size.analysisQueries` different queries per round (the clock moved by a millisecond
 * between rounds, so nothing is answered from the cache), timed from the request to the
 * last byte; against a plain loop over the server's job objects for the same filters.
 */
async function serverRows({ size, rows, rounds, log }) {
  const { createApi } = await import('../../demo/server/api.js');
  const { jobMatcher } = await import('../../dist/source/job-query.js');
  const jobs = size.analysisServerJobs;
  let started = performance.now();
  const api = createApi({ simulation: { seed: 1, nodes: 6, jobs, days: 90, now: NOW }, onError: (error) => log(String(error)) });
  const simulateMs = performance.now() - started;
  const server = createServer((req, res) => void api(req, res));
  // The plain loop runs in this process and holds it for seconds: the idle connection must outlive it.
  server.keepAliveTimeout = 600_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}${api.base}`;
  try {
    const login = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin' }),
    });
    const cookie = login.headers.get('set-cookie').split(';')[0];
    const ask = async (params) => {
      const t = performance.now();
      const res = await fetch(`${base}/jobs/analysis?${params}`, { headers: { Cookie: cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET /jobs/analysis answered ${res.status}: ${body.slice(0, 200)}`);
      return { ms: performance.now() - t, bytes: body.length };
    };
    // The first analysis lays the jobs out as columns (then kept up to date by the simulator's events).
    started = performance.now();
    await ask(new URLSearchParams());
    const columnsMs = performance.now() - started;
    const all = [...api.simulator.jobs()];
    const r = await rounds(['ours', 'plain'], async (variant) => {
      api.advance(1);
      const times = [];
      let bytes = 0;
      for (let i = 0; i < size.analysisQueries; i++) {
        const params = serverQuery(i);
        if (variant === 'ours') {
          const answer = await ask(params);
          times.push(answer.ms);
          bytes = Math.max(bytes, answer.bytes);
        } else {
          const t = performance.now();
          plainServerLoop(
            all,
            jobMatcher(Object.fromEntries([...params.keys()].map((key) => [key, key === 'since' ? params.get(key) : params.getAll(key)]))),
          );
          times.push(performance.now() - t);
        }
      }
      return { p95: quantile(times, 0.95), median: median(times), bytes };
    });
    rows.push(
      row({
        scenario: `Analysis, reference server, ${n(jobs)} jobs`,
        figure: `GET /jobs/analysis, p95 of ${size.analysisQueries} different queries (request to last byte)`,
        unit: 'ms',
        ours: pick(r.ours, 'p95'),
        baseline: { name: 'plain loop over its objects', samples: pick(r.plain, 'p95') },
        budget: '≤ 50 ms',
        check: (o) => o.median <= 50,
        note: `median ${format(median(pick(r.ours, 'median')), 'ms')}; answers up to ${format(Math.max(...pick(r.ours, 'bytes')) / 1024, 'KB')}; simulating the history ${format(simulateMs / 1000, 's')}, the first analysis (laying out the columns) ${format(columnsMs, 'ms')}`,
      }),
    );
  } finally {
    server.close();
    api.close();
  }
}

/** The obvious way over objects: the query's jobs filtered, then wait and run summed per type and node. */
function plainServerLoop(jobs, matches) {
  const cells = new Map();
  for (const job of jobs) {
    if (!matches(job)) continue;
    const key = `${job.type}|${job.node}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { jobs: 0, wait: 0, run: 0 }));
    cell.jobs++;
    if (job.startedAt === null) continue;
    const started = Date.parse(job.startedAt);
    cell.wait += started - Date.parse(job.createdAt);
    if (job.finishedAt !== null) cell.run += Date.parse(job.finishedAt) - started;
  }
  return cells.size;
}
