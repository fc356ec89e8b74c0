#!/usr/bin/env node
// The soak: the standalone page (demo/, the built package, the strict policy) watching the
// reference API over a busy simulated cluster, in headless Chromium, logged in as the Data
// Administrator, on the Jobs view, for ten minutes. Every interval it forces a garbage
// collection and samples the JS heap, the DOM nodes, the event listeners, the page's live
// timers and the newest event seq the page received against the server's. At the end the
// clock stops and it checks: heap flat, nothing growing, no event lost or received twice,
// and the page's store equal to the server's state. Exit code 1 when a check fails.
//
//   npm run soak                       ten minutes
//   npm run soak -- --duration 30      a short run, to check the soak itself
//   options: --duration <s> (600) --interval <s> (30, or duration/6 if shorter)
//            --warmup <s> (120, or duration/5 if shorter: samples before it are not compared)
//            --speed <x> (100: about 27 job events a second) --jobs <n> (20000) --no-build
//            --heap-split: a heap snapshot after each sample, to print how much of the heap is
//            V8's compiled code and how much the rest (slower; no check uses it)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { browserArgs, findBrowser } from './find-browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '600' },
    interval: { type: 'string' },
    warmup: { type: 'string' },
    speed: { type: 'string', default: '100' },
    jobs: { type: 'string', default: '20000' },
    'no-build': { type: 'boolean', default: false },
    'heap-split': { type: 'boolean', default: false },
  },
});
const number = (name, text, min) => {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) {
    console.error(`--${name} must be a number of at least ${min}, not ${JSON.stringify(text)}.`);
    process.exit(2);
  }
  return value;
};
const durationMs = number('duration', values.duration, 5) * 1000;
const intervalMs = values.interval === undefined ? Math.min(30_000, durationMs / 6) : number('interval', values.interval, 1) * 1000;
// The first minutes' growth is the browser warming up: V8 compiles the functions the page
// runs as they get hot (bytecode, then baseline and optimized code), and code only run on a
// view switch gets hot slowly. The heap is compared after the warm-up, during which the person
// switches views every few seconds (see `visit`), so that the compilers are done by its end.
const warmupMs = values.warmup === undefined ? Math.min(120_000, durationMs / 5) : number('warmup', values.warmup, 0) * 1000;
if (warmupMs >= durationMs) {
  console.error(`--warmup must be shorter than --duration.`);
  process.exit(2);
}
const speed = number('speed', values.speed, 0.001);
const jobCount = Math.round(number('jobs', values.jobs, 0));
const TICK_MS = 500;
/** During the warm-up, a visit to the dashboard and back at least this often. */
const WARMUP_VISIT_MS = 5000;

