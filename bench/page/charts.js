// The dashboard redrawn for new aggregates, against the same page written by hand: bare
// uPlot drawing the same data in three plots of the same sizes, and plain DOM writing the
// numbers the dashboard must also show as text (indicators, filter chips, and each chart's
// table, its text alternative), in the same markup under the same stylesheet, so that the
// browser's style and layout work is the same on both sides. The aggregates are real ones
// (the store's, for a few queries), handed over by a minimal store so that only the redraw
// is measured.
import uPlot from 'uplot';
import { JOB_STATES, defaultQuery } from '../../dist/model/index.js';
import { StateTextures } from '../../dist/elements/job-dashboard/charts/chart-colors.js';
import {
  STACK_ORDER,
  activitySeries,
  nodeBars,
  nodeOrder,
  stackedNodeData,
  typeBars,
} from '../../dist/elements/job-dashboard/charts/chart-data.js';
import { chartStyles } from '../../dist/elements/job-dashboard/charts/chart.styles.js';
import { dashboardStyles } from '../../dist/elements/job-dashboard/job-dashboard.styles.js';
import { cardStyles } from '../../dist/elements/shared/card.styles.js';
import { nodeColor } from '../../dist/elements/shared/colors.js';
import { themeStyles } from '../../dist/elements/shared/theme.js';
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
      // As after a new filter: drawn at once (live summaries are drawn at most four times a second).
      const change = {
        query: true,
        rows: false,
        summary: true,
        nodes: false,
        connection: false,
        status: false,
        session: false,
        jobs: new Set(),
        added: new Set(),
        live: false,
      };
      for (const listener of listeners) listener(change);
    },
  };
}

const INDICATORS = ['SCHEDULED', 'RUNNING', 'UNSUCCESSFUL', 'SUCCESSFUL'];

/** Sets an element's text only when it changed, as a careful hand-written page would. */
function text(element, value) {
  if (element.textContent !== value) element.textContent = value;
}

/** Adds or removes children of `parent` until it has `count`, made by `make`. */
function fit(parent, count, make) {
  while (parent.children.length < count) parent.append(make());
  while (parent.children.length > count) parent.lastElementChild.remove();
}

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function row(cells) {
  const tr = document.createElement('tr');
  tr.append(element('th'), ...Array.from({ length: cells }, () => element('td', 'num')));
  tr.firstChild.scope = 'row';
  return tr;
}

/** A card; `table`, the header cells of its hidden table, if it has one (the activity chart's table is made only when shown). */
function card(kind, title, table) {
  return `<section class="card ${kind}" part="card">
    <header class="card-header"><div><h2>${title}</h2><p class="hint">${title}</p></div><button class="table-toggle" aria-pressed="false">Show as table</button></header>
    <div class="plot-frame"><div class="plot"></div></div>
    <ul class="legend"></ul>
    <div class="chips" role="group"></div>
    ${table ? `<div class="visually-hidden"><table class="data"><caption>${title}</caption><thead><tr>${table}</tr></thead><tbody></tbody></table></div>` : ''}
  </section>`;
}

/**
 * The dashboard's page by hand: the same markup and stylesheets, three bare uPlot plots;
 * with `withText`, the numbers also written as text where they changed. Without, a redraw
 * is bare uPlot's alone (the issue's baseline).
 */
