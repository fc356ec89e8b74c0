// @ts-check
/**
 * `--api <url>`: the page's own origin forwards `/api/v1/…` to an API elsewhere (a real
 * cluster, another instance), as the reverse proxy of the README's first setup does. The
 * page then needs no CORS and its cookies stay first-party. Requests go on with their
 * cookies or `Authorization`; answers come back as they are, 401, 403 and 5xx included,
 * and the event stream is passed through as it arrives, never buffered. While the API is
 * down the gateway answers 502 with the contract's error body, which the page shows while
 * it tries again.
 *
 * The gateway is the page's origin, so it makes the cross-site check on state changes
 * itself and forwards them without the browser's `Origin` (the API would see the page's
 * origin, not its own, and refuse them).
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isSameOrigin } from './api.js';
import { appendVary } from './cors.js';
import { HttpError, sendError } from './respond.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

/** Request headers passed on: what the contract reads, and what a proxy says about the client. */
const FORWARDED_REQUEST = [
  'accept',
  'accept-encoding',
  'accept-language',
  'authorization',
  'content-length',
  'content-type',
  'cookie',
  'last-event-id',
  'user-agent',
];

/** Answer headers kept back: hop-by-hop ones, and CORS, which is the gateway's to answer. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

/** How long the API may take to start answering (headers; a stream's body may then last). */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * @param {{upstream: string, base?: string, allowOrigins?: readonly string[]}} options
 *   `upstream`: the API's base URL, such as `https://cluster.example/api/v1`.
 */
export function createGateway({ upstream, base = '/api/v1', allowOrigins = [] }) {
  const target = new URL(upstream.replace(/\/+$/, ''));
  const secure = target.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const allowed = new Set(allowOrigins);
  const targetPath = target.pathname.replace(/\/+$/, '');

  /** A cookie the API scopes to its own base path is scoped to the gateway's instead. */
  function rewriteCookie(/** @type {string} */ cookie) {
    return cookie.replace(/;\s*Path=([^;]*)/i, (whole, path) =>
      path === targetPath || path.startsWith(`${targetPath}/`) ? `; Path=${base}${path.slice(targetPath.length)}` : whole,
    );
  }

  /** @param {Request} req */
  function headersFor(req) {
    /** @type {Record<string, string | string[]>} */
    const headers = {};
    for (const name of FORWARDED_REQUEST) {
      const value = req.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    const client = req.socket.remoteAddress ?? '';
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${String(prior)}, ${client}` : client;
    headers['x-forwarded-proto'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
    if (req.headers.host) headers['x-forwarded-host'] = req.headers.host;
    return headers;
  }

  /**
   * Forwards one request under `base`.
   * @param {Request} req
   * @param {Response} res
   */
  function handle(req, res) {
    const method = req.method ?? 'GET';
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && !isSameOrigin(req) && !allowed.has(String(req.headers.origin))) {
      req.resume();
      sendError(req, res, new HttpError(403, 'cross_site', 'This request comes from another site; it is refused.'));
      return;
    }
    const incoming = new URL(req.url ?? '/', 'http://gateway');
    const url = new URL(target);
    url.pathname = `${targetPath}${incoming.pathname.slice(base.length)}`;
    url.search = incoming.search;

    const outgoing = send(url, { method, headers: headersFor(req), agent });
    outgoing.setTimeout(ANSWER_TIMEOUT_MS, () => {
      outgoing.destroy(
        new HttpError(504, 'gateway_timeout', `The API at ${target.origin} did not answer within ${ANSWER_TIMEOUT_MS / 1000} s.`),
      );
    });
    outgoing.on('response', (answer) => {
      outgoing.setTimeout(0);
      /** @type {Record<string, string | string[]>} */
      const headers = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name) || name.startsWith('access-control-')) continue;
        if (name === 'set-cookie') headers[name] = /** @type {string[]} */ (value).map(rewriteCookie);
        else if (name === 'vary') for (const token of String(value).split(',')) appendVary(res, token.trim());
        else headers[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
      // An event stream's first bytes go out now, not with the next write.
      res.flushHeaders();
      answer.pipe(res);
      // The API went away in the middle of an answer: cut this one too, so the page sees it.
      answer.on('aborted', () => res.destroy());
      answer.on('error', () => res.destroy());
    });
    outgoing.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const failure =
        error instanceof HttpError
          ? error
          : new HttpError(
              502,
              'bad_gateway',
              `The API at ${target.origin} cannot be reached (${describe(error)}); trying again will work once it is back.`,
            );
      sendError(req, res, failure);
    });
    // The page left (a closed stream, an aborted request): so does the request to the API.
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    req.pipe(outgoing);
  }

  return Object.assign(handle, {
    base,
    upstream: target.href,
    close() {
      agent.destroy();
    },
  });
}

/** A connection error in a few words: `connect ECONNREFUSED 127.0.0.1:8801`, `socket hang up`. */
function describe(/** @type {Error} */ error) {
  return error.message || ('code' in error ? String(error.code) : 'no answer');
}

/** @typedef {ReturnType<typeof createGateway>} Gateway */
