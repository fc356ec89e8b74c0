/**
 * The manager's views load their elements when they open (views.ts), and a simulated
 * manager loads the simulator when it starts: what shows once the code has come.
 * (test/examples/bundle.test.ts checks, on the shipped dist/cdn/ files, which view's code
 * a page has downloaded at each step.)
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/job-manager/ac-job-manager.js';
import type { AcJobManager } from '../../src/elements/job-manager/ac-job-manager.js';
import { viewLoader } from '../../src/elements/job-manager/views.js';
import { deepQuery, mountManager, waitFor } from './helpers.js';

describe('<ac-job-manager> views loaded on demand', function () {
  this.timeout(60000);
  let manager: AcJobManager | undefined;
  const initialHash = location.hash;

  afterEach(() => {
    manager?.remove();
    manager = undefined;
    history.replaceState(history.state, '', initialHash || location.pathname + location.search);
  });

  it('loads a view once, and tries again after a load that failed', async () => {
    let calls = 0;
    let fail = true;
    const load = viewLoader({
      dashboard: async () => {
        calls++;
        if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      },
      jobs: async () => {},
      job: async () => {},
      analysis: async () => {},
    });
    let error: unknown;
    await load('dashboard').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
    fail = false;
    await load('dashboard');
    await load('dashboard');
    expect(calls, 'the failed load, the new try, and no more').to.equal(2);
  });

  it('runs on a simulated cluster: the simulator and each view come when needed, the jobs show', async () => {
    history.replaceState(history.state, '', '#/dashboard');
    manager = mountManager({ simulated: '' });
    const dashboard = await waitFor(() => deepQuery(manager!, 'ac-job-dashboard'), 'the dashboard');
    await waitFor(() => dashboard.shadowRoot?.querySelector('canvas'), 'the charts');

    manager.navigate({ view: 'jobs' });
    const list = await waitFor(() => deepQuery(manager!, 'ac-job-list'), 'the job list');
    const row = await waitFor(() => list.shadowRoot?.querySelector('[role=row][data-index="0"]:not(.placeholder)'), 'a job in the list');
    expect(row.textContent?.trim()).not.to.equal('');
  });
});
