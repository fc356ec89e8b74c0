// @ts-check
/**
 * One instance of the HTTP contract (docs/http-contract.md) over a cluster simulator: sessions,
 * nodes, jobs (list, summary, one, files) and live events, mounted at a base path.
 * The simulator keeps its jobs in the columns of the store's engine (`JobTable`), and
 * the jobs' pages, summaries and analyses are that engine's answers (`TableQueries`): the meaning
 * of `job-query` (tested equal), at the cost of the in-page memory mode.
 */
import { DATA_ADMINISTRATOR, SORT_KEYS, validateLoginRequest, validateTokenRequest } from '../../dist/model/index.js';
import { encodeCursor, sortValue } from '../../dist/source/job-query.js';
import { ClusterSimulator } from '../../dist/simulator/index.js';
import { JobTable } from '../../dist/store/job-table.js';
import { TableQueries } from '../../dist/store/table-queries.js';
import { createEventHub, splitEventId } from './events.js';
import { parseEventParams, parseFileListParams, parseJobFilters, parseJobListParams } from './params.js';
import { createLoginThrottle } from './login-throttle.js';
import { HttpError, badParameter, readJson, sendFailure, sendJson } from './respond.js';
import { createSessions, sessionCookie, sessionIdFrom } from './sessions.js';
import { bearerFrom, createTokens } from './tokens.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {import('./sessions.js').Account} Account */
/** @typedef {import('./sessions.js').Session} Session */
/** @typedef {import('./tokens.js').TokenEntry} TokenEntry */
/**
 * Who a request speaks for: a session (its cookie) or a token (`Authorization: Bearer`).
 * @typedef {{id: string, user: {name: string, roles: string[]}, session?: Session, token?: TokenEntry}} Principal
 */

/**
 * @typedef {object} SimulationOptions
 * @property {number} [seed]
 * @property {number} [nodes]
 * @property {number} [jobs]
 * @property {number} [days]
 * @property {number} [now]
 * @property {number} [activity]
 */

/**
 * The cluster an API serves: a `ClusterSimulator`, or anything with the members the API
 * uses (the bench wraps one that also sends live changes at a set rate).
 * @typedef {Pick<ClusterSimulator, 'nodes' | 'now' | 'lastSeq' | 'size' | 'advance' | 'onEvent' | 'job' | 'jobs' | 'listFiles'>} Cluster
 */

/**
 * How `/jobs` and `/jobs/summary` are answered: by default the store's engine over the
 * cluster's rows (the bench's baseline, the previous design, filters and sorts arrays of objects).
 * @typedef {{page: TableQueries['page'], summary: TableQueries['summary'], analysis: TableQueries['analysis'], clear(): void}} JobQueries
 */

/**
 * @typedef {object} ApiOptions
 * @property {string} [base] Path the API is mounted at (default `/api/v1`).
 * @property {SimulationOptions} [simulation]
 * @property {(rows: JobTable, simulation: SimulationOptions) => Cluster} [cluster] Makes the cluster to
 *   serve, its jobs kept in `rows` (default: a `ClusterSimulator` of `simulation`).
 * @property {(cluster: Cluster, rows: JobTable) => JobQueries} [queries] Default: the engine over `rows`.
 * @property {'manual' | 'real'} [clock] `real` advances the simulation by the elapsed time every
 *   `tickMs`; `manual` (the default) only through `advance`.
 * @property {number} [tickMs] Default 100: each step's changes are written at once, between two
 *   requests, so steps are kept short.
 * @property {Account[]} [accounts] Default: `admin`/`admin` (Data Administrator), `operator`/`operator`.
 * @property {number} [sessionIdleMs] A session ends after this long without a request (default 30 min).
 * @property {number} [tokenTtlMs] A token ends this long after it was issued (default 1 h).
 * @property {readonly string[]} [allowOrigins] Origins of pages on other origins that may change state
 *   (log in, get a token, log out): the origins the CORS policy lists (`cors.js`).
 * @property {number} [heartbeatMs] Between two heartbeat comments on an event stream (default 15 s).
 * @property {number} [replayLimit] Events kept to replay to a reconnecting client (default 10000).
 * @property {(error: unknown) => void} [onError] Told about unexpected failures (default `console.error`).
 * @property {boolean} [trustProxy] Behind a proxy: the scheme is its `X-Forwarded-Proto` and the client's
 *   address the last of its `X-Forwarded-For` (default false: the connection's own).
 * @property {boolean} [secureCookies] The session cookie is always `Secure` (default: only over TLS).
 */