function bareDashboard(host, withText) {
  const nodes = world.store.nodes;
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [themeStyles, cardStyles, dashboardStyles, chartStyles].map((css) => css.styleSheet);
  const th = (label) => `<th scope="col" class="num">${label}</th>`;
  root.innerHTML = `<div class="dashboard">
    <section class="indicators" part="indicators">${INDICATORS.map(
      (state) => `<button class="indicator ${state.toLowerCase()}" part="indicator" aria-pressed="false">
        <span class="indicator-label"><span class="state-mark" aria-hidden="true"></span>${state}</span>
        <span class="indicator-count"></span><span class="visually-hidden"></span><span class="indicator-share"></span></button>`,
    ).join('')}</section>
    <div class="cards">
      ${card('nodes', 'Jobs per node', `<th scope="col">Node</th>${[...STACK_ORDER].reverse().map(th).join('')}${th('Total')}`)}
      ${card('types', 'Jobs per type', `<th scope="col">Type</th>${th('Jobs')}`)}
      ${card('activity', 'Activity history')}
    </div>
  </div>`;
  const [nodeCard, typeCard, activityCard] = root.querySelectorAll('.card');
  const indicators = [...root.querySelectorAll('.indicator')].map((button) => ({
    count: button.querySelector('.indicator-count'),
    words: button.querySelector('.visually-hidden'),
    share: button.querySelector('.indicator-share'),
  }));
  nodeCard
    .querySelector('.legend')
    .append(
      ...[...STACK_ORDER]
        .reverse()
        .map((state) => element('li', '', element('span', `swatch texture-${state.toLowerCase()} neutral`), state)),
    );
  activityCard.querySelector('.chips').remove();
  const color = new Map(nodes.map((n) => [n.id, nodeColor(n.id, nodes)]));
  const number = new Intl.NumberFormat('en-GB');
  const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });
  const chip = (...swatch) => element('button', 'chip', ...swatch, element('span', 'chip-name'), element('span', 'chip-count'));

  const textures = new StateTextures(document.createElement('canvas').getContext('2d'), '#ffffff');
  let ids = nodeOrder(nodes, summaries[0]);
  const make = (key, options, data) => {
    const box = root.querySelector(`.card.${key} .plot`);
    return new uPlot({ width: sizes[key].width, height: sizes[key].height, legend: { show: false }, ...options }, data, box);
  };
  const bars = uPlot.paths.bars({
    size: [0.6, 64],
    radius: 0.1,
    disp: { fill: { unit: 3, values: (_u, si) => ids.map((id) => textures.fill(color.get(id), STACK_ORDER[si - 1])) } },
  });
  let typeCounts = [];
  const plots = {
    nodes: make(
      'nodes',
      { scales: { x: { time: false } }, series: [{}, ...STACK_ORDER.map((label) => ({ label, width: 0, paths: bars }))] },
      [[]],
    ),
    types: make(
      'types',
      {
        scales: { x: { time: false, ori: 1, dir: -1 } },
        series: [{}, { label: 'jobs', fill: '#a7a', width: 0, paths: uPlot.paths.bars({ size: [0.6, 64], radius: 0.1 }) }],
        // The count at the end of each bar, as the dashboard draws it.
        hooks: {
          draw: [
            (u) => typeCounts.forEach((n, i) => u.ctx.fillText(number.format(n), u.valToPos(n, 'y', true) + 6, u.valToPos(i, 'x', true))),
          ],
        },
      },
      [[], []],
    ),
    activity: make(
      'activity',
      { scales: { x: { time: true } }, series: [{}, ...ids.map((id) => ({ label: id, stroke: color.get(id), width: 2 }))] },
      [[], ...ids.map(() => [])],
    ),
  };

  function fill(summary) {
    ids = nodeOrder(nodes, summary);
    const perNode = nodeBars(summary, ids);
    const types = typeBars(summary);
    const activity = activitySeries(summary.timeline, ids);
    typeCounts = types.counts;
    // Drawn now (uPlot's immediate mode), before the text below changes the DOM: drawn in
    // uPlot's microtask, after it, the canvas text would wait on a style recalculation.
    plots.nodes.batch((u) => u.setData(stackedNodeData(perNode)));
    plots.types.batch((u) => u.setData([types.types.map((_, k) => k), types.counts]));
    plots.activity.batch((u) => u.setData([activity.x, ...activity.counts]));
    if (!withText) return;

    INDICATORS.forEach((state, i) => {
      const count = summary.byState[state] ?? 0;
      text(indicators[i].count, number.format(count));
      text(indicators[i].words, count === 1 ? 'job' : 'jobs');
      text(indicators[i].share, summary.total > 0 ? `${percent.format(count / summary.total)} of ${number.format(summary.total)}` : '');
    });

    const nodeChips = nodeCard.querySelector('.chips');
    fit(nodeChips, ids.length, () => chip(element('span', 'swatch')));
    const nodeRows = nodeCard.querySelector('tbody');
    fit(nodeRows, ids.length, () => row(JOB_STATES.length + 1));
    ids.forEach((id, i) => {
      const name = nodes.find((n) => n.id === id)?.name ?? id;
      const [swatch, label, count] = nodeChips.children[i].children;
      swatch.style.setProperty('--swatch', color.get(id));
      text(label, name);
      text(count, number.format(perNode.totals[i]));
      const cells = nodeRows.children[i].children;
      if (!cells[0].firstElementChild) cells[0].append(element('span', 'swatch'), '');
      cells[0].firstElementChild.style.setProperty('--swatch', color.get(id));
      if (cells[0].lastChild.data !== name) cells[0].lastChild.data = name;
      [...STACK_ORDER].reverse().forEach((state, k) => text(cells[k + 1], number.format(perNode.byState[state][i])));
      text(cells[JOB_STATES.length + 1], number.format(perNode.totals[i]));
    });

    const typeChips = typeCard.querySelector('.chips');
    fit(typeChips, types.types.length, () => chip());
    const typeRows = typeCard.querySelector('tbody');
    fit(typeRows, types.types.length, () => row(1));
    types.types.forEach((type, i) => {
      const [label, count] = typeChips.children[i].children;
      text(label, type);
      text(count, number.format(types.counts[i]));
      const cells = typeRows.children[i].children;
      text(cells[0], type);
      text(cells[1], number.format(types.counts[i]));
    });

    const seconds = activity.bucketSeconds;
    text(
      activityCard.querySelector('.hint'),
      `Jobs created per ${seconds === 86_400 ? 'day' : seconds === 3600 ? 'hour' : `${seconds / 60} minutes`}, per node. Times in UTC (GMT+0).`,
    );
    const legend = activityCard.querySelector('.legend');
    fit(legend, ids.length, () => element('li', '', element('span', 'swatch line'), ''));
    ids.forEach((id, i) => {
      legend.children[i].firstChild.style.setProperty('--swatch', color.get(id));
      text(legend.children[i].lastChild, nodes.find((n) => n.id === id)?.name ?? id);
    });
  }

  fill(summaries[0]);
  return { plots, fill };
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
    const bare = bareDashboard(host, variant === 'page');
    mounted = { variant, host, plots: bare.plots, fill: bare.fill };
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
      mounted.fill(summary);
    }
    await afterPaint();
  }
  return { redraws: count };
}
