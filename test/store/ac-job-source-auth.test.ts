/**
 * `<ac-job-source>` signing in with a portal's token: the token goes with every request,
 * and when it is refused (revoked) `ac-auth-required` tells the page, whose `retry()`
 * resumes on the same store once a new token is given.
 */
import { expect, fixtureSync, html } from '@open-wc/testing';
import type { AcJobSource } from '../../src/elements/job-source/ac-job-source.js';
import '../../src/elements/job-source/ac-job-source.js';
import type { Token } from '../../src/model/index.js';
import { TestServer } from '../source/test-server.js';
import { waitFor } from './helpers.js';

describe('<ac-job-source> with a token', function () {
  this.timeout(30_000);
  let server: TestServer;

  beforeEach(async () => {
    server = await TestServer.create({ seed: 3, jobs: 40 });
  });
  afterEach(async () => {
    await server.close();
  });

  async function issue(): Promise<string> {
    const res = await fetch(`${server.base}/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin' }),
      credentials: 'omit',
    });
    return ((await res.json()) as Token).token;
  }

  it('loads with the token, fires ac-auth-required when it is revoked, and resumes on retry() with a new one', async () => {
    let token = await issue();
    const asked: boolean[] = [];
    const required: CustomEvent[] = [];
    const holder = fixtureSync<HTMLDivElement>(html`<div @ac-auth-required=${(event: CustomEvent) => required.push(event)}></div>`);
    const element = document.createElement('ac-job-source') as AcJobSource;
    element.src = server.base;
    element.token = ({ refresh }) => {
      asked.push(refresh);
      return token;
    };
    holder.append(element);
    await element.updateComplete;
    const store = element.store!;
    await waitFor(() => store.status === 'ready' && store.connection.status === 'live', 'the store live');
    expect(store.session?.user.name).to.equal('admin');
    expect(required).to.have.length(0);

    const revoked = await fetch(`${server.base}/tokens/current`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(revoked.status).to.equal(204);
    await waitFor(() => required.length === 1, 'ac-auth-required');
    const [event] = required;
    expect(event!.bubbles && event!.composed).to.equal(true);
    expect(event!.detail.store).to.equal(store);
    expect(store.authRequired).to.equal(true);
    expect(asked, 'asked again once, with refresh').to.include(true);

    token = await issue();
    event!.detail.retry();
    await waitFor(() => !store.authRequired && store.status === 'ready' && store.connection.status === 'live', 'the store live again');
    expect(element.store, 'the same store').to.equal(store);
    expect(required).to.have.length(1);
  });
});
