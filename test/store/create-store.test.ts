import { expect } from '@open-wc/testing';
import { createStore } from '../../src/store/create-store.js';
import { FakeSource } from './fake-source.js';
import { NODES, NOW, sampleJobs } from './jobs.js';

describe('createStore', () => {
  it('builds a simulated cluster with the options given, once its modules have loaded', async () => {
    const owned = createStore({ simulated: true, seed: 4, nodes: 2, jobs: 80, live: false });
    expect(owned.store, 'not before the simulator has loaded').to.equal(undefined);
    const store = (await owned.ready)!;
    expect(owned.store).to.equal(store);
    await store.start();
    expect([store.mode, store.total, store.nodes.length]).to.deep.equal(['memory', 80, 2]);
    expect(store.source.connection.status, 'no live updates').to.equal('idle');
    owned.close();
  });

  it('builds nothing when closed while the simulator loads', async () => {
    const owned = createStore({ simulated: true, jobs: 10 });
    owned.close();
    expect(await owned.ready).to.equal(undefined);
    expect(owned.store).to.equal(undefined);
  });

  it('over a source the page gave: the store at once, and the source left open when closed', async () => {
    const source = new FakeSource(sampleJobs(12, 3), NODES, { now: NOW });
    const owned = createStore({ source, simulated: true });
    expect(owned.store?.source, 'the given source wins, at once').to.equal(source);
    expect(await owned.ready).to.equal(owned.store);
    await owned.store!.start();
    expect(source.listenerCount).to.equal(1);
    owned.close();
    expect(source.listenerCount, 'the store let go of it').to.equal(0);
    expect(source.closed).to.equal(false);
  });

  it('over an API: the HTTP source in remote mode, closed with the store', async () => {
    const owned = createStore({ src: '/nowhere/api/v1' });
    const store = owned.store!;
    expect(store.mode).to.equal('remote');
    let closed = 0;
    const close = store.source.close.bind(store.source);
    store.source.close = () => {
      closed++;
      close();
    };
    owned.close();
    owned.close();
    expect(closed).to.equal(1);
  });
});
