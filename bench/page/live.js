// Live updates into every job with the dashboard and the list on screen: the firehose
// turned up for a while, against the same page idle; then a check that nothing was lost.
import { JOB_STATES } from '../../dist/model/index.js';
import { afterPaint, sleep, until } from './perf.js';
import { stage, world } from './world.js';

let mounted;

export async function mountLive() {
  await unmountLive();
  const host = document.createElement('div');
  host.className = 'live-host';
  const dashboard = document.createElement('ac-job-dashboard');
  dashboard.setAttribute('time-zone', 'UTC');
  dashboard.store = world.store;
  const list = document.createElement('ac-job-list');
  list.setAttribute('time-zone', 'UTC');
  list.store = world.store;
  host.append(dashboard, list);
  stage().append(host);
  mounted = { host, dashboard, list };
  await until(() => list.shadowRoot?.querySelector('[role="row"][data-index]'), 'the list rows');
  await until(() => dashboard.plots.activity, 'the charts');
  await afterPaint();
  return { total: world.store.total };
}

export async function unmountLive() {
  if (!mounted) return;
  mounted.host.remove();
  mounted = undefined;
  await afterPaint();
}

/** Emits `rate` changes a second for `seconds` (0: the page idles as long). */
export async function liveRun(rate, seconds) {
  const firehose = world.firehose;
  const before = firehose.emitted;
  const behind = firehose.behind;
  const busy = firehose.busyMs;
  const started = performance.now();
  firehose.rate = rate;
  await sleep(seconds * 1000);
  firehose.rate = 0;
  return {
    emitted: firehose.emitted - before,
    behind: firehose.behind - behind,
    firehoseMs: firehose.busyMs - busy,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Whether the store holds every change sent, and what the screen shows agrees. */
export async function liveCheck() {
  const store = world.store;
  const firehose = world.firehose;
  // Live changes are drawn at most every 100 ms (list) and 250 ms (dashboard).
  await sleep(300);
  await afterPaint();
  let stale = 0;
  for (const [id, version] of firehose.sent) if (store.getJob(id)?.version !== version) stale++;
  const expectedTotal = world.jobs.length + firehose.created;
  const byState = Object.fromEntries(JOB_STATES.map((s) => [s, 0]));
  for (const job of world.source.allJobs()) byState[job.state]++;
  const summary = store.summary;
  const countsDiffer = JOB_STATES.filter((s) => summary.byState[s] !== byState[s]).map(
    (s) => `${s} ${summary.byState[s]} (held: ${byState[s]})`,
  );
  const countsAgree = countsDiffer.length === 0;
  const firstRow = mounted?.list.shadowRoot.querySelector('[role="row"][data-index="0"] .name')?.textContent;
  return {
    sent: firehose.sent.size,
    emitted: firehose.emitted,
    stale,
    total: store.total,
    expectedTotal,
    countsAgree,
    countsDiffer,
    newestShown: firstRow === store.jobAt(0)?.name,
    ok: stale === 0 && store.total === expectedTotal && summary.total === expectedTotal && countsAgree && firstRow === store.jobAt(0)?.name,
  };
}
