// Screenshots of every view of <ac-job-manager> as the standalone page shows it: log-in,
// dashboard, jobs list, job detail, analysis and the operator's role message, in light and dark,
// English and French, 1280 and 360 px wide. Serves the built page (dist/: run `npm run
// build` first) and the reference API in-process, over a simulated cluster (4 nodes,
// 3000 jobs, clock still, so frames are steady) under the page's strict policy; drives
// headless Chromium (shoot.mjs's launch) and reports any console error or policy violation.
// Usage: node scripts/screenshots/manager.mjs [outDir]   (default: screenshots/manager/)
// ONLY='dashboard,job' limits the views.
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApi } from '../../demo/server/api.js';
import { sendJson } from '../../demo/server/respond.js';
import { createStaticHandler, securityHeaders } from '../../demo/server/static.js';
import { launchBrowser } from './shoot.mjs';

const root = new URL('../..', import.meta.url).pathname;
const outDir = process.argv[2] ?? join(root, 'screenshots/manager');
mkdirSync(outDir, { recursive: true });

const api = createApi({ simulation: { seed: 7, nodes: 4, jobs: 3000 } });
const serveStatic = createStaticHandler({ demoDir: join(root, 'demo'), distDir: join(root, 'dist'), apiBase: api.base });
const server = createServer((req, res) => {
  for (const [name, value] of Object.entries(securityHeaders())) res.setHeader(name, value);
  const path = (req.url ?? '/').split('?')[0];
  if (path === api.base || path.startsWith(`${api.base}/`)) void api(req, res);
  else if (path === '/config.json') sendJson(req, res, 200, { api: api.base });
  else void serveStatic(req, res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// The detail shows the newest unsuccessful destaging job that has failed files.
const failedDestaging = [...api.simulator.jobs()]
  .reverse()
  .find((job) => job.type === 'DESTAGING' && job.state === 'UNSUCCESSFUL' && job.progress.files.failed > 0);

/**
 * Each view: the hash to open, the account (none: stay logged out), what shows it is ready
 * (a deep selector), and for the views shot whole, what must be there before the window grows
 * to the page's height (rows of the file table are drawn only inside the window; the job
 * list, on the contrary, fills the window it is given).
 */
const VIEWS = {
  login: { hash: '', account: undefined, ready: 'ac-job-manager >>> ac-login-form >>> form' },
  dashboard: { hash: '#/dashboard', account: 'admin', ready: 'ac-job-manager >>> ac-job-dashboard >>> canvas', whole: 'ac-job-manager >>> ac-job-dashboard >>> canvas' },
  jobs: { hash: '#/jobs', account: 'admin', ready: 'ac-job-manager >>> ac-job-list >>> [role=row][data-index="0"]:not(.placeholder)' },
  job: {
    hash: `#/jobs/${encodeURIComponent(failedDestaging.id)}`,
    account: 'admin',
    ready: 'ac-job-manager >>> ac-job-files >>> [role=row][aria-rowindex="2"]:not(.placeholder)',
    whole: 'ac-job-manager >>> ac-job-files',
  },
  analysis: {
    hash: '#/analysis',
    account: 'admin',
    ready: 'ac-job-manager >>> ac-job-analysis >>> canvas',
    whole: 'ac-job-manager >>> ac-job-analysis >>> canvas',
  },
  role: { hash: '', account: 'operator', ready: 'ac-job-manager >>> .message[role=alert]' },
};
const only = process.env.ONLY?.split(',');
const views = Object.keys(VIEWS).filter((view) => !only || only.includes(view));

/**
 * Waits for a deep selector (`a >>> b`) by asking again every 100 ms: waitForSelector
 * watches the document's mutations only, not those inside shadow roots.
 */
async function waitDeep(page, selector, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.$(selector))) {
    if (Date.now() > deadline) throw new Error(`${selector} did not appear within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const browser = await launchBrowser();
let problems = 0;

/** One screenshot, in a browser context of its own (its own session cookie). */
async function shoot(view, lang, theme, width) {
  const name = `${view}-${lang}-${theme}-${width}.png`;
  const { hash, account, ready, whole = false } = VIEWS[view];
  const report = (text) => {
    problems++;
    console.error(`[${name}] ${text}`);
  };
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    // 401 is the expected answer while logged out; 403, the operator's.
    page.on('console', (m) => ['error', 'warn'].includes(m.type()) && !/status of 40[13]/.test(m.text()) && report(m.text()));
    page.on('pageerror', (e) => report(e.message));
    const viewport = { width, height: width < 600 ? 780 : 860, deviceScaleFactor: 1 };
    await page.setViewport(viewport);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`policy violation: ${e.effectiveDirective} ${e.blockedURI}`));
    });
    const query = `?lang=${lang}&theme=${theme}`;
    try {
      if (account) {
        await page.goto(`${origin}/${query}`);
        const form = 'ac-job-manager >>> ac-login-form >>> form';
        await waitDeep(page, form);
        await (await page.$(`${form} input[name=username]`)).type(account);
        await (await page.$(`${form} input[name=password]`)).type(account);
        await (await page.$(`${form} button[type=submit]`)).click();
        await waitDeep(page, 'ac-job-manager >>> nav, ac-job-manager >>> .message[role=alert]');
        if (hash) await page.evaluate((h) => (location.hash = h), hash);
      } else {
        await page.goto(`${origin}/${query}${hash}`);
      }
      if (whole) {
        await waitDeep(page, whole);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.setViewport({ ...viewport, height: Math.max(viewport.height, height) });
      }
      await waitDeep(page, ready);
    } catch (error) {
      report(`${error.message}; what the page showed is in FAILED-${name}`);
      await page.screenshot({ path: join(outDir, `FAILED-${name}`) });
      return;
    }
    // Charts and rows settle (fonts, resize observers, a frame or two).
    await new Promise((resolve) => setTimeout(resolve, 700));
    await page.screenshot({ path: join(outDir, name), fullPage: whole });
    console.log(name);
  } finally {
    await context.close();
  }
}

try {
  for (const view of views) {
    for (const lang of ['en', 'fr']) {
      for (const theme of ['light', 'dark']) {
        for (const width of [1280, 360]) await shoot(view, lang, theme, width);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
  api.close();
}
if (problems) {
  console.error(`${problems} problems (see above).`);
  process.exitCode = 1;
}
