import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SORT_KEYS, type Job, type SortKey, type SortOrder } from '../../src/model/index.js';
import { jobComparator, jobMatcher } from '../../src/source/job-query.js';
import { JobSourceError } from '../../src/source/job-source.js';
import type { AcJobList } from '../../src/elements/job-list/ac-job-list.js';
import type { StoreChange } from '../../src/store/store-api.js';
import {
  ComputedSource,
  HeldSource,
  drawnRows,
  listFor,
  nameOf,
  nodeCount,
  rowsInView,
  scrollerOf,
  settle,
  startedStore,
  syntheticJob,
  syntheticJobs,
  waitFor,
} from './job-list-fixtures.js';

const JOBS = syntheticJobs(300);

/** Every row on screen shows the job `expected` has at its row number. */
function expectRows(list: AcJobList, expected: readonly Job[]): void {
  const rows = rowsInView(list);
  expect(rows.length, 'rows on screen').to.be.greaterThan(3);
  for (const row of rows) {
    const index = Number(row.getAttribute('aria-rowindex')) - 2;
    expect(nameOf(row), `row ${index}`).to.equal(expected[index]?.name);
  }
}

function sorted(jobs: readonly Job[], sort: SortKey, order: SortOrder, q = ''): Job[] {
  return jobs.filter(jobMatcher({ q })).sort(jobComparator(sort, order));
}

/** Job number `n` made newer than every job of JOBS, by `seconds`. */
function newerJob(n: number, seconds: number): Job {
  return { ...syntheticJob(n), createdAt: new Date(Date.parse(JOBS[0]!.createdAt) + seconds * 1000).toISOString() } as Job;
}

/** A list over JOBS scrolled down to row `row`, with its source and store. */
async function scrolledList(row: number) {
  const source = new HeldSource(JOBS);
  const store = await startedStore(source);
  const list = await listFor(store);
  const scroller = scrollerOf(list);
  scroller.scrollTop = row * 36;
  await settle(list);
  return { source, store, list, scroller };
}

function header(list: AcJobList, key: SortKey): HTMLElement {
  return list.shadowRoot!.querySelector<HTMLElement>(`#col-${key}`)!;
}

function text(list: AcJobList, selector: string): string {
  return list.shadowRoot!.querySelector(selector)?.textContent?.trim() ?? '';
}

async function typeSearch(list: AcJobList, value: string): Promise<void> {
  const input = list.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
  input.focus();
  input.select();
  await sendKeys({ type: value });
}

