// A plain page of a consumer's project in headless Chromium: the project's folder served
// as static files under the standalone page's strict Content-Security-Policy, `/api/` passed
// to a reference server of its own (`node demo/server/main.js --port 0`) on the same
// origin, as a portal's reverse proxy would. For test/package/consumer.mjs.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';
import { browserArgs, findBrowser } from '../../scripts/find-browser.mjs';
import { PAGE_CSP } from '../../demo/server/static.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
};
/** A hang guard, not a speed assertion. */
// A hang guard, not a speed check: a 2-core machine running other work may need this long.
const PATIENCE_MS = 60_000;

/** The reference server on a free port; resolves with its origin once it listens. */
function startReferenceServer(root) {
  const child = spawn(process.execPath, ['demo/server/main.js', '--port', '0', '--jobs', '400', '--nodes', '3', '--seed', '17'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (data) => {
      out += data;
      const origin = /Active Job Manager: (http:\/\/[^/\s]+)\//.exec(out)?.[1];
      if (origin) resolve({ origin, stop: () => child.kill() });
    });
    child.once('exit', (code) => reject(new Error(`the reference server exited (${code}): ${out}`)));
  });
}

/** Static files of `dir` and `/api/` proxied to `api`, on 127.0.0.1 and a free port. */
function startPageServer(dir, api) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://page');
    if (url.pathname.startsWith('/api/')) {
      const target = new URL(req.url ?? '/', api);
      const forward = request(target, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
      return;
    }
    const file = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': PAGE_CSP });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Opens `path` of the project `dir` in Chromium; every console error, page error and policy violation fails. */
export async function openPlainPage({ root, dir, path }) {
  const api = await startReferenceServer(root);
  const pages = await startPageServer(dir, api.origin);
  const origin = `http://127.0.0.1:${pages.address().port}`;
  const browser = await puppeteer.launch({ executablePath: findBrowser(), args: browserArgs() });
  const close = async () => {
    await browser.close().catch(() => {});
    pages.close();
    api.stop();
  };
  const problems = [];
  const scripts = [];
  try {
    const page = await browser.newPage();
    // Failed requests are judged by their answer below, not by the console's line about them.
    page.on('console', (message) => {
      if ((message.type() === 'error' || message.type() === 'warning') && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console ${message.type()}: ${message.text()}`);
      }
    });
    page.on('response', (answer) => {
      const url = new URL(answer.url());
      // Before logging in, the session check is answered 401: that is how the log-in form comes.
      const expected = answer.status() === 401 && url.pathname === '/api/v1/session';
      if (answer.status() >= 400 && !expected) problems.push(`${answer.status()} for ${url.pathname}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.origin === origin && url.pathname.endsWith('.js')) scripts.push(url.pathname.slice(1));
    });
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`policy violation: ${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await page.goto(`${origin}${path}`);

    const check = () => {
      if (problems.length) throw new Error(`the plain page: ${problems.join('; ')}`);
    };
    return {
      close,
      scripts: () => [...new Set(scripts)],
      /** Logs in through the manager's form, then waits for the list's first row to show the newest job. */
      async logInAndReadJobs(username, password) {
        const deep = `(root, selector) => {
          const visit = (node) => {
            const found = node.querySelector(selector);
            if (found) return found;
            for (const element of node.querySelectorAll('*')) if (element.shadowRoot) { const inner = visit(element.shadowRoot); if (inner) return inner; }
            return null;
          };
          return visit(root);
        }`;
        await page
          .waitForFunction(`(${deep})(document, 'ac-login-form')?.shadowRoot?.querySelector('form')`, { timeout: PATIENCE_MS })
          .catch((error) => {
            throw new Error(`the plain page: no log-in form (${error.message}); ${problems.join('; ')}`);
          });
        await page.evaluate(
          `(() => {
            const form = (${deep})(document, 'ac-login-form').shadowRoot.querySelector('form');
            form.querySelector('input[name=username]').value = ${JSON.stringify(username)};
            form.querySelector('input[name=password]').value = ${JSON.stringify(password)};
            form.requestSubmit();
          })()`,
        );
        const newest = await page
          .waitForFunction(
            `(async () => {
            const list = (${deep})(document, 'ac-job-list');
            const row = list?.shadowRoot?.querySelector('[role=row][data-index="0"]:not(.placeholder)');
            if (!row) return false;
            const answer = await fetch('/api/v1/jobs?sort=createdAt&order=desc&limit=1');
            const name = (await answer.json()).items[0].name;
            if (!row.textContent.includes(name)) return false;
            return { first: name, rows: list.shadowRoot.querySelectorAll('[role=row][data-index]:not(.placeholder)').length };
          })()`,
            { timeout: PATIENCE_MS, polling: 200 },
          )
          .catch((error) => {
            throw new Error(`the plain page: the list never showed the newest job (${error.message}); ${problems.join('; ')}`);
          });
        check();
        return newest.jsonValue();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
