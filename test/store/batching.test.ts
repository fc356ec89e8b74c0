import { expect } from '@open-wc/testing';
import type { Job, JobChangeEvent } from '../../src/model/index.js';
import { frames } from '../../src/store/change-batcher.js';
import { JobStore } from '../../src/store/job-store.js';
import type { StoreChange } from '../../src/store/store-api.js';
import { FakeSource } from './fake-source.js';
import { manualFrames, waitFor } from './helpers.js';
import { NODES, NOW, sampleJobs } from './jobs.js';
import { settle } from './store-suite.js';

/** An animation frame, or a timeout while the page is hidden, as the store's own default waits. */
const frame = () => new Promise<void>((resolve) => frames()(resolve));

function updates(jobs: Job[], count: number): JobChangeEvent[] {
  return jobs.slice(0, count).map((job, i) => ({
    type: 'job.updated',
    seq: i + 1,
    job: { ...job, version: job.version + 1, state: 'UNSUCCESSFUL', stage: 'INTERRUPTED_ON_ERROR' } as Job,
  }));
}

for (const remote of [false, true]) {
  describe(`JobStore notifications (${remote ? 'remote' : 'memory'} mode)`, () => {
    const jobs = sampleJobs(300, 8);

    it('tells subscribers once per frame, with every job that changed', async () => {
      const frames = manualFrames();
      const source = new FakeSource(jobs, NODES, { remote, now: NOW });
      const store = new JobStore(source, { clock: () => NOW, scheduleFrame: frames.schedule, windowSize: 300 });
      await store.start();
      if (remote) {
        while (store.status !== 'ready') {
          frames.run();
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
      frames.run();
      const changes: StoreChange[] = [];
      store.subscribe((change) => changes.push(change));
      const events = updates(jobs, 120);
      for (let i = 0; i < events.length; i += 10) source.emit(events.slice(i, i + 10));
      expect(frames.pending, 'one frame requested for all batches').to.equal(1);
      expect(changes).to.have.length(0);
      frames.run();
      expect(changes).to.have.length(1);
      expect([...changes[0]!.jobs].sort()).to.deep.equal(events.map((e) => e.job.id).sort());
      expect(changes[0]!.rows).to.equal(true);
      expect(changes[0]!.summary).to.equal(!remote);
      expect(changes[0]!.live, 'live events alone').to.equal(true);
      frames.run();
      expect(changes).to.have.length(1);
      // Live events with a query change: not live alone (elements draw it at once).
      source.emit(updates(jobs.slice(200), 5));
      store.setQuery({ states: ['UNSUCCESSFUL'] });
      frames.run();
      expect(changes).to.have.length(2);
      expect(changes[1]!.query).to.equal(true);
      expect(changes[1]!.live).to.equal(false);
      store.dispose();
    });

    it('with the default frame scheduler, a burst of events is one notification', async () => {
      const source = new FakeSource(jobs, NODES, { remote, now: NOW });
      const store = new JobStore(source, { clock: () => NOW, windowSize: 300 });
      await store.start();
      await settle(store);
      await frame();
      await frame();
      let notifications = 0;
      store.subscribe(() => notifications++);
      for (const event of updates(jobs, 200)) source.emit([event]);
      await waitFor(() => notifications > 0, 'a notification');
      await frame();
      await frame();
      expect(notifications).to.equal(1);
      store.dispose();
    });

    it('says a change is live only when live events alone made it: loaded rows and statuses are not', async () => {
      const source = new FakeSource(jobs, NODES, { remote, now: NOW });
      const store = new JobStore(source, { clock: () => NOW, windowSize: 300 });
      const changes: StoreChange[] = [];
      store.subscribe((change) => changes.push(change));
      await store.start();
      store.requestRows(0, 50);
      await waitFor(() => store.status === 'ready' && store.jobAt(0) !== undefined, 'the first rows');
      await frame();
      const loads = changes.filter((c) => c.rows || c.status);
      expect(loads.length, 'notifications of the load').to.be.greaterThan(0);
      expect(
        loads.every((c) => !c.live),
        'loads are not live',
      ).to.equal(true);
      const seen = changes.length;
      source.emit(updates(jobs, 3));
      await waitFor(() => changes.length > seen, 'the live notification');
      expect(changes.slice(seen).every((c) => c.live)).to.equal(true);
      store.dispose();
    });

    it('after dispose: no live listener, no notification, no request', async () => {
      const source = new FakeSource(jobs, NODES, { remote, now: NOW });
      const store = new JobStore(source, { clock: () => NOW });
      await store.start();
      await waitFor(() => store.status === 'ready', 'the load');
      let notified = false;
      store.subscribe(() => (notified = true));
      store.setQuery({ q: 'media' });
      store.dispose();
      expect(source.listenerCount).to.equal(0);
      const calls = source.calls.length;
      source.emit(updates(jobs, 5));
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(notified).to.equal(false);
      expect(source.calls.length, 'no request after dispose').to.equal(calls);
    });
  });
}

describe('frames()', () => {
  it('calls back at most 60 times a second, whatever the display draws', () => {
    // A 200 Hz display: a frame every 5 ms.
    const queue: FrameRequestCallback[] = [];
    const real = window.requestAnimationFrame;
    window.requestAnimationFrame = (callback) => queue.push(callback);
    try {
      const schedule = frames();
      const calledAt: number[] = [];
      let time = 1000;
      const request = () => schedule(() => calledAt.push(time));
      request();
      for (let i = 0; i < 40; i++) {
        time += 5;
        const due = queue.splice(0);
        for (const callback of due) callback(time);
        // Changes keep coming: as soon as a notification went out, the next is asked for.
        if (calledAt.at(-1) === time) request();
      }
      expect(calledAt[0], 'the first change waits for no slot').to.equal(1005);
      const gaps = calledAt.slice(1).map((t, i) => t - calledAt[i]!);
      expect(Math.min(...gaps)).to.be.at.least(15);
      expect(calledAt.length).to.be.within(10, 14);
    } finally {
      window.requestAnimationFrame = real;
    }
  });
});
