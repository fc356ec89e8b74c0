import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type uPlot from 'uplot';
import '../../src/elements/job-dashboard/ac-job-dashboard.js';
import type { AcJobDashboard } from '../../src/elements/job-dashboard/ac-job-dashboard.js';
import { STACK_ORDER } from '../../src/elements/job-dashboard/charts/chart-data.js';
import { normalizeColor } from '../../src/elements/job-dashboard/charts/chart-colors.js';
import { nodeColor } from '../../src/elements/shared/colors.js';
import { JOB_STATES, JOB_TYPES, type JobQuery, type JobState } from '../../src/model/index.js';
import { JobStore } from '../../src/store/job-store.js';
import {
  byState,
  byType,
  countBy,
  expectedJobs,
  failingSource,
  readCount,
  settle,
  nextTask,
  simulatedCluster,
  waitFor,
  type Cluster,
} from './job-dashboard-fixtures.js';

const NODE_IDS = ['node-1', 'node-2', 'node-3', 'node-4'];

async function mount(cluster: Cluster): Promise<AcJobDashboard> {
  const el = await fixture<AcJobDashboard>(html`<ac-job-dashboard lang="en" .store=${cluster.store}></ac-job-dashboard>`);
  await settle(el);
  // The charts' code loads when a dashboard first shows.
  await waitFor(() => el.plots.activity, 'the charts');
  return el;
}

function shadow(el: AcJobDashboard): ShadowRoot {
  return el.shadowRoot!;
}

function indicatorCounts(el: AcJobDashboard): Record<JobState, number> {
  return Object.fromEntries(
    JOB_STATES.map((state) => [
      state,
      readCount(shadow(el).querySelector(`.indicator[data-state=${state}] .indicator-count`)?.textContent),
    ]),
  ) as Record<JobState, number>;
}

function indicator(el: AcJobDashboard, state: JobState): HTMLButtonElement {
  return shadow(el).querySelector<HTMLButtonElement>(`.indicator[data-state=${state}]`)!;
}

/** Per node (display order) and state, the height of each segment of the node chart. */
function nodeSegments(plot: uPlot): Record<string, Record<JobState, number>> {
  const data = plot.data as unknown as number[][];
  const result: Record<string, Record<JobState, number>> = {};
  NODE_IDS.forEach((id, i) => {
    const segments = {} as Record<JobState, number>;
    STACK_ORDER.forEach((state, k) => {
      segments[state] = data[k + 1]![i]! - (k === 0 ? 0 : data[k]![i]!);
    });
    result[id] = segments;
  });
  return result;
}

function expectedNodeSegments(cluster: Cluster): Record<string, Record<JobState, number>> {
  const jobs = expectedJobs(cluster);
  return Object.fromEntries(NODE_IDS.map((id) => [id, byState(jobs.filter((j) => j.node === id))]));
}

/** Moves the pointer onto a point of the plot area (CSS pixels inside it), then clicks there, as a mouse does. */
function clickPlot(plot: uPlot, left: number, top: number): void {
  const rect = plot.over.getBoundingClientRect();
  const at = { clientX: rect.left + left, clientY: rect.top + top, bubbles: true, button: 0 };
  for (const type of ['mouseenter', 'mousemove', 'mousedown', 'mouseup', 'click']) plot.over.dispatchEvent(new MouseEvent(type, at));
}

const COMBINATIONS: Partial<JobQuery>[] = [
  {},
  { period: { kind: 'last-days', days: 3 } },
  { states: ['RUNNING', 'SCHEDULED'], period: { kind: 'last-days', days: 30 } },
  { nodes: ['node-2'], types: ['COPY', 'STORAGE'] },
  { stages: ['INTERRUPTED_ON_ERROR', 'NORMALLY'], period: { kind: 'last-days', days: 7 } },
  { period: { kind: 'range', from: '2025-10-10T00:00:00.000Z', to: '2025-10-15T00:00:00.000Z' }, types: ['ARCHIVING'] },
  { q: 'tape' },
];

