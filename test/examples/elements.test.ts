/**
 * demo/examples/elements.html: filters, dashboard, list and detail placed by the page and
 * sharing one <ac-job-source>, against the real reference server, under the strict policy.
 */
import { expect } from '@open-wc/testing';
import { jobComparator, jobMatcher } from '../../src/source/job-query.js';
import type { Job } from '../../src/model/index.js';
import { TestServer } from '../source/test-server.js';
import { listRow, logIn, openExample, waitFor, type ExampleFrame } from './example-frame.js';

function count(jobs: Job[], state: Job['state']): string {
  return String(jobs.filter((job) => job.state === state).length);
}

describe('example: the four elements sharing one source', function () {
  this.timeout(60000);
  let server: TestServer;
  let page: ExampleFrame | undefined;

  before(async () => {
    server = await TestServer.create({ seed: 22, nodes: 3, jobs: 200 });
  });
  after(async () => {
    page?.close();
    await fetch(`${server.base}/session`, { method: 'DELETE' });
    await server.close();
  });

  it('logs in, filters every element at once, and opens a list row in the detail beside it, with no policy violation', async () => {
    page = await openExample('/demo/examples/elements.html', server.base);
    const { doc } = page;
    const layout = doc.getElementById('layout')!;
    await waitFor(() => layout.hidden, 'the jobs hidden until the user logs in');
    await logIn(doc, 'admin', 'admin');
    await waitFor(() => !layout.hidden && doc.getElementById('login')!.hidden, 'the jobs after logging in');

    const source = doc.querySelector('ac-job-source')!;
    const [filters, dashboard, list, detail] = ['ac-job-filters', 'ac-job-dashboard', 'ac-job-list', 'ac-job-detail'].map(
      (tag) => doc.querySelector(tag) as HTMLElement,
    );
    expect([filters, dashboard, list, detail].map((element) => element!.getAttribute('source'))).to.deep.equal([
      'jobs',
      'jobs',
      'jobs',
      'jobs',
    ]);
    expect(source.parentElement, 'the elements are the page’s, not the source’s children').to.equal(doc.body);

    const { jobs } = await server.state();
    const newest = [...jobs].sort(jobComparator('createdAt', 'desc'));
    await waitFor(() => listRow(list!, 0)?.textContent?.includes(newest[0]!.name), 'the newest job first in the list');
    const unsuccessful = () =>
      dashboard!.shadowRoot!.querySelector('.indicator[data-state=UNSUCCESSFUL] .indicator-count')?.textContent?.replace(/\D/g, '');
    await waitFor(() => unsuccessful() === count(jobs, 'UNSUCCESSFUL'), 'the dashboard’s count of unsuccessful jobs');

    // One filter narrows the dashboard and the list together: they share the source's store.
    const chip = await waitFor(
      () => [...filters!.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.chip')].find((b) => b.textContent?.includes('node 2')),
      'the node 2 chip',
    );
    chip.click();
    const onNode2 = jobs.filter(jobMatcher({ node: ['node-2'] }));
    const newestOnNode2 = [...onNode2].sort(jobComparator('createdAt', 'desc'))[0]!;
    await waitFor(() => unsuccessful() === count(onNode2, 'UNSUCCESSFUL'), 'the dashboard narrowed to node 2');
    const row = await waitFor(
      () => (listRow(list!, 0)?.textContent?.includes(newestOnNode2.name) ? listRow(list!, 0) : undefined),
      'the list narrowed to node 2',
    );

    expect(detail!.hidden).to.equal(true);
    row.click();
    await waitFor(
      () => !detail!.hidden && detail!.shadowRoot?.querySelector('h2')?.textContent?.includes(newestOnNode2.name),
      'the job in the detail',
    );
    const listBox = list!.getBoundingClientRect();
    const detailBox = detail!.getBoundingClientRect();
    expect(detailBox.left, 'the detail is beside the list').to.be.at.least(listBox.right);
    expect(detailBox.top).to.be.below(listBox.bottom);
    expect(doc.getElementById('detail-hint')!.hidden).to.equal(true);

    // Back: the detail closes and the hint returns.
    detail!.shadowRoot!.querySelector<HTMLButtonElement>('[part=back-button]')!.click();
    await waitFor(() => detail!.hidden && !doc.getElementById('detail-hint')!.hidden, 'the detail closed');

    await page.expectNoViolations();
  });

  it('shows the role message to an account without the Data Administrator role', async () => {
    page?.close();
    await fetch(`${server.base}/session`, { method: 'DELETE' });
    page = await openExample('/demo/examples/elements.html', server.base);
    const { doc } = page;
    await logIn(doc, 'operator', 'operator');
    const message = await waitFor(
      () => (doc.getElementById('forbidden')!.hidden ? undefined : doc.getElementById('forbidden')),
      'the role message',
    );
    expect(message.textContent).to.contain('operator').and.contain('Data Administrator');
    expect(doc.getElementById('layout')!.hidden).to.equal(true);
    await page.expectNoViolations();
  });
});
