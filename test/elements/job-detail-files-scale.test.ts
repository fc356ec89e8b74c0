/**
 * The file table at scale: a destaging job of ten million files, made up page by page by
 * the simulator's file generator (never all held, by the source or the page), every file
 * reachable by scrollbar, keys and wheel, the DOM bounded.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FileListParams } from '../../src/model/index.js';
import { countFiles, filePage } from '../../src/simulator/files.js';
import { failedAmong, planJob, type JobPlan } from '../../src/simulator/job-plan.js';
import { MemoryJobSource } from '../../src/source/memory-job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import '../../src/elements/job-detail/ac-job-detail.js';
import type { AcJobFiles } from '../../src/elements/job-detail/ac-job-files.js';
import { NODES, jobOf, textOf, until } from './job-detail-fixtures.js';

const SEED = 7;
const TOTAL = 10_000_000;
const HANDLED = 6_000_000;
/** Files 3, 503, 1003… fail: 12,000 of the 6,000,000 handled. */
const PLAN: JobPlan = {
  ...planJob({ seed: SEED, nodeIds: ['node-2'], nodeWeights: [1], nodeWeightSum: 1 }, 0),
  type: 'DESTAGING',
  files: TOTAL,
  handled: TOTAL,
  failStart: 3,
  failPeriod: 500,
  failEnd: TOTAL,
};
const FAILED = failedAmong(PLAN, HANDLED);

let store: JobStore | undefined;
let calls: FileListParams[] = [];

afterEach(() => {
  store?.dispose();
  store = undefined;
  calls = [];
});

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** The job detail of the ten-million-file job, `width` px wide, once its first rows show. */
async function showTenMillion(width = 1000): Promise<AcJobFiles> {
  const job = jobOf('DESTAGING');
  job.progress.files = { total: TOTAL, done: HANDLED - FAILED, failed: FAILED };
  const source = new MemoryJobSource({
    jobs: [job],
    nodes: NODES,
    files: (_id, params) => {
      calls.push(params);
      return filePage(SEED, PLAN, HANDLED, params);
    },
  });
  store = new JobStore(source, { mode: 'memory' });
  await store.start();
  const wrapper = await fixture<HTMLElement>(html`<div><ac-job-detail lang="en" .store=${store} job-id=${job.id}></ac-job-detail></div>`);
  wrapper.style.width = `${width}px`;
  const detail = wrapper.querySelector('ac-job-detail')!;
  const table = await until(() => detail.shadowRoot!.querySelector<AcJobFiles>('ac-job-files:defined'), 'the file table');
  table.scrollIntoView();
  await until(() => rowsInView(table).length > 5 && fileNumbers(table)[0] === 0, 'the first rows');
  await nextFrame();
  return table;
}

function scroller(table: AcJobFiles): HTMLElement {
  return table.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
}

/** The rows entirely inside the table's visible area, top to bottom. */
function rowsInView(table: AcJobFiles): HTMLElement[] {
  const element = scroller(table);
  const top = table.shadowRoot!.querySelector('.head')!.getBoundingClientRect().bottom;
  const bottom = element.getBoundingClientRect().top + element.clientTop + element.clientHeight;
  return Array.from(table.shadowRoot!.querySelectorAll<HTMLElement>('.body [role="row"]'))
    .filter((row) => {
      const box = row.getBoundingClientRect();
      return box.top >= top - 0.5 && box.bottom <= bottom + 0.5;
    })
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
}

/** The file number each row on screen shows (its name carries the number plus one); NaN while loading. */
function fileNumbers(table: AcJobFiles): number[] {
  return rowsInView(table).map((row) => Number(/(\d+)\.\w+$/.exec(row.querySelector('.name')?.textContent ?? '')?.[1] ?? NaN) - 1);
}

/** Waits until the rows on screen are loaded, and returns their file numbers. */
async function loaded(table: AcJobFiles, what: string): Promise<number[]> {
  return until(() => {
    const numbers = fileNumbers(table);
    return numbers.length > 5 && numbers.every((n) => !Number.isNaN(n)) && numbers;
  }, what);
}

