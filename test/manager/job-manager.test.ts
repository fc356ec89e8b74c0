/**
 * End to end, against the real reference server: what a data administrator does with the
 * whole application, and what the other accounts see.
 */
import { expect } from '@open-wc/testing';
import '../../src/elements/job-manager/ac-job-manager.js';
import type { AcJobManager } from '../../src/elements/job-manager/ac-job-manager.js';
import type { AcJobList } from '../../src/elements/job-list/ac-job-list.js';
import type { AcExportButton } from '../../src/elements/export-button/ac-export-button.js';
import { jobComparator, jobMatcher } from '../../src/source/job-query.js';
import { closeServer, createServer, serverState, type TestServer } from '../server/helpers.js';
import { deepQuery, deepQueryAll, logIn, mountManager, visibleTexts, waitFor } from './helpers.js';

describe('<ac-job-manager> end to end', function () {
  this.timeout(60000);
  let server: TestServer;
  let manager: AcJobManager | undefined;
  const initialHash = location.hash;

  before(async () => {
    server = await createServer({ seed: 11, jobs: 300, nodes: 4 });
  });
  after(async () => {
    await closeServer(server);
  });
  afterEach(async () => {
    const store = manager?.shadowRoot ? (manager as unknown as { activeStore?: { logout(): Promise<void> } }).activeStore : undefined;
    manager?.remove();
    manager = undefined;
    // Each test starts logged out.
    await fetch(`${server.base}/session`, { method: 'DELETE' });
    void store;
    history.replaceState(history.state, '', initialHash || location.pathname + location.search);
  });

  it('logs in, filters by a node, searches the list, opens a job and exports it', async () => {
    history.replaceState(history.state, '', '#/dashboard');
    manager = mountManager({ src: server.base });
    await logIn(manager, 'admin', 'admin');
    const dashboard = await waitFor(() => deepQuery(manager!, 'ac-job-dashboard'), 'the dashboard');
    expect(dashboard).to.exist;

    // Filter by node 2 with its chip.
    const chip = await waitFor(
      () =>
        deepQueryAll(manager!, 'ac-job-filters')
          .flatMap((f) => [...(f.shadowRoot?.querySelectorAll('button.chip') ?? [])])
          .find((b) => b.textContent?.includes('node 2')),
      'the node 2 chip',
    );
    (chip as HTMLButtonElement).click();
    await waitFor(() => chip.getAttribute('aria-pressed') === 'true', 'node 2 pressed');
    expect(location.hash).to.match(/^#\/dashboard\?.*node=node-2/);

    // To the list: the filter follows.
    const jobsLink = [...manager.shadowRoot!.querySelectorAll('nav a')].find((a) => a.textContent?.trim() === 'Jobs') as HTMLAnchorElement;
    jobsLink.click();
    const list = await waitFor(() => deepQuery<AcJobList>(manager!, 'ac-job-list'), 'the job list');
    expect(location.hash).to.match(/^#\/jobs\?.*node=node-2/);

    const { jobs } = await serverState(server);
    const search = 'tape';
    const expected = jobs.filter(jobMatcher({ node: ['node-2'], q: search })).sort(jobComparator('createdAt', 'desc'));
    expect(expected.length, 'the seed gives jobs to find').to.be.greaterThan(0);

    const input = await waitFor(() => list.shadowRoot?.querySelector<HTMLInputElement>('input[type=search]'), 'the search box');
    input.value = search;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const firstName = await waitFor(() => {
      const row = list.shadowRoot!.querySelector('[role=row][data-index="0"]:not(.placeholder)');
      return row?.textContent?.includes(expected[0]!.name) ? row : undefined;
    }, 'the first matching row');
    expect(firstName.textContent).to.contain(expected[0]!.name);

    // Open it: the detail shows the job, and the hash names it.
    (firstName as HTMLElement).click();
    const detail = await waitFor(() => deepQuery(manager!, 'ac-job-detail'), 'the job detail');
    await waitFor(() => detail.shadowRoot?.querySelector('h2')?.textContent?.includes(expected[0]!.name), 'the job name in the detail');
    expect(location.hash).to.equal(`#/jobs/${encodeURIComponent(expected[0]!.id)}?${location.hash.split('?')[1]}`);

    // Export it as JSON, caught before the download.
    const exportButton = await waitFor(() => deepQuery<AcExportButton>(detail.shadowRoot!, 'ac-export-button'), 'the export button');
    let saved = '';
    exportButton.save = async (chunks) => {
      for await (const chunk of chunks) saved += chunk;
      return { bytes: saved.length };
    };
    const done = new Promise<CustomEvent>((resolve) =>
      exportButton.addEventListener('ac-export-done', (e) => resolve(e as CustomEvent), { once: true }),
    );
    (exportButton.shadowRoot!.querySelector('[part=button]') as HTMLButtonElement).click();
    await waitFor(() => exportButton.shadowRoot!.querySelector('[role=menuitem]'), 'the format menu');
    const json = [...exportButton.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role=menuitem]')].find((b) =>
      /json/i.test(b.textContent ?? ''),
    )!;
    json.click();
    await done;
    const exported = JSON.parse(saved);
    expect(JSON.stringify(exported)).to.contain(expected[0]!.id);
  });

  it('shows the role message with the account name to an operator, and logs out', async () => {
    manager = mountManager({ src: server.base, routing: 'none' });
    await logIn(manager, 'operator', 'operator');
    const alert = await waitFor(() => manager!.shadowRoot!.querySelector('.message[role=alert]'), 'the role message');
    expect(alert.textContent).to.contain('Data Administrator');
    expect(alert.textContent).to.contain('operator');
    expect(deepQuery(manager, 'ac-job-dashboard')).to.equal(undefined);
    (alert.querySelector('button') as HTMLButtonElement).click();
    await waitFor(() => deepQuery(manager!, 'ac-login-form'), 'the login form after logging out');
  });

  it('refuses a wrong password with a message, and keeps nothing of it', async () => {
    manager = mountManager({ src: server.base, routing: 'none' });
    await logIn(manager, 'admin', 'not the password');
    const form = deepQuery(manager, 'ac-login-form')!;
    const error = await waitFor(() => form.shadowRoot!.querySelector('[role=alert]'), 'the error');
    expect(error.textContent).to.contain('Wrong user name or password');
    expect((form.shadowRoot!.querySelector('input[name=password]') as HTMLInputElement).value).to.equal('');
    expect(JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href).not.to.contain('not the password');
  });

  it('opens the view a deep link names, and lands there again after a reload', async () => {
    const { jobs } = await serverState(server);
    const job = jobs[jobs.length - 1]!;
    history.replaceState(history.state, '', `#/jobs/${encodeURIComponent(job.id)}`);
    manager = mountManager({ src: server.base });
    await logIn(manager, 'admin', 'admin');
    const detail = await waitFor(() => deepQuery(manager!, 'ac-job-detail'), 'the detail view');
    await waitFor(() => detail.shadowRoot?.querySelector('h2')?.textContent?.includes(job.name), 'the job');
    // A reload: a new manager on the same URL, with the session cookie still set.
    manager.remove();
    manager = mountManager({ src: server.base });
    const again = await waitFor(() => deepQuery(manager!, 'ac-job-detail'), 'the detail view after reload');
    await waitFor(() => again.shadowRoot?.querySelector('h2')?.textContent?.includes(job.name), 'the job after reload');
    // Back and forward work through the hash.
    location.hash = '#/dashboard';
    await waitFor(() => deepQuery(manager!, 'ac-job-dashboard'), 'the dashboard after navigating');
    history.back();
    await waitFor(() => deepQuery(manager!, 'ac-job-detail'), 'the detail after going back');
  });

  it('speaks French everywhere when the page is in French', async () => {
    const { COMMON_MESSAGES } = await import('../../src/i18n/common.js');
    const { default: COMMON_FR } = await import('../../src/i18n/common.fr.js');
    manager = mountManager({ src: server.base, lang: 'fr', routing: 'none' });
    await logIn(manager, 'admin', 'admin');
    await waitFor(() => deepQuery(manager!, 'ac-job-dashboard')?.shadowRoot?.querySelector('h2, h3'), 'the dashboard');
    const views: Array<'dashboard' | 'jobs'> = ['dashboard', 'jobs'];
    const english = new Set(
      Object.entries(COMMON_MESSAGES.en)
        .filter(([key, text]) => typeof text === 'string' && text !== (COMMON_FR as Record<string, unknown>)[key])
        .map(([, text]) => text as string),
    );
    for (const view of views) {
      manager.view = view;
      await waitFor(() => deepQuery(manager!, view === 'jobs' ? 'ac-job-list' : 'ac-job-dashboard'), view);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The product's name is the same in both languages.
      const texts = visibleTexts(manager)
        .map((text) => text.replaceAll('Active Job Manager', '').trim())
        .filter(Boolean);
      const leftovers = texts.filter(
        (text) =>
          english.has(text) ||
          /\b(Jobs?|Filters?|Search|Reset|Export|Loading|Scheduled|Running|Successful|Unsuccessful|Log out|Retry|Show as table|per node|per type)\b/.test(
            text,
          ),
      );
      expect(leftovers, `English left in the ${view} view`).to.deep.equal([]);
    }
  });

  it('follows a change of language at run time, in every element inside', async () => {
    manager = mountManager({ src: server.base, lang: 'en', routing: 'none' });
    await logIn(manager, 'admin', 'admin');
    manager.view = 'jobs';
    const list = await waitFor(() => deepQuery<AcJobList>(manager!, 'ac-job-list'), 'the job list');
    const searchLabel = () => list.shadowRoot?.querySelector('input[type="search"]')?.getAttribute('placeholder') ?? '';
    await waitFor(() => searchLabel().startsWith('Search'), 'the English search box');
    manager.lang = 'fr';
    await waitFor(() => searchLabel().startsWith('Rechercher'), 'the French search box');
    const filters = deepQuery(manager, 'ac-job-filters')!;
    expect(filters.getAttribute('lang')).to.equal('fr');
  });

  it("passes a page's theme tokens and forced theme to every element inside", async () => {
    const style = document.createElement('style');
    style.textContent = 'ac-job-manager.themed { --ac-color-accent: rgb(1, 2, 3); }';
    document.head.append(style);
    try {
      manager = mountManager({ src: server.base, routing: 'none', theme: 'dark' });
      manager.classList.add('themed');
      await logIn(manager, 'admin', 'admin');
      manager.view = 'jobs';
      const list = await waitFor(() => deepQuery<AcJobList>(manager!, 'ac-job-list'), 'the job list');
      const token = (element: Element, name: string) => getComputedStyle(element).getPropertyValue(name).trim();
      expect(token(list, '--ac-color-accent')).to.equal('rgb(1, 2, 3)');
      // The manager's dark background, not the light default the list would declare on its own.
      expect(token(list, '--ac-color-bg')).to.equal(token(manager, '--ac-color-bg'));
      expect(token(list, '--ac-color-bg')).to.equal('#14171c');
    } finally {
      style.remove();
    }
  });
});
