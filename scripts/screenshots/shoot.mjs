// What the screenshot scripts share: serve the TypeScript sources with @web/dev-server +
// esbuild, open a page of test/fixtures/ in headless Chromium (puppeteer-core) once per
// shot (its width, height, query and colour scheme), wait for `body[data-ready]`, and
// save a PNG. A shot is {name, width, height?, query, hover?: [x, y], clip?}; more can be
// given through EXTRA, a JSON list of shots:
// EXTRA='[{"name":"tip.png","width":1280,"query":"theme=dark","hover":[330,640]}]'
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findBrowser, browserArgs } from '../find-browser.mjs';

const root = new URL('../..', import.meta.url).pathname;

/** Where the PNGs go: the script's first argument, else screenshots/. */
export const outDir = process.argv[2] ?? join(root, 'screenshots');

/** Headless Chromium, found on this machine (never downloaded), for every screenshot script. */
export function launchBrowser() {
  return puppeteer.launch({ executablePath: findBrowser(), args: [...browserArgs(), '--headless=new'] });
}

/** The shots asked for through EXTRA. */
export function extraShots() {
  return process.env.EXTRA ? JSON.parse(process.env.EXTRA) : [];
}

/**
 * Takes `shots` of `page` (a path from the repository's root) into `outDir`.
 * `height(shot)`: the window's height when the shot names none; `readyTimeout`: ms to
 * wait for the page to be ready; `capture(page, shot)`: puppeteer's screenshot options
 * for a shot without `clip` (default: the full page).
 */
export async function shoot({ page: path, shots, height = () => 900, readyTimeout = 20000, capture = async () => ({ fullPage: true }) }) {
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
  const browser = await launchBrowser();
  try {
    for (const shot of shots) {
      const page = await browser.newPage();
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warn') && console.error(`[${shot.name}] ${m.text()}`));
      page.on('pageerror', (e) => console.error(`[${shot.name}] ${e.message}`));
      await page.setViewport({ width: shot.width, height: shot.height ?? height(shot), deviceScaleFactor: 1 });
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: shot.query.includes('dark') ? 'dark' : 'light' }]);
      await page.goto(`http://localhost:${port}/${path}?${shot.query}`);
      await page.waitForSelector('body[data-ready]', { timeout: readyTimeout });
      await new Promise((r) => setTimeout(r, 600));
      if (shot.hover) {
        const [x, y] = shot.hover;
        await page.mouse.move(x - 20, y - 20);
        await page.mouse.move(x, y, { steps: 4 });
        await new Promise((r) => setTimeout(r, 200));
      }
      const file = join(outDir, shot.name);
      mkdirSync(dirname(file), { recursive: true });
      const options = shot.clip ? { clip: shot.clip, captureBeyondViewport: false } : await capture(page, shot);
      await page.screenshot({ path: file, ...options });
      console.log(shot.name);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}
