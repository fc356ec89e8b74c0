import { expect, fixture, html } from '@open-wc/testing';
import type { FileStatus, Job } from '../../src/model/index.js';
import { JobSourceError } from '../../src/source/job-source.js';
import { FileWindow } from '../../src/elements/job-detail/file-window.js';
import '../../src/elements/job-detail/ac-job-detail.js';
import type { AcJobDetail } from '../../src/elements/job-detail/ac-job-detail.js';
import type { AcJobFiles } from '../../src/elements/job-detail/ac-job-files.js';
import { FakeFiles, jobOf, pathOf, setup, textOf, until, type Setup } from './job-detail-fixtures.js';

let current: Setup | undefined;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

afterEach(() => {
  current?.store.dispose();
  current?.source.close();
  current = undefined;
});

/** A destaging job with `total` files, of which `done` destaged and `failed` failed. */
async function showFiles(
  total: number,
  done: number,
  failed: number,
  width?: number,
): Promise<{ el: AcJobDetail; table: AcJobFiles; files: FakeFiles }> {
  const job = jobOf('DESTAGING');
  job.progress.files = { total, done, failed };
  current = await setup([job]);
  const wrapper = await fixture<HTMLElement>(html`<div class="page">
    <ac-job-detail lang="en" .store=${current.store} job-id=${job.id}></ac-job-detail>
  </div>`);
  if (width) wrapper.style.width = `${width}px`;
  const el = wrapper.querySelector('ac-job-detail')!;
  const table = await until(() => el.shadowRoot!.querySelector<AcJobFiles>('ac-job-files:defined'), 'the file table');
  // Rows are drawn only when the table is on screen.
  table.scrollIntoView();
  await until(
    () => table.shadowRoot!.querySelector('[role="rowgroup"] + [role="rowgroup"] [role="row"]:not(.placeholder)'),
    'the first rows',
  );
  // The pool measures the scroller when it is drawn; the rows take their place at the next frame.
  await nextFrame();
  await nextFrame();
  return { el, table, files: current.files.get(job.id)! };
}

function scroller(table: AcJobFiles): HTMLElement {
  return table.shadowRoot!.querySelector('.scroller')!;
}

/** Scrolls the table's rows to `top` px, after the layout of the rows' full height. */
function scrollRowsTo(table: AcJobFiles, top: number): void {
  const element = scroller(table);
  // Reading a size brings the layout up to date: the position is then not clamped to an older height.
  if (element.scrollHeight > 0) element.scrollTop = top;
}

type Row = [path: string, status: string, size: string, reason: string];

