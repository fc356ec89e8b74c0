#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: the standalone admin page and, unless `--api` points elsewhere, the
 * reference API over a simulated cluster that runs in real time. `--api <url>` makes it a
 * gateway to another API (`gateway.js`); `--allow-origin` lets pages on other origins call
 * it (`cors.js`).
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApi } from './api.js';
import { createCors, parseOrigin } from './cors.js';
import { createGateway } from './gateway.js';
import { HttpError, sendError, sendJson } from './respond.js';
import { accountsFromEnv } from './sessions.js';
import { PAGE_CSP, createStaticHandler, securityHeaders } from './static.js';

const USAGE = `Usage: npm start -- [options]   (or: node demo/server/main.js [options])

Serves the Active Job Manager page and the reference API over a simulated cluster.

Options:
  --port <n>    port to listen on (env PORT; default 8000; 0 picks a free one)
  --host <addr> address to listen on (default 127.0.0.1)
  --nodes <n>   nodes in the simulated cluster, 1 to 64 (default 4)
  --jobs <n>    jobs in the simulated history, 0 to 1000000 (default 20000)
  --seed <n>    seed of the simulation: the same seed gives the same cluster (default 1)
  --speed <x>   activity multiplier: how many jobs start per unit of time, > 0 (default 1)
  --days <n>    days of history to simulate, > 0 (default 30)
  --api <url>   watch another API that speaks the contract instead of the built-in one; the
                simulation is not run. An http(s) URL is forwarded from /api/v1 on this origin
                (cookies, tokens and the event stream pass through); a path is used as it is
  --allow-origin <origin>
                let pages on this origin (e.g. https://portal.example.com) call the API with the
                user's cookies or a token: CORS answers for it; repeatable; * is refused
  --connect-src <origin>
                let the pages served here call an API on that origin (their Content-Security-
                Policy's connect-src); the example pages then take ?api=<its URL>; repeatable
  --api <url>   watch another API that speaks the contract instead of the built-in one
                (an absolute http(s) URL, or a path on this origin); the simulation is not run
  --trust-proxy behind a reverse proxy: read the scheme from its X-Forwarded-Proto and the
                client's address (for the login throttle) from its X-Forwarded-For (default off:
                a client could send those headers itself)
  --secure-cookies  always mark the session cookie Secure (default: only over TLS, or with
                --trust-proxy when X-Forwarded-Proto says https)
  --help        show this help

Accounts: admin/admin (Data Administrator) and operator/operator (no role);
override with AC_ADMIN=user:password and AC_OPERATOR=user:password.`;

/** A number flag, checked. */
function numberFlag(
  /** @type {string | undefined} */ raw,
  /** @type {string} */ name,
  /** @type {{min: number, max: number, integer: boolean, fallback: number, exclusiveMin?: boolean}} */ rule,
) {
  if (raw === undefined) return rule.fallback;
  const value = raw.trim() === '' ? NaN : Number(raw);
  const ok =
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.exclusiveMin ? value > rule.min : value >= rule.min) &&
    value <= rule.max;
  if (!ok) {
    const what = rule.integer ? 'a whole number' : 'a number';
    const low = rule.exclusiveMin ? `greater than ${rule.min}` : `at least ${rule.min}`;
    throw new Error(`--${name} must be ${what} ${low} and at most ${rule.max}, not ${JSON.stringify(raw)}.`);
  }
  return value;
}

/**
 * The options of a command line, or an Error whose message says what is wrong.
 * @param {string[]} argv
 * @param {Record<string, string | undefined>} env
 */
function parseOptions(argv, env) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      nodes: { type: 'string' },
      jobs: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      days: { type: 'string' },
      api: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'connect-src': { type: 'string', multiple: true },
      'trust-proxy': { type: 'boolean' },
      'secure-cookies': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (positionals.length) throw new Error(`Unexpected argument ${JSON.stringify(positionals[0])}; see --help.`);
  const host = values.host ?? '127.0.0.1';
  if (!host.trim()) throw new Error('--host must not be empty.');
  let api;
  if (values.api !== undefined) {
    api = values.api.trim();
    let ok = api.startsWith('/') && !api.startsWith('//');
    try {
      ok ||= ['http:', 'https:'].includes(new URL(api).protocol);
    } catch {
      // neither a path nor an absolute URL
    }
    if (!ok) throw new Error(`--api must be an http(s) URL or a path starting with /, not ${JSON.stringify(values.api)}.`);
    api = api.replace(/\/+$/, '');
  }
  return {
    help: values.help ?? false,
    port: numberFlag(values.port ?? env.PORT, values.port === undefined && env.PORT !== undefined ? 'port (env PORT)' : 'port', {
      min: 0,
      max: 65535,
      integer: true,
      fallback: 8000,
    }),
    host,
    nodes: numberFlag(values.nodes, 'nodes', { min: 1, max: 64, integer: true, fallback: 4 }),
    jobs: numberFlag(values.jobs, 'jobs', { min: 0, max: 1_000_000, integer: true, fallback: 20_000 }),
    seed: numberFlag(values.seed, 'seed', { min: 0, max: 2 ** 32 - 1, integer: true, fallback: 1 }),
    speed: numberFlag(values.speed, 'speed', { min: 0, max: 1000, integer: false, fallback: 1, exclusiveMin: true }),
    days: numberFlag(values.days, 'days', { min: 0, max: 3650, integer: false, fallback: 30, exclusiveMin: true }),
    api,
    allowOrigins: (values['allow-origin'] ?? []).map((origin) => parseOrigin(origin)),
    connectSources: (values['connect-src'] ?? []).map((origin) => parseOrigin(origin, 'connect-src')),
    trustProxy: values['trust-proxy'] ?? false,
    secureCookies: values['secure-cookies'] ?? false,
    accounts: accountsFromEnv(env),
  };
}