describe('ac-job-list', () => {
  it('shows the columns of the user guide, dates as the guide does, states and nodes as text', async () => {
    const job = {
      ...syntheticJob(0),
      id: 'dup-39',
      name: 'Duplication:tar_2-39',
      type: 'DUPLICATION',
      description: 'Tape tar_2-39: duplication process, in force mode, started immediately (free defragmentation)',
      createdAt: '2025-10-23T10:23:08Z',
      updatedAt: '2025-10-23T10:24:21Z',
      node: 'node-1',
      state: 'UNSUCCESSFUL',
      stage: 'INTERRUPTED_ON_ERROR',
    } as Job;
    const odd = { ...syntheticJob(1), stage: 'WAITING_FOR_TAPE', createdAt: '2025-10-23T09:00:00Z' } as Job;
    const store = await startedStore(new HeldSource([job, odd]));
    const list = await listFor(store);
    const headers = [...list.shadowRoot!.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent!.trim());
    expect(headers).to.deep.equal(['Name', 'Type', 'Description', 'Creation date', 'Last Update', 'Node', 'State', 'Stage']);
    const [first, second] = drawnRows(list);
    const cells = [...first!.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent!.trim());
    expect(cells).to.deep.equal([
      'Duplication:tar_2-39',
      'Duplication',
      job.description,
      '23 Oct 2025, 10:23:08',
      '23 Oct 2025, 10:24:21',
      'node 1',
      'Unsuccessful',
      'Interrupted on error',
    ]);
    const description = first!.querySelectorAll('[role="gridcell"]')[2]!;
    expect(description.getAttribute('title')).to.equal(job.description);
    expect(first!.querySelector('.swatch')).to.exist;
    // An unknown stage is shown as it comes.
    expect(second!.querySelectorAll('[role="gridcell"]')[7]!.textContent!.trim()).to.equal('WAITING_FOR_TAPE');
    store.dispose();
  });

  it('shows a bounded prefix of a huge name, as text', async () => {
    const huge = { ...syntheticJob(0), name: '<b>x</b>'.repeat(20_000) } as Job;
    const store = await startedStore(new HeldSource([huge]));
    const list = await listFor(store);
    const cell = drawnRows(list)[0]!.querySelector('.name')!;
    expect(cell.children.length).to.equal(0);
    expect(cell.textContent).to.have.length(1001);
    expect(cell.textContent!.endsWith('…')).to.equal(true);
    expect(huge.name.startsWith(cell.textContent!.slice(0, -1))).to.equal(true);
    store.dispose();
  });

  it('shows dates in the time zone it is given', async () => {
    const job = { ...syntheticJob(0), createdAt: '2025-10-23T10:23:08Z' } as Job;
    const store = await startedStore(new HeldSource([job]));
    const list = await listFor(store);
    list.timeZone = 'Europe/Paris';
    await settle(list);
    expect(drawnRows(list)[0]!.querySelectorAll('[role="gridcell"]')[3]!.textContent!.trim()).to.equal('23 Oct 2025, 12:23:08');
    store.dispose();
  });

  it('chooses and orders its columns with the columns attribute, ignoring unknown keys', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const list = await listFor(store, { columns: 'state, name,bogus,node' });
    const headers = [...list.shadowRoot!.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent!.trim());
    expect(headers).to.deep.equal(['State', 'Name', 'Node']);
    const cells = [...drawnRows(list)[0]!.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent!.trim());
    expect(cells).to.deep.equal(['Scheduled', JOBS[0]!.name, 'node 1']);
    store.dispose();
  });

  it('fits every state and date whole, in English and French, whatever the page’s root font size', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const root = document.documentElement;
    root.style.fontSize = '12px';
    try {
      const list = await listFor(store, { columns: 'name,state,createdAt,updatedAt' });
      list.style.width = '300px';
      for (const lang of ['en', 'fr']) {
        list.lang = lang;
        await settle(list);
        const rows = drawnRows(list);
        const states = new Set(rows.map((row) => row.querySelector('.badge')!.className));
        expect(states.size, 'states shown').to.be.at.least(3);
        for (const row of rows) {
          const [, state, created, updated] = [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];
          const badge = state!.querySelector<HTMLElement>('.badge')!;
          expect(badge.scrollWidth, `${lang} ${badge.textContent}`).to.be.at.most(badge.clientWidth);
          for (const cell of [created!, updated!]) expect(cell.scrollWidth, `${lang} ${cell.textContent}`).to.be.at.most(cell.clientWidth);
        }
      }
    } finally {
      root.style.fontSize = '';
      store.dispose();
    }
  });

  it('on a narrow screen, shows each job’s state right after its name, in view without scrolling sideways', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const list = await listFor(store);
    const headers = () => [...list.shadowRoot!.querySelectorAll('[role="columnheader"]')].map((h) => h.getAttribute('data-column'));
    expect(headers()).to.deep.equal(['name', 'type', 'description', 'createdAt', 'updatedAt', 'node', 'state', 'stage']);
    list.style.width = '360px';
    await waitFor(() => headers()[1] === 'state', 'the state second');
    await settle(list);
    expect(headers()).to.deep.equal(['name', 'state', 'type', 'description', 'createdAt', 'updatedAt', 'node', 'stage']);
    const row = drawnRows(list)[0]!;
    const cells = [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];
    expect(cells[1]!.textContent!.trim()).to.equal('Scheduled');
    const box = list.getBoundingClientRect();
    const stateBox = cells[1]!.getBoundingClientRect();
    expect(stateBox.right, 'the state cell in view').to.be.at.most(box.right + 0.5);
    list.style.width = '1400px';
    await waitFor(() => headers()[1] === 'type', 'the guide’s order back');
    store.dispose();
  });

  it('searches name, type and description as the user types, and says how many jobs match', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const list = await listFor(store);
    expect(text(list, '.count')).to.equal('300 jobs');
    // Debounced: nothing is asked of the store while the user types, then once.
    const input = list.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    const queries: string[] = [];
    const unsubscribe = store.subscribe((change) => change.query && queries.push(store.query.q));
    for (const partial of ['t', 'ta', 'tar']) {
      input.value = partial;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    expect(store.query.q).to.equal('');
    await waitFor(() => store.query.q === 'tar', 'the debounced search');
    await settle(list);
    unsubscribe();
    expect(queries).to.deep.equal(['tar']);
    for (const q of ['tar_2', 'VERSIONING', 'force mode', 'Copy:tar_2-39-1']) {
      await typeSearch(list, q);
      await waitFor(() => store.query.q === q, `the search for ${q}`);
      await settle(list);
      const expected = sorted(JOBS, 'createdAt', 'desc', q);
      expect(expected.length, q).to.be.within(1, 299);
      expect(store.total).to.equal(expected.length);
      expect(text(list, '.count')).to.equal(expected.length === 1 ? '1 job' : `${expected.length} jobs`);
      expect(text(list, '[role="status"]')).to.equal(text(list, '.count'));
      if (expected.length > 3) expectRows(list, expected);
      else expect(drawnRows(list).map(nameOf)).to.deep.equal(expected.map((j) => j.name));
    }
    store.dispose();
  });

  it('sorts by each column, both ways, in the order of jobComparator, and shows it in the header', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const list = await listFor(store);
    for (const key of SORT_KEYS) {
      header(list, key).click();
      await settle(list);
      const firstOrder = store.query.order;
      expect(store.query.sort).to.equal(key);
      for (const order of [firstOrder, firstOrder === 'asc' ? 'desc' : 'asc'] as const) {
        if (order !== firstOrder) {
          header(list, key).click();
          await settle(list);
        }
        expect(store.query.order).to.equal(order);
        expect(header(list, key).getAttribute('aria-sort')).to.equal(order === 'asc' ? 'ascending' : 'descending');
        expect(list.shadowRoot!.querySelectorAll('[aria-sort]').length).to.equal(1);
        const expected = sorted(JOBS, key, order);
        expectRows(list, expected);
        // And further down the list too.
        scrollerOf(list).scrollTop = 150 * 36;
        await settle(list);
        expectRows(list, expected);
      }
    }
    store.dispose();
  });

  it('sorts from the keyboard: up from the first row to the header, across, Enter', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const list = await listFor(store);
    scrollerOf(list).focus();
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await settle(list);
    expect(store.query).to.include({ sort: 'type', order: 'asc' });
    expect(scrollerOf(list).getAttribute('aria-activedescendant')).to.equal('col-type');
    await sendKeys({ press: ' ' });
    await settle(list);
    expect(store.query).to.include({ sort: 'type', order: 'desc' });
    await sendKeys({ press: 'ArrowDown' });
    await settle(list);
    expect(list.activeIndex).to.equal(0);
    store.dispose();
  });

  it('moves the active row with arrows, Page Down/Up, Home and End, keeping it on screen', async () => {
    const jobs = syntheticJobs(5000);
    const store = await startedStore(new HeldSource(jobs));
    const list = await listFor(store);
    const scroller = scrollerOf(list);
    scroller.focus();
    await settle(list);
    expect(list.activeIndex).to.equal(0);
    const visible = () => rowsInView(list).map((row) => Number(row.getAttribute('aria-rowindex')) - 2);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(list.activeIndex).to.equal(2);
    await sendKeys({ press: 'PageDown' });
    await settle(list);
    const page = list.activeIndex - 2;
    expect(page).to.be.greaterThan(5);
    expect(visible()).to.include(list.activeIndex);
    await sendKeys({ press: 'End' });
    await settle(list);
    expect(list.activeIndex).to.equal(4999);
    expect(visible()).to.include(4999);
    expect(nameOf(rowsInView(list).at(-1)!)).to.equal(jobs[4999]!.name);
    expect(scroller.getAttribute('aria-activedescendant')).to.equal('row-4999');
    await sendKeys({ press: 'PageUp' });
    await settle(list);
    expect(list.activeIndex).to.equal(4999 - page);
    expect(visible()).to.include(4999 - page);
    await sendKeys({ press: 'Home' });
    await settle(list);
    expect(list.activeIndex).to.equal(0);
    expect(scroller.scrollTop).to.equal(0);
    store.dispose();
  });

  it('a new list reveals a row and takes the focus on it: the keyboard goes on from that row', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const list = await listFor(store);
    list.revealRow(120);
    list.focus();
    await settle(list);
    const scroller = scrollerOf(list);
    expect(list.shadowRoot!.activeElement === scroller, 'the grid has the focus').to.equal(true);
    expect(list.activeIndex).to.equal(120);
    expect(scroller.getAttribute('aria-activedescendant')).to.equal('row-120');
    expect(rowsInView(list).map((row) => row.getAttribute('aria-rowindex'))).to.include('122');
    await sendKeys({ press: 'ArrowDown' });
    expect(list.activeIndex).to.equal(121);
    store.dispose();
  });

  it('opens a job on click and on Enter with ac-job-open {id, job}', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const list = await listFor(store);
    const opened: { id: string; job: Job }[] = [];
    list.addEventListener('ac-job-open', (event) => opened.push(event.detail));
    drawnRows(list)[3]!.querySelectorAll<HTMLElement>('[role="gridcell"]')[2]!.click();
    expect(opened.map((d) => d.id)).to.deep.equal([JOBS[3]!.id]);
    expect(opened[0]!.job).to.equal(store.jobAt(3));
    expect(list.activeIndex).to.equal(3);
    await settle(list);
    expect(list.shadowRoot!.activeElement).to.equal(scrollerOf(list));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(opened.map((d) => d.id)).to.deep.equal([JOBS[3]!.id, JOBS[4]!.id]);
    store.dispose();
  });

  it('a click opens the job the row shows, also while the rows reload and the store holds it no more', async () => {
    const store = await startedStore(new ComputedSource(300));
    const list = await listFor(store);
    const opened: string[] = [];
    list.addEventListener('ac-job-open', (event) => opened.push(event.detail.id));
    const row = drawnRows(list)[3]!;
    expect(nameOf(row)).to.equal(syntheticJob(3).name);
    // The rows reload (the query applied again); until the next frame the row still shows its job.
    store.refresh();
    expect(store.jobAt(3)).to.equal(undefined);
    row.querySelectorAll<HTMLElement>('[role="gridcell"]')[1]!.click();
    expect(opened).to.deep.equal([syntheticJob(3).id]);
    store.dispose();
  });

  it('with href-template, names are real links; a plain click fires ac-job-open and preventDefault stops the navigation', async () => {
    const odd = { ...syntheticJob(0), id: 'a/b c?d' } as Job;
    const store = await startedStore(new HeldSource([odd, ...JOBS.slice(1, 20)]));
    const list = await listFor(store, { hrefTemplate: '#/jobs/{id}' });
    const link = drawnRows(list)[0]!.querySelector<HTMLAnchorElement>('a.name')!;
    expect(link.getAttribute('href')).to.equal('#/jobs/a%2Fb%20c%3Fd');
    // Not a tab stop of its own: the grid is one.
    expect(link.tabIndex).to.equal(-1);

    const seen: { opened: boolean; prevented: boolean }[] = [];
    let cancel = true;
    const onOpen = (event: Event) => {
      if (cancel) event.preventDefault();
    };
    // After the list's own handling; stops any real navigation of the test page.
    const after = (event: Event) => {
      seen.push({ opened: openedCount > seenOpened, prevented: event.defaultPrevented });
      seenOpened = openedCount;
      event.preventDefault();
    };
    let openedCount = 0;
    let seenOpened = 0;
    list.addEventListener('ac-job-open', (event) => {
      openedCount++;
      onOpen(event);
    });
    document.addEventListener('click', after);
    try {
      link.click();
      cancel = false;
      link.click();
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, ctrlKey: true }));
    } finally {
      document.removeEventListener('click', after);
    }
    expect(seen).to.deep.equal([
      { opened: true, prevented: true }, // cancelled: no navigation
      { opened: true, prevented: false }, // the link is followed
      { opened: false, prevented: false }, // ctrl-click: the browser opens a new tab, no event
    ]);
    store.dispose();
  });

  it('keeps the reader’s place when taken out of the page and put back', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const list = await listFor(store);
    const scroller = scrollerOf(list);
    scroller.scrollTop = 2000;
    await waitFor(() => list.shadowRoot!.querySelector('[role="row"][data-index="60"]') !== null, 'rows further down');
    await settle(list);
    const before = rowsInView(list).map(nameOf);
    const parent = list.parentElement!;
    list.remove();
    parent.append(list);
    await settle(list);
    await waitFor(() => Math.abs(scroller.scrollTop - 2000) < 1, 'the scroll position back');
    expect(rowsInView(list).map(nameOf)).to.deep.equal(before);
    store.dispose();
  });

  it('updates a changed row in place without moving the scroll position', async () => {
    const { source, store, list, scroller } = await scrolledList(100);
    const before = rowsInView(list);
    const target = before[4]!;
    const index = Number(target.getAttribute('aria-rowindex')) - 2;
    const job = store.jobAt(index)!;
    expect(job.state).to.not.equal('UNSUCCESSFUL');
    source.change([{ ...job, state: 'UNSUCCESSFUL', stage: 'INTERRUPTED_ON_ERROR', version: job.version + 1 } as Job], 'job.updated');
    await waitFor(() => store.jobAt(index)?.state === 'UNSUCCESSFUL', 'the update');
    await settle(list);
    expect(scroller.scrollTop).to.equal(100 * 36);
    const after = rowsInView(list);
    expect(after.map(nameOf)).to.deep.equal(before.map(nameOf));
    const row = after[4]!;
    expect(nameOf(row)).to.equal(job.name);
    expect(row.querySelector('.badge')!.textContent!.trim()).to.equal('Unsuccessful');
    store.dispose();
  });

  it('keeps the reader on the same jobs when new ones arrive above, and offers to show them', async () => {
    const { source, store, list, scroller } = await scrolledList(50);
    const before = rowsInView(list).map(nameOf);
    const newest = [1, 2, 3].map((k) => newerJob(1000 + k, k));
    source.change(newest, 'job.created');
    await waitFor(() => store.total === 303, 'the new jobs');
    await settle(list);
    expect(rowsInView(list).map(nameOf)).to.deep.equal(before);
    expect(text(list, '.new-jobs span')).to.equal('3 new jobs');
    list.shadowRoot!.querySelector<HTMLButtonElement>('.new-jobs button')!.click();
    await settle(list);
    expect(scroller.scrollTop).to.equal(0);
    expect(rowsInView(list)[0]!.textContent).to.contain(newest[2]!.name);
    expect(list.shadowRoot!.querySelector('.new-jobs')).to.equal(null);
    store.dispose();
  });

  it('under a stream of live changes, redraws ten times a second at most, and at once for a search', async () => {
    const source = new HeldSource(JOBS);
    const store = await startedStore(source);
    const list = await listFor(store);
    const renders: number[] = [];
    const update = list['update'].bind(list);
    list['update'] = (changed: Map<PropertyKey, unknown>) => {
      renders.push(performance.now());
      update(changed);
    };
    // Every frame for 0.6 s: a new job on top, and a change to a job further down.
    let created = 0;
    let newest = JOBS[0]!;
    const started = performance.now();
    while (performance.now() - started < 600) {
      created++;
      newest = newerJob(5000 + created, created);
      const below = store.jobAt(20)!;
      source.change([newest], 'job.created');
      source.change([{ ...below, description: `changed ${created}`, version: below.version + 1 } as Job], 'job.updated');
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    expect(created, 'frames of live changes').to.be.greaterThan(20);
    expect(renders.length, 'renders in 0.6 s of live changes').to.be.within(2, 8);
    const gaps = renders.slice(1).map((t, i) => t - renders[i]!);
    expect(Math.min(...gaps), 'time between two renders').to.be.at.least(90);
    await waitFor(() => nameOf(rowsInView(list)[0]!) === newest.name, 'the newest job on top');
    expect(scrollerOf(list).scrollTop).to.equal(0);
    // A search is not a live change: drawn at the next frame.
    const count = renders.length;
    const asked = performance.now();
    store.setQuery({ q: JOBS[3]!.name });
    await waitFor(() => renders.length > count, 'the search drawn');
    expect(renders.at(-1)! - asked).to.be.below(90);
    store.dispose();
  });

  it('keeps a reader’s place at once when live changes move the rows, though it draws other live changes later', async () => {
    const source = new HeldSource(JOBS);
    const store = await startedStore(source);
    store.setQuery({ sort: 'updatedAt', order: 'desc' });
    const list = await listFor(store);
    const scroller = scrollerOf(list);
    scroller.scrollTop = 50 * 36;
    await settle(list);
    const before = rowsInView(list).map(nameOf);
    /** The store's next notification that `test` accepts (the list, subscribed earlier, hears it first). */
    const told = (test: (change: StoreChange) => boolean) =>
      new Promise<void>((resolve) => {
        const unsubscribe = store.subscribe((change) => {
          if (!test(change)) return;
          unsubscribe();
          resolve();
        });
      });
    /** A live change to `job`, waited for until the list has done what it does with it. */
    const live = async (job: Job) => {
      const heard = told((change) => change.jobs.has(job.id));
      source.change([job], 'job.updated');
      await heard;
      await list.updateComplete;
    };
    // Two changes below the rows on screen: the first is drawn, the second waits for the
    // list's calm (100 ms). They do not move the rows.
    for (let k = 1; k <= 2; k++) {
      const below = store.jobAt(200)!;
      await live({ ...below, description: `changed ${k}`, version: below.version + 1 } as Job);
    }
    // Then, within that calm, a job above them is updated with an older time and goes far
    // below: the rows on screen move up one, and the list follows at that notification.
    const above = store.jobAt(10)!;
    await live({
      ...above,
      updatedAt: new Date(Date.parse(JOBS.at(-1)!.createdAt) - 1000).toISOString(),
      version: above.version + 1,
    } as Job);
    expect(store.indexOf(above.id), 'the job above moved below').to.be.greaterThan(200);
    expect(scroller.scrollTop, 'moved up with its rows').to.equal(49 * 36);
    expect(rowsInView(list).map(nameOf)).to.deep.equal(before);
    store.dispose();
  });

  it('at the top, new jobs simply appear', async () => {
    const source = new HeldSource(JOBS);
    const store = await startedStore(source);
    const list = await listFor(store);
    const fresh = newerJob(2000, 5);
    source.change([fresh], 'job.created');
    await waitFor(() => store.total === 301, 'the new job');
    await settle(list);
    expect(scrollerOf(list).scrollTop).to.equal(0);
    expect(rowsInView(list).slice(0, 2).map(nameOf)).to.deep.equal([fresh.name, JOBS[0]!.name]);
    expect(list.shadowRoot!.querySelector('.new-jobs')).to.equal(null);
    store.dispose();
  });

  it('says when no job matches and resets the filters and the search', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const list = await listFor(store);
    await typeSearch(list, 'no such job');
    await waitFor(() => store.total === 0, 'an empty selection');
    await settle(list);
    expect(text(list, '.message p')).to.equal('No job matches these filters');
    expect(text(list, '.count')).to.equal('0 jobs');
    list.shadowRoot!.querySelector<HTMLButtonElement>('.message button')!.click();
    await settle(list);
    expect(store.query.q).to.equal('');
    expect(list.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!.value).to.equal('');
    expect(store.total).to.equal(300);
    expectRows(list, JOBS);
    store.dispose();
  });

  it('says in plain words why the jobs cannot be read, and retries', async () => {
    const source = new HeldSource(JOBS);
    source.failure = new JobSourceError('forbidden', '403', { status: 403 });
    const store = await startedStore(source);
    const list = await listFor(store);
    expect(text(list, '.message.error p')).to.equal('This account cannot see jobs: the Data Administrator role is needed.');
    source.failure = undefined;
    list.shadowRoot!.querySelector<HTMLButtonElement>('.message.error button')!.click();
    await waitFor(() => store.status === 'ready', 'the retry');
    await settle(list);
    expect(list.shadowRoot!.querySelector('.message')).to.equal(null);
    expectRows(list, JOBS);
    store.dispose();
  });

  it('shows skeleton rows while the first rows load', async () => {
    const source = new HeldSource(JOBS);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const listNodes = source.listNodes.bind(source);
    source.listNodes = async () => {
      await gate;
      return listNodes();
    };
    const store = new (await import('../../src/store/job-store.js')).JobStore(source);
    const starting = store.start();
    const list = await listFor(store);
    expect(scrollerOf(list).getAttribute('aria-busy')).to.equal('true');
    expect(list.shadowRoot!.querySelectorAll('.row.placeholder .skeleton').length).to.be.greaterThan(5);
    expect(text(list, '.count')).to.equal('Loading…');
    release();
    await starting;
    await settle(list);
    expect(list.shadowRoot!.querySelector('.placeholder')).to.equal(null);
    expect(scrollerOf(list).getAttribute('aria-busy')).to.equal('false');
    store.dispose();
  });

  it('keeps the number of DOM nodes (comments included) bounded while scrolling through', async () => {
    const store = await startedStore(new HeldSource(syntheticJobs(20_000)));
    const list = await listFor(store);
    const scroller = scrollerOf(list);
    const count = () => nodeCount(list);
    const start = count();
    let most = start;
    for (let step = 1; step <= 40; step++) {
      scroller.scrollTop = (scroller.scrollHeight * step) / 40;
      await settle(list);
      most = Math.max(most, count());
    }
    expect(rowsInView(list).length).to.be.greaterThan(5);
    expect(most).to.be.below(start * 1.5);
    store.dispose();
  });

  it('has no accessibility violation, with rows and when empty', async () => {
    const store = await startedStore(new HeldSource(JOBS));
    const list = await listFor(store, { hrefTemplate: '#/jobs/{id}' });
    await expect(list).to.be.accessible();
    store.setQuery({ q: 'no such job' });
    await waitFor(() => store.total === 0, 'an empty selection');
    await settle(list);
    await expect(list).to.be.accessible();
    store.dispose();
  });
});