/** Queries kept, each patched by every live change: a list scrolled page by page asks the same one again. */
const KEPT_QUERIES = 16;
/**
 * Every sort order is kept (4 bytes a job each) and put back in order at the tick that
 * changed it, so that no request waits for one to be sorted or patched.
 */
const KEPT_ORDERS = 16;

/**
 * Between two passes putting the sort orders back in order: each order's pass reads every
 * job whatever moved, so it is not done at every step of a real clock. A request for an
 * order not yet put back puts it back itself.
 */
const SETTLE_EVERY_MS = 500;

/** The simulator's defaults for an API nobody configured. */
export const DEFAULT_SIMULATION = Object.freeze({ seed: 1, nodes: 4, jobs: 1000, days: 30, activity: 1 });

/**
 * Whether a state-changing request comes from the page's own origin: its `Origin` names
 * this host, or the browser says `Sec-Fetch-Site: same-origin` (or `none`, typed by the
 * user). A request with neither header is not from a browser (curl, a script) and passes.
 */
export function isSameOrigin(/** @type {Request} */ req) {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (site === 'same-origin' || site === 'none') return true;
  if (typeof origin === 'string') {
    try {
      return origin !== 'null' && new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }
  return site === undefined;
}

/**
 * Creates one API instance.
 * @param {ApiOptions} [options]
 */
export function createApi(options = {}) {
  const base = (options.base ?? '/api/v1').replace(/\/+$/, '');
  const table = new JobTable({ keptOrders: KEPT_ORDERS });
  const simulation = { ...DEFAULT_SIMULATION, ...options.simulation };
  /** @type {Cluster} */
  const simulator = options.cluster?.(table, simulation) ?? new ClusterSimulator({ ...simulation, rows: table });
  /** @type {JobQueries} */
  const queries =
    options.queries?.(simulator, table) ??
    new TableQueries(table, { clock: () => simulator.now, nodeIds: simulator.nodes.map((node) => node.id), kept: KEPT_QUERIES });
  for (const key of SORT_KEYS) for (const order of /** @type {const} */ (['asc', 'desc'])) table.permutation(key, order);
  const onError = options.onError ?? ((error) => console.error(error));
  const sessions = createSessions({
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.sessionIdleMs ? { idleMs: options.sessionIdleMs } : {}),
    onEnd: (id) => endStreams(id),
  });
  const tokens = createTokens(options.tokenTtlMs ? { ttlMs: options.tokenTtlMs } : {});
  const allowOrigins = new Set(options.allowOrigins ?? []);
  const throttle = createLoginThrottle();
  const origin = requestOrigin(options);
  const events = createEventHub({
    origin: simulator,
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    ...(options.replayLimit ? { replayLimit: options.replayLimit } : {}),
  });
  /** Open event streams per session id (or token), ended when their session is. */
  /** @type {Map<string, Set<Response>>} */
  const streamsBySession = new Map();
  let closed = false;

  /** @type {ReturnType<typeof setInterval> | undefined} */
  let ticker;
  if (options.clock === 'real') {
    let last = performance.now();
    ticker = setInterval(() => {
      const now = performance.now();
      const elapsed = Math.round(now - last);
      if (elapsed <= 0) return;
      last += elapsed;
      advance(elapsed);
    }, options.tickMs ?? 100);
    ticker.unref();
  }

  /** The pass putting the orders back in order: waiting for its time, or its next step. */
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let settleWait;
  /** @type {ReturnType<typeof setImmediate> | undefined} */
  let settleStep;
  let lastSettled = -Infinity;

  /**
   * Runs the simulation forward; the events reach the streams through the simulator's
   * listeners. Jobs change only here. The sort orders they moved are then put back in
   * order (at most every `SETTLE_EVERY_MS`), one at a time, each in a task of its own, so
   * that requests come in between (at a million jobs an order takes about a millisecond,
   * all sixteen tens of them on a busy machine).
   */
  function advance(/** @type {number} */ ms) {
    simulator.advance(ms);
    if (!settleWait && !settleStep && !closed) {
      settleWait = setTimeout(settle, Math.max(0, lastSettled + SETTLE_EVERY_MS - performance.now())).unref();
    }
    return events.lastSeq;
  }

  function settle() {
    settleWait = undefined;
    lastSettled = performance.now();
    settleNext();
  }

  function settleNext() {
    settleStep = !closed && table.settleOne() ? setImmediate(settleNext).unref() : undefined;
  }

  /**
   * Who the request speaks for. A request with an `Authorization` header is judged by its
   * token alone, never by a cookie it may also carry.
   * @returns {Principal | undefined}
   */
  function principal(/** @type {Request} */ req) {
    const bearer = bearerFrom(req.headers.authorization);
    if (bearer !== undefined) {
      const token = tokens.get(bearer);
      return token && { id: `token:${token.key}`, user: token.user, token };
    }
    const session = sessions.get(sessionIdFrom(req.headers.cookie));
    return session && { id: session.id, user: session.user, session };
  }

  function unauthenticated(/** @type {Request} */ req, /** @type {string} */ message) {
    if (req.headers.authorization === undefined) return new HttpError(401, 'unauthenticated', message);
    return new HttpError(401, 'unauthenticated', 'This token is unknown, revoked or expired; get a new one.', undefined, {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    });
  }

  /** @returns {Principal} */
  function requireAdmin(/** @type {Request} */ req) {
    const who = principal(req);
    if (!who) throw unauthenticated(req, 'Log in to read jobs.');
    if (!who.user.roles.includes(DATA_ADMINISTRATOR)) {
      throw new HttpError(403, 'forbidden', 'Only a Data Administrator may read jobs; this account lacks that role.');
    }
    return who;
  }

  /**
   * @typedef {(req: Request, res: Response, url: URL, match: string[], who: Principal | undefined) => void | Promise<void>} Handler
   * @typedef {{pattern: RegExp, methods: Record<string, Handler>, admin: boolean}} Route
   */

  const login = /** @type {Handler} */ (
    async (req, res) => {
      const body = await readJson(req);
      const checked = validateLoginRequest(body);
      if (!checked.ok) {
        const field = /^login\.(\w+)/.exec(checked.error)?.[1];
        throw badParameter(field ?? 'body', `${checked.error}: send {"username": "…", "password": "…"}.`);
      }
      const { username, password } = checked.value;
      const address = origin.address(req);
      refuseWhileThrottled(username, address);
      const previous = sessionIdFrom(req.headers.cookie);
      const session = sessions.login(username, password);
      if (!session) {
        throttle.failed(username, address);
        throw new HttpError(401, 'unauthenticated', 'Wrong user name or password.');
      }
      throttle.succeeded(username);
      endSession(previous);
      const cookie = sessionCookie(session.id, { path: base, secure: origin.secure(req) });
      sendJson(req, res, 200, { user: session.user }, { 'Set-Cookie': cookie });
    }
  );

  /** A 429 while too many logins (or token requests) failed for this account or address. */
  function refuseWhileThrottled(/** @type {string} */ username, /** @type {string} */ address) {
    const waitMs = throttle.wait(username, address);
    if (waitMs <= 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    throw new HttpError(429, 'too_many_attempts', `Too many failed logins: try again in ${seconds} s.`, undefined, {
      'Retry-After': String(seconds),
    });
  }

  /** Forgets a session and ends its event streams (`endStreams`): a logged-out page stops receiving jobs. */
  function endSession(/** @type {string | undefined} */ id) {
    sessions.delete(id);
  }

  /** Ends the event streams of a session that ended (logged out, or its account's oldest). */
  function endStreams(/** @type {string} */ id) {
    for (const res of streamsBySession.get(id) ?? []) res.end();
  }

  /** @type {Handler} */
  function whoAmI(req, res) {
    const who = principal(req);
    if (!who) throw unauthenticated(req, 'Nobody is logged in.');
    sendJson(req, res, 200, { user: who.user });
  }

  /** `POST /tokens`: the same credentials as a login, answered with a bearer token instead of a cookie. */
  const issueToken = /** @type {Handler} */ (
    async (req, res) => {
      const body = await readJson(req);
      const checked = validateTokenRequest(body);
      if (!checked.ok) {
        const field = /^tokenRequest\.(\w+)/.exec(checked.error)?.[1];
        throw badParameter(field ?? 'body', `${checked.error}: send {"username": "…", "password": "…"}.`);
      }
      const { username, password } = checked.value;
      const address = origin.address(req);
      refuseWhileThrottled(username, address);
      const account = sessions.verify(username, password);
      if (!account) {
        throttle.failed(username, address);
        throw new HttpError(401, 'unauthenticated', 'Wrong user name or password.');
      }
      throttle.succeeded(username);
      const { token, entry } = tokens.issue({ name: account.username, roles: account.roles });
      sendJson(req, res, 201, { token, expiresAt: new Date(entry.expiresAt).toISOString() });
    }
  );

  /** `DELETE /tokens/current`: revokes the token the request carries, and ends its streams. */
  const revokeToken = /** @type {Handler} */ (
    (req, res) => {
      const who = principal(req);
      if (!who?.token) throw unauthenticated(req, 'Send the token to revoke as Authorization: Bearer <token>.');
      tokens.revoke(who.token);
      endStreams(who.id);
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
    }
  );

  /** @type {Handler} */
  function logout(req, res) {
    endSession(sessionIdFrom(req.headers.cookie));
    res.writeHead(204, {
      'Set-Cookie': sessionCookie(undefined, { path: base, secure: origin.secure(req) }),
      'Cache-Control': 'no-store',
    });
    res.end();
  }

  /** @type {Handler} */
  function listNodes(req, res) {
    sendJson(req, res, 200, { items: simulator.nodes });
  }

  /** @type {Handler} */
  function listJobs(req, res, url) {
    const { params, position } = parseJobListParams(url.searchParams);
    const { items, total, more } = queries.page(params, position ?? { offset: params.offset ?? 0 }, params.limit);
    const last = items[items.length - 1];
    const nextCursor =
      last && more ? encodeCursor({ value: sortValue(last, params.sort), id: last.id, sort: params.sort, order: params.order }) : null;
    sendJson(req, res, 200, { items, nextCursor, total });
  }

  /** @type {Handler} */
  function summary(req, res, url) {
    sendJson(req, res, 200, queries.summary(parseJobFilters(url.searchParams)));
  }

  /** `/jobs/analysis`: the engine's one pass over the query's selected rows, as the page's memory mode counts it. */
  /** @type {Handler} */
  function analysis(req, res, url) {
    sendJson(req, res, 200, queries.analysis(parseJobFilters(url.searchParams)));
  }

  /** @type {Handler} */
  function getJob(req, res, _url, [id = '']) {
    const job = simulator.job(id);
    if (!job) throw notFound(id);
    sendJson(req, res, 200, job);
  }

  /** @type {Handler} */
  function listFiles(req, res, url, [id = '']) {
    const params = parseFileListParams(url.searchParams);
    if (!simulator.job(id)) throw notFound(id);
    let page;
    try {
      page = simulator.listFiles(id, params);
    } catch (error) {
      // The simulator names the parameter it refused: `cursor: not a cursor of this listing`.
      const refused = error instanceof RangeError ? /^(\w+): (.*)$/.exec(error.message) : null;
      if (refused) throw badParameter(/** @type {string} */ (refused[1]), `${refused[1]}: ${refused[2]}.`);
      throw error;
    }
    sendJson(req, res, 200, page);
  }

  /** @type {Handler} */
  function liveEvents(req, res, url, _match, who) {
    const { search, header, from } = withoutEpoch(url.searchParams, req.headers['last-event-id']);
    const { resumeFrom, after, waitMs } = parseEventParams(search, header);
    const accept = req.headers.accept ?? '';
    if (accept.includes('application/json') && !accept.includes('text/event-stream')) {
      events.poll(req, res, after ?? resumeFrom ?? events.lastSeq, waitMs, from);
      return;
    }
    events.stream(res, resumeFrom, from);
    if (!who) return;
    const { session, token } = who;
    if (session) sessions.hold(session);
    // A token ends at a fixed time: so does its stream, and the client asks for a new one.
    const expiry = token ? setTimeout(() => res.end(), Math.max(0, token.expiresAt - Date.now())) : undefined;
    expiry?.unref();
    const open = streamsBySession.get(who.id) ?? new Set();
    streamsBySession.set(who.id, open.add(res));
    res.on('close', () => {
      if (session) sessions.release(session);
      clearTimeout(expiry);
      open.delete(res);
      if (!open.size) streamsBySession.delete(who.id);
    });
  }

  /**
   * The event parameters with the epoch taken out of the resume point (`Last-Event-ID`,
   * `?lastEventId=`, or `?epoch=` beside a long poll's `after`), as `parseEventParams` reads them.
   * @param {URLSearchParams} searchParams
   * @param {string | string[] | undefined} lastEventId
   */
  function withoutEpoch(searchParams, lastEventId) {
    const search = new URLSearchParams(searchParams);
    /** @type {string | undefined} */
    let from = search.get('epoch') ?? undefined;
    search.delete('epoch');
    let header = typeof lastEventId === 'string' ? lastEventId : undefined;
    if (header) ({ epoch: from, seq: header } = splitEventId(header));
    else if (search.has('lastEventId')) {
      const split = splitEventId(search.get('lastEventId') ?? '');
      from = split.epoch;
      search.set('lastEventId', split.seq);
    }
    return { search, header, from };
  }

  /** @type {Route[]} */
  const routes = [
    { pattern: /^\/session$/, methods: { GET: whoAmI, POST: login, DELETE: logout }, admin: false },
    { pattern: /^\/tokens$/, methods: { POST: issueToken }, admin: false },
    { pattern: /^\/tokens\/current$/, methods: { DELETE: revokeToken }, admin: false },
    { pattern: /^\/nodes$/, methods: { GET: listNodes }, admin: true },
    { pattern: /^\/jobs$/, methods: { GET: listJobs }, admin: true },
    { pattern: /^\/jobs\/summary$/, methods: { GET: summary }, admin: true },
    { pattern: /^\/jobs\/analysis$/, methods: { GET: analysis }, admin: true },
    { pattern: /^\/jobs\/([^/]+)$/, methods: { GET: getJob }, admin: true },
    { pattern: /^\/jobs\/([^/]+)\/files$/, methods: { GET: listFiles }, admin: true },
    { pattern: /^\/events$/, methods: { GET: liveEvents }, admin: true },
  ];

  /**
   * Answers one request under `base` (anything else is a 404).
   * @param {Request} req
   * @param {Response} res
   */
  async function handle(req, res) {
    try {
      if (closed) throw new HttpError(503, 'unavailable', 'This API instance is stopped.');
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname.startsWith(`${base}/`) ? url.pathname.slice(base.length) : undefined;
      const route = path === undefined ? undefined : routes.find((r) => r.pattern.test(path));
      if (!route || path === undefined) throw new HttpError(404, 'not_found', `No such resource: ${url.pathname}`);
      const method = req.method ?? 'GET';
      const handler = route.methods[method];
      if (!handler) {
        const allowed = Object.keys(route.methods).join(', ');
        throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here; use ${allowed}.`, undefined, {
          Allow: allowed,
        });
      }
      if (method !== 'GET' && !isSameOrigin(req) && !allowOrigins.has(String(req.headers.origin))) {
        throw new HttpError(403, 'cross_site', 'This request comes from another site; it is refused.');
      }
      const who = route.admin ? requireAdmin(req) : undefined;
      const match = /** @type {RegExpExecArray} */ (route.pattern.exec(path)).slice(1).map(decodeSegment);
      await handler(req, res, url, match, who);
    } catch (error) {
      sendFailure(req, res, error, onError);
    }
  }

  return Object.assign(handle, {
    base,
    simulator,
    sessions,
    tokens,
    throttle,
    events,
    advance,
    /** Stops the clock, ends every stream, forgets every session. */
    close() {
      if (closed) return;
      closed = true;
      if (ticker) clearInterval(ticker);
      clearTimeout(settleWait);
      clearImmediate(settleStep);
      queries.clear();
      events.close();
      sessions.clear();
      tokens.clear();
    },
  });
}

/** @typedef {ReturnType<typeof createApi>} Api */

function notFound(/** @type {string} */ id) {
  return new HttpError(404, 'not_found', `No job has the id ${JSON.stringify(id)}.`);
}

/** A path segment decoded; a malformed escape names no job, so it is a 404. */
function decodeSegment(/** @type {string} */ segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(404, 'not_found', `No such resource: ${segment}`);
  }
}

/**
 * Where a request comes from, as far as this server may tell: over TLS or not, and the
 * client's address. Behind a proxy (`trustProxy`), the one that proxy adds to its headers;
 * otherwise the connection's own (a client could write any header).
 * @param {Pick<ApiOptions, 'trustProxy' | 'secureCookies'>} options
 */
function requestOrigin({ trustProxy = false, secureCookies = false }) {
  /** The last value of a header a proxy appends to (its own), trimmed. */
  const lastOf = (/** @type {string | string[] | undefined} */ header) => {
    const text = Array.isArray(header) ? header.join(',') : (header ?? '');
    return text.split(',').at(-1)?.trim() ?? '';
  };
  return {
    /** Whether the client's connection is encrypted: the session cookie is then `Secure`. */
    secure(/** @type {Request} */ req) {
      if (secureCookies) return true;
      const proto = trustProxy ? lastOf(req.headers['x-forwarded-proto']).toLowerCase() : '';
      if (proto) return proto === 'https';
      return 'encrypted' in req.socket && Boolean(req.socket.encrypted);
    },
    address(/** @type {Request} */ req) {
      const forwarded = trustProxy ? lastOf(req.headers['x-forwarded-for']) : '';
      return forwarded || req.socket.remoteAddress || 'unknown';
    },
  };
}
