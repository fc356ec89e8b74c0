// Plain elements are mounted with fixtureSync: `fixture` waits for an animation frame, which never comes in a background test page.
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import type { AcJobSource } from '../../src/elements/job-source/ac-job-source.js';
import '../../src/elements/job-source/ac-job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import type { JobStoreApi, StoreChange } from '../../src/store/store-api.js';
import { FakeSource } from './fake-source.js';
import { waitFor } from './helpers.js';
import { NODES, NOW, sampleJobs } from './jobs.js';
import './reader-element.js';
import type { TestStoreReader } from './reader-element.js';

const jobs = sampleJobs(50, 4);

function newStore() {
  const source = new FakeSource(jobs, NODES, { now: NOW });
  return { source, store: new JobStore(source, { clock: () => NOW }) };
}

/** A store stand-in that only counts subscriptions and sends changes when told. */
function countingStore() {
  const listeners = new Set<(change: StoreChange) => void>();
  const store = {
    total: 7,
    subscribe(listener: (change: StoreChange) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as JobStoreApi;
  const send = (patch: Partial<StoreChange>) => {
    const change: StoreChange = {
      query: false,
      rows: false,
      summary: false,
      analysis: false,
      nodes: false,
      connection: false,
      rejected: false,
      status: false,
      session: false,
      jobs: new Set(),
      added: new Set(),
      live: false,
      ...patch,
    };
    for (const listener of listeners) listener(change);
  };
  return { store, listeners, send };
}

describe('JobStoreController', () => {
  it('uses the host’s .store, re-renders on its changes (as filtered), and lets go when removed', async () => {
    const { store, listeners, send } = countingStore();
    const reader = await fixture<TestStoreReader>(html`<test-store-reader .store=${store}></test-store-reader>`);
    expect(reader.binding.store).to.equal(store);
    expect(reader.shadowRoot!.textContent).to.equal('7');
    expect(listeners.size).to.equal(1);

    reader.accept = (change) => change.summary;
    const renders = reader.renders;
    send({ rows: true });
    await reader.updateComplete;
    expect(reader.renders, 'a change the filter refuses').to.equal(renders);
    send({ summary: true });
    await reader.updateComplete;
    expect(reader.renders).to.equal(renders + 1);

    reader.remove();
    expect(listeners.size).to.equal(0);
    document.body.append(reader);
    await reader.updateComplete;
    expect(listeners.size, 'subscribed again when back').to.equal(1);
    reader.remove();
  });

  it('moves to a new .store: unsubscribes from the old one', async () => {
    const first = countingStore();
    const second = countingStore();
    const reader = await fixture<TestStoreReader>(html`<test-store-reader .store=${first.store}></test-store-reader>`);
    reader.store = second.store;
    await reader.updateComplete;
    expect(reader.binding.store).to.equal(second.store);
    expect(first.listeners.size).to.equal(0);
    expect(second.listeners.size).to.equal(1);
  });

  it('finds the store of the <ac-job-source> named by source="id", even when it comes later', async () => {
    const { source, store } = newStore();
    const root = fixtureSync<HTMLDivElement>(html`<div><test-store-reader source="jobs"></test-store-reader></div>`);
    const reader = root.querySelector('test-store-reader')!;
    expect(reader.binding.store).to.equal(undefined);
    const element = document.createElement('ac-job-source');
    element.id = 'jobs';
    element.source = source;
    root.append(element);
    await waitFor(() => reader.binding.store !== undefined, 'the named source');
    expect(reader.binding.store).to.equal(element.store);
    await waitFor(() => reader.shadowRoot!.textContent === '50', 'the total shown');

    // A new configuration means a new store: the reader follows it.
    const other = newStore();
    element.source = other.source;
    await waitFor(() => reader.binding.store === element.store && element.store?.source === other.source, 'the new store');
    store.dispose();
  });

  it('looks for the id in its own shadow root, not in the document', async () => {
    const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    const { source } = newStore();
    const outside = document.createElement('ac-job-source');
    outside.id = 'scoped';
    outside.source = newStore().source;
    host.after(outside);
    const inside = document.createElement('ac-job-source');
    inside.id = 'scoped';
    inside.source = source;
    const reader = document.createElement('test-store-reader');
    reader.setAttribute('source', 'scoped');
    shadow.append(inside, reader);
    await waitFor(() => reader.binding.store !== undefined, 'the store');
    expect(reader.binding.store).to.equal(inside.store);
    outside.remove();
  });

  it('takes the store an ancestor provides, unless the host names another', async () => {
    const { source } = newStore();
    const explicit = countingStore();
    const element = await fixture<AcJobSource>(html`<ac-job-source .source=${source}>
      <section>
        <test-store-reader id="a"></test-store-reader>
        <test-store-reader id="b" .store=${explicit.store}></test-store-reader>
      </section>
    </ac-job-source>`);
    const [a, b] = [element.querySelector<TestStoreReader>('#a')!, element.querySelector<TestStoreReader>('#b')!];
    await waitFor(() => a.binding.store !== undefined, 'the provided store');
    expect(a.binding.store).to.equal(element.store);
    expect(b.binding.store).to.equal(explicit.store);
  });
});
