/**
 * The HTTP plumbing of `HttpJobSource`: URLs and query strings, credentials (cookies or a
 * bearer token), timeouts, retries of idempotent reads, and the mapping of every failure
 * to one `JobSourceError`, a request the browser blocked for want of CORS included.
 */
import { backoffDelay, parseRetryAfter, sleep, type RetryOptions } from './backoff.js';
import { contractChecks } from './contract-checks.js';
import { JobSourceError, abortedError, type JobSourceErrorKind } from './job-source.js';

/** A `Retry-After` longer than this is not waited for: the error carries it instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Statuses worth another try of an idempotent request: the server or a proxy in trouble. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export type QueryValue = string | number | boolean | readonly (string | number)[] | null | undefined;

/**
 * Query parameters as the contract takes them: arrays as repeated parameters
 * (`state=RUNNING&state=SCHEDULED`), `false`, empty strings and undefined left out.
 */
export function toQueryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as [string, QueryValue][]) {
    if (value === undefined || value === null || value === false || value === '') continue;
    if (Array.isArray(value)) for (const item of value as (string | number)[]) search.append(key, String(item));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Gives the bearer token sent with every request (`Authorization: Bearer …`), the event
 * stream included. Called before each request, so it should answer from a cache; after a
 * 401 it is called once more with `refresh: true`, to get a new token rather than the one
 * the server refused. Undefined or empty: the request goes without one.
 */
export type TokenProvider = (context: { refresh: boolean }) => string | null | undefined | Promise<string | null | undefined>;

export interface HttpClientOptions {
  baseUrl: string;
  fetch: typeof fetch;
  /** Whether cookies go with the requests: `include` for an API on another origin of the same site. */
  credentials: RequestCredentials;
  token?: TokenProvider | undefined;
  retry: RetryOptions;
  /** How long one attempt may take (for a stream: until its headers arrive). */
  requestTimeoutMs: number;
}

export interface RequestOptions {
  query?: object;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string>;
  /** Overrides the client's timeout for this request (a long poll waits longer). */
  timeoutMs?: number;
  /** Overrides the client's number of attempts of a GET (a caller with its own retry loop says 1). */
  attempts?: number;
}

function kindOfStatus(status: number): JobSourceErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'server';
  return 'bad-request';
}

/** What a header value may hold (RFC 9110's visible characters): a token with a line break would be a header injection. */
const HEADER_VALUE = /^[\x21-\x7e]+$/;

function isRetryable(error: JobSourceError): boolean {
  return error.kind === 'network' || (error.kind === 'server' && RETRYABLE_STATUSES.has(error.details.status ?? 0));
}

