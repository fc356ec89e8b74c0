// The page on one origin, its API on another, as users deploy it (README: "Embedding on
// another origin"): real `main.js` processes, one serving the page (A), one the API (B),
// and headless Chromium driving the page.
//
// - same site, another origin: http://127.0.0.1:A → http://127.0.0.1:B, session cookie, credentials="include";
// - another site: http://localhost:A → http://127.0.0.1:B, a bearer token from POST /tokens;
// - an origin B does not allow: the page says so, and makes no request loop;
// - the gateway: G started with --api B; B killed, down 10 s, started again.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { browserArgs, findBrowser } from '../../scripts/find-browser.mjs';
import { freePort, startServer } from './servers.mjs';

/** A hang guard, never a speed assertion: the machine running this may be loaded. */
const GUARD_MS = 30_000;

/** @type {import('puppeteer-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof startServer>>} */
let pageServer;
/** @type {Awaited<ReturnType<typeof startServer>>} */
let api;
/** @type {Awaited<ReturnType<typeof startServer>>} */
let gateway;
/** @type {string[]} */
let apiArgs;
let apiBase = '';
let downloads = '';

before(async () => {
  downloads = mkdtempSync(join(tmpdir(), 'ac-deploy-'));
  const apiPort = await freePort();
  const apiOrigin = `http://127.0.0.1:${apiPort}`;
  apiBase = `${apiOrigin}/api/v1`;
  // The page's server runs no simulation worth the name; it lets its pages reach B.
  pageServer = await startServer(['--port', '0', '--jobs', '0', '--connect-src', apiOrigin]);
  const a = pageServer.port;
  apiArgs = ['--port', String(apiPort), '--jobs', '300', '--speed', '30'];
  apiArgs.push('--allow-origin', `http://127.0.0.1:${a}`, '--allow-origin', `http://localhost:${a}`);
  api = await startServer(apiArgs);
  // Not listed by B: the page it serves calls B and must be told why nothing works.
  gateway = await startServer(['--port', '0', '--api', apiBase, '--connect-src', apiOrigin]);
  browser = await puppeteer.launch({ executablePath: findBrowser(), args: [...browserArgs(), '--window-size=1280,900'] });
});

after(async () => {
  await browser?.close();
  await Promise.all([pageServer?.stop(), api?.stop(), gateway?.stop()]);
  rmSync(downloads, { recursive: true, force: true });
});

/** A page in a fresh browser context (no cookies from another test), downloads kept. */
async function openPage(/** @type {string} */ url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(GUARD_MS);
  const errors = /** @type {string[]} */ ([]);
  page.on('pageerror', (error) => errors.push(String(error)));
  const cdp = await page.createCDPSession();
  await cdp.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await page.goto(url);
  return { page, context, errors };
}

/** Waits until `probe` (run in the page) gives a truthy value, and returns it. */
async function until(
  /** @type {import('puppeteer-core').Page} */ page,
  /** @type {string} */ what,
  /** @type {Function} */ probe,
  ...args
) {
  try {
    const handle = await page.waitForFunction(/** @type {any} */ (probe), { timeout: GUARD_MS, polling: 100 }, ...args);
    return await handle.jsonValue();
  } catch (error) {
    throw new Error(`timed out waiting for ${what}: ${String(error)}`);
  }
}

/**
 * The element a selector finds (`>>>` goes into shadow roots), polled: `waitForSelector`
 * watches the document's mutations, which changes inside shadow roots do not make.
 */
async function find(/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ selector) {
  for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const found = await page.$(selector);
    if (found && (await found.isVisible())) return found;
    if (Date.now() - started > GUARD_MS) throw new Error(`timed out waiting for ${selector}`);
  }
}

async function fillLogin(/** @type {import('puppeteer-core').Page} */ page, /** @type {string} */ scope) {
  const username = await find(page, `${scope} >>> input[name=username]`);
  await username.type('admin');
  const password = await find(page, `${scope} >>> input[name=password]`);
  await password.type('admin');
  await password.press('Enter');
}

/** What the manager's store holds: its rows with their versions, the connection, the query. */
function readStore() {
  const manager = /** @type {any} */ (document.querySelector('ac-job-manager'));
  const store = manager?.activeStore;
  if (!store) return undefined;
  const rows = [];
  for (let i = 0; i < Math.min(store.total, 200); i++) {
    const job = store.jobAt(i);
    if (job) rows.push({ id: job.id, version: job.version });
  }
  return { rows, total: store.total, live: store.connection.status, q: store.query.q, authRequired: store.authRequired };
}

