/**
 * The dashboard's numbers do not wait for its charts: uPlot and the chart code load when a
 * dashboard first shows, and the charts then appear in the room kept for them. Nothing in
 * this file imports the chart code, so the first dashboard below is drawn before it has
 * come (its load needs a request; the first render needs none).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/job-dashboard/ac-job-dashboard.js';
import type { AcJobDashboard } from '../../src/elements/job-dashboard/ac-job-dashboard.js';
import { CHART_HEIGHT } from '../../src/elements/job-dashboard/charts/chart-heights.js';
import { JOB_STATES, JOB_TYPES } from '../../src/model/index.js';
import { byState, byType, expectedJobs, readCount, settle, simulatedCluster, waitFor, type Cluster } from './job-dashboard-fixtures.js';

/** The scripts the page has requested whose path contains `part`. */
const requested = (part: string) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.includes(part));

describe('<ac-job-dashboard> before and after its charts load', function () {
  this.timeout(60000);
  let cluster: Cluster;

  before(async () => {
    cluster = await simulatedCluster();
  });

  after(() => {
    cluster.store.dispose();
    cluster.source.close();
  });

  it('shows the counts, the filter buttons and the tables at once, then the charts in place, nothing moved', async () => {
    expect(requested('uPlot'), 'uPlot before any dashboard showed').to.deep.equal([]);
    const el = await fixture<AcJobDashboard>(html`<ac-job-dashboard lang="en" .store=${cluster.store}></ac-job-dashboard>`);
    const root = el.shadowRoot!;
    const jobs = expectedJobs(cluster);

    // The first render: every number, no chart yet.
    expect(el.plots.nodes, 'no chart at the first render').to.equal(undefined);
    expect(root.querySelector('canvas')).to.equal(null);
    const counts = Object.fromEntries(
      JOB_STATES.map((state) => [state, readCount(root.querySelector(`.indicator[data-state=${state}] .indicator-count`)?.textContent)]),
    );
    expect(counts).to.deep.equal(byState(jobs));
    const typeChips = [...root.querySelectorAll('.card.types .chip-count')].map((chip) => readCount(chip.textContent));
    expect(typeChips).to.deep.equal(JOB_TYPES.map((type) => byType(jobs)[type]));
    const typeCells = [...root.querySelectorAll('.card.types tbody td')].map((cell) => readCount(cell.textContent));
    expect(typeCells, 'the table screen readers read').to.deep.equal(typeChips);
    const nodeRows = root.querySelectorAll('.card.nodes tbody tr');
    expect(nodeRows.length).to.equal(4);

    const boxes = () =>
      [...root.querySelectorAll<HTMLElement>('.card, .plot')].map((box) => {
        const { top, height } = box.getBoundingClientRect();
        return `${box.className}: ${Math.round(top)} ${Math.round(height)}`;
      });
    const before = boxes();
    for (const key of ['nodes', 'types', 'activity'] as const) {
      expect(root.querySelector<HTMLElement>(`.card.${key} .plot`)!.offsetHeight, `room for ${key}`).to.equal(CHART_HEIGHT[key]);
    }

    const { nodes, types, activity } = await waitFor(() => el.plots.activity && el.plots, 'the charts');
    await settle(el);
    expect(requested('uPlot').length, 'uPlot, loaded once').to.equal(1);
    expect(root.querySelectorAll('canvas').length).to.equal(3);
    expect(types!.data[1], 'the charts show the same numbers').to.deep.equal(typeChips);
    expect([nodes!.height, types!.height, activity!.height]).to.deep.equal([CHART_HEIGHT.nodes, CHART_HEIGHT.types, CHART_HEIGHT.activity]);
    expect(boxes(), 'the cards and plots where they were').to.deep.equal(before);
  });

  it('draws the charts of a dashboard added later at once, with the code already loaded', async () => {
    const el = await fixture<AcJobDashboard>(html`<ac-job-dashboard lang="en" .store=${cluster.store}></ac-job-dashboard>`);
    await waitFor(() => el.plots.activity, 'the charts');
    expect(requested('uPlot').length, 'no second load').to.equal(1);
  });
});
