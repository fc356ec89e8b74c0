// Screenshots of <ac-job-filters> + <ac-job-dashboard> on a simulated cluster (4 nodes,
// 3000 jobs): light, dark and 360 px wide. Serves the TypeScript sources with
// @web/dev-server + esbuild, drives headless Chromium with puppeteer-core.
// Usage: node scripts/screenshots/dashboard.mjs [outDir]   (default: screenshots/)
// More shots through EXTRA, a JSON list of {name, width, height?, query, hover?: [x, y], clip?}:
// EXTRA='[{"name":"tip.png","width":1280,"query":"theme=dark","hover":[330,640]}]'
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
  { name: 'dashboard.png', width: 1280, query: '' },
  { name: 'dashboard-dark.png', width: 1280, query: 'theme=dark' },
  { name: 'dashboard-360.png', width: 360, query: '' },
  { name: 'dashboard-360-dark.png', width: 360, query: 'theme=dark&lang=fr' },
  ...(process.env.EXTRA ? JSON.parse(process.env.EXTRA) : []),
];
try {
  for (const shot of shots) {
    const page = await browser.newPage();
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warn') && console.error(`[${shot.name}] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[${shot.name}] ${e.message}`));
    await page.setViewport({ width: shot.width, height: shot.height ?? 900, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: shot.query.includes('dark') ? 'dark' : 'light' }]);
    await page.goto(`http://localhost:${port}/test/fixtures/dashboard-page.html?${shot.query}`);
    await page.waitForSelector('body[data-ready]', { timeout: 20000 });
    await new Promise((r) => setTimeout(r, 600));
    if (shot.hover) {
      const [x, y] = shot.hover;
      await page.mouse.move(x - 20, y - 20);
      await page.mouse.move(x, y, { steps: 4 });
      await new Promise((r) => setTimeout(r, 200));
    }
    await page.screenshot({ path: join(outDir, shot.name), ...(shot.clip ? { clip: shot.clip, captureBeyondViewport: false } : { fullPage: true }) });
    console.log(`${shot.name}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
