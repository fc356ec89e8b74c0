// The dashboard's charts redrawn for new aggregates, against bare uPlot drawing the same
// data in three plots of the same sizes. The aggregates are real ones (the store's, for a
// few queries), handed over by a minimal store so that only the redraw is measured.
import uPlot from 'uplot';
import { defaultQuery } from '../../dist/model/index.js';
import { activitySeries, nodeBars, nodeOrder, stackedNodeData, typeBars } from '../../dist/elements/job-dashboard/charts/chart-data.js';
import { afterPaint, until } from './perf.js';
import { stage, world } from './world.js';

let summaries = [];
let mounted;
let sizes;
let step = 0;

/** Summaries of the store for a few queries (the store is left on the default query). */
export function prepareSummaries() {
  const store = world.store;
  const day = { kind: 'last-days' };
  const queries = [
    {},
    { period: { ...day, days: 7 } },
    { states: ['UNSUCCESSFUL'] },
    { nodes: ['node-2', 'node-5'] },
    { types: ['COPY', 'ARCHIVING'] },
    { period: { ...day, days: 30 }, states: ['SUCCESSFUL'] },
  ];
  summaries = queries.map((patch) => {
    store.setQuery({ ...defaultQuery(), ...patch });
    return structuredClone(store.summary);
  });
  store.setQuery(defaultQuery());
  return { summaries: summaries.length, buckets: summaries.map((s) => s.timeline.counts['node-1']?.length ?? 0) };
}

function fakeStore() {
  const listeners = new Set();
  return {
    mode: 'memory',
    source: world.store.source,
    query: defaultQuery(),
    nodes: world.store.nodes,
    session: undefined,
    status: 'ready',
    error: undefined,
    connection: { status: 'live' },
    total: 0,
    addedCount: 0,
    summary: summaries[0],
    setQuery() {},
    resetFilters() {},
    refresh() {},
    retry() {},
    jobAt: () => undefined,
    indexOf: () => -1,
    requestRows() {},
    getJob: () => undefined,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify() {
      const change = { query: false, rows: false, summary: true, nodes: false, connection: false, status: false, session: false, jobs: new Set(), added: new Set() };
      for (const listener of listeners) listener(change);
    },
  };
}

function bareCharts(host) {
  const nodes = world.store.nodes;
  const make = (key, options, data) => {
    const box = host.appendChild(document.createElement('div'));
    return new uPlot({ width: sizes[key].width, height: sizes[key].height, legend: { show: false }, ...options }, data, box);
  };
  const bars = uPlot.paths.bars({ size: [0.6, 64], radius: 0.1 });
  const summary = summaries[0];
  const ids = nodeOrder(nodes, summary);
  const activity = activitySeries(summary.timeline, ids);
  return {
    nodes: make(
      'nodes',
      { scales: { x: { time: false } }, series: [{}, ...['S', 'U', 'R', 'W'].map((label) => ({ label, fill: '#7aa', width: 0, paths: bars }))] },
      stackedNodeData(nodeBars(summary, ids)),
    ),
    types: make(
      'types',
      { scales: { x: { time: false, ori: 1, dir: -1 } }, series: [{}, { label: 'jobs', fill: '#a7a', width: 0, paths: bars }] },
      [typeBars(summary).types.map((_, i) => i), typeBars(summary).counts],
    ),
    activity: make(
      'activity',
      { scales: { x: { time: true } }, series: [{}, ...ids.map((id) => ({ label: id, stroke: '#57a', width: 2 }))] },
      [activity.x, ...activity.counts],
    ),
  };
}

export async function mountCharts(variant) {
  await unmountCharts();
  const host = document.createElement('div');
  host.className = 'charts-host';
  stage().append(host);
  if (variant === 'ours') {
    const store = fakeStore();
    const dashboard = document.createElement('ac-job-dashboard');
    dashboard.setAttribute('time-zone', 'UTC');
    dashboard.store = store;
    host.append(dashboard);
    await until(() => dashboard.plots.activity && dashboard.plots.nodes && dashboard.plots.types, 'the charts');
    await afterPaint();
    const plots = dashboard.plots;
    sizes ??= Object.fromEntries(Object.entries(plots).map(([k, p]) => [k, { width: p.width, height: p.height }]));
    mounted = { variant, host, store, dashboard };
  } else {
    if (!sizes) throw new Error('mount ours first: the bare plots take its sizes');
    mounted = { variant, host, plots: bareCharts(host) };
    await afterPaint();
  }
  return { sizes };
}

export async function unmountCharts() {
  if (!mounted) return;
  if (mounted.plots) for (const plot of Object.values(mounted.plots)) plot.destroy();
  mounted.host.remove();
  mounted = undefined;
  await afterPaint();
}

/** `count` redraws, each for the next summary, each waited for until painted. */
export async function redraw(count) {
  for (let i = 0; i < count; i++) {
    const summary = summaries[++step % summaries.length];
    if (mounted.variant === 'ours') {
      mounted.store.summary = summary;
      mounted.store.notify();
    } else {
      const ids = nodeOrder(world.store.nodes, summary);
      const activity = activitySeries(summary.timeline, ids);
      const types = typeBars(summary);
      mounted.plots.nodes.setData(stackedNodeData(nodeBars(summary, ids)));
      mounted.plots.types.setData([types.types.map((_, k) => k), types.counts]);
      mounted.plots.activity.setData([activity.x, ...activity.counts]);
    }
    await afterPaint();
  }
  return { redraws: count };
}