/** A token for reading B from here (no Origin: not a browser, so no CORS involved). */
async function apiToken() {
  const answer = await fetch(`${apiBase}/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin' }),
  });
  assert.equal(answer.status, 201);
  return (await answer.json()).token;
}

/** Every row the page holds is at B's version (tried again while live events race the comparison). */
async function expectRowsAtServerVersion(/** @type {import('puppeteer-core').Page} */ page) {
  const token = await apiToken();
  const started = Date.now();
  let last = '';
  for (;;) {
    const held = await page.evaluate(readStore);
    const rows = held?.rows ?? [];
    const truth = await Promise.all(
      rows.map(async ({ id }) => {
        const answer = await fetch(`${apiBase}/jobs/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${token}` } });
        return answer.ok ? (await answer.json()).version : undefined;
      }),
    );
    const differ = rows.filter((row, i) => row.version !== truth[i]);
    if (held?.live === 'live' && rows.length > 0 && differ.length === 0) return held;
    last = `${differ.length} of ${rows.length} rows differ, connection ${held?.live}`;
    if (Date.now() - started > GUARD_MS) assert.fail(`the page's rows never matched the server: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** A downloaded file's text, once the browser has written it. */
async function readWhenWritten(/** @type {string} */ file) {
  for (const started = Date.now(); Date.now() - started < GUARD_MS; await new Promise((resolve) => setTimeout(resolve, 100))) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      // not written yet
    }
  }
  throw new Error(`the browser wrote no ${file}`);
}

/** Logged in: the list, a job's detail, an export and a live change, all through the API on B. */
async function expectTheManagerWorks(/** @type {import('puppeteer-core').Page} */ page) {
  await page.evaluate(() => (location.hash = '#/jobs'));
  await find(page, 'ac-job-manager >>> ac-job-list >>> [role=row][data-index="0"]:not(.placeholder)');
  await until(page, 'the list live', () => {
    const store = /** @type {any} */ (document.querySelector('ac-job-manager'))?.activeStore;
    return store?.connection.status === 'live' && store.total > 0;
  });

  // A live change: a held row moves to a newer version without a reload.
  const before = await page.evaluate(readStore);
  await until(
    page,
    'a live change of a held row',
    (/** @type {{id: string, version: number}[]} */ rows) => {
      const store = /** @type {any} */ (document.querySelector('ac-job-manager')).activeStore;
      return rows.some(({ id, version }) => (store.getJob(id)?.version ?? version) > version);
    },
    before?.rows ?? [],
  );

  // An export of the list: every job the query selects, read from B page after page.
  await page.evaluate(() => {
    const win = /** @type {any} */ (window);
    win.exported = undefined;
    document.addEventListener('ac-export-done', (event) => (win.exported = /** @type {CustomEvent} */ (event).detail), { once: true });
    document.addEventListener(
      'ac-export-error',
      (event) => (win.exported = { error: String(/** @type {CustomEvent} */ (event).detail.error) }),
      {
        once: true,
      },
    );
  });
  const exportButton = await find(page, 'ac-job-manager >>> ac-export-button >>> button[part=button]');
  await exportButton.click();
  const json = await find(page, 'ac-job-manager >>> ac-export-button >>> [role=menuitem]');
  await json.click();
  const exported = /** @type {{fileName: string, bytes: number, error?: string}} */ (
    await until(page, 'the export', () => /** @type {any} */ (window).exported)
  );
  assert.equal(exported.error, undefined, 'the export did not fail');
  const text = await readWhenWritten(join(downloads, exported.fileName));
  const jobs = JSON.parse(text).jobs;
  assert.ok(Array.isArray(jobs) && jobs.length >= (before?.total ?? 1) - 50, `the export holds the list (${jobs?.length} jobs)`);

  // A job's detail, as its link opens it.
  const job = /** @type {{id: string, name: string}} */ (
    await page.evaluate(() => {
      const { id, name } = /** @type {any} */ (document.querySelector('ac-job-manager')).activeStore.jobAt(0);
      location.hash = `#/jobs/${encodeURIComponent(id)}`;
      return { id, name };
    })
  );
  const title = await find(page, 'ac-job-manager >>> ac-job-detail >>> h2');
  await until(
    page,
    "the job's detail",
    (/** @type {Element} */ h2, /** @type {string} */ name) => h2.textContent?.includes(name),
    title,
    job.name,
  );
  await page.evaluate(() => (location.hash = '#/jobs'));
  await find(page, 'ac-job-manager >>> ac-job-list >>> [role=row][data-index="0"]:not(.placeholder)');
  await expectRowsAtServerVersion(page);
}

