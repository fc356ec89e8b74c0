import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import type { AcJobSource } from '../../src/elements/job-source/ac-job-source.js';
import '../../src/elements/job-source/ac-job-source.js';
import { FakeSource } from './fake-source.js';
import { startServer } from './harnesses.js';
import { waitFor } from './helpers.js';
import { NODES, NOW, sampleJobs } from './jobs.js';

describe('<ac-job-source>', () => {
  it('simulated: serves a seeded cluster from the page, announces its store, shows nothing', async () => {
    const holder = fixtureSync<HTMLDivElement>(html`<div></div>`);
    const element = document.createElement('ac-job-source');
    element.setAttribute('simulated', '');
    element.setAttribute('seed', '2');
    element.setAttribute('nodes', '3');
    element.setAttribute('jobs', '300');
    const ready = oneEvent(holder, 'ac-store-ready');
    holder.append(element);
    const event = await Promise.race([
      ready,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no ac-store-ready event')), 5000)),
    ]);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.store).to.equal(element.store);
    const store = element.store!;
    await waitFor(() => store.status === 'ready', 'the simulated cluster');
    expect(store.mode).to.equal('memory');
    expect(store.total).to.equal(300);
    expect(store.nodes.map((n) => n.id)).to.deep.equal(['node-1', 'node-2', 'node-3']);
    expect(store.summary?.total).to.equal(300);
    expect(getComputedStyle(element).display).to.equal('contents');
    expect(element.getBoundingClientRect().height).to.equal(0);

    // Same seed, same jobs; another seed, another store.
    const first = store.jobAt(0);
    element.seed = 5;
    await waitFor(() => element.store !== store, 'a new store');
    expect(element.store).not.to.equal(store);
    await waitFor(() => element.store!.status === 'ready', 'the new cluster');
    expect(element.store!.jobAt(0)).not.to.deep.equal(first);
    element.remove();
    expect(element.store).to.equal(undefined);
  });

  it('.source: uses the page’s source, disposes its store when removed but leaves the source open', async () => {
    const source = new FakeSource(sampleJobs(40, 3), NODES, { now: NOW });
    const element = await fixture<AcJobSource>(html`<ac-job-source .source=${source}></ac-job-source>`);
    const store = element.store!;
    expect(store.source).to.equal(source);
    await waitFor(() => store.status === 'ready', 'the load');
    expect(store.total).to.equal(40);
    expect(source.listenerCount).to.equal(1);
    element.remove();
    expect(source.listenerCount, 'the store let go of the live events').to.equal(0);
    expect(source.closed, 'a source the page built stays open').to.equal(false);
  });

  it('live="false": the store does not listen to live events', async () => {
    const source = new FakeSource(sampleJobs(10, 3), NODES, { now: NOW });
    const element = await fixture<AcJobSource>(html`<ac-job-source live="false" .source=${source}></ac-job-source>`);
    await waitFor(() => element.store!.status === 'ready', 'the load');
    expect(element.live).to.equal(false);
    expect(source.listenerCount).to.equal(0);
  });

  it('src: talks to an API over HTTP in remote mode, and says when a login is needed', async function () {
    this.timeout(30000);
    const server = await startServer();
    try {
      const element = await fixture<AcJobSource>(html`<ac-job-source src=${server.base}></ac-job-source>`);
      const store = element.store!;
      expect(store.mode).to.equal('remote');
      await waitFor(() => store.status === 'error', 'the refusal');
      expect(store.error?.kind).to.equal('unauthenticated');
      await store.login('admin', 'admin');
      await waitFor(() => store.status === 'ready', 'the load after login');
      expect(store.total).to.equal((await server.state()).jobs.length);
      expect(store.jobAt(0)).not.to.equal(undefined);
      element.remove();
    } finally {
      await server.stop();
    }
  });
});