describe('<ac-job-dashboard>', () => {
  let cluster: Cluster;

  // One simulated cluster for the file (building it is the slow part); each test starts from no filter.
  before(async () => {
    cluster = await simulatedCluster();
  });

  beforeEach(() => {
    cluster.store.resetFilters(true);
  });

  after(() => {
    cluster.store.dispose();
    cluster.source.close();
  });

  it('shows per state the number of jobs the filters select, for several filter combinations', async () => {
    const el = await mount(cluster);
    const totals = new Set<number>();
    for (const combination of COMBINATIONS) {
      cluster.store.resetFilters(true);
      cluster.store.setQuery(combination);
      await settle(el);
      const jobs = expectedJobs(cluster);
      expect(indicatorCounts(el), JSON.stringify(combination)).to.deep.equal(byState(jobs));
      totals.add(jobs.length);
    }
    // The combinations really narrow the selection, each its own way.
    expect(totals.size).to.equal(COMBINATIONS.length);
  });

  it('feeds each chart exactly the aggregates of the selected jobs', async () => {
    const el = await mount(cluster);
    for (const combination of COMBINATIONS.slice(0, 5)) {
      cluster.store.resetFilters(true);
      cluster.store.setQuery(combination);
      await settle(el);
      const jobs = expectedJobs(cluster);
      const { nodes, types, activity } = el.plots;
      expect(nodeSegments(nodes!), 'jobs per node').to.deep.equal(expectedNodeSegments(cluster));
      expect(types!.data[1], 'jobs per type').to.deep.equal(JOB_TYPES.map((type) => byType(jobs)[type]));

      // The activity: jobs created per bucket and node, counted again from the raw jobs.
      const x = activity!.data[0] as number[];
      const bucketSeconds = cluster.store.summary!.timeline.bucketSeconds;
      expect(x.length).to.be.greaterThan(0);
      NODE_IDS.forEach((id, n) => {
        const expected = x.map(() => 0);
        for (const job of jobs) {
          if (job.node !== id) continue;
          const bucket = Math.floor((Date.parse(job.createdAt) / 1000 - x[0]!) / bucketSeconds);
          if (bucket >= 0 && bucket < x.length) expected[bucket]!++;
        }
        expect(activity!.data[n + 1], `activity of ${id}`).to.deep.equal(expected);
      });
    }
  });

  it('narrows the state filter from an indicator and tells the host page', async () => {
    const el = await mount(cluster);
    const button = indicator(el, 'UNSUCCESSFUL');
    setTimeout(() => button.click());
    const event = await oneEvent(document, 'ac-state-select');
    expect(event.detail).to.deep.equal({ state: 'UNSUCCESSFUL' });
    expect(cluster.store.query.states).to.deep.equal(['UNSUCCESSFUL']);
    await settle(el);
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(indicatorCounts(el).SUCCESSFUL).to.equal(0);
    const unsuccessful = byState(expectedJobs(cluster)).UNSUCCESSFUL;
    expect(unsuccessful).to.be.greaterThan(0);
    expect(indicatorCounts(el).UNSUCCESSFUL).to.equal(unsuccessful);
    // Activating it again shows every state again.
    button.click();
    expect(cluster.store.query.states).to.deep.equal([]);
  });

  it('narrows the node filter when a node bar is clicked, and the type filter from a type bar', async () => {
    const el = await mount(cluster);
    const nodes = el.plots.nodes!;
    const nodeEvent = oneEvent(el, 'ac-node-select');
    clickPlot(nodes, nodes.valToPos(2, 'x'), nodes.valToPos(5, 'y'));
    expect((await nodeEvent).detail).to.deep.equal({ nodeId: 'node-3' });
    expect(cluster.store.query.nodes).to.deep.equal(['node-3']);
    await settle(el);
    const segments = nodeSegments(el.plots.nodes!);
    expect(Object.values(segments['node-1']!).every((n) => n === 0)).to.equal(true);
    expect(Object.values(segments['node-3']!).reduce((a, b) => a + b)).to.equal(expectedJobs(cluster).length);

    const types = el.plots.types!;
    // Horizontal bars: the type index runs down the plot, counts across.
    clickPlot(types, types.valToPos(3, 'y'), types.valToPos(JOB_TYPES.indexOf('STORAGE'), 'x'));
    expect(cluster.store.query.types).to.deep.equal(['STORAGE']);
    expect(cluster.store.query.nodes).to.deep.equal(['node-3']);
  });

  it('updates counts and bars in place when jobs change, once per store notification', async () => {
    const el = await mount(cluster);
    const plots = { ...el.plots };
    const before = indicatorCounts(el);
    let feeds = 0;
    const setData = plots.nodes!.setData.bind(plots.nodes!);
    plots.nodes!.setData = (data, resetScales) => {
      feeds++;
      setData(data, resetScales);
    };
    // Three bursts of simulated activity before the store tells its subscribers.
    let events = 0;
    for (let i = 0; i < 3; i++) events += cluster.simulator.advance(15 * 60_000).length;
    expect(events).to.be.greaterThan(0);
    const expected = byState(expectedJobs(cluster));
    // Live counts are drawn within a quarter of a second.
    await waitFor(() => JSON.stringify(indicatorCounts(el)) === JSON.stringify(expected), 'the new counts');
    await settle(el);
    expect(indicatorCounts(el)).not.to.deep.equal(before);
    expect(nodeSegments(el.plots.nodes!)).to.deep.equal(expectedNodeSegments(cluster));
    expect(el.plots.nodes).to.equal(plots.nodes);
    expect(el.plots.types).to.equal(plots.types);
    expect(el.plots.activity).to.equal(plots.activity);
    expect(feeds).to.equal(1);
  });

  it('redraws for live updates at most four times a second, and at once for a new filter', async () => {
    const el = await mount(cluster);
    const plot = el.plots.nodes!;
    const drawnAt: number[] = [];
    const setData = plot.setData.bind(plot);
    plot.setData = (data, resetScales) => {
      drawnAt.push(performance.now());
      setData(data, resetScales);
    };
    // A burst of live activity every frame for 0.8 s.
    const started = performance.now();
    while (performance.now() - started < 800) {
      cluster.simulator.advance(10 * 60_000);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await waitFor(() => JSON.stringify(indicatorCounts(el)) === JSON.stringify(byState(expectedJobs(cluster))), 'the last counts');
    expect(drawnAt.length, 'redraws in 0.8 s of live updates').to.be.within(2, 5);
    const gaps = drawnAt.slice(1).map((t, i) => t - drawnAt[i]!);
    expect(Math.min(...gaps)).to.be.at.least(240);
    // A filter is not a live update: drawn at the next frame.
    const before = drawnAt.length;
    const asked = performance.now();
    cluster.store.setQuery({ states: ['RUNNING'] });
    await waitFor(() => drawnAt.length > before, 'the filtered chart');
    expect(drawnAt.at(-1)! - asked).to.be.below(200);
  });

  it('gives each node its colour and reads the theme colours again when the theme changes', async () => {
    const el = await mount(cluster);
    for (const swatch of shadow(el).querySelectorAll<HTMLElement>('.chips [data-node]')) {
      const id = swatch.dataset['node']!;
      expect(swatch.style.getPropertyValue('--swatch')).to.equal(nodeColor(id, cluster.store.nodes));
    }
    const plot = el.plots.nodes!;
    const axisColor = () => (plot.axes[0]!.stroke as unknown as (u: uPlot, i: number) => string)(plot, 0);
    el.theme = 'light';
    await settle(el);
    const light = axisColor();
    el.theme = 'dark';
    await settle(el);
    const dark = axisColor();
    expect(light).to.equal(normalizeColor('#1b1f24', ''));
    expect(dark).to.equal(normalizeColor(getComputedStyle(el).getPropertyValue('--ac-color-text').trim(), ''));
    expect(dark).not.to.equal(light);
    expect(el.plots.nodes).to.equal(plot);
  });

  it('resizes its charts with their container', async () => {
    const el = await mount(cluster);
    const container = shadow(el).querySelector<HTMLElement>('#plot-activity')!;
    const plot = el.plots.activity!;
    el.style.width = '420px';
    await waitFor(() => plot.width === Math.floor(container.clientWidth), 'the chart to narrow');
    expect(plot.width).to.be.lessThan(420);
    el.style.width = '900px';
    await waitFor(() => plot.width === Math.floor(container.clientWidth), 'the chart to widen');
    expect(plot.width).to.be.greaterThan(700);
    expect(el.plots.activity).to.equal(plot);
  });

  it('shows the same numbers as a table on demand', async () => {
    const el = await mount(cluster);
    const card = shadow(el).querySelector('.card.nodes')!;
    const toggle = card.querySelector<HTMLButtonElement>('.table-toggle')!;
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(card.querySelector<HTMLElement>('.plot-frame')!.hidden).to.equal(true);
    const rows = [...card.querySelectorAll('tbody tr')];
    expect(rows.length).to.equal(4);
    const expected = expectedNodeSegments(cluster);
    rows.forEach((row, i) => {
      const cells = [...row.querySelectorAll('td')].map((td) => readCount(td.textContent));
      const states = [...STACK_ORDER].reverse();
      expect(cells).to.deep.equal([
        ...states.map((s) => expected[NODE_IDS[i]!]![s]),
        states.reduce((sum, s) => sum + expected[NODE_IDS[i]!]![s], 0),
      ]);
    });
  });

  it('makes the activity table only when asked for, then a row per period with its total', async () => {
    const el = await mount(cluster);
    const card = shadow(el).querySelector('.card.activity')!;
    expect(card.querySelector('table'), 'no table while the chart shows').to.equal(null);
    card.querySelector<HTMLButtonElement>('.table-toggle')!.click();
    await el.updateComplete;
    const rows = [...card.querySelectorAll('tbody tr')];
    const data = el.plots.activity!.data;
    expect(rows.length).to.equal((data[0] as number[]).length);
    const totals = rows.map((row) => readCount(row.lastElementChild!.textContent));
    const expected = (data[0] as number[]).map((_, i) => data.slice(1).reduce((sum, series) => sum + ((series as number[])[i] ?? 0), 0));
    expect(totals).to.deep.equal(expected);
    expect(totals.reduce((a, b) => a + b, 0)).to.equal(expectedJobs(cluster).length);
    card.querySelector<HTMLButtonElement>('.table-toggle')!.click();
    await el.updateComplete;
    expect(card.querySelector('table')).to.equal(null);
  });

  it('gives exact counts on keyboard focus: node buttons and the activity chart', async () => {
    const el = await mount(cluster);
    const chip = shadow(el).querySelectorAll<HTMLButtonElement>('.card.nodes .chip')[1]!;
    chip.focus();
    const tip = shadow(el).querySelector<HTMLElement>('#plot-nodes .tip')!;
    expect(tip.hidden).to.equal(false);
    const total = expectedJobs(cluster).filter((j) => j.node === 'node-2').length;
    expect(tip.textContent).to.contain('node 2').and.to.contain(total.toLocaleString('en-GB'));
    chip.blur();
    expect(tip.hidden).to.equal(true);

    const frame = shadow(el).querySelector<HTMLElement>('.card.activity .plot-frame')!;
    frame.focus();
    frame.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    frame.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await el.updateComplete;
    const live = frame.querySelector('[aria-live]')!;
    expect(live.textContent).to.match(/node 1: \d+, node 2: \d+, node 3: \d+, node 4: \d+\./);
    expect(el.plots.activity!.cursor.idx).to.equal((el.plots.activity!.data[0] as number[]).length - 2);
  });

  it('says when no job matches, and offers to widen the period or reset the filters', async () => {
    const el = await mount(cluster);
    cluster.store.setQuery({ period: { kind: 'range', from: '2001-01-01T00:00:00.000Z', to: '2001-01-08T00:00:00.000Z' } });
    await settle(el);
    let status = shadow(el).querySelector('.status.empty')!;
    expect(status.textContent).to.contain('No job in this period.');
    expect(shadow(el).querySelector<HTMLElement>('.cards')!.hidden).to.equal(true);
    [...status.querySelectorAll('button')].find((b) => b.textContent!.includes('Show all time'))!.click();
    expect(cluster.store.query.period).to.deep.equal({ kind: 'all' });

    cluster.store.setQuery({ stages: ['NO_SUCH_STAGE'] });
    await settle(el);
    status = shadow(el).querySelector('.status.empty')!;
    expect(status.textContent).to.contain('No job matches these filters.');
    [...status.querySelectorAll('button')].find((b) => b.textContent!.includes('Reset filters'))!.click();
    expect(cluster.store.query.stages).to.deep.equal([]);
    await settle(el);
    expect(shadow(el).querySelector('.status.empty')).to.equal(null);
  });

  it('says in plain words when the jobs cannot be loaded, and retries', async () => {
    const { simulator, source } = cluster;
    const flaky = failingSource(source, 1);
    const store = new JobStore(flaky, { clock: () => simulator.now, scheduleFrame: nextTask });
    const el = await fixture<AcJobDashboard>(html`<ac-job-dashboard lang="en" .store=${store}></ac-job-dashboard>`);
    await store.start();
    await settle(el);
    const alert = shadow(el).querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('The server cannot be reached');
    alert.querySelector('button')!.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await settle(el);
    expect(flaky.calls).to.equal(2);
    expect(shadow(el).querySelector('[role=alert]')).to.equal(null);
    expect(indicatorCounts(el)).to.deep.equal(byState([...simulator.jobs()]));
    store.dispose();
  });

  it('speaks French with lang="fr"', async () => {
    const el = await fixture<AcJobDashboard>(html`<ac-job-dashboard lang="fr" .store=${cluster.store}></ac-job-dashboard>`);
    await settle(el);
    expect(indicator(el, 'SCHEDULED').textContent).to.contain('Planifié');
    expect(shadow(el).querySelector('.card.nodes h2')!.textContent).to.equal('Tâches par nœud');
    const total = countBy(expectedJobs(cluster), (j) => j.node, NODE_IDS)['node-1']!;
    expect(shadow(el).querySelector('.card.nodes .chip .chip-count')!.textContent).to.equal(new Intl.NumberFormat('fr-FR').format(total));
  });

  it('has no accessibility violation, in light and dark', async function () {
    // axe takes seconds on a loaded machine (most of it the first time, loading its rules).
    this.timeout(60_000);
    const el = await mount(cluster);
    el.theme = 'light';
    await settle(el);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await settle(el);
    await expect(el).to.be.accessible();
  });
});