test('same site, another origin: the session cookie with credentials="include"', async () => {
  const { page, context, errors } = await openPage(`${pageServer.origin}/examples/other-origin.html?api=${encodeURIComponent(apiBase)}`);
  try {
    await fillLogin(page, 'ac-job-manager >>> ac-login-form');
    await expectTheManagerWorks(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('another site: a bearer token from POST /tokens, and ac-auth-required once it is revoked', async () => {
  const pageOrigin = `http://localhost:${pageServer.port}`;
  const { page, context, errors } = await openPage(
    `${pageOrigin}/examples/other-origin.html?api=${encodeURIComponent(apiBase)}&auth=token`,
  );
  try {
    await fillLogin(page, '#portal-sign-in');
    await page.evaluate(() => {
      const win = /** @type {any} */ (window);
      win.authRequired = 0;
      document.addEventListener('ac-auth-required', () => win.authRequired++);
    });
    await expectTheManagerWorks(page);
    // No cookie could have done it: the page is on another site than B.
    const cookies = await context.cookies(apiBase);
    assert.deepEqual(cookies, [], 'no session cookie for the API');

    await (await find(page, '#portal-sign-out')).click();
    await until(page, 'ac-auth-required', () => /** @type {any} */ (window).authRequired > 0);
    await find(page, 'ac-job-manager >>> .session-ended [role=alert] button');
    assert.equal(await page.$('ac-job-manager >>> ac-login-form'), null, 'with a token, no login form');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an origin the API does not allow: the page says so, and asks no more', async () => {
  const { page, context } = await openPage(`${gateway.origin}/examples/other-origin.html?api=${encodeURIComponent(apiBase)}`);
  const requests = /** @type {number[]} */ ([]);
  page.on('request', (request) => {
    if (request.url().startsWith(apiBase)) requests.push(Date.now());
  });
  try {
    const text = await until(page, 'the blocked message', () => {
      const manager = document.querySelector('ac-job-manager');
      const section = manager?.shadowRoot?.querySelector('[role=alert]');
      return section?.textContent?.includes('does not allow') ? section.textContent : undefined;
    });
    assert.match(
      String(text),
      new RegExp(`The API at ${apiBase.replace(/\/api\/v1$/, '').replace(/\./g, '\\.')} does not allow pages from ${gateway.origin}`),
    );
    assert.match(String(text), /Embedding on another origin/);
    const shown = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.deepEqual(
      requests.filter((at) => at > shown),
      [],
      'no request after the message',
    );
  } finally {
    await context.close();
  }
});

test('the gateway: B down for 10 s and back without its sessions, the page logs in again in place', async () => {
  const { page, context, errors } = await openPage(`${gateway.origin}/#/jobs`);
  try {
    await fillLogin(page, 'ac-job-manager >>> ac-login-form');
    await find(page, 'ac-job-manager >>> ac-job-list >>> [role=row][data-index="0"]:not(.placeholder)');
    // A search the page must keep across the outage and the new login.
    const search = await find(page, 'ac-job-manager >>> ac-job-list >>> input[type=search]');
    await search.type('a');
    await until(
      page,
      'the search applied',
      () => /** @type {any} */ (document.querySelector('ac-job-manager')).activeStore.query.q === 'a',
    );
    await expectRowsAtServerVersion(page);
    await page.evaluate(() => /** @type {any} */ (window.sameDocument = true));

    await api.stop('SIGKILL');
    await until(page, 'the status to show the outage', () => {
      const status = document.querySelector('ac-job-manager')?.shadowRoot?.querySelector('ac-connection-status');
      const shown = status?.shadowRoot?.querySelector('[role=status]');
      return ['reconnecting', 'error', 'connecting'].some((name) => shown?.classList.contains(name));
    });
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    api = await startServer(apiArgs);

    await fillLogin(page, 'ac-job-manager >>> .session-ended ac-login-form');
    const held = await expectRowsAtServerVersion(page);
    assert.equal(held.q, 'a', 'the search is kept');
    assert.match(await page.evaluate(() => location.hash), /^#\/jobs(\?|$)/, 'the view is kept');
    assert.equal(await page.evaluate(() => /** @type {any} */ (window).sameDocument), true, 'no reload');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
