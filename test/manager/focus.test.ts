/**
 * Where the keyboard focus lands in the manager, against the real reference server: on
 * the view's heading after logging in and after a view switch, and back from a job on the
 * row that opened it.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/job-manager/ac-job-manager.js';
import type { AcJobManager } from '../../src/elements/job-manager/ac-job-manager.js';
import type { AcJobList } from '../../src/elements/job-list/ac-job-list.js';
import { closeServer, createServer, type TestServer } from '../server/helpers.js';
import { deepQuery, logIn, mountManager, waitFor } from './helpers.js';

/** The element that has the focus, through open shadow roots. */
function focused(): Element | null {
  let element = document.activeElement;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  return element;
}

/** Waits for the focus to be on a heading of the manager that reads `text`, and returns it. */
function headingFocused(text: string): Promise<Element> {
  return waitFor(
    () => {
      const element = focused();
      return element?.localName === 'h2' && element.textContent?.trim() === text ? element : undefined;
    },
    `the focus on the heading "${text}" (it is on ${focused()?.outerHTML.slice(0, 80)})`,
  );
}

describe('<ac-job-manager> focus', function () {
  this.timeout(60000);
  let server: TestServer;
  let manager: AcJobManager | undefined;

  before(async () => {
    server = await createServer({ seed: 7, jobs: 200, nodes: 3 });
  });
  after(async () => {
    await closeServer(server);
  });
  afterEach(async () => {
    manager?.remove();
    manager = undefined;
    await fetch(`${server.base}/session`, { method: 'DELETE' });
  });

  it('after logging in, is on the view’s heading, which screen readers read and the eye does not see', async () => {
    manager = mountManager({ src: server.base, routing: 'none' });
    await logIn(manager, 'admin', 'admin');
    const heading = await headingFocused('Jobs dashboard');
    expect(heading.getAttribute('tabindex')).to.equal('-1');
    expect(heading.getBoundingClientRect().width).to.be.at.most(1);
    expect(manager.shadowRoot!.contains(heading)).to.equal(true);
  });

  it('after a view switch, is on the new view’s heading', async () => {
    manager = mountManager({ src: server.base, routing: 'none', lang: 'fr' });
    await logIn(manager, 'admin', 'admin');
    await waitFor(() => deepQuery(manager!, 'ac-job-dashboard'), 'the dashboard');
    const jobs = [...manager.shadowRoot!.querySelectorAll<HTMLAnchorElement>('nav a')].find((a) => a.textContent?.trim() === 'Tâches')!;
    jobs.focus();
    await sendKeys({ press: 'Enter' });
    await headingFocused('Liste des tâches');
    manager.view = 'dashboard';
    await headingFocused('Tableau de bord des tâches');
  });

  it('back from a job, is on the row that opened it, which is the grid’s active row', async () => {
    manager = mountManager({ src: server.base, routing: 'none' });
    await logIn(manager, 'admin', 'admin');
    await waitFor(() => deepQuery(manager!, 'ac-job-dashboard'), 'the dashboard');
    manager.view = 'jobs';
    const list = await waitFor(() => deepQuery<AcJobList>(manager!, 'ac-job-list'), 'the list');
    const grid = await waitFor(() => list.shadowRoot?.querySelector<HTMLElement>('[role=grid][aria-busy=false]'), 'the rows');
    await waitFor(() => list.shadowRoot?.querySelector('[role=row][data-index="2"]:not(.placeholder)'), 'the third row');

    // The third row, from the keyboard: ArrowDown twice from the first, then Enter.
    grid.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(list.activeIndex).to.equal(2);
    const id = list.store!.jobAt(2)!.id;
    await sendKeys({ press: 'Enter' });
    const detail = await waitFor(() => deepQuery(manager!, 'ac-job-detail'), 'the detail');
    const back = await waitFor(() => detail.shadowRoot?.querySelector<HTMLButtonElement>('[part=back-button]'), 'the Back button');
    back.focus();
    await sendKeys({ press: 'Enter' });

    const again = await waitFor(() => deepQuery<AcJobList>(manager!, 'ac-job-list'), 'the list again');
    const gridAgain = await waitFor(() => (focused()?.getAttribute('role') === 'grid' ? focused() : undefined), 'the focus on the grid');
    expect(again.shadowRoot!.contains(gridAgain)).to.equal(true);
    expect(again.activeIndex, 'the active row').to.equal(again.store!.indexOf(id));
    expect(again.activeIndex).to.equal(2);
    await waitFor(() => gridAgain.getAttribute('aria-activedescendant') === 'row-2', 'the grid pointing at the row');
    expect(again.shadowRoot!.querySelector('#row-2')!.classList.contains('active')).to.equal(true);

    // The keyboard goes on from there.
    await sendKeys({ press: 'ArrowDown' });
    expect(again.activeIndex).to.equal(3);
  });
});
