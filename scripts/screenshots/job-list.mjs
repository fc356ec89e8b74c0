// Screenshots of <ac-job-list> on a simulated cluster (4 nodes, 3000 jobs): light, dark
// and 360 px wide. Serves the TypeScript sources with @web/dev-server + esbuild, drives
// headless Chromium with puppeteer-core. The wide light one goes to <outDir>/job-list.png
// (the README's), the others to <outDir>/tmp/ (not committed).
// Usage: node scripts/screenshots/job-list.mjs [outDir]   (default: screenshots/)
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findBrowser, browserArgs } from '../find-browser.mjs';

const root = new URL('../..', import.meta.url).pathname;
const outDir = process.argv[2] ?? join(root, 'screenshots');
mkdirSync(join(outDir, 'tmp'), { recursive: true });

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
  { name: 'job-list.png', width: 1400, query: 'active=3' },
  { name: 'tmp/job-list-dark.png', width: 1400, query: 'theme=dark&active=3' },
  { name: 'tmp/job-list-360.png', width: 360, query: '' },
  { name: 'tmp/job-list-360-dark.png', width: 360, query: 'theme=dark&lang=fr' },
  ...(process.env.EXTRA ? JSON.parse(process.env.EXTRA) : []),
];
try {
  for (const shot of shots) {
    const page = await browser.newPage();
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warn') && console.error(`[${shot.name}] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[${shot.name}] ${e.message}`));
    await page.setViewport({ width: shot.width, height: shot.width < 600 ? 720 : 740, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: shot.query.includes('dark') ? 'dark' : 'light' }]);
    await page.goto(`http://localhost:${port}/test/fixtures/job-list-page.html?${shot.query}`);
    await page.waitForSelector('body[data-ready]', { timeout: 20000 });
    await new Promise((r) => setTimeout(r, 600));
    if (shot.hover) {
      const [x, y] = shot.hover;
      await page.mouse.move(x, y);
      await new Promise((r) => setTimeout(r, 200));
    }
    await page.screenshot({ path: join(outDir, shot.name), fullPage: true });
    console.log(`${shot.name}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
