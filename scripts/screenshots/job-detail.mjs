// Screenshots of <ac-job-detail> on a simulated cluster: a destaging job with failed
// files (its failed files shown) and a running duplication, light, dark and 360 px wide.
// More with EXTRA='[{"name":"x.png","width":1200,"query":"job=destaging&theme=dark"}]'. Serves the TypeScript
// sources with @web/dev-server + esbuild, drives headless Chromium with puppeteer-core.
// Usage: node scripts/screenshots/job-detail.mjs [outDir]   (default: screenshots/)
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findBrowser, browserArgs } from '../find-browser.mjs';

const root = new URL('../..', import.meta.url).pathname;
const outDir = process.argv[2] ?? join(root, 'screenshots');
mkdirSync(outDir, { recursive: true });

const server = await startDevServer({
  config: {
    rootDir: root,
    port: 0,
    nodeResolve: { exportConditions: ['production'] },
    plugins: [esbuildPlugin({ ts: true, tsconfig: join(root, 'tsconfig.json'), target: 'es2022' })],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const port = server.server.address().port;
const browser = await puppeteer.launch({ executablePath: findBrowser(), args: [...browserArgs(), '--headless=new'] });

const shots = [
  { name: 'job-detail.png', width: 1200, query: 'job=destaging&failed=1' },
  { name: 'job-detail-dark.png', width: 1200, query: 'job=duplication&theme=dark' },
  { name: 'job-detail-360.png', width: 360, height: 1800, query: 'job=destaging' },
  { name: 'job-detail-360-dark.png', width: 360, height: 1800, query: 'job=duplication&theme=dark&lang=fr' },
  ...(process.env.EXTRA ? JSON.parse(process.env.EXTRA) : []),
];
try {
  for (const shot of shots) {
    const page = await browser.newPage();
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warn') && console.error(`[${shot.name}] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[${shot.name}] ${e.message}`));
    // Tall enough for the whole page: rows are drawn only where the window shows them.
    await page.setViewport({ width: shot.width, height: shot.height ?? 1300, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: shot.query.includes('dark') ? 'dark' : 'light' }]);
    await page.goto(`http://localhost:${port}/test/fixtures/job-detail-page.html?${shot.query}`);
    await page.waitForSelector('body[data-ready]', { timeout: 30000 });
    await new Promise((r) => setTimeout(r, 600));
    // The page's own height: the window may be taller than the page.
    const height = await page.evaluate(() => Math.ceil(document.querySelector('main').getBoundingClientRect().bottom));
    await page.screenshot({ path: join(outDir, shot.name), clip: { x: 0, y: 0, width: shot.width, height } });
    console.log(shot.name);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
