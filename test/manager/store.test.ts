/**
 * The manager's store: built by the same factory as `<ac-job-source>`'s, the simulator
 * loaded only when asked for, and the source it built closed when it leaves or builds another.
 */
import { expect } from '@open-wc/testing';
import type { AcJobManager } from '../../src/elements/job-manager/ac-job-manager.js';
import type { AcJobDashboard } from '../../src/elements/job-dashboard/ac-job-dashboard.js';
import type { JobSource } from '../../src/source/job-source.js';
import type { JobStoreApi } from '../../src/store/store-api.js';
import { closeServer, createServer, type TestServer } from '../server/helpers.js';
import { deepQuery, mountManager, waitFor } from './helpers.js';

/** Whether the page has fetched any module of the simulator. */
function simulatorLoaded(): boolean {
  return performance.getEntriesByType('resource').some((entry) => entry.name.includes('/src/simulator/'));
}

/** Counts the calls to `source.close()` (the source still closes). */
function watchClose(source: JobSource): { count: number } {
  const calls = { count: 0 };
  const close = source.close.bind(source);
  source.close = () => {
    calls.count++;
    close();
  };
  return calls;
}

/** The store the manager's dashboard reads, once it shows. */
async function shownStore(manager: AcJobManager, other?: JobStoreApi): Promise<JobStoreApi> {
  return waitFor(() => {
    const store = deepQuery<AcJobDashboard>(manager, 'ac-job-dashboard')?.store;
    return store !== other && store?.status === 'ready' ? store : undefined;
  }, 'the dashboard on a ready store');
}

describe('<ac-job-manager> store', function () {
  this.timeout(60000);
  let manager: AcJobManager | undefined;

  before(async () => {
    // Every module the manager's page fetches is recorded, beyond the default 250 entries.
    performance.setResourceTimingBufferSize(100_000);
    await import('../../src/elements/job-manager/ac-job-manager.js');
  });
  afterEach(() => {
    manager?.remove();
    manager = undefined;
  });

  it('does not load the simulator on a page on an API, and loads it when simulated', async () => {
    let server: TestServer | undefined;
    try {
      server = await createServer({ seed: 3, jobs: 50, nodes: 2 });
      manager = mountManager({ src: server.base, routing: 'none' });
      await waitFor(() => deepQuery(manager!, 'ac-login-form'), 'the login form');
      expect(simulatorLoaded(), 'the simulator on a page on an API').to.equal(false);
    } finally {
      await closeServer(server);
    }
    manager.jobs = 120;
    manager.simulated = true;
    const store = await shownStore(manager);
    expect(simulatorLoaded(), 'the simulator once asked for').to.equal(true);
    expect(store.mode).to.equal('memory');
    expect(store.total).to.equal(120);
  });

  it('takes the simulated cluster’s options, and closes the source it built when it builds another or leaves', async () => {
    manager = mountManager({ simulated: '', seed: '2', nodes: '3', jobs: '200', live: 'false', routing: 'none' });
    const first = await shownStore(manager);
    expect(first.total).to.equal(200);
    expect(first.nodes.map((node) => node.id)).to.deep.equal(['node-1', 'node-2', 'node-3']);
    expect(first.source.connection.status, 'live="false": no live updates').to.equal('idle');
    const firstClosed = watchClose(first.source);

    manager.seed = 5;
    const second = await shownStore(manager, first);
    expect(firstClosed.count, 'the first source, once another store is built').to.equal(1);
    expect(second.jobAt(0)).not.to.deep.equal(first.jobAt(0));
    const secondClosed = watchClose(second.source);

    manager.remove();
    expect(secondClosed.count, 'the source, once the manager left').to.equal(1);
    // Back in the page, it builds a store again.
    document.body.append(manager);
    const third = await shownStore(manager, second);
    expect(third.total).to.equal(200);
    expect(secondClosed.count).to.equal(1);
  });

  it('leaves open a store the page gave it', async () => {
    const { createStore } = await import('../../src/store/create-store.js');
    const owned = createStore({ simulated: true, jobs: 100 });
    const store = (await owned.ready)!;
    const closed = watchClose(store.source);
    try {
      manager = document.createElement('ac-job-manager');
      manager.routing = 'none';
      manager.store = store;
      document.body.append(manager);
      expect(await shownStore(manager)).to.equal(store);
      manager.remove();
      expect(closed.count).to.equal(0);
      expect(store.status, 'still usable').to.equal('ready');
    } finally {
      owned.close();
    }
    expect(closed.count, 'closed by whoever built it').to.equal(1);
  });
});