/** The error a non-2xx answer means, with the server's own `{error}` words when it sent them. */
export async function errorFromResponse(response: Response, label: string): Promise<JobSourceError> {
  const text = await response.text().catch(() => '');
  let body: { code: string; message: string; parameter?: string } | undefined;
  try {
    const { validateApiError } = await contractChecks();
    const checked = validateApiError(JSON.parse(text));
    if (checked.ok) body = checked.value.error;
  } catch {
    // Not JSON (a proxy's error page): the status alone says what happened.
  }
  const status = response.status;
  const details: JobSourceError['details'] = { status };
  if (body) details.code = body.code;
  if (body?.parameter !== undefined) details.parameter = body.parameter;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  const message = body?.message || `${label} failed: HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  return new JobSourceError(kindOfStatus(status), message, details);
}

/** JSON from a 2xx answer; anything else (an HTML login page of a proxy, a cut body) is `bad-response`. */
export function parseJson(text: string, response: Response, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const reason =
      type && !/json/i.test(type)
        ? `answered ${type} instead of JSON`
        : `answered invalid JSON (${error instanceof Error ? error.message : String(error)})`;
    throw new JobSourceError('bad-response', `${label} ${reason}.`, { status: response.status });
  }
}

interface Deadline {
  signal: AbortSignal;
  timedOut: () => boolean;
  clear: () => void;
}

export class HttpClient {
  readonly #options: HttpClientOptions;

  constructor(options: HttpClientOptions) {
    this.#options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
  }

  url(path: string, query?: object): string {
    return `${this.#options.baseUrl}${path}${query ? toQueryString(query) : ''}`;
  }

  /** GET a JSON body, retrying network failures and 500/502/503/504 with backoff. */
  async getJson(path: string, options: RequestOptions = {}): Promise<unknown> {
    const { baseMs, maxMs } = this.#options.retry;
    const attempts = options.attempts ?? this.#options.retry.attempts;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#exchange('GET', path, undefined, options);
      } catch (error) {
        if (!(error instanceof JobSourceError) || !isRetryable(error) || attempt + 1 >= attempts) throw error;
        const wait = error.details.retryAfterMs ?? backoffDelay(attempt, { baseMs, maxMs });
        if (wait > MAX_RETRY_AFTER_MS) throw error;
        try {
          await sleep(wait, options.signal);
        } catch {
          throw abortedError();
        }
      }
    }
  }

  /** One request that changes state (never retried); resolves with the JSON body, if any. */
  send(method: 'POST' | 'DELETE', path: string, body: unknown, options: RequestOptions = {}): Promise<unknown> {
    return this.#exchange(method, path, body, options);
  }

  /**
   * Opens a GET whose body the caller reads (an event stream). The timeout covers the
   * wait for the headers only; a non-2xx answer is thrown as its error.
   */
  async open(path: string, options: RequestOptions = {}): Promise<Response> {
    const label = `GET ${path}`;
    const deadline = this.#deadline(options);
    try {
      const response = await this.#send('GET', path, undefined, options, deadline, label);
      if (!response.ok) throw await errorFromResponse(response, label);
      return response;
    } finally {
      deadline.clear();
    }
  }

  /**
   * One request, with the token; a 401 asks the token provider once more (`refresh`) and
   * tries again with what it gives.
   */
  async #send(method: string, path: string, body: unknown, options: RequestOptions, deadline: Deadline, label: string): Promise<Response> {
    const response = await this.#fetch(method, path, body, options, deadline, label, false);
    if (response.status !== 401 || !this.#options.token) return response;
    await response.body?.cancel().catch(() => {});
    return this.#fetch(method, path, body, options, deadline, label, true);
  }

  async #exchange(method: string, path: string, body: unknown, options: RequestOptions): Promise<unknown> {
    const label = `${method} ${path}`;
    const deadline = this.#deadline(options);
    try {
      const response = await this.#send(method, path, body, options, deadline, label);
      if (!response.ok) throw await errorFromResponse(response, label);
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw this.#failure(error, options, deadline.timedOut(), label);
      }
      if (response.status === 204 || (text === '' && method !== 'GET')) return undefined;
      return parseJson(text, response, label);
    } finally {
      deadline.clear();
    }
  }

  async #fetch(
    method: string,
    path: string,
    body: unknown,
    options: RequestOptions,
    deadline: Deadline,
    label: string,
    refresh: boolean,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const token = await this.#token(refresh, label);
    if (token) headers['Authorization'] = `Bearer ${token}`;
    const init: RequestInit = { method, headers, credentials: this.#options.credentials, signal: deadline.signal, cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const url = this.url(path, options.query);
    try {
      return await this.#options.fetch.call(globalThis, url, init);
    } catch (error) {
      const failure = this.#failure(error, options, deadline.timedOut(), label);
      throw failure.kind === 'network' && !deadline.timedOut() ? await this.#blockedOr(failure, url, deadline.signal) : failure;
    }
  }

  /** The token to send, if the source has a provider; its failure means signing in again. */
  async #token(refresh: boolean, label: string): Promise<string | undefined> {
    const provider = this.#options.token;
    if (!provider) return undefined;
    let token;
    try {
      token = await provider({ refresh });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new JobSourceError('unauthenticated', `${label}: the page could not get a token (${reason}).`);
    }
    if (token && !HEADER_VALUE.test(token)) {
      throw new JobSourceError('unauthenticated', `${label}: the token is not a valid header value (visible ASCII only).`);
    }
    return token || undefined;
  }

  /** A request to another origin that failed without an answer: an outage, or an answer the browser blocked (CORS)? */
  async #blockedOr(failure: JobSourceError, url: string, signal: AbortSignal): Promise<JobSourceError> {
    const page = globalThis.location?.origin;
    if (!page || url.startsWith(`${page}/`) || !/^https?:/i.test(url)) return failure;
    try {
      const { blockedOr } = await import('./blocked-request.js');
      return await blockedOr(failure, url, this.url('/session'), this.#options.fetch, signal);
    } catch {
      return failure;
    }
  }

  #failure(error: unknown, options: RequestOptions, timedOut: boolean, label: string): JobSourceError {
    if (error instanceof JobSourceError) return error;
    if (options.signal?.aborted) return abortedError();
    if (timedOut) return new JobSourceError('network', `${label}: no answer within ${this.#timeoutOf(options)} ms.`);
    const reason = error instanceof Error ? error.message : String(error);
    return new JobSourceError('network', `${label}: the server could not be reached (${reason}).`);
  }

  #timeoutOf(options: RequestOptions): number {
    return options.timeoutMs ?? this.#options.requestTimeoutMs;
  }

  #deadline(options: RequestOptions): Deadline {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.#timeoutOf(options));
    const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
    return { signal, timedOut: () => timeout.signal.aborted, clear: () => clearTimeout(timer) };
  }
}
