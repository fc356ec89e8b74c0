/**
 * demo/examples/bundle.html: the whole manager from the no-build entry
 * dist/cdn/ac-job-manager.js, against the real reference server, under the strict policy;
 * each view's code loads when the view opens.
 */
import { expect } from '@open-wc/testing';
import { jobComparator } from '../../src/source/job-query.js';
import { TestServer } from '../source/test-server.js';
import { deepQuery, listRow, logIn, openExample, waitFor, type ExampleFrame } from './example-frame.js';

describe('example: no build step', function () {
  this.timeout(60000);
  let server: TestServer;
  let page: ExampleFrame | undefined;

  before(async () => {
    server = await TestServer.create({ seed: 21, nodes: 3, jobs: 200 });
  });
  after(async () => {
    page?.close();
    await fetch(`${server.base}/session`, { method: 'DELETE' });
    await server.close();
  });

  it('loads the entry, then each view when it opens; logs in, lists the jobs and opens one through ac-job-open, with no policy violation', async () => {
    page = await openExample('/demo/examples/bundle.html', server.base);
    const { doc } = page;
    const scripts = [...doc.querySelectorAll('script')].filter((s) => !s.src.includes('__web-dev-server'));
    expect(scripts.map((s) => [s.type, s.getAttribute('src')])).to.deep.equal([['module', 'bundle.js']]);
    expect(doc.querySelector('script[type=importmap]')).to.equal(null);

    /** The scripts the frame has loaded, but the test runner's own. */
    const scriptsLoaded = () =>
      doc
        .defaultView!.performance.getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.endsWith('.js') && !path.includes('__web-dev-server'));

    await logIn(doc, 'admin', 'admin');
    const manager = await waitFor(() => doc.querySelector('ac-job-manager'), 'the manager');
    await waitFor(() => deepQuery(doc, 'ac-job-dashboard')?.shadowRoot?.querySelector('canvas'), 'the dashboard drawn');
    let loaded = scriptsLoaded();
    expect(loaded.filter((path) => !path.startsWith('/dist/cdn/chunks/'))).to.have.members([
      '/demo/examples/bundle.js',
      '/demo/examples/api-base.js',
      '/dist/cdn/ac-job-manager.js',
      // the manager's own parts: the header's status, and the log-in form the API asked for
      '/dist/cdn/ac-connection-status.js',
      '/dist/cdn/ac-login-form.js',
      '/dist/cdn/ac-job-filters.js',
      '/dist/cdn/ac-job-dashboard.js',
    ]);
    // The dashboard's charts: uPlot and their code, in a chunk of their own.
    expect(loaded.filter((path) => /^\/dist\/cdn\/chunks\/dashboard-charts-[\w-]+\.js$/.test(path))).to.have.length(1);

    const jobsLink = [...manager.shadowRoot!.querySelectorAll<HTMLAnchorElement>('nav a')].find((a) => a.textContent?.trim() === 'Jobs')!;
    jobsLink.click();
    const list = await waitFor(() => deepQuery(doc, 'ac-job-list'), 'the job list');
    const { jobs } = await server.state();
    const newest = [...jobs].sort(jobComparator('createdAt', 'desc'))[0]!;
    const row = await waitFor(
      () => (listRow(list, 0)?.textContent?.includes(newest.name) ? listRow(list, 0) : undefined),
      'the newest job in the first row',
    );
    // The export button loads beside the list, not waited for: it may come after the rows.
    await waitFor(() => deepQuery(doc, 'ac-export-button:defined'), 'the export button');
    loaded = scriptsLoaded();
    expect(loaded).to.include.members(['/dist/cdn/ac-job-list.js', '/dist/cdn/ac-export-button.js']);
    expect(loaded).not.to.include('/dist/cdn/ac-job-detail.js');

    const opened = new Promise<CustomEvent<{ id: string }>>((resolve) =>
      doc.addEventListener('ac-job-open', (e) => resolve(e as CustomEvent<{ id: string }>), { once: true }),
    );
    row.click();
    expect((await opened).detail.id).to.equal(newest.id);
    const detail = await waitFor(() => deepQuery(doc, 'ac-job-detail'), 'the job detail');
    await waitFor(() => detail.shadowRoot?.querySelector('h2')?.textContent?.includes(newest.name), 'the job name in the detail');
    expect(scriptsLoaded()).to.include('/dist/cdn/ac-job-detail.js');
    expect(page.frame.contentWindow!.location.hash).to.match(new RegExp(`^#/jobs/${encodeURIComponent(newest.id)}`));

    const analysisLink = [...manager.shadowRoot!.querySelectorAll<HTMLAnchorElement>('nav a')].find(
      (a) => a.textContent?.trim() === 'Analysis',
    )!;
    analysisLink.click();
    const analysis = await waitFor(() => deepQuery(doc, 'ac-job-analysis'), 'the analysis');
    await waitFor(() => analysis.shadowRoot?.querySelectorAll('canvas').length === 2, 'the analysis drawn');
    // The analysis's charts: their code in a chunk of its own (uPlot came with the dashboard's), and their stylesheet with it.
    expect(scriptsLoaded().filter((path) => /^\/dist\/cdn\/chunks\/analysis-charts-[\w-]+\.js$/.test(path))).to.have.length(1);
    expect(getComputedStyle(analysis.shadowRoot!.querySelector('.tip')!).position, 'the charts’ stylesheet').to.equal('absolute');

    await page.expectNoViolations();
  });

  it('with a session already open, downloads no log-in form; the export button comes with the list', async () => {
    page?.close();
    // The session of the test above (the cookie of the server's origin) is still open.
    page = await openExample('/demo/examples/bundle.html', server.base);
    const { doc } = page;
    const dashboard = await waitFor(() => deepQuery(doc, 'ac-job-dashboard'), 'the dashboard');
    await waitFor(() => dashboard.shadowRoot?.querySelector('canvas'), 'the dashboard drawn');
    const scriptsLoaded = () =>
      doc
        .defaultView!.performance.getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.startsWith('/dist/cdn/') && !path.startsWith('/dist/cdn/chunks/'));
    expect(scriptsLoaded()).to.have.members([
      '/dist/cdn/ac-job-manager.js',
      '/dist/cdn/ac-connection-status.js',
      '/dist/cdn/ac-job-filters.js',
      '/dist/cdn/ac-job-dashboard.js',
    ]);
    const manager = doc.querySelector('ac-job-manager')!;
    [...manager.shadowRoot!.querySelectorAll<HTMLAnchorElement>('nav a')].find((a) => a.textContent?.trim() === 'Jobs')!.click();
    const list = await waitFor(() => deepQuery(doc, 'ac-job-list'), 'the job list');
    await waitFor(() => listRow(list, 0), 'a job in the list');
    await waitFor(() => deepQuery(doc, 'ac-export-button:defined'), 'the export button');
    expect(scriptsLoaded()).to.include('/dist/cdn/ac-export-button.js').and.not.include('/dist/cdn/ac-login-form.js');
    await page.expectNoViolations();
  });
});
