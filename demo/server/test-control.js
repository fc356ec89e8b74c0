// @ts-check
/**
 * The test control (`/__test__/…`), mounted only by web-test-runner's dev server, never by
 * `npm start`: browser tests create isolated API instances on the page's own origin and
 * drive them — move the clock, inject faults, drop streams, restart, scramble the wire.
 * Its routes, the options of an instance and the faults: docs/test-control.md.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_SIMULATION, createApi } from './api.js';
import { HttpError, readJson, sendError, sendFailure, sendJson, sendText } from './respond.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {import('./api.js').Api} Api */
/**
 * @typedef {object} Fault
 * @property {string} path Relative to the API base; `*` stands for one path segment.
 * @property {string} [method]
 * @property {number} [status]
 * @property {number} [retryAfter]
 * @property {string} [body] `malformed`, `html`, or a literal body.
 * @property {number} [delayMs]
 * @property {boolean} [hang]
 * @property {number} times
 */
/**
 * @typedef {object} Instance
 * @property {string} id
 * @property {Api} api
 * @property {Fault[]} faults
 * @property {number} downUntil
 * @property {Set<Response>} held Answers held open by a `hang` fault.
 * @property {Set<ReturnType<typeof setTimeout>>} timers Pending `delayMs` waits.
 */

const PREFIX = '/__test__';
const API_PATH = '/api/v1';
/** Beyond this many live instances, the least recently used one is stopped. */
const MAX_INSTANCES = 64;

/** The simulator options a test may give when it creates an instance, with their bounds. */
const SIMULATION_RANGES = /** @type {const} */ ({
  seed: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true],
  nodes: [1, 64, true],
  jobs: [0, 200_000, true],
  days: [0.001, 3650, false],
  now: [-8.64e15, 8.64e15, false],
  activity: [0.001, 1000, false],
});

/** What a fault sends for `body: 'malformed'`: JSON cut short. */
const MALFORMED = '{"items": [{"id": "j1", "name": "Dupli';
/** What a fault sends for `body: 'html'`: a proxy's login page instead of JSON. */
const HTML_PAGE = '<!doctype html><html><head><title>Sign in</title></head><body><h1>Sign in to continue</h1></body></html>';

/** @type {Record<number, string>} */
const CODES = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
  500: 'internal',
  502: 'bad_gateway',
  503: 'unavailable',
  504: 'gateway_timeout',
};

function bad(/** @type {string} */ field, /** @type {string} */ message) {
  return new HttpError(400, 'bad_parameter', `${field} ${message}`, field);
}

/** An optional number field of a control body, in [min, max]. */
function num(
  /** @type {Record<string, unknown>} */ body,
  /** @type {string} */ field,
  /** @type {number} */ min,
  /** @type {number} */ max,
  integer = false,
) {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw bad(field, `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`);
  }
  return value;
}

/** @returns {Promise<Record<string, unknown>>} */
async function readObject(/** @type {Request} */ req) {
  const body = await readJson(req, 64 * 1024);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bad('body', 'must be a JSON object.');
  return /** @type {Record<string, unknown>} */ (body);
}

/** A body that may be absent (`POST /servers` with no options). */
async function readOptionalObject(/** @type {Request} */ req) {
  if (req.headers['content-length'] === '0' || (!req.headers['content-length'] && !req.headers['transfer-encoding'])) {
    req.resume();
    return {};
  }
  return readObject(req);
}

/** @returns {Fault} */
function parseFault(/** @type {Record<string, unknown>} */ body) {
  const { path, method, body: text, hang } = body;
  if (typeof path !== 'string' || !path.startsWith('/')) throw bad('path', 'must be a path under the API base, e.g. /jobs.');
  if (method !== undefined && typeof method !== 'string') throw bad('method', 'must be an HTTP method.');
  if (text !== undefined && typeof text !== 'string') throw bad('body', "must be 'malformed', 'html' or a literal text.");
  if (hang !== undefined && typeof hang !== 'boolean') throw bad('hang', 'must be true or false.');
  /** @type {Fault} */
  const fault = { path, times: num(body, 'times', 1, 1_000_000, true) ?? 1 };
  if (method !== undefined) fault.method = method.toUpperCase();
  const status = num(body, 'status', 100, 599, true);
  if (status !== undefined) fault.status = status;
  const retryAfter = num(body, 'retryAfter', 0, 86_400);
  if (retryAfter !== undefined) fault.retryAfter = retryAfter;
  if (text !== undefined) fault.body = text;
  const delayMs = num(body, 'delayMs', 0, 120_000);
  if (delayMs !== undefined) fault.delayMs = delayMs;
  if (hang) fault.hang = true;
  return fault;
}