/** Every node in the table's shadow root, comments and text included. */
function nodeCount(table: AcJobFiles): number {
  const walker = document.createTreeWalker(table.shadowRoot!, NodeFilter.SHOW_ALL);
  let count = 0;
  while (walker.nextNode()) count++;
  return count;
}

function consecutive(numbers: number[]): boolean {
  return numbers.every((n, k) => k === 0 || n === numbers[k - 1]! + 1);
}

function wheel(table: AcJobFiles, deltaY: number): boolean {
  const event = new WheelEvent('wheel', { deltaY, bubbles: true, cancelable: true, composed: true });
  scroller(table).dispatchEvent(event);
  return event.defaultPrevented;
}

describe('<ac-job-detail>: ten million files', function () {
  this.timeout(120000);

  it('scrolls by scrollbar to the last file, fetching only pages on screen, the DOM bounded', async () => {
    const table = await showTenMillion();
    const element = scroller(table);
    expect(element.getAttribute('aria-rowcount')).to.equal('10000001');
    expect(element.scrollHeight, 'the spacer stays under the cap').to.be.at.most(8_000_100);
    const start = nodeCount(table);
    let most = start;
    const steps = 40;
    for (let step = 1; step <= steps; step++) {
      element.scrollTop = ((element.scrollHeight - element.clientHeight) * step) / steps;
      // Each step shows the rows of its place in the list, loaded and consecutive.
      const numbers = await until(() => {
        const shown = fileNumbers(table);
        const expected = ((TOTAL - shown.length) * step) / steps;
        return Math.abs(shown[0]! - expected) <= shown.length && consecutive(shown) && shown;
      }, `the rows at step ${step}`);
      expect(numbers.length).to.be.greaterThan(5);
      most = Math.max(most, nodeCount(table));
    }
    const numbers = fileNumbers(table);
    expect(numbers.at(-1)).to.equal(TOTAL - 1);
    const last = rowsInView(table).at(-1)!;
    expect(last.getAttribute('aria-rowindex')).to.equal('10000001');
    expect(textOf(last.querySelector('.status')!)).to.equal('Pending');
    expect(most, 'DOM nodes while scrolling through').to.be.below(start * 1.2);
    const fetched = calls.reduce((sum, call) => sum + (call.limit ?? 0), 0);
    expect(fetched, 'files fetched').to.be.below(20_000);
    expect(calls.every((call) => (call.limit ?? 0) <= 100)).to.equal(true);
  });

  it('moves by row, by page and to both ends from the keyboard', async () => {
    const table = await showTenMillion();
    scroller(table).focus();
    await sendKeys({ press: 'ArrowDown' });
    expect((await loaded(table, 'one row down'))[0]).to.equal(1);
    const before = await loaded(table, 'one row down');
    await sendKeys({ press: 'PageDown' });
    // A page, the last row of the page before kept in view (whole, or cut at the top).
    const page = await until(() => fileNumbers(table)[0]! > 1 && loaded(table, 'a page down'), 'a page down');
    expect(page[0]).to.be.within(before.at(-1)!, before.at(-1)! + 1);
    await sendKeys({ press: 'End' });
    await until(() => fileNumbers(table).at(-1) === TOTAL - 1, 'the last file');
    expect(consecutive(await loaded(table, 'the last rows'))).to.equal(true);
    await sendKeys({ press: 'ArrowUp' });
    await until(() => fileNumbers(table).at(-1) === TOTAL - 2, 'one row up from the end');
    await sendKeys({ press: 'Home' });
    await until(() => fileNumbers(table)[0] === 0, 'the first file');
  });

  it('moves a wheel notch by a notch, not by the scale, down to the last file', async () => {
    const table = await showTenMillion();
    // At the top, wheeling up is the page's to scroll.
    expect(wheel(table, -100)).to.equal(false);
    for (let k = 1; k <= 3; k++) {
      expect(wheel(table, 36)).to.equal(true);
      await until(() => fileNumbers(table)[0] === k, `row ${k} on top`);
    }
    scroller(table).focus();
    await sendKeys({ press: 'End' });
    await until(() => fileNumbers(table).at(-1) === TOTAL - 1, 'the last file');
    for (let k = 1; k <= 3; k++) wheel(table, -36);
    await until(() => fileNumbers(table).at(-1) === TOTAL - 4, 'three rows up');
    for (let k = 1; k <= 5; k++) wheel(table, 36);
    await until(() => fileNumbers(table).at(-1) === TOTAL - 1, 'the last file again');
    // At the bottom, wheeling down is the page's to scroll.
    expect(wheel(table, 36)).to.equal(false);
  });

  it('counts, filters and puts failed files first over the whole job', async () => {
    const table = await showTenMillion();
    const counts = Object.fromEntries(
      Array.from(table.shadowRoot!.querySelectorAll('.chip'), (chip) => [
        textOf(chip).replace(/ [\d,]+$/, ''),
        Number(textOf(chip.querySelector('.count')!).replaceAll(',', '')),
      ]),
    );
    const expected = countFiles(PLAN, HANDLED);
    expect(counts).to.deep.equal({ All: TOTAL, Failed: expected.FAILED, Destaged: expected.DESTAGED, Pending: expected.PENDING });
    expect(counts['Failed']).to.equal(12_000);

    Array.from(table.shadowRoot!.querySelectorAll<HTMLButtonElement>('.chip'))
      .find((chip) => textOf(chip).startsWith('Failed'))!
      .click();
    await until(() => scroller(table).getAttribute('aria-rowcount') === String(FAILED + 1), 'the failed files only');
    scroller(table).focus();
    await sendKeys({ press: 'End' });
    // The last failed file among the handled ones: 3 + 11,999 × 500.
    await until(() => fileNumbers(table).at(-1) === 3 + (FAILED - 1) * 500, 'the last failed file');
    expect(rowsInView(table).every((row) => row.classList.contains('failed'))).to.equal(true);

    table.showStatus([]);
    table.shadowRoot!.querySelector<HTMLInputElement>('.toggle input')!.click();
    await until(
      () => scroller(table).getAttribute('aria-rowcount') === '10000001' && fileNumbers(table)[0] === 3,
      'the failed files first',
    );
    // Row 12,000, the first after the failed ones, is file 0: drag the scrollbar a few rows above it.
    const element = scroller(table);
    const viewport = element.clientHeight - table.shadowRoot!.querySelector<HTMLElement>('.head')!.offsetHeight;
    const ratio = (TOTAL * 36 - viewport) / (element.scrollHeight - element.clientHeight);
    element.scrollTop = Math.round(((FAILED - 4) * 36) / ratio);
    const numbers = await until(() => {
      const shown = fileNumbers(table);
      return shown.includes(0) && shown.every((n) => !Number.isNaN(n)) && shown;
    }, 'the first file that did not fail');
    const at = numbers.indexOf(0);
    expect(numbers.slice(at - 1, at + 3)).to.deep.equal([3 + (FAILED - 1) * 500, 0, 1, 2]);
  });

  it('keeps the narrow layout to the last file at 360 px', async () => {
    const table = await showTenMillion(360);
    expect(scroller(table).classList.contains('narrow')).to.equal(true);
    scroller(table).focus();
    await sendKeys({ press: 'End' });
    await until(() => fileNumbers(table).at(-1) === TOTAL - 1, 'the last file');
    const last = rowsInView(table).at(-1)!;
    expect(last.getBoundingClientRect().height).to.equal(52);
    const name = last.querySelector<HTMLElement>('.name')!;
    expect(name.scrollWidth, 'the name is not cut').to.be.at.most(name.clientWidth);
    const [path, status] = [last.querySelector('.path')!, last.querySelector('.status')!].map((e) => e.getBoundingClientRect());
    expect(status!.top, 'status under the path').to.be.at.least(path!.bottom - 1);
  });
});
