/**
 * The analysis's tables and lists do not wait for its charts: uPlot and the chart code load
 * when an analysis first shows, and the charts then appear in the room kept for them.
 * Nothing in this file imports the chart code, so the first analysis below is drawn before
 * it has come (its load needs a request; the first render needs none).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/job-analysis/ac-job-analysis.js';
import type { AcJobAnalysis } from '../../src/elements/job-analysis/ac-job-analysis.js';
import { CHART_HEIGHT } from '../../src/elements/job-analysis/charts/chart-heights.js';
import { analyze } from '../../src/source/job-analysis.js';
import { toListParams } from '../../src/source/job-query.js';
import { expectedJobs, readCount, settle, simulatedCluster, waitFor, type Cluster } from './job-dashboard-fixtures.js';

/** The scripts the page has requested whose path contains `part`. */
const requested = (part: string) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.includes(part));

const mount = (cluster: Cluster) =>
  fixture<AcJobAnalysis>(html`<ac-job-analysis lang="en" .store=${cluster.store} style="display:block;width:1200px"></ac-job-analysis>`);

describe('<ac-job-analysis> before and after its charts load', function () {
  this.timeout(60000);
  let cluster: Cluster;
  let stopWatching: () => void;

  before(async () => {
    cluster = await simulatedCluster({ jobs: 3000, seed: 5 });
    // The analysis is there before the element: its first render has every figure.
    stopWatching = cluster.store.watchAnalysis();
    await waitFor(() => cluster.store.analysis, 'the analysis');
  });

  after(() => {
    stopWatching();
    cluster.store.dispose();
    cluster.source.close();
  });

  it('shows the tables and lists at once, then the charts in the room kept for them, nothing moved', async () => {
    expect(requested('uPlot'), 'uPlot before any analysis showed').to.deep.equal([]);
    const el = await mount(cluster);
    const root = el.shadowRoot!;
    const reference = analyze(expectedJobs(cluster), toListParams(cluster.store.query, cluster.simulator.now), cluster.simulator.now);

    // The first render: every figure, no chart yet.
    // Flags and counts, not the objects: a failed assertion's values go to the test runner, which cannot copy them.
    expect(el.plots.histogram === undefined, 'no chart at the first render').to.equal(true);
    expect(root.querySelectorAll('canvas').length, 'no canvas').to.equal(0);
    const rows = [...root.querySelectorAll('table.cells tbody tr')];
    expect(rows.length, 'a row per cell').to.equal(reference.cells.length);
    const overall = rows.find((row) => row.querySelector('th')!.textContent!.trim() === 'All types')!;
    const all = reference.cells.find((cell) => cell.type === null && cell.node === null)!;
    expect(readCount(overall.querySelector('td')!.textContent), 'finished jobs, all types and nodes').to.equal(all.finished);
    expect(root.querySelectorAll('table.stops tbody tr').length, 'why jobs stop').to.be.greaterThan(0);
    const ranked = [...root.querySelectorAll('table.ranked')].map((table) =>
      [...table.querySelectorAll('tbody th')].map((th) => th.textContent!.trim()),
    );
    expect(ranked).to.deep.equal([reference.slowest.map((r) => r.job.name), reference.longestWaiting.map((r) => r.job.name)]);
    expect(root.querySelectorAll('.legend li').length, 'the legends, a node each').to.equal(8);

    const boxes = () =>
      [...root.querySelectorAll<HTMLElement>('.card, .plot, .legend')].map((box) => {
        const { top, height } = box.getBoundingClientRect();
        return `${box.className || box.id}: ${Math.round(top)} ${Math.round(height)}`;
      });
    const before = boxes();
    for (const key of ['histogram', 'trends'] as const) {
      expect(root.querySelector<HTMLElement>(`#plot-${key}`)!.offsetHeight, `room for ${key}`).to.equal(CHART_HEIGHT[key]);
    }

    const { histogram, trends } = await waitFor(() => el.plots.histogram && el.plots.trends && el.plots, 'the charts');
    await settle(el);
    expect(requested('uPlot').length, 'uPlot, loaded once').to.equal(1);
    expect(root.querySelectorAll('canvas').length).to.equal(2);
    const node1 = reference.cells.find((cell) => cell.type === null && cell.node === 'node-1')!;
    const drawn = (histogram!.data[1] as number[]).slice(0, -1);
    const sum = (counts: readonly number[]) => counts.reduce((total, n) => total + n, 0);
    expect(sum(drawn), 'the histogram counts the runs of node 1').to.equal(sum(node1.runHistogram));
    expect([histogram!.height, trends!.height]).to.deep.equal([CHART_HEIGHT.histogram, CHART_HEIGHT.trends]);
    expect(boxes(), 'the cards, plots and legends where they were').to.deep.equal(before);
  });

  it('draws the charts of an analysis added later at once, with the code already loaded', async () => {
    const el = await mount(cluster);
    await waitFor(() => el.plots.histogram && el.plots.trends, 'the charts');
    expect(requested('uPlot').length, 'no second load').to.equal(1);
  });
});
