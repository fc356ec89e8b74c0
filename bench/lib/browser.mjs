// The browser the scenarios run in: one headless Chromium (1280×1000) and a static server
// of the repository, started when a scenario first needs a page; every page is the bench
// page (bench/page/index.html), its console and errors kept for the report.
import puppeteer from 'puppeteer-core';
import { browserArgs, findBrowser } from '../../scripts/find-browser.mjs';
import { serve } from './server.mjs';

const HARMLESS = /^ResizeObserver loop completed with undelivered notifications/;

export class BenchBrowser {
  /** Console messages of the pages (but the harmless), prefixed with the page's name. */
  consoleMessages = [];
  pageErrors = [];
  /** Set once launched: the browser's version and executable. */
  version;
  executablePath;
  #root;
  #server;
  #browser;

  constructor(root) {
    this.#root = root;
  }

  get launched() {
    return this.#browser !== undefined;
  }

  async #launch() {
    this.#server = await serve(this.#root);
    try {
      this.executablePath = findBrowser();
    } catch (error) {
      console.error(error.message);
      process.exit(1);
    }
    this.#browser = await puppeteer.launch({
      executablePath: this.executablePath,
      args: [
        ...browserArgs(),
        '--enable-precise-memory-info',
        '--window-size=1280,1000',
        ...(process.env.BENCH_JS_FLAGS ? [`--js-flags=${process.env.BENCH_JS_FLAGS}`] : []),
      ],
      defaultViewport: { width: 1280, height: 1000 },
      protocolTimeout: 900_000,
      dumpio: !!process.env.BENCH_JS_FLAGS,
    });
    this.version = await this.#browser.version();
  }

  /** A new bench page, `window.bench` ready: `{ page, cdp }` (a CDP session, Performance metrics on). */
  async openPage(name) {
    if (!this.#browser) await this.#launch();
    const page = await this.#browser.newPage();
    page.on('console', (message) => {
      const text = message.text();
      if (!HARMLESS.test(text)) this.consoleMessages.push(`${name} ${message.type()}: ${text}`);
    });
    page.on('pageerror', (error) => this.pageErrors.push(`${name}: ${error.message}`));
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    await page.goto(`${this.#server.origin}/bench/page/index.html`);
    await page.waitForFunction(() => window.bench?.ready === true, { timeout: 60_000 });
    return { page, cdp };
  }

  async close() {
    await this.#browser?.close();
    await this.#server?.close();
  }
}
