// @ts-check
/**
 * Cross-origin answers (`--allow-origin`): pages on the listed origins may call the API
 * with the user's cookies or a bearer token. Every answer, errors included, carries the
 * CORS headers for a listed origin (a 401 the browser hides from the page is useless) and
 * `Vary: Origin`; a preflight is answered 204 with what the client sends. Nothing is
 * allowed to `*`: an API that takes credentials names its origins.
 */
import { HttpError, sendError } from './respond.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

/** The methods and request headers the client uses (`src/source/http-client.ts`, `live-connection.ts`). */
export const ALLOWED_METHODS = 'GET, POST, DELETE';
export const ALLOWED_HEADERS = 'Content-Type, Authorization, Last-Event-ID';
/** Answer headers a page may read besides the CORS-safelisted ones: the client honours `Retry-After`. */
export const EXPOSED_HEADERS = 'Retry-After';
/** How long a browser may keep a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * An origin as `--allow-origin` (or `--connect-src`) takes it: `http(s)://host[:port]`,
 * nothing after it. Throws an Error saying what is wrong.
 * @param {string} text
 * @param {string} [flag] The flag's name, for the error.
 * @returns {string} The origin as browsers serialize it (lower case, default port left out).
 */
export function parseOrigin(text, flag = 'allow-origin') {
  const value = text.trim();
  if (value === '*') {
    throw new Error(`--${flag} * is refused: the API takes cookies and tokens, so it names each origin it trusts.`);
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--${flag} must be an origin such as https://portal.example.com, not ${JSON.stringify(text)}.`);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !/[?#]$/.test(value);
  if (!['http:', 'https:'].includes(url.protocol) || !bare) {
    throw new Error(`--${flag} must be a bare http(s) origin (scheme, host and port, no path), not ${JSON.stringify(text)}.`);
  }
  return url.origin;
}

/** Adds `token` to a comma-separated header value kept on `res`, once. */
export function appendVary(/** @type {Response} */ res, /** @type {string} */ token) {
  const current = String(res.getHeader('Vary') ?? '');
  const tokens = current
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (!tokens.some((t) => t.toLowerCase() === token.toLowerCase())) tokens.push(token);
  res.setHeader('Vary', tokens.join(', '));
}

/**
 * The CORS policy of one server.
 * @param {{allowOrigins?: readonly string[]}} [options] Origins as `parseOrigin` returns them.
 */
export function createCors({ allowOrigins = [] } = {}) {
  const allowed = new Set(allowOrigins);

  /** Whether a request's `Origin` header names a listed origin. */
  function allows(/** @type {string | string[] | undefined} */ origin) {
    return typeof origin === 'string' && allowed.has(origin);
  }

  return {
    /** Whether any origin is listed. */
    get enabled() {
      return allowed.size > 0;
    },

    allows,

    /**
     * Sets the CORS headers of any answer to `req` on `res` (before it is written), and
     * answers a preflight itself. Returns true when the request is answered.
     * @param {Request} req
     * @param {Response} res
     */
    handle(req, res) {
      if (!allowed.size) return false;
      // The answer depends on Origin: a cache must not give one origin's answer to another.
      appendVary(res, 'Origin');
      const origin = req.headers.origin;
      const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
      if (!allows(origin)) {
        if (!preflight) return false;
        sendError(
          req,
          res,
          new HttpError(
            403,
            'origin_not_allowed',
            `This API does not answer pages from ${String(origin)}; start it with --allow-origin for that origin.`,
          ),
        );
        return true;
      }
      res.setHeader('Access-Control-Allow-Origin', /** @type {string} */ (origin));
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      if (!preflight) {
        res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
        return false;
      }
      res.writeHead(204, {
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE),
        'Cache-Control': 'no-store',
      });
      res.end();
      return true;
    },
  };
}

/** @typedef {ReturnType<typeof createCors>} Cors */
