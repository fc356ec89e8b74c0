/**
 * The manager's Analysis view, end to end against the reference server: its deep link
 * keeps the filters, its code loads when it opens, and its figures open the list and the
 * job behind them.
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/job-manager/ac-job-manager.js';
import type { AcJobManager } from '../../src/elements/job-manager/ac-job-manager.js';
import type { JobStoreApi } from '../../src/store/store-api.js';
import { closeServer, createServer, type TestServer } from '../server/helpers.js';
import { deepQuery, logIn, mountManager, waitFor } from './helpers.js';

const loaded = (path: string) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(path));

describe('<ac-job-manager>: the Analysis view', function () {
  this.timeout(60000);
  let server: TestServer;
  let manager: AcJobManager | undefined;
  const initialHash = location.hash;

  before(async () => {
    server = await createServer({ seed: 11, jobs: 400, nodes: 4 });
  });
  after(() => closeServer(server));
  afterEach(async () => {
    manager?.remove();
    manager = undefined;
    await fetch(`${server.base}/session`, { method: 'DELETE' });
    history.replaceState(history.state, '', initialHash || location.pathname + location.search);
  });

  const store = () => (manager as unknown as { activeStore: JobStoreApi }).activeStore;
  const analysisRoot = () => deepQuery(manager!, 'ac-job-analysis')?.shadowRoot;

  it('loads when it opens; its deep link keeps the filters; a count opens those jobs in the list', async () => {
    history.replaceState(history.state, '', '#/dashboard');
    manager = mountManager({ src: server.base });
    await logIn(manager, 'admin', 'admin');
    await waitFor(() => deepQuery(manager!, 'ac-job-dashboard'), 'the dashboard');
    expect(loaded('job-analysis/ac-job-analysis'), 'not loaded with the first view').to.equal(false);

    location.hash = '#/analysis?node=node-2&type=ARCHIVING';
    await waitFor(() => analysisRoot()?.querySelector('table.cells tbody tr'), 'the analysis table');
    expect(loaded('job-analysis/ac-job-analysis')).to.equal(true);
    expect(store().query.nodes).to.deep.equal(['node-2']);
    expect(store().query.types).to.deep.equal(['ARCHIVING']);
    const link = [...manager.shadowRoot!.querySelectorAll('nav a')].find((a) => a.textContent?.trim() === 'Analysis')!;
    expect(link.getAttribute('aria-current')).to.equal('page');
    expect(link.getAttribute('href')).to.match(/^#\/analysis\?/);
    await waitFor(() => store().analysis && !store().analysisLoading, 'the analysis for node 2');
    expect(
      store().analysis!.cells.every((c) => (c.node === null || c.node === 'node-2') && (c.type === null || c.type === 'ARCHIVING')),
    ).to.equal(true);

    // The finished jobs of the first row.
    const count = await waitFor(() => analysisRoot()!.querySelector<HTMLButtonElement>('table.cells tr td:nth-child(3) button'), 'a count');
    const expected = Number(count.textContent!.replace(/\D/g, ''));
    count.click();
    await waitFor(() => location.hash.startsWith('#/jobs?') && location.hash.includes('state=SUCCESSFUL&state=UNSUCCESSFUL'), 'the list');
    expect(location.hash).to.contain('node=node-2');
    await waitFor(
      () => deepQuery(manager!, 'ac-job-list') && store().status === 'ready' && store().total === expected,
      'those jobs listed',
    );
  });

  it('a job of its lists opens its detail', async () => {
    history.replaceState(history.state, '', '#/analysis');
    manager = mountManager({ src: server.base });
    await logIn(manager, 'admin', 'admin');
    const link = await waitFor(() => analysisRoot()?.querySelector<HTMLAnchorElement>('table.ranked a'), 'a slow job');
    const name = link.textContent!;
    link.click();
    const detail = await waitFor(() => deepQuery(manager!, 'ac-job-detail'), 'the detail');
    await waitFor(() => detail.shadowRoot?.querySelector('h2')?.textContent?.includes(name), 'the job’s name');
    expect(location.hash).to.match(/^#\/jobs\/j\d+/);
  });
});
