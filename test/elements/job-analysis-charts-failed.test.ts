/**
 * An analysis whose chart code cannot be loaded (a lost connection, a chunk gone after a
 * new deployment) says so with a Retry; its tables, lists and keyboard readings are there
 * all the same. The page's requests for the chart code fail (`refuse-requests`, test/refused-requests.mjs)
 * until the test lets them through. A file of its own: a page loads the code once.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/elements/job-analysis/ac-job-analysis.js';
import type { AcJobAnalysis } from '../../src/elements/job-analysis/ac-job-analysis.js';
import { settle, simulatedCluster, waitFor, type Cluster } from './job-dashboard-fixtures.js';

const refuse = (urls: string[]) => executeServerCommand('refuse-requests', { urls });

describe('<ac-job-analysis> when its charts cannot be loaded', function () {
  this.timeout(60000);
  let cluster: Cluster;

  before(async () => {
    cluster = await simulatedCluster({ jobs: 2000, seed: 7 });
  });

  after(async () => {
    await refuse([]);
    cluster.store.dispose();
    cluster.source.close();
  });

  it('says so with a Retry, keeps the tables and the keyboard reading, and draws the charts once Retry loads them', async () => {
    await refuse(['*/job-analysis/charts/analysis-charts.*']);
    const el = await fixture<AcJobAnalysis>(
      html`<ac-job-analysis lang="en" .store=${cluster.store} style="display:block;width:1200px"></ac-job-analysis>`,
    );
    const root = el.shadowRoot!;
    const alert = await waitFor(
      () => [...root.querySelectorAll('[role=alert]')].find((e) => e.textContent!.includes('The charts could not be loaded.')),
      'the charts’ failure said',
    );
    expect(alert.textContent).to.contain('Their numbers are in the tables: Show as table.');
    await waitFor(() => root.querySelector('table.cells tbody tr'), 'the table per type and node');
    expect(root.querySelectorAll('canvas').length, 'no canvas').to.equal(0);
    expect(el.plots.histogram === undefined, 'no chart').to.equal(true);

    // The keyboard reads the histogram without its chart.
    const frame = root.querySelector<HTMLElement>('.plot-frame.focusable')!;
    frame.focus();
    frame.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }));
    await settle(el);
    expect(frame.querySelector('[aria-live]')!.textContent).to.match(
      /^under 1 s\. node 1: [\d,]+, node 2: [\d,]+, node 3: [\d,]+, node 4: [\d,]+\.$/,
    );
    // And its table is there.
    root.querySelector<HTMLButtonElement>('.table-toggle[aria-pressed]')!.click();
    await settle(el);
    expect(
      root.querySelectorAll('#title-histogram ~ * table tbody tr, section:has(#title-histogram) table tbody tr').length,
    ).to.be.greaterThan(0);

    await refuse([]);
    alert.querySelector('button')!.click();
    await waitFor(() => el.plots.histogram && el.plots.trends, 'the charts after Retry');
    await settle(el);
    expect(root.querySelectorAll('canvas').length).to.equal(2);
    expect(root.textContent).to.not.contain('The charts could not be loaded.');
  });
});