// ---- build (the page loads dist/cdn/ac-job-manager.js) ----------------------------------

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}
const entry = join(root, 'dist/cdn/ac-job-manager.js');
if (!values['no-build'] && (!existsSync(entry) || statSync(entry).mtimeMs < newestSource(join(root, 'src')))) {
  console.log('Building (dist/cdn/ is older than the sources)…');
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const { createApi } = await import('../demo/server/api.js');
const { PAGE_CSP, createStaticHandler, securityHeaders } = await import('../demo/server/static.js');
const { HttpError, sendError, sendJson } = await import('../demo/server/respond.js');
const { jobComparator, jobMatcher, toListParams } = await import('../dist/source/job-query.js');

// ---- the server: as `npm start` serves it, with a clock this script drives -----------------

const api = createApi({ clock: 'manual', simulation: { seed: 1, nodes: 4, jobs: jobCount, days: 30, activity: speed } });
const serveStatic = createStaticHandler({ demoDir: join(root, 'demo'), distDir: join(root, 'dist'), apiBase: api.base });
const headers = securityHeaders(PAGE_CSP);
const server = createServer((req, res) => {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const path = (req.url ?? '/').split('?')[0];
  if (path === api.base || path.startsWith(`${api.base}/`)) void api(req, res);
  else if (path === '/config.json') sendJson(req, res, 200, { api: api.base });
  else serveStatic(req, res).catch(() => sendError(req, res, new HttpError(500, 'internal', 'The page failed.')));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
let clock = setInterval(() => api.advance(TICK_MS), TICK_MS);

// ---- the page ---------------------------------------------------------------------------

const browser = await puppeteer.launch({ executablePath: findBrowser(), args: browserArgs() });
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
const problems = [];
// Before the login, the page's first `GET /session` is a 401 (Chrome logs it): expected.
let loggedIn = false;
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('console', (message) => loggedIn && message.type() === 'error' && problems.push(`console: ${message.text()}`));

// Before any page script: count live timers, watch the policy, and a way to reach the store.
await page.evaluateOnNewDocument(() => {
  const live = new Set();
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  window.setTimeout = (handler, ms, ...rest) => {
    const id = st(
      (...a) => {
        live.delete(id);
        if (typeof handler === 'function') handler(...a);
      },
      ms,
      ...rest,
    );
    live.add(id);
    return id;
  };
  window.clearTimeout = (id) => (live.delete(id), ct(id));
  window.setInterval = (handler, ms, ...rest) => {
    const id = si(handler, ms, ...rest);
    live.add(id);
    return id;
  };
  window.clearInterval = (id) => (live.delete(id), ci(id));
  const soak = {
    violations: [],
    timers: () => live.size,
    events: 0,
    lastSeq: undefined,
    firstSeq: undefined,
    duplicates: 0,
    missing: 0,
    resyncs: 0,
  };
  window.__soak = soak;
  document.addEventListener('securitypolicyviolation', (e) => soak.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  /** The manager's store, asked for through the @lit/context protocol it provides it with. */
  soak.store = () => {
    const manager = document.querySelector('ac-job-manager');
    const target = manager?.shadowRoot?.querySelector('main');
    if (!target) return undefined;
    let store;
    const request = new Event('context-request', { bubbles: true, composed: true });
    Object.assign(request, {
      context: Symbol.for('ac-job-store'),
      contextTarget: target,
      subscribe: false,
      callback: (value) => (store = value),
    });
    target.dispatchEvent(request);
    return store;
  };
  /** Follows the events the source delivers: in seq order, none twice, none missing. */
  soak.follow = (store) => {
    soak.unfollow?.();
    soak.unfollow = store.source.subscribe(({ events }) => {
      for (const event of events) {
        if (event.type === 'resync') {
          soak.resyncs++;
          soak.lastSeq = event.seq;
          continue;
        }
        soak.events++;
        if (soak.lastSeq !== undefined && event.seq <= soak.lastSeq) soak.duplicates++;
        else if (soak.lastSeq !== undefined && event.seq > soak.lastSeq + 1) soak.missing += event.seq - soak.lastSeq - 1;
        soak.firstSeq ??= event.seq;
        soak.lastSeq = Math.max(soak.lastSeq ?? 0, event.seq);
      }
    });
  };
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what, check, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(100);
  }
}

let exitCode = 0;
try {
  await page.goto(`${origin}/#/jobs`);
  await waitFor('the login form', () =>
    page.evaluate(
      () => !!document.querySelector('ac-job-manager')?.shadowRoot?.querySelector('ac-login-form')?.shadowRoot?.querySelector('form'),
    ),
  );
  await page.evaluate(() => {
    const form = document.querySelector('ac-job-manager').shadowRoot.querySelector('ac-login-form').shadowRoot;
    form.querySelector('input[name=username]').value = 'admin';
    form.querySelector('input[name=password]').value = 'admin';
    form.querySelector('form').requestSubmit();
  });
  await waitFor('the job list with rows', () =>
    page.evaluate(() => {
      const store = window.__soak.store();
      return !!store && store.status === 'ready' && store.connection.status === 'live' && !!store.jobAt(0);
    }),
  );
  loggedIn = true;
  await page.evaluate(() => window.__soak.follow(window.__soak.store()));

  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const samples = [];
  /**
   * A heap snapshot split into V8's compiled code (bytecode, baseline and optimized code,
   * feedback: nodes of type `code`) and the rest of the JS heap. Blink's objects and the
   * text of external strings (the scripts' sources) are left out: JSHeapUsedSize does not
   * count them either.
   */
  const heapSplit = async () => {
    let json = '';
    const onChunk = ({ chunk }) => (json += chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    const { snapshot, nodes, strings } = JSON.parse(json);
    const fields = snapshot.meta.node_fields;
    const [TYPE, NAME, SIZE] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
    const types = snapshot.meta.node_types[TYPE];
    let code = 0;
    let rest = 0;
    for (let i = 0; i < nodes.length; i += fields.length) {
      const type = types[nodes[i + TYPE]];
      const name = strings[nodes[i + NAME]];
      if ((type === 'native' && !name.startsWith('system /')) || name === 'system / ExternalStringData') continue;
      if (type === 'code') code += nodes[i + SIZE];
      else rest += nodes[i + SIZE];
    }
    return { codeMB: +(code / 1048576).toFixed(3), restMB: +(rest / 1048576).toFixed(3) };
  };
  const started = Date.now();
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const page_ = await page.evaluate(() => {
      const soak = window.__soak;
      const store = soak.store();
      return { timers: soak.timers(), lastSeq: soak.lastSeq, total: store?.total, connection: store?.connection.status };
    });
    const s = {
      t: Math.round((Date.now() - started) / 1000),
      heapMB: +(metric('JSHeapUsedSize') / 1048576).toFixed(2),
      nodes: metric('Nodes'),
      listeners: metric('JSEventListeners'),
      timers: page_.timers,
      pageSeq: page_.lastSeq,
      serverSeq: api.simulator.lastSeq,
      jobs: api.simulator.size,
      connection: page_.connection,
      streams: api.events.stats().streams,
    };
    if (values['heap-split']) Object.assign(s, await heapSplit());
    samples.push(s);
    console.log(
      `t=${String(s.t).padStart(4)} s${s.t * 1000 < warmupMs ? ' (warm-up)' : ''}  heap ${s.heapMB.toFixed(2)} MB  nodes ${s.nodes}  listeners ${s.listeners}  timers ${s.timers}  ` +
        `seq page ${s.pageSeq ?? '-'} / server ${s.serverSeq}  jobs ${s.jobs}  ${s.connection}  streams ${s.streams}` +
        (s.codeMB === undefined ? '' : `  (compiled code ${s.codeMB.toFixed(2)} MB, the rest ${s.restMB.toFixed(2)} MB)`),
    );
  };

  console.log(
    `Soak: ${durationMs / 1000} s (the first ${warmupMs / 1000} s a warm-up), a sample every ${intervalMs / 1000} s, speed ${speed}, ` +
      `${api.simulator.size} jobs at the start, ${origin}`,
  );
  const seqAtStart = api.simulator.lastSeq;
  let newJobsShown = 0;
  let visits = 0;
  /** A person looks at the dashboard now and then (views are made and let go), then shows the new jobs the list's hint counts. */
  const visit = async () => {
    visits++;
    await page.evaluate(() => (location.hash = '#/dashboard'));
    await sleep(1500);
    await page.evaluate(() => (location.hash = '#/jobs'));
    await sleep(1500);
    newJobsShown += await page.evaluate(() => {
      const list = document.querySelector('ac-job-manager')?.shadowRoot?.querySelector('ac-job-list');
      const show = list?.shadowRoot?.querySelector('.new-jobs button');
      show?.click();
      return show ? 1 : 0;
    });
    await sleep(500);
  };
  const elapsed = () => Date.now() - started;
  await sample();
  while (elapsed() < durationMs) {
    const next = Math.min(elapsed() + intervalMs, durationMs);
    // In the warm-up, visits every few seconds: what a view switch runs gets compiled before the heap is compared.
    while (elapsed() < warmupMs && elapsed() + WARMUP_VISIT_MS < next) {
      const visited = elapsed();
      await visit();
      await sleep(Math.max(0, visited + WARMUP_VISIT_MS - elapsed()));
    }
    await sleep(Math.max(0, next - elapsed()));
    await visit();
    await sample();
  }

  // ---- the end: stop the clock, let the page catch up, compare ---------------------------
  clearInterval(clock);
  clock = undefined;
  const finalSeq = api.simulator.lastSeq;
  await waitFor('the page to receive the last event', () => page.evaluate((seq) => window.__soak.lastSeq >= seq, finalSeq), 30_000).catch(
    () => {},
  );
  await sleep(3000); // the summary refresh after the last events
  const held = await page.evaluate(() => {
    const soak = window.__soak;
    const store = soak.store();
    const rows = [];
    for (let i = 0; i < store.total; i++) {
      const job = store.jobAt(i);
      if (job) rows.push([job.id, job.version]);
    }
    return {
      rows,
      total: store.total,
      summaryTotal: store.summary?.total,
      byState: store.summary?.byState,
      query: store.query,
      now: Date.now(),
      seq: {
        first: soak.firstSeq,
        last: soak.lastSeq,
        events: soak.events,
        duplicates: soak.duplicates,
        missing: soak.missing,
        resyncs: soak.resyncs,
      },
      violations: soak.violations,
    };
  });
  const truth = new Map();
  for (const job of api.simulator.jobs()) truth.set(job.id, job);
  const params = toListParams(held.query, held.now);
  const selection = [...truth.values()].filter(jobMatcher(params)).sort(jobComparator(params.sort, params.order));
  const byState = { SCHEDULED: 0, RUNNING: 0, SUCCESSFUL: 0, UNSUCCESSFUL: 0 };
  for (const job of selection) byState[job.state]++;
  const stale = held.rows.filter(([id, version]) => truth.get(id)?.version !== version);
  const ids = held.rows.map(([id]) => id);
  // After a refresh the first rows are the server's selection, in its order.
  await page.evaluate(() => window.__soak.store().refresh());
  await waitFor('the refreshed rows', () =>
    page.evaluate(() => window.__soak.store().status === 'ready' && !!window.__soak.store().jobAt(0)),
  );
  await sleep(500);
  const firstRows = await page.evaluate(() => {
    const store = window.__soak.store();
    return Array.from({ length: Math.min(50, store.total) }, (_, i) => store.jobAt(i)?.id ?? null);
  });

  // ---- figures and checks ------------------------------------------------------------------
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  // The thirds are taken after the warm-up.
  const steady = samples.filter((s) => s.t * 1000 >= warmupMs);
  const part = Math.max(1, Math.floor(steady.length / 3));
  const first = steady.slice(0, part);
  const last = steady.slice(-part);
  const growth = (key) => median(last.map((s) => s[key])) / median(first.map((s) => s[key]));
  const figures = {
    durationS: samples[samples.length - 1].t,
    samples: samples.length,
    eventsServed: finalSeq - seqAtStart,
    warmupS: warmupMs / 1000,
    visits,
    newJobsShown,
    eventsPerSecond: +((finalSeq - seqAtStart) / Math.max(1, samples[samples.length - 1].t)).toFixed(1),
    jobsAtEnd: truth.size,
    heapMB: {
      firstThirdMedian: median(first.map((s) => s.heapMB)),
      lastThirdMedian: median(last.map((s) => s.heapMB)),
      max: Math.max(...samples.map((s) => s.heapMB)),
    },
    heapGrowth: +growth('heapMB').toFixed(3),
    ...(values['heap-split']
      ? {
          codeMB: {
            firstThirdMedian: +median(first.map((s) => s.codeMB)).toFixed(2),
            lastThirdMedian: +median(last.map((s) => s.codeMB)).toFixed(2),
          },
          restGrowth: +growth('restMB').toFixed(3),
        }
      : {}),
    nodesGrowth: +growth('nodes').toFixed(3),
    listenersGrowth: +growth('listeners').toFixed(3),
    timers: { first: first.map((s) => s.timers), last: last.map((s) => s.timers) },
    events: held.seq,
    serverLastSeq: finalSeq,
    rowsHeld: held.rows.length,
    rowsAtOldVersion: stale.length,
    rowsHeldTwice: ids.length - new Set(ids).size,
    summaryTotal: held.summaryTotal,
    serverSelection: selection.length,
    violations: held.violations.length,
    pageProblems: problems.length,
  };
  const checks = [
    ['heap flat after the warm-up (last third median within 10 % of the first third)', figures.heapGrowth <= 1.1],
    ['DOM nodes not growing (within 10 %)', figures.nodesGrowth <= 1.1],
    ['event listeners not growing (within 10 %)', figures.listenersGrowth <= 1.1],
    ['live timers not growing', median(last.map((s) => s.timers)) <= median(first.map((s) => s.timers)) + 2],
    ['every event received: the page reached the server’s last seq', held.seq.last === finalSeq],
    ['no event received twice', held.seq.duplicates === 0],
    ['no event missing', held.seq.missing === 0],
    ['every held row at the server’s version', stale.length === 0],
    ['no job held twice', figures.rowsHeldTwice === 0],
    [
      'the summary counts the server’s selection',
      held.summaryTotal === selection.length && JSON.stringify(held.byState) === JSON.stringify(byState),
    ],
    [
      'after a refresh, the first rows are the server’s',
      JSON.stringify(firstRows) === JSON.stringify(selection.slice(0, firstRows.length).map((j) => j.id)),
    ],
    ['no policy violation', held.violations.length === 0],
    ['no page error', problems.length === 0],
  ];
  console.log(`\nFigures: ${JSON.stringify(figures, null, 2)}`);
  for (const problem of problems.slice(0, 10)) console.log(`  ${problem}`);
  console.log('');
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
  if (checks.some(([, ok]) => !ok)) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  if (clock) clearInterval(clock);
  await browser.close();
  api.close();
  server.closeAllConnections();
  server.close();
}
process.exit(exitCode);
