/**
 * A session that ends while the manager is in use, and a server whose event ids start
 * again: a logout in another tab, an expired session, a restart that lost its sessions
 * and counts from 0 again, and one that kept them. Each ends with the page logged in
 * again in place (no reload: the same list element, view, filters and scroll position)
 * and every held row at the server's version. Against the reference server.
 */
import { expect } from '@open-wc/testing';
import type { AcJobManager } from '../../src/elements/job-manager/ac-job-manager.js';
import '../../src/elements/job-manager/ac-job-manager.js';
import type { Job } from '../../src/model/index.js';
import type { JobStoreApi } from '../../src/store/store-api.js';
import { deepQuery, logIn, mountManager } from '../manager/helpers.js';
import { TestServer } from '../source/test-server.js';
import { waitUntil } from './wait.js';

const FILTER = { states: ['RUNNING', 'SUCCESSFUL'] } as const;

interface Scene {
  server: TestServer;
  manager: AcJobManager;
  store: () => JobStoreApi;
  list: HTMLElement;
  scrollTop: number;
}

const opened: Scene[] = [];

function storeOf(manager: AcJobManager): JobStoreApi {
  return (manager as unknown as { activeStore: JobStoreApi }).activeStore;
}

function scroller(list: HTMLElement): HTMLElement {
  return list.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
}

/** The manager logged in on the Jobs view, filtered, scrolled down the list, live. */
async function inUse(options: Parameters<typeof TestServer.create>[0] = {}): Promise<Scene> {
  const server = await TestServer.create({ seed: 19, nodes: 4, jobs: 400, activity: 20, heartbeatMs: 400, ...options });
  history.replaceState(null, '', '#/jobs');
  const manager = mountManager({ src: server.base });
  const scene: Scene = { server, manager, store: () => storeOf(manager), list: undefined as unknown as HTMLElement, scrollTop: 0 };
  opened.push(scene);
  await logIn(manager, 'admin', 'admin');
  await waitUntil(() => scene.store()?.connection.status === 'live' && scene.store().status === 'ready', 'the manager live');
  scene.store().setQuery({ ...FILTER, states: [...FILTER.states] });
  await waitUntil(() => scene.store().status === 'ready' && scene.store().total > 60, 'the filtered rows');
  // The view's elements load when it first opens.
  await waitUntil(() => deepQuery(manager, 'ac-job-list')?.shadowRoot?.querySelector('.scroller'), 'the list');
  scene.list = deepQuery(manager, 'ac-job-list')!;
  const rows = scroller(scene.list);
  rows.scrollTop = 900;
  await waitUntil(() => rows.scrollTop > 0 && heldRows(scene.store()).length > 0, 'the list scrolled');
  scene.scrollTop = rows.scrollTop;
  return scene;
}

function heldRows(store: JobStoreApi): Job[] {
  return Array.from({ length: store.total }, (_, i) => store.jobAt(i)).filter((job): job is Job => job !== undefined);
}

/** The login form in place of the view (the view still there behind it), and the header signed out. */
async function loginFormInPlace(scene: Scene): Promise<void> {
  await waitUntil(() => scene.manager.shadowRoot?.querySelector('.session-ended ac-login-form'), 'the login form in place');
  expect(scene.manager.shadowRoot!.querySelector('.view')!.hasAttribute('inert'), 'the view is inert behind it').to.equal(true);
  expect(scene.list.isConnected, 'the list is kept').to.equal(true);
  expect(scene.manager.shadowRoot!.textContent).to.not.contain('Signed in as');
}

/** Logged in again: the same view, filters and scroll position, live, every held row at the server's version. */
async function resumedAsBefore(scene: Scene): Promise<void> {
  const { server, manager } = scene;
  await waitUntil(() => !manager.shadowRoot?.querySelector('.session-ended'), 'the login form gone');
  const { jobs } = await server.state();
  const truth = new Map(jobs.map((job) => [job.id, job.version]));
  await waitUntil(() => {
    const store = scene.store();
    const rows = heldRows(store);
    return (
      store.connection.status === 'live' &&
      store.status === 'ready' &&
      rows.length > 0 &&
      rows.every((job) => truth.get(job.id) === job.version)
    );
  }, 'every held row at the server’s version');
  const store = scene.store();
  const ids = heldRows(store).map((job) => job.id);
  expect(new Set(ids).size, 'no row twice').to.equal(ids.length);
  expect(store.query.states).to.deep.equal(FILTER.states);
  expect(location.hash).to.match(/^#\/jobs/);
  expect(deepQuery(manager, 'ac-job-list'), 'the same list element').to.equal(scene.list);
  expect(Math.abs(scroller(scene.list).scrollTop - scene.scrollTop), 'the scroll position').to.be.below(2);
  expect(manager.shadowRoot!.textContent).to.contain('Signed in as admin');
}

describe('a session that ends while the manager is in use', function () {
  this.timeout(90_000);

  afterEach(async () => {
    for (const { manager, server } of opened.splice(0)) {
      manager.remove();
      await server.close();
    }
    history.replaceState(null, '', location.pathname);
  });

  it('a logout in another tab: the login form comes back in place, and logging in resumes where the page was', async () => {
    const scene = await inUse();
    // Another tab shares the cookie: its logout ends this page's session, and its stream.
    expect((await fetch(`${scene.server.base}/session`, { method: 'DELETE' })).status).to.equal(204);
    await scene.server.advance(120_000);
    await loginFormInPlace(scene);
    await logIn(scene.manager, 'admin', 'admin');
    await resumedAsBefore(scene);
  });

  it('an expired session: the same', async () => {
    const scene = await inUse({ sessionIdleMs: 1000 });
    // The stream kept the session alive; cut it for longer than the idle time, and it ends.
    await scene.server.restart(2500);
    await scene.server.advance(120_000);
    await loginFormInPlace(scene);
    await logIn(scene.manager, 'admin', 'admin');
    await resumedAsBefore(scene);
  });

  it('a restart that lost its sessions and counts its event ids from 0 again: the same', async () => {
    const scene = await inUse();
    const before = scene.store();
    await scene.server.restart(1500, false, { newEventIds: true, forgetSessions: true });
    await scene.server.advance(600_000);
    await loginFormInPlace(scene);
    await logIn(scene.manager, 'admin', 'admin');
    await resumedAsBefore(scene);
    expect(scene.store(), 'the same store').to.equal(before);
  });

  it('a restart that kept its sessions but counts from 0 again: no login, a resync, even once the new count is past the page', async () => {
    const scene = await inUse();
    await scene.server.advance(600_000);
    const stale = await scene.server.state();
    const versions = new Map(stale.jobs.map((job) => [job.id, job.version]));
    await waitUntil(() => heldRows(scene.store()).every((job) => job.version === versions.get(job.id)), 'the page up to date');
    await scene.server.restart(1500, false, { newEventIds: true });
    // While it is down, the new count goes just past where the page stood: a page that took
    // the new ids for its own would get only the few after it, and miss all the others.
    let newest = 0;
    while (newest <= stale.lastSeq) newest = await scene.server.advance(20_000);
    await resumedAsBefore(scene);
    expect(scene.manager.shadowRoot!.querySelector('ac-login-form'), 'no login').to.equal(null);
  });
});