/** The rows drawn, as [path, status, size, reason]. */
function rows(table: AcJobFiles): Row[] {
  const body = table.shadowRoot!.querySelector('.scroller > [role="rowgroup"]:last-child');
  if (!body) return [];
  return Array.from(body.querySelectorAll('[role="row"]'), (row) => {
    // textContent: the folder and the name of a path are two spans with nothing between.
    const [path = '', status = '', size = '', reason = ''] = Array.from(row.querySelectorAll('[role="cell"]'), (cell) =>
      (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    return [path, status, size, reason];
  });
}

/** The number in the first drawn row's path (its file number). */
function firstFileNumber(table: AcJobFiles): number {
  return Number(rows(table)[0]?.[0].match(/file-(\d+)/)?.[1] ?? NaN);
}

/** Every node in the table's shadow root, comments and text included (markers leak as comments). */
function nodeCount(table: AcJobFiles): number {
  const walker = document.createTreeWalker(table.shadowRoot!, NodeFilter.SHOW_ALL);
  let count = 0;
  while (walker.nextNode()) count++;
  return count;
}

/** The chips as label → count. */
function chips(table: AcJobFiles): Record<string, number> {
  const result: Record<string, number> = {};
  for (const chip of table.shadowRoot!.querySelectorAll('.chip')) {
    const label = textOf(chip).replace(/ [\d,]+$/, '');
    result[label] = Number(textOf(chip.querySelector('.count')!).replaceAll(',', ''));
  }
  return result;
}

function chip(table: AcJobFiles, label: string): HTMLButtonElement {
  return Array.from(table.shadowRoot!.querySelectorAll<HTMLButtonElement>('.chip')).find((c) => textOf(c).startsWith(label))!;
}

async function scrollToEnd(table: AcJobFiles, lastPath: string): Promise<void> {
  await until(() => {
    const element = scroller(table);
    element.scrollTop = element.scrollHeight;
    return rows(table).some(([path]) => path === lastPath);
  }, `the row of ${lastPath}`);
}

const LABELS: Record<FileStatus, string> = {
  PENDING: 'Pending',
  DESTAGED: 'Destaged',
  ARCHIVED: 'Archived',
  CHECKED: 'Checked',
  VERSIONED: 'Versioned',
  COPIED: 'Copied',
  DUPLICATED: 'Duplicated',
  SKIPPED: 'Skipped',
  FAILED: 'Failed',
};

describe('<ac-job-detail>: the file table', () => {
  it('pages through 40,000 files to the last one, fetching only the pages on screen', async () => {
    const { table, files } = await showFiles(40_000, 25_000, 700);
    expect(rows(table)[0]).to.deep.equal([pathOf(0), 'Destaged', '1 kB', '']);
    expect(scroller(table).getAttribute('aria-rowcount')).to.equal('40001');

    await scrollToEnd(table, pathOf(39_999));
    const last = rows(table).find(([path]) => path === pathOf(39_999))!;
    // 1000 + (39,999 × 7919 mod 100,000) bytes.
    expect(last).to.deep.equal([pathOf(39_999), 'Pending', '53.1 kB', '']);
    const fetched = files.calls.reduce((sum, call) => sum + (call.limit ?? 0), 0);
    expect(fetched, 'files fetched').to.be.below(1000);
  });

  it('counts files per status exactly as the source says, and filters by status', async () => {
    const { table, files } = await showFiles(30_000, 20_000, 500);
    const byStatus = files.byStatus();
    const expected: Record<string, number> = { All: 30_000 };
    for (const [status, count] of Object.entries(byStatus)) expected[LABELS[status as FileStatus]] = count;
    expect(chips(table)).to.deep.equal(expected);
    expect(expected).to.deep.equal({ All: 30_000, Failed: 500, Destaged: 20_000, Pending: 9_500 });

    chip(table, 'Failed').click();
    await until(() => scroller(table)?.getAttribute('aria-rowcount') === '501', 'the failed files only');
    await until(() => rows(table).length > 0 && rows(table).every(([, status]) => status === 'Failed'), 'failed rows');
    expect(textOf(table.shadowRoot!.querySelector('.summary')!)).to.equal('500 files of 30,000');
    expect(chip(table, 'Failed').getAttribute('aria-pressed')).to.equal('true');
    expect(chip(table, 'All').getAttribute('aria-pressed')).to.equal('false');
    // The counts stay those of the whole job.
    expect(chips(table)).to.deep.equal(expected);

    const failed = files.order({ status: ['FAILED'] });
    await scrollToEnd(table, pathOf(failed[failed.length - 1]!));

    chip(table, 'Pending').click();
    await until(() => scroller(table)?.getAttribute('aria-rowcount') === '10001', 'failed and pending files');
    chip(table, 'All').click();
    await until(() => scroller(table)?.getAttribute('aria-rowcount') === '30001', 'every file again');
  });

  it('puts failed files first on demand, then the others in path order', async () => {
    const { table, files } = await showFiles(20_000, 15_000, 300);
    const toggle = table.shadowRoot!.querySelector<HTMLInputElement>('.toggle input')!;
    toggle.click();
    const failed = files.order({ status: ['FAILED'] });
    await until(() => rows(table)[0]?.[0] === pathOf(failed[0]!), 'the first failed file on top');
    const shown = rows(table);
    expect(shown.slice(0, 5).map(([path, status]) => [path, status])).to.deep.equal(failed.slice(0, 5).map((i) => [pathOf(i), 'Failed']));

    // Row 300 is the first file that did not fail.
    await until(() => {
      scrollRowsTo(table, 300 * 36 - 100);
      return rows(table).find(([path]) => path === pathOf(0));
    }, 'the first file that did not fail, after the failed ones');
    const afterFailed = rows(table).findIndex(([path]) => path === pathOf(0));
    expect(rows(table)[afterFailed - 1]?.[1]).to.equal('Failed');
  });

  it('shows a failure reason as text, never as markup', async () => {
    const { table, files } = await showFiles(2000, 1500, 40);
    chip(table, 'Failed').click();
    const first = files.firstFailed();
    const row = await until(() => rows(table).find(([path]) => path === pathOf(first)), 'the first failed file');
    expect(row[3]).to.equal('<img src=x onerror=alert(1)>');
    expect(table.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('filters the table to the failed files from the progress panel', async () => {
    const { el, table } = await showFiles(5000, 1200, 34);
    const progress = el.shadowRoot!.querySelector('ac-job-progress')!;
    progress.shadowRoot!.querySelector<HTMLButtonElement>('.failed-alert button')!.click();
    await until(() => scroller(table)?.getAttribute('aria-rowcount') === '35', 'the failed files');
    await until(() => rows(table).length > 0 && rows(table).every(([, status]) => status === 'Failed'), 'failed rows only');
    expect(table.shadowRoot!.activeElement).to.equal(chip(table, 'Failed'));
  });

  it('shows placeholders while a page loads, then its files', async () => {
    const { table, files } = await showFiles(30_000, 10_000, 0);
    let release!: () => void;
    files.gate = new Promise((resolve) => (release = resolve));
    scrollRowsTo(table, 20_000 * 36);
    await until(() => rows(table).some((row) => row[0] === 'Loading…'), 'placeholders');
    release();
    files.gate = undefined;
    await until(() => rows(table).length > 0 && rows(table).every(([path]) => path.startsWith('/shares/')), 'the loaded rows');
    const paths = rows(table).map(([path]) => path);
    expect(paths).to.include(pathOf(20_000));
  });

  it('says when files cannot be loaded, and retries', async () => {
    const job = jobOf('COPY');
    current = await setup([job]);
    const files = current.files.get(job.id)!;
    files.failWith = new JobSourceError('network', 'offline');
    const el = await fixture<AcJobDetail>(html`<ac-job-detail lang="en" .store=${current.store} job-id=${job.id}></ac-job-detail>`);
    const table = await until(() => el.shadowRoot!.querySelector<AcJobFiles>('ac-job-files:defined'), 'the file table');
    const error = await until(() => table.shadowRoot!.querySelector('.error'), 'the error');
    expect(textOf(error)).to.equal('The files could not be loaded. Retry');
    files.failWith = undefined;
    error.querySelector('button')!.click();
    await until(() => table.shadowRoot!.querySelector('.scroller'), 'the table after retry');
    expect(textOf(table.shadowRoot!.querySelector('.summary')!)).to.equal('5,000 files');
  });

  it('shows the files as they change while the job runs', async () => {
    const { table, files } = await showFiles(5000, 1000, 0);
    const before = await until(() => {
      scrollRowsTo(table, 1000 * 36);
      return rows(table).find(([path]) => path === pathOf(1005));
    }, 'the row of file 1005');
    expect(before[1]).to.equal('Pending');
    // The job moves on: 500 more files destaged.
    for (let i = 1000; i < 1500; i++) files.statuses[i] = 1;
    const job = current!.store.getJob('job-destaging')!;
    const next = structuredClone(job) as Job;
    next.version += 1;
    next.progress.files.done = 1500;
    current!.source.upsert(next);
    await until(() => rows(table).find(([path]) => path === pathOf(1005))?.[1] === 'Destaged', 'the row to follow the job', 4000);
    expect(chips(table)).to.deep.equal({ All: 5000, Destaged: 1500, Pending: 3500 });
  });

  it('fits 360 px: the name of each file whole on its line, status and size under it', async () => {
    const { table } = await showFiles(3000, 2000, 10, 360);
    expect(scroller(table).classList.contains('narrow')).to.equal(true);
    const first = table.shadowRoot!.querySelector<HTMLElement>('.body [role="row"]')!;
    expect(first.getBoundingClientRect().height).to.equal(52);
    const name = first.querySelector<HTMLElement>('.name')!;
    expect(name.textContent).to.equal('file-0000000.dat');
    expect(name.scrollWidth, 'the name is not cut').to.be.at.most(name.clientWidth);
    const [path, status] = [first.querySelector('.path')!, first.querySelector('.status')!].map((e) => e.getBoundingClientRect());
    expect(status!.top, 'status under the path').to.be.at.least(path!.bottom - 1);
    await scrollToEnd(table, pathOf(2999));
  });

  it('keeps the number of DOM nodes (comments included) bounded while scrolling through 150,000 files', async () => {
    const { table } = await showFiles(150_000, 100_000, 1000);
    const element = scroller(table);
    // Not scaled: the browser scrolls the rows itself.
    expect(element.scrollHeight).to.be.above(150_000 * 36);
    const steps = 40;
    let reference = 0;
    let most = 0;
    for (let step = 1; step <= steps; step++) {
      element.scrollTop = ((element.scrollHeight - element.clientHeight) * step) / steps;
      const target = Math.floor(element.scrollTop / 36);
      await until(() => rows(table).some(([path]) => path === pathOf(target)), `the rows at step ${step}`);
      // From the first step on, rows are drawn on both sides of the screen.
      if (step === 1) reference = nodeCount(table);
      most = Math.max(most, nodeCount(table));
    }
    await scrollToEnd(table, pathOf(149_999));
    most = Math.max(most, nodeCount(table));
    expect(most, `most nodes, against ${reference} after the first step`).to.be.below(reference * 1.1);
  });

  it('scrolls through a million files past the scroll height limit, to the last one', async () => {
    const { table, files } = await showFiles(1_000_000, 400_000, 1000);
    expect(scroller(table).getAttribute('aria-rowcount')).to.equal('1000001');
    // Past about 222,000 rows the table scales its scroll range: the spacer stays under the cap.
    expect(scroller(table).scrollHeight).to.be.at.most(8_000_100);
    await scrollToEnd(table, pathOf(999_999));

    // Halfway down by the scrollbar: the rows there, not rows of another place.
    const element = scroller(table);
    element.scrollTop = (element.scrollHeight - element.clientHeight) / 2;
    await until(() => {
      const index = firstFileNumber(table);
      return index > 490_000 && index < 510_000 && rows(table).every(([path]) => path !== 'Loading…');
    }, 'the rows halfway');
    const fetched = files.calls.reduce((sum, call) => sum + (call.limit ?? 0), 0);
    expect(fetched, 'files fetched').to.be.below(2000);

    // Keys move one row at a time, not one scaled step.
    const first = firstFileNumber(table);
    element.focus();
    element.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await until(() => firstFileNumber(table) === first + 1, 'one row further');
  });
});

describe('FileWindow', () => {
  it('keeps at most maxPages pages, dropping the least recently used', async () => {
    const files = new FakeFiles('ARCHIVING', 100_000, 100_000, 0);
    let changes = 0;
    const window = new FileWindow(
      { listFiles: async (id, params) => ({ ...(await files.list(id, params)), rejected: [] }) },
      'j',
      { status: [], failedFirst: false },
      () => changes++,
      {
        pageSize: 100,
        maxPages: 5,
      },
    );
    window.request(0, 1);
    await until(() => window.total, 'the first page');
    for (let page = 0; page < 20; page++) {
      window.request(page * 100, page * 100 + 100);
      await until(() => window.fileAt(page * 100), `page ${page}`);
    }
    const held = Array.from({ length: 20 }, (_, page) => window.fileAt(page * 100) !== undefined);
    expect(held.filter(Boolean)).to.have.length(5);
    expect(held.slice(15)).to.deep.equal([true, true, true, true, true]);
    expect(window.fileAt(1999)?.path).to.equal(pathOf(1999));
    expect(changes).to.be.at.least(20);
    window.dispose();
  });

  it('refetches what is on screen after invalidate, keeping the old rows meanwhile', async () => {
    const files = new FakeFiles('STORAGE', 1000, 10, 0);
    const window = new FileWindow(
      { listFiles: async (id, params) => ({ ...(await files.list(id, params)), rejected: [] }) },
      'j',
      { status: [], failedFirst: false },
      () => {},
    );
    window.request(0, 50);
    await until(() => window.fileAt(150) === undefined && window.fileAt(20), 'the first page');
    expect(window.fileAt(20)?.status).to.equal('PENDING');
    files.statuses.fill(1, 0, 200);
    let release!: () => void;
    files.gate = new Promise((resolve) => (release = resolve));
    window.invalidate();
    expect(window.fileAt(20)?.status, 'the old row while loading').to.equal('PENDING');
    release();
    await until(() => window.fileAt(20)?.status === 'CHECKED', 'the new status');
    window.dispose();
  });
});
