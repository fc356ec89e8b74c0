/**
 * The list at scale: a million jobs in memory and ten million behind a remote source,
 * every row reachable, the DOM bounded.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Job } from '../../src/model/index.js';
import type { AcJobList } from '../../src/elements/job-list/ac-job-list.js';
import {
  ComputedSource,
  HeldSource,
  listFor,
  nameOf,
  nodeCount,
  rowsInView,
  scrollerOf,
  settle,
  startedStore,
  lightJob,
  lightJobs,
  syntheticJob,
  waitFor,
} from './job-list-fixtures.js';

describe('ac-job-list at scale', function () {
  this.timeout(120000);

  it('shows the right job at the bottom of ten million rows (remote) when scrolled to the end', async () => {
    const source = new ComputedSource(10_000_000);
    const store = await startedStore(source);
    const list = await listFor(store);
    await waitFor(() => store.total === 10_000_000 && !!store.jobAt(0), 'the first rows');
    await settle(list);
    expect(nameOf(rowsInView(list)[0]!)).to.equal(syntheticJob(0).name);
    const scroller = scrollerOf(list);
    scroller.scrollTop = scroller.scrollHeight;
    await waitFor(() => !!store.jobAt(9_999_999), 'the last rows');
    await settle(list);
    const inView = rowsInView(list);
    const last = inView.at(-1)!;
    expect(nameOf(last)).to.equal(syntheticJob(9_999_999).name);
    expect(last.getAttribute('aria-rowindex')).to.equal('10000001');
    // Every row above it on screen is its predecessor.
    expect(inView.map(nameOf)).to.deep.equal(inView.map((_, k) => syntheticJob(9_999_999 - (inView.length - 1 - k)).name));
    // Only windows near the screen were asked for, never the whole list.
    expect(source.requests.every((r) => r.limit <= 1000)).to.equal(true);
    store.dispose();
  });

  describe('ten million rows, remote', () => {
    let source: ComputedSource;
    let store: Awaited<ReturnType<typeof startedStore>>;
    let list: AcJobList;
    const first = () => Number(rowsInView(list)[0]!.getAttribute('aria-rowindex')) - 2;

    beforeEach(async () => {
      source = new ComputedSource(10_000_000);
      store = await startedStore(source);
      list = await listFor(store);
      await waitFor(() => store.total === 10_000_000 && !!store.jobAt(0), 'the first rows');
      await settle(list);
    });
    afterEach(() => store.dispose());

    /** The rows on screen are consecutive and show the jobs of their row numbers. */
    async function expectConsecutiveRows(): Promise<void> {
      const start = first();
      await waitFor(() => !!store.jobAt(start) && !!store.jobAt(start + 10), `rows from ${start}`);
      await settle(list);
      const rows = rowsInView(list);
      expect(rows.length).to.be.greaterThan(8);
      rows.forEach((row, k) => {
        expect(row.getAttribute('aria-rowindex')).to.equal(String(start + k + 2));
        expect(nameOf(row)).to.equal(syntheticJob(start + k).name);
      });
    }

    it('moves a wheel notch by a notch, not by the scale, so that no row is skipped', async () => {
      const scroller = scrollerOf(list);
      const wheel = (deltaY: number, deltaMode: number = WheelEvent.DOM_DELTA_PIXEL) => {
        const event = new WheelEvent('wheel', { deltaY, deltaMode, bubbles: true, cancelable: true, composed: true });
        scroller.dispatchEvent(event);
        return event.defaultPrevented;
      };
      // At the top, wheeling up is the page's to scroll.
      expect(wheel(-100)).to.equal(false);
      for (let k = 1; k <= 5; k++) {
        expect(wheel(36)).to.equal(true);
        await settle(list);
        expect(first()).to.equal(k);
      }
      wheel(3, WheelEvent.DOM_DELTA_LINE);
      await settle(list);
      expect(first()).to.equal(8);
      await expectConsecutiveRows();
    });

    it('pans 1:1 under a finger, then puts the scrollbar back in proportion', async () => {
      const scroller = scrollerOf(list);
      const finger = new Touch({ identifier: 1, target: scroller, clientX: 100, clientY: 200 });
      scroller.dispatchEvent(new TouchEvent('touchstart', { touches: [finger], changedTouches: [finger], bubbles: true }));
      // What the browser does under the finger: scroll by the distance it moved.
      for (let k = 1; k <= 5; k++) {
        scroller.scrollTop = k * 36;
        await settle(list);
        expect(first()).to.equal(k);
      }
      scroller.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [finger], bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 400));
      await settle(list);
      expect(first()).to.equal(5);
      const ratio = (10_000_000 * 36 - (scroller.clientHeight - 40)) / (scroller.scrollHeight - scroller.clientHeight);
      expect(Math.abs(scroller.scrollTop - (5 * 36) / ratio)).to.be.below(1);
    });

    it('maps the scrollbar proportionally: dragging it to the middle shows the middle rows', async () => {
      const scroller = scrollerOf(list);
      const max = scroller.scrollHeight - scroller.clientHeight;
      expect(scroller.scrollHeight).to.be.below(10_000_000);
      scroller.scrollTop = max / 2;
      await settle(list);
      const visible = rowsInView(list).length;
      expect(Math.abs(first() - (10_000_000 - visible) / 2)).to.be.below(visible);
      await expectConsecutiveRows();
    });

    it('moves by page and to both ends from the keyboard', async () => {
      const scroller = scrollerOf(list);
      scroller.focus();
      await sendKeys({ press: 'PageDown' });
      await settle(list);
      const page = list.activeIndex;
      expect(page).to.be.greaterThan(5);
      await sendKeys({ press: 'End' });
      await settle(list);
      expect(list.activeIndex).to.equal(9_999_999);
      await sendKeys({ press: 'PageUp' });
      await sendKeys({ press: 'ArrowUp' });
      await settle(list);
      expect(list.activeIndex).to.equal(9_999_999 - page - 1);
      await expectConsecutiveRows();
      expect(rowsInView(list).map((row) => row.id)).to.include(`row-${9_999_999 - page - 1}`);
      await sendKeys({ press: 'Home' });
      await settle(list);
      expect(list.activeIndex).to.equal(0);
      expect(first()).to.equal(0);
    });

    it('keeps the number of DOM nodes (comments included) bounded while scrolling through', async () => {
      const scroller = scrollerOf(list);
      const count = () => nodeCount(list);
      const start = count();
      let most = start;
      for (let step = 1; step <= 40; step++) {
        scroller.scrollTop = ((scroller.scrollHeight - scroller.clientHeight) * step) / 40;
        await settle(list);
        most = Math.max(most, count());
      }
      await waitFor(() => !!store.jobAt(9_999_999), 'the last rows');
      await settle(list);
      most = Math.max(most, count());
      expect(nameOf(rowsInView(list).at(-1)!)).to.equal(syntheticJob(9_999_999).name);
      expect(most).to.be.below(start * 1.2);
    });

    it('updates a changed row in place without moving the scroll position', async () => {
      const scroller = scrollerOf(list);
      scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * 0.3;
      await settle(list);
      await expectConsecutiveRows();
      const position = scroller.scrollTop;
      const before = rowsInView(list);
      const index = Number(before[3]!.getAttribute('aria-rowindex')) - 2;
      const job = store.jobAt(index)!;
      source.emit([{ ...job, state: 'UNSUCCESSFUL', stage: 'INTERRUPTED_ON_TIMEOUT', version: job.version + 1 } as Job], 'job.updated');
      await waitFor(() => store.jobAt(index)?.state === 'UNSUCCESSFUL', 'the update');
      await settle(list);
      const after = rowsInView(list);
      expect(scroller.scrollTop).to.equal(position);
      expect(after.map(nameOf)).to.deep.equal(before.map(nameOf));
      expect(after[3]!.querySelector('.badge')!.textContent!.trim()).to.equal('Unsuccessful');
      expect(after[2]!.querySelector('.badge')!.textContent!.trim()).to.equal(before[2]!.querySelector('.badge')!.textContent!.trim());
    });

    it('offers the new jobs of a remote list without moving its rows', async () => {
      const scroller = scrollerOf(list);
      scroller.scrollTop = 5000;
      await settle(list);
      await expectConsecutiveRows();
      const before = rowsInView(list).map(nameOf);
      source.emit(
        [{ ...syntheticJob(0), id: 'fresh', name: 'Copy:fresh', createdAt: new Date(Date.now()).toISOString() } as Job],
        'job.created',
      );
      await waitFor(() => store.addedCount === 1, 'the new job');
      await settle(list);
      expect(rowsInView(list).map(nameOf)).to.deep.equal(before);
      const notice = list.shadowRoot!.querySelector('.new-jobs')!;
      expect(notice.textContent).to.contain('1 new job');
      const requests = source.requests.length;
      notice.querySelector('button')!.click();
      await waitFor(() => source.requests.length > requests && !!store.jobAt(0), 'the rows again');
      await settle(list);
      expect(first()).to.equal(0);
      expect(store.addedCount).to.equal(0);
      expect(list.shadowRoot!.querySelector('.new-jobs')).to.equal(null);
    });
  });

  it('reaches the last of a million rows in memory with the End key, and opens it with Enter', async () => {
    const store = await startedStore(new HeldSource(lightJobs(1_000_000)));
    const list = await listFor(store);
    expect(store.total).to.equal(1_000_000);
    scrollerOf(list).focus();
    await sendKeys({ press: 'End' });
    await settle(list);
    expect(list.activeIndex).to.equal(999_999);
    const last = rowsInView(list).at(-1)!;
    expect(nameOf(last)).to.equal(lightJob(999_999).name);
    expect(last.getAttribute('aria-rowindex')).to.equal('1000001');
    expect(scrollerOf(list).getAttribute('aria-activedescendant')).to.equal(last.id);
    let opened: string | undefined;
    list.addEventListener('ac-job-open', (event) => (opened = event.detail.id));
    await sendKeys({ press: 'Enter' });
    expect(opened).to.equal('j999999');
    store.dispose();
  });
});
