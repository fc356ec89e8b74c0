/**
 * The reference server against an impatient attacker: failed logins throttled per account
 * and per address (429 with `Retry-After`), sessions capped per account, and the session
 * cookie `Secure` behind a TLS proxy (`--trust-proxy`, `--secure-cookies`).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { validateApiError, type ApiError } from '../../src/model/index.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import '../../src/elements/login-form/ac-login-form.js';
import { waitUntil } from '../reliability/wait.js';
import { FakeFetch, json } from '../source/fake-fetch.js';
import { EventStreamReader, closeServer, createServer, getJson, login, serverStats, type TestServer } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client at `address`, as a proxy the instance trusts says. */
const from = (address: string) => ({ headers: { 'X-Forwarded-For': `198.51.100.1, ${address}` }, credentials: 'omit' as const });

describe('server: login throttle', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await createServer({ jobs: 10, trustProxy: true });
  });
  afterEach(() => closeServer(server));

  it('an account: five wrong passwords, then 429 with Retry-After from any address, even for the right password', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await login(server, 'admin', `wrong ${i}`, from(`203.0.113.${i + 1}`));
      expect(res.status, `failure ${i + 1}`).to.equal(401);
    }
    const locked = await login(server, 'admin', 'admin', from('203.0.113.77'));
    expect(locked.status).to.equal(429);
    const body: unknown = await locked.json();
    expect(validateApiError(body).ok).to.equal(true);
    expect((body as ApiError).error.code).to.equal('too_many_attempts');
    expect(locked.headers.get('retry-after'), 'the first lock is one second').to.equal('1');
    // Another account is not locked by this one's failures.
    expect((await login(server, 'operator', 'operator', from('203.0.113.78'))).status).to.equal(200);
    // Once the lock is over, the right password logs in; the next failure locks twice as long.
    await sleep(1100);
    expect((await login(server, 'admin', 'wrong again', from('203.0.113.79'))).status).to.equal(401);
    const longer = await login(server, 'admin', 'admin', from('203.0.113.80'));
    expect(longer.status).to.equal(429);
    expect(longer.headers.get('retry-after')).to.equal('2');
    await sleep(2100);
    expect((await login(server, 'admin', 'admin', from('203.0.113.81'))).status).to.equal(200);
  });

  it('an address: twenty failures over any accounts (known or not), then 429 for any account from it', async () => {
    for (let i = 0; i < 21; i++) {
      const res = await login(server, `user-${i}`, 'guess', from('203.0.113.50'));
      expect(res.status, `failure ${i + 1}`).to.equal(401);
    }
    const locked = await login(server, 'admin', 'admin', from('203.0.113.50'));
    expect(locked.status).to.equal(429);
    expect(Number(locked.headers.get('retry-after'))).to.be.at.least(1);
    expect((await login(server, 'admin', 'admin', from('203.0.113.51'))).status, 'another address').to.equal(200);
  });

  it('200 wrong passwords in a row: a handful are checked, the rest wait', async () => {
    const statuses: number[] = [];
    const start = performance.now();
    for (let i = 0; i < 200; i++) statuses.push((await login(server, 'admin', `guess ${i}`, from('203.0.113.90'))).status);
    const seconds = (performance.now() - start) / 1000;
    const checked = statuses.filter((s) => s === 401).length;
    // Five free, then locks of 1, 2, 4… s: however slow this machine, t seconds allow 6 + log2(t + 1) checks.
    expect(checked).to.be.within(6, 6 + Math.ceil(Math.log2(seconds + 1)));
    expect(statuses.slice(0, 6)).to.deep.equal([401, 401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 429)).to.have.length(200 - checked);
  });
});

describe('server: login throttle without a trusted proxy', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await createServer({ jobs: 10 });
  });
  afterEach(() => closeServer(server));

  it('X-Forwarded-For is not believed: changing it does not dodge the address limit', async () => {
    for (let i = 0; i < 21; i++) await login(server, `user-${i}`, 'guess', from(`203.0.113.${i + 1}`));
    expect((await login(server, 'admin', 'admin', from('203.0.113.200'))).status).to.equal(429);
  });
});

describe('server: sessions per account', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await createServer({ jobs: 10 });
  });
  afterEach(() => closeServer(server));

  it('an account holds at most 100 sessions: a new login ends the least recently used, and its stream', async () => {
    expect((await login(server)).status).to.equal(200);
    const stream = await EventStreamReader.open(`${server.base}/events`);
    expect(stream.response.status).to.equal(200);
    // This browser's session is watching events: the one to end is the least recently used of the others.
    expect((await login(server, 'admin', 'admin', { credentials: 'omit' })).status).to.equal(200);
    for (let i = 0; i < 99; i++) await login(server, 'admin', 'admin', { credentials: 'omit' });
    expect((await serverStats(server)).sessions).to.equal(100);
    expect((await getJson(server, '/session')).status, 'the session in use is kept').to.equal(200);
    stream.close();
    await sleep(50);
    // Now unwatched and least recently used: the next login ends it.
    for (let i = 0; i < 100; i++) await login(server, 'admin', 'admin', { credentials: 'omit' });
    expect((await serverStats(server)).sessions).to.equal(100);
    expect((await getJson(server, '/session')).status, 'the oldest session ended').to.equal(401);
  });
});

