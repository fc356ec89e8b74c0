// Browser tests in a real headless Chromium (see scripts/find-browser.mjs).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { browserArgs, findBrowser } from './scripts/find-browser.mjs';
import { CSP_TEST_PATH, TEST_PAGE_CSP } from './test/reliability/csp/policy.mjs';
import { refusedRequestsPlugin } from './test/refused-requests.mjs';
import { referenceProcessPlugin } from './test/server/reference-process.mjs';

let executablePath;
try {
  executablePath = findBrowser();
} catch (error) {
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

// The one browser message that is expected and harmless (a ResizeObserver whose callback
// changes layout, as the charts do when they follow their container); every other console
// error stays visible.
const HARMLESS = /^ResizeObserver loop completed with undelivered notifications\.?$/;

// The reference server's test control (demo/server/test-control.js): tests create isolated
// API instances on their own origin. Loaded on first use, from dist/ (built before the tests).
let testControl;
async function testControlMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/__test__/')) return next();
  testControl ??= import('./demo/server/test-control.js').then((m) => m.createTestControl());
  let handle;
  try {
    handle = await testControl;
  } catch (error) {
    testControl = undefined;
    ctx.status = 503;
    ctx.body = { error: { code: 'unavailable', message: `Test control not loaded (build dist/ first): ${error.message}` } };
    return;
  }
  // Answered by the handler itself; a client that aborts must not be logged as Koa's default 404.
  ctx.status = 200;
  ctx.respond = false;
  await handle(ctx.req, ctx.res);
  // Some answers are written later (gzip, long polls, streams): wait, so that the dev
  // server logs their real status rather than Koa's default 404.
  if (!ctx.res.writableFinished && !ctx.res.destroyed) {
    await new Promise((resolve) => ctx.res.once('close', resolve));
  }
}

// With two test files at once in two tabs of one window, new headless Chrome gives the tab
// in the background no animation frame at all (while it still reports itself visible), so
// a store that batches per frame never notifies there and a test waiting for a frame hangs.
// Every test page gets a window of its own, and is kept active and focused.
async function activePage({ context }) {
  const page = await context.newPage({ type: 'window' });
  const session = await page.createCDPSession();
  await session.send('Emulation.setFocusEmulationEnabled', { enabled: true });
  await session.send('Page.setWebLifecycleState', { state: 'active' });
  return page;
}

// The reliability tests' strict-policy page (test/reliability/csp/) and the demo's pages
// (demo/, the example pages' tests): served with the standalone page's Content-Security-Policy
// header, so every element runs under it.
async function strictPolicyMiddleware(ctx, next) {
  await next();
  if (ctx.path.startsWith(CSP_TEST_PATH) || ctx.path.startsWith('/demo/')) ctx.set('Content-Security-Policy', TEST_PAGE_CSP);
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  middleware: [testControlMiddleware, strictPolicyMiddleware],
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }), referenceProcessPlugin(), refusedRequestsPlugin()],
  browsers: [chromeLauncher({ launchOptions: { executablePath, args: browserArgs() }, createPage: activePage })],
  concurrency: 2,
  // A hang guard, not a speed assertion: on a loaded 2-core machine a heavy test may need more than 20 s.
  testFramework: { config: { timeout: 60000 } },
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  filterBrowserLogs: ({ args }) => !(args.length === 1 && typeof args[0] === 'string' && HARMLESS.test(args[0])),
};
