// @ts-check
/**
 * Serves the built page: `demo/` (never `demo/server/`) at `/` and `dist/` at `/dist/`,
 * with a strict Content Security Policy. Only regular files with a known type, inside
 * those folders (symbolic links resolved), and no dot files. Text files go compressed
 * (brotli or gzip, made once per version); every file has an ETag and is revalidated
 * before each use (`no-cache`: the names carry no version, so a rebuild shows at once).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { acceptedEncoding, compressible, createCompressedFiles } from './compress.js';
import { HttpError, sendError, sendText } from './respond.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

/** The page's policy: only its own scripts, styles and API; Trusted Types for the DOM sinks. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html ac-job-manager',
].join('; ');

/** Headers every answer of the page's server carries. */
export function securityHeaders(/** @type {string} */ csp = PAGE_CSP) {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Shown at `/` until `demo/index.html` exists. */
function placeholderPage(/** @type {string} */ apiBase) {
  const api = apiBase.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Active Job Manager</title>
</head>
<body>
<h1>Active Job Manager</h1>
<p>The admin page is still being built, so there is nothing to show here yet.</p>
<p>The API this server provides already answers: log in with <code>POST ${api}/session</code>, then read
<a href="${api}/session">${api}/session</a>, <a href="${api}/nodes">${api}/nodes</a>,
<a href="${api}/jobs">${api}/jobs</a> and <a href="${api}/jobs/summary">${api}/jobs/summary</a>.</p>
</body>
</html>
`;
}

/**
 * @param {{demoDir: string, distDir: string, apiBase: string, csp?: string}} options
 * @returns {(req: Request, res: Response) => Promise<void>}
 */
export function createStaticHandler({ demoDir, distDir, apiBase, csp = PAGE_CSP }) {
  const headers = securityHeaders(csp);
  const compressed = createCompressedFiles();
  const roots = { demo: realpath(demoDir).catch(() => demoDir), dist: realpath(distDir).catch(() => distDir) };

  /** The file a URL path names, or undefined when it names none we serve. */
  async function resolve(/** @type {string} */ pathname) {
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
    const segments = decoded.split('/').filter(Boolean);
    if (segments.some((s) => s.startsWith('.'))) return undefined;
    let root;
    if (segments[0] === 'dist') {
      root = await roots.dist;
      segments.shift();
    } else {
      root = await roots.demo;
      if (segments[0] === 'server') return undefined;
      if (!segments.length) segments.push('index.html');
    }
    if (!segments.length || !TYPES[extname(segments[segments.length - 1] ?? '')]) return undefined;
    try {
      const file = await realpath(join(root, ...segments));
      const inside = relative(root, file);
      if (!inside || inside.startsWith(`..${sep}`) || inside === '..') return undefined;
      if (root === (await roots.demo) && inside.split(sep)[0] === 'server') return undefined;
      const info = await stat(file);
      return info.isFile() ? { file, info } : undefined;
    } catch {
      return undefined;
    }
  }

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const allow = { Allow: 'GET, HEAD', ...headers };
      sendError(req, res, new HttpError(405, 'method_not_allowed', 'Only GET and HEAD are allowed here.', undefined, allow));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = await resolve(url.pathname);
    if (!found) {
      if (url.pathname === '/' || url.pathname === '/index.html') {
        sendText(req, res, 200, placeholderPage(apiBase), 'text/html; charset=utf-8', headers);
      } else {
        sendError(req, res, new HttpError(404, 'not_found', `No such file: ${url.pathname}`, undefined, headers));
      }
      return;
    }
    const etag = `W/"${found.info.size.toString(16)}-${Math.floor(found.info.mtimeMs).toString(16)}"`;
    const type = /** @type {string} */ (TYPES[extname(found.file)]);
    const varies = compressible(type, found.info.size);
    /** @type {Record<string, string>} */
    const common = { ...headers, ETag: etag, 'Cache-Control': 'no-cache', ...(varies ? { Vary: 'Accept-Encoding' } : {}) };
    if (matchesETag(req.headers['if-none-match'], etag)) {
      res.writeHead(304, common);
      res.end();
      return;
    }
    const encoding = varies ? acceptedEncoding(req, ['br', 'gzip']) : undefined;
    if (encoding) {
      const body = await compressed.get(found.file, etag, encoding).catch(() => undefined);
      if (body) {
        if (res.destroyed) return;
        res.writeHead(200, { ...common, 'Content-Type': type, 'Content-Encoding': encoding, 'Content-Length': String(body.length) });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
    }
    res.writeHead(200, { ...common, 'Content-Type': type, 'Content-Length': String(found.info.size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(found.file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}

/** Whether an `If-None-Match` header names this ETag (weak comparison, lists and `*`). */
function matchesETag(/** @type {string | undefined} */ header, /** @type {string} */ etag) {
  if (!header) return false;
  const opaque = (/** @type {string} */ tag) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
