/**
 * demo/examples/react/: the elements in a React 19 page (built by `npm run build`), with
 * objects passed as properties and the elements' events handled by React, against the
 * real reference server, under the strict policy.
 */
import { expect } from '@open-wc/testing';
import { jobComparator } from '../../src/source/job-query.js';
import { TestServer } from '../source/test-server.js';
import { deepQuery, listRow, logIn, openExample, waitFor, type ExampleFrame } from './example-frame.js';

describe('example: React 19', function () {
  this.timeout(60000);
  let server: TestServer;
  let page: ExampleFrame | undefined;

  before(async () => {
    const built = await fetch('/demo/examples/react/build/app.js', { method: 'HEAD' });
    if (!built.ok) throw new Error('demo/examples/react/build/app.js is missing: run `npm run build` first.');
    server = await TestServer.create({ seed: 23, nodes: 3, jobs: 200 });
  });
  after(async () => {
    page?.close();
    await fetch(`${server.base}/session`, { method: 'DELETE' });
    await server?.close();
  });

  it('passes the store as a property, and a row click reaches the React handler that opens the detail, with no policy violation', async () => {
    page = await openExample('/demo/examples/react/index.html', server.base);
    const { doc } = page;
    await logIn(doc, 'admin', 'admin');
    const list = await waitFor(() => doc.querySelector('ac-job-list'), 'the list React renders after logging in');

    // An object, as a property: not stringified into an attribute.
    const store = (list as unknown as { store?: { subscribe?: unknown } }).store;
    expect(store?.subscribe).to.be.a('function');
    expect(list.hasAttribute('store')).to.equal(false);
    expect((doc.querySelector('ac-job-filters') as unknown as { store?: unknown }).store).to.equal(store);

    const { jobs } = await server.state();
    const newest = [...jobs].sort(jobComparator('createdAt', 'desc'))[0]!;
    const row = await waitFor(
      () => (listRow(list, 0)?.textContent?.includes(newest.name) ? listRow(list, 0) : undefined),
      'the newest job first',
    );
    const heading = doc.getElementById('opened-title')!;
    expect(heading.textContent).to.equal('No job opened');

    row.click();
    // React's handler got `ac-job-open` and set its state: its own heading names the job…
    await waitFor(() => heading.textContent === `Opened from React: ${newest.name}`, 'the React heading');
    // …and rendered the detail with `jobId` as a property.
    const detail = await waitFor(() => deepQuery(doc, 'ac-job-detail'), 'the detail');
    expect((detail as unknown as { jobId?: string }).jobId).to.equal(newest.id);
    expect((detail as unknown as { store?: unknown }).store).to.equal(store);
    await waitFor(() => detail.shadowRoot?.querySelector('h2')?.textContent?.includes(newest.name), 'the job in the detail');

    // `ac-back`, handled by React, closes it.
    detail.shadowRoot!.querySelector<HTMLButtonElement>('[part=back-button]')!.click();
    await waitFor(() => heading.textContent === 'No job opened' && !doc.querySelector('ac-job-detail'), 'the detail closed by React');

    await page.expectNoViolations();
  });
});