function pathMatches(/** @type {string} */ pattern, /** @type {string} */ path) {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, i) => segment === '*' || segment === got[i]);
}

/**
 * Events sent twice and/or adjacent events swapped, from now on.
 * @param {{duplicate: boolean, reorder: boolean}} chaos
 * @returns {<T>(entries: T[]) => T[]}
 */
function chaosTransform({ duplicate, reorder }) {
  return (entries) => {
    let out = entries;
    if (reorder) {
      out = [...entries];
      for (let i = 0; i + 1 < out.length; i += 2) {
        const first = /** @type {(typeof out)[number]} */ (out[i]);
        out[i] = /** @type {(typeof out)[number]} */ (out[i + 1]);
        out[i + 1] = first;
      }
    }
    return duplicate ? out.flatMap((entry) => [entry, entry]) : out;
  };
}

/**
 * The handler of every `/__test__/…` request.
 * @param {{onError?: (error: unknown) => void}} [options]
 */
export function createTestControl(options = {}) {
  const onError = options.onError ?? ((error) => console.error(error));
  /** @type {Map<string, Instance>} Least recently used first. */
  const instances = new Map();

  function stop(/** @type {Instance} */ instance) {
    instances.delete(instance.id);
    instance.api.close();
    for (const res of instance.held) res.destroy();
    for (const timer of instance.timers) clearTimeout(timer);
  }

  /** @returns {Promise<Instance>} */
  async function create(/** @type {Request} */ req) {
    const body = await readOptionalObject(req);
    /** @type {Record<string, number>} */
    const simulation = { ...DEFAULT_SIMULATION };
    for (const [key, [min, max, integer]] of Object.entries(SIMULATION_RANGES)) {
      const value = num(body, key, min, max, integer);
      if (value !== undefined) simulation[key] = value;
    }
    const clock = body['clock'] ?? 'manual';
    if (clock !== 'manual' && clock !== 'real') throw bad('clock', "must be 'manual' or 'real'.");
    const id = randomBytes(6).toString('hex');
    const heartbeatMs = num(body, 'heartbeatMs', 1, 3_600_000, true);
    const replayLimit = num(body, 'replayLimit', 1, 1_000_000, true);
    const sessionIdleMs = num(body, 'sessionIdleMs', 1, 86_400_000, true);
    const tokenTtlMs = num(body, 'tokenTtlMs', 1, 86_400_000, true);
    const trustProxy = body['trustProxy'] ?? false;
    if (typeof trustProxy !== 'boolean') throw bad('trustProxy', 'must be true or false.');
    const api = createApi({
      base: `${PREFIX}/s/${id}${API_PATH}`,
      simulation,
      clock,
      onError,
      ...(heartbeatMs ? { heartbeatMs } : {}),
      ...(replayLimit ? { replayLimit } : {}),
      ...(sessionIdleMs ? { sessionIdleMs } : {}),
      ...(tokenTtlMs ? { tokenTtlMs } : {}),
      trustProxy,
    });
    /** @type {Instance} */
    const instance = { id, api, faults: [], downUntil: 0, held: new Set(), timers: new Set() };
    instances.set(id, instance);
    if (instances.size > MAX_INSTANCES) stop(/** @type {Instance} */ (instances.values().next().value));
    return instance;
  }

  /** Waits `ms`, unless the client leaves first; false when it left. */
  function wait(/** @type {Instance} */ instance, /** @type {Response} */ res, /** @type {number} */ ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        instance.timers.delete(timer);
        res.off('close', left);
        resolve(!res.destroyed);
      }, ms);
      const left = () => {
        clearTimeout(timer);
        instance.timers.delete(timer);
        resolve(false);
      };
      instance.timers.add(timer);
      res.once('close', left);
    });
  }

  /**
   * A request to an instance's API: down time and faults first, as a proxy in front would.
   * @param {Instance} instance
   * @param {Request} req
   * @param {Response} res
   * @param {string} path Relative to the API base.
   */
  async function serveApi(instance, req, res, path) {
    const remaining = instance.downUntil - Date.now();
    if (remaining > 0) {
      throw new HttpError(503, 'unavailable', 'The server is restarting.', undefined, {
        'Retry-After': String(Math.ceil(remaining / 1000)),
      });
    }
    const index = instance.faults.findIndex((f) => pathMatches(f.path, path) && (f.method === undefined || f.method === req.method));
    const fault = instance.faults[index];
    if (!fault) {
      await instance.api(req, res);
      return;
    }
    if (--fault.times === 0) instance.faults.splice(index, 1);
    if (fault.delayMs && !(await wait(instance, res, fault.delayMs))) return;
    if (fault.hang) {
      instance.held.add(res);
      res.on('close', () => instance.held.delete(res));
      req.on('close', () => res.destroy());
      return;
    }
    /** @type {Record<string, string>} */
    const headers = fault.retryAfter === undefined ? {} : { 'Retry-After': String(Math.ceil(fault.retryAfter)) };
    if (fault.body !== undefined) {
      const status = fault.status ?? 200;
      if (fault.body === 'html') sendText(req, res, status, HTML_PAGE, 'text/html; charset=utf-8', headers);
      else sendText(req, res, status, fault.body === 'malformed' ? MALFORMED : fault.body, 'application/json; charset=utf-8', headers);
    } else if (fault.status !== undefined) {
      const code = CODES[fault.status] ?? 'fault';
      sendError(req, res, new HttpError(fault.status, code, `Injected fault: ${fault.status}.`, undefined, headers));
    } else {
      await instance.api(req, res);
    }
  }

  /**
   * @param {Instance} instance
   * @param {string} action
   * @param {Request} req
   * @param {Response} res
   */
  async function control(instance, action, req, res) {
    const route = `${req.method} ${action}`;
    switch (route) {
      case 'DELETE ':
        stop(instance);
        sendJson(req, res, 200, { closed: true });
        return;
      case 'POST advance': {
        const ms = num(await readObject(req), 'ms', 0, 366 * 86_400_000);
        if (ms === undefined) throw bad('ms', 'is missing.');
        sendJson(req, res, 200, { lastSeq: instance.api.advance(ms) });
        return;
      }
      case 'POST faults':
        instance.faults.push(parseFault(await readObject(req)));
        sendJson(req, res, 200, { pending: instance.faults.length });
        return;
      case 'POST drop-streams':
        req.resume();
        sendJson(req, res, 200, { dropped: instance.api.events.drop() });
        return;
      case 'POST restart': {
        // `newEventIds`: ids start again from 0 in a new epoch; `forgetSessions`: every
        // session and token ends (a server that keeps them elsewhere is the default).
        const body = await readObject(req);
        const downMs = num(body, 'downMs', 0, 600_000) ?? 0;
        const dropped = instance.api.events.drop();
        if (body['forgetEvents'] === true) instance.api.events.forget();
        if (body['newEventIds'] === true) instance.api.events.renumber();
        if (body['forgetSessions'] === true) {
          instance.api.sessions.clear();
          instance.api.tokens.clear();
        }
        instance.downUntil = Date.now() + downMs;
        sendJson(req, res, 200, { dropped, downMs });
        return;
      }
      case 'POST stream-chaos': {
        const body = await readObject(req);
        const chaos = { duplicate: body['duplicate'] === true, reorder: body['reorder'] === true };
        instance.api.events.setWireTransform(chaosTransform(chaos));
        sendJson(req, res, 200, chaos);
        return;
      }
      case 'GET state':
        sendJson(req, res, 200, { jobs: [...instance.api.simulator.jobs()], lastSeq: instance.api.events.lastSeq });
        return;
      case 'GET stats':
        sendJson(req, res, 200, { ...instance.api.events.stats(), sessions: instance.api.sessions.size });
        return;
      default:
        throw new HttpError(404, 'not_found', `No control route ${route.trim()}.`);
    }
  }

  /**
   * @param {Request} req
   * @param {Response} res
   */
  async function handle(req, res) {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === `${PREFIX}/servers`) {
        if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST.', undefined, { Allow: 'POST' });
        const { id } = await create(req);
        sendJson(req, res, 201, { base: `${PREFIX}/s/${id}${API_PATH}`, control: `${PREFIX}/s/${id}` });
        return;
      }
      const match = /^\/__test__\/s\/([0-9a-f]+)(\/.*)?$/.exec(path);
      const instance = match ? instances.get(/** @type {string} */ (match[1])) : undefined;
      if (!match || !instance) throw new HttpError(404, 'not_found', `No test server at ${path}.`);
      instances.delete(instance.id);
      instances.set(instance.id, instance);
      const rest = match[2] ?? '';
      if (rest === API_PATH || rest.startsWith(`${API_PATH}/`)) {
        await serveApi(instance, req, res, rest.slice(API_PATH.length));
      } else {
        await control(instance, rest.slice(1), req, res);
      }
    } catch (error) {
      sendFailure(req, res, error, onError);
    }
  }

  return Object.assign(handle, {
    /** Stops every instance. */
    close() {
      for (const instance of [...instances.values()]) stop(instance);
    },
  });
}