describe('login form: too many attempts', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await createServer({ jobs: 10 });
  });
  afterEach(() => closeServer(server));

  /** A login form on `fetch`, and a way to submit it and wait for its answer. */
  async function formOn(lang: 'en' | 'fr', fetch: typeof window.fetch, baseUrl: string) {
    const source = new HttpJobSource({ baseUrl, fetch, live: false });
    let answers = 0;
    const login = source.login.bind(source);
    source.login = async (username, password, signal) => {
      try {
        return await login(username, password, signal);
      } finally {
        answers++;
      }
    };
    const form = await fixture<HTMLElement & { updateComplete: Promise<boolean> }>(
      html`<ac-login-form lang=${lang} .jobSource=${source}></ac-login-form>`,
    );
    const root = form.shadowRoot!;
    const submit = root.querySelector<HTMLButtonElement>('button[type=submit]')!;
    const attempt = async (password: string) => {
      const wanted = answers + 1;
      root.querySelector<HTMLInputElement>('input[name=username]')!.value = 'admin';
      root.querySelector<HTMLInputElement>('input[name=password]')!.value = password;
      root.querySelector('form')!.requestSubmit();
      await waitUntil(() => answers === wanted, 'the answer');
      await form.updateComplete;
    };
    const heard = () => root.querySelector('.throttled .visually-hidden')?.textContent ?? undefined;
    const seen = () => root.querySelector('.throttled [aria-hidden]')?.textContent ?? undefined;
    return { source, root, submit, attempt, heard, seen };
  }

  it('against the server: says exactly the wait the server gave, and sends nothing before its end', async () => {
    let retryAfter: string | null = null;
    let requests = 0;
    const fetch: typeof window.fetch = async (input, init) => {
      requests++;
      const response = await window.fetch(input, init);
      retryAfter = response.headers.get('retry-after');
      return response;
    };
    const { source, submit, attempt, heard } = await formOn('en', fetch, server.base);
    for (let i = 0; i < 10 && heard() === undefined; i++) await attempt('wrong');
    expect(retryAfter, 'the server said to wait').not.to.equal(null);
    expect(heard()).to.equal(`Too many failed attempts: try again in ${retryAfter} s.`);
    expect(submit.disabled, 'no attempt the server would refuse').to.equal(true);
    const sent = requests;
    submit.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests, 'nothing sent while waiting').to.equal(sent);
    await waitUntil(() => heard() === undefined, 'the end of the wait');
    expect(submit.disabled).to.equal(false);
    await attempt('admin');
    expect(heard(), 'the right password once the wait is over').to.equal(undefined);
    source.close();
  });

  for (const [lang, words] of [
    ['en', (n: number) => `Too many failed attempts: try again in ${n} s.`],
    ['fr', (n: number) => `Trop de tentatives échouées : réessayez dans ${n} s.`],
  ] as const) {
    it(`counts the wait down, second by second, while a screen reader hears it once (${lang})`, async () => {
      const fake = new FakeFetch((r) =>
        json(r, { error: { code: 'too_many_attempts', message: 'Too many failed logins.' } }, 429, { 'Retry-After': '3' }),
      );
      const { source, attempt, heard, seen } = await formOn(lang, fake.fetch, '/api/v1');
      await attempt('wrong');
      expect(heard()).to.equal(words(3));
      expect(seen()).to.equal(words(3));
      await waitUntil(() => seen() === words(2), 'two seconds left');
      expect(heard(), 'the announced text stays as it was').to.equal(words(3));
      await waitUntil(() => seen() === words(1), 'one second left');
      await waitUntil(() => seen() === undefined, 'the end of the wait');
      source.close();
    });
  }
});

interface ProcessAnswer {
  status: number;
  headers: Record<string, string>;
  setCookie: string[];
  body: string;
}

/** Starts `node demo/server/main.js` with `args` and logs in to it, as a proxy would forward it. */
async function loginThroughProcess(args: string[], headers: Record<string, string> = {}): Promise<ProcessAnswer> {
  const [answer] = await executeServerCommand<ProcessAnswer[], unknown>('reference-server-requests', {
    args,
    requests: [{ method: 'POST', path: '/api/v1/session', headers, body: { username: 'admin', password: 'admin' } }],
  });
  return answer!;
}

describe('server: the session cookie behind a TLS proxy (main.js flags)', function () {
  this.timeout(120_000);

  it('is not Secure over plain HTTP by default, whatever X-Forwarded-Proto says', async () => {
    const answer = await loginThroughProcess([], { 'X-Forwarded-Proto': 'https' });
    expect(answer.status).to.equal(200);
    expect(answer.setCookie[0]).to.match(/^ac_session=[\w-]+; Path=\/api\/v1; HttpOnly; SameSite=Strict$/);
  });

  it('--trust-proxy: Secure when the proxy says https, not when it says http', async () => {
    const https = await loginThroughProcess(['--trust-proxy'], { 'X-Forwarded-Proto': 'https' });
    expect(https.status).to.equal(200);
    expect(https.setCookie[0]).to.match(/; Secure$/);
    // A proxy appends to what the client sent: its own value, the last, is the one read.
    const http = await loginThroughProcess(['--trust-proxy'], { 'X-Forwarded-Proto': 'https, http' });
    expect(http.setCookie[0]).not.to.contain('Secure');
  });

  it('--secure-cookies: always Secure', async () => {
    const answer = await loginThroughProcess(['--secure-cookies']);
    expect(answer.status).to.equal(200);
    expect(answer.setCookie[0]).to.match(/; Secure$/);
  });
});