/** Whether a host name or address is this machine only. */
function isLoopback(/** @type {string} */ host) {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The host name of a `Host` header, without port or IPv6 brackets. */
function hostnameOf(/** @type {string | undefined} */ header) {
  if (!header) return '';
  try {
    return new URL(`http://${header}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
}

/** The page's policy, widened to let it reach the APIs `--connect-src` names. */
function cspFor(/** @type {readonly string[]} */ origins) {
  if (!origins.length) return PAGE_CSP;
  return PAGE_CSP.replace("connect-src 'self'", `connect-src 'self' ${origins.join(' ')}`);
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\nRun with --help to see the options.`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }

  const startedAt = performance.now();
  const cors = createCors({ allowOrigins: options.allowOrigins });
  const gateway =
    options.api && !options.api.startsWith('/') ? createGateway({ upstream: options.api, allowOrigins: options.allowOrigins }) : undefined;
  const api = options.api
    ? undefined
    : createApi({
        clock: 'real',
        accounts: options.accounts,
        allowOrigins: options.allowOrigins,
        trustProxy: options.trustProxy,
        secureCookies: options.secureCookies,
        simulation: {
          seed: options.seed,
          nodes: options.nodes,
          jobs: options.jobs,
          days: options.days,
          activity: options.speed,
        },
      });
  const apiUrl = gateway?.base ?? options.api ?? api?.base ?? '/api/v1';
  const csp = cspFor(options.connectSources);
  const headers = securityHeaders(csp);
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const serveStatic = createStaticHandler({ demoDir: `${root}demo`, distDir: `${root}dist`, apiBase: apiUrl, csp });

  const loopback = isLoopback(options.host);
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Before anything can refuse the request: a refusal the browser hides from the page is useless.
    if (cors.handle(req, res)) return;
    if (loopback && !isLoopback(hostnameOf(req.headers.host))) {
      // A page on another name reaching a local server is DNS rebinding, not a user.
      sendError(req, res, new HttpError(403, 'bad_host', 'This server answers only to localhost, 127.0.0.1 and [::1].'));
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (api && (path === api.base || path.startsWith(`${api.base}/`))) {
      void api(req, res);
    } else if (gateway && (path === gateway.base || path.startsWith(`${gateway.base}/`))) {
      gateway(req, res);
    } else if (path === '/config.json') {
      if (req.method === 'GET' || req.method === 'HEAD') sendJson(req, res, 200, { api: apiUrl });
      else sendError(req, res, new HttpError(405, 'method_not_allowed', 'Only GET is allowed here.', undefined, { Allow: 'GET' }));
    } else {
      serveStatic(req, res).catch((error) => {
        console.error(error);
        if (!res.headersSent) sendError(req, res, new HttpError(500, 'internal', 'The server failed to answer this request.'));
      });
    }
  });

  server.on('error', (error) => {
    console.error(`Cannot listen on ${options.host}:${options.port}: ${error.message}`);
    api?.close();
    process.exitCode = 1;
  });

  server.listen(options.port, options.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
    const admin = options.accounts.find((a) => a.roles.includes('DATA_ADMINISTRATOR'));
    const operator = options.accounts.find((a) => !a.roles.includes('DATA_ADMINISTRATOR'));
    const page = `http://${shownHost}:${port}/`;
    const lines = [
      `Active Job Manager: ${page}`,
      `Embedding examples: ${page}examples/bundle.html, ${page}examples/elements.html, ${page}examples/react/index.html`,
    ];
    if (api) {
      lines.push(
        `API: http://${shownHost}:${port}${api.base} (${api.simulator.size} jobs on ${options.nodes} nodes, ` +
          `seed ${options.seed}, ready in ${Math.round(performance.now() - startedAt)} ms)`,
      );
      const shown = (/** @type {import('./sessions.js').Account | undefined} */ a, fromEnv = false) =>
        a ? (fromEnv ? `${a.username} / (from the environment)` : `${a.username} / ${a.password}`) : '(none)';
      lines.push(`Data Administrator: ${shown(admin, process.env.AC_ADMIN !== undefined)}`);
      lines.push(`Operator (no role): ${shown(operator, process.env.AC_OPERATOR !== undefined)}`);
    } else if (gateway) {
      lines.push(`API: http://${shownHost}:${port}${gateway.base}, forwarded to ${gateway.upstream}`);
    } else {
      lines.push(`The page watches ${apiUrl}`);
    }
    if (options.allowOrigins.length) lines.push(`Pages on ${options.allowOrigins.join(', ')} may call the API (CORS, with credentials).`);
    lines.push('Ctrl+C stops.');
    console.log(lines.join('\n'));
  });

  let stopping = false;
  const stop = (/** @type {string} */ signal) => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping.`);
    api?.close();
    gateway?.close();
    server.close(() => process.exit(0));
    // Ended streams and kept-alive sockets go idle once flushed; whatever is still busy
    // after two seconds is cut.
    setInterval(() => server.closeIdleConnections(), 50).unref();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

await main();
