/**
 * Talking to the reference server's test control from the browser: isolated instances,
 * logged-in requests, and a small reader of event streams.
 */
import type { Job } from '../../src/model/index.js';

export interface TestServer {
  /** The API base, e.g. `/__test__/s/ab12/api/v1`. */
  base: string;
  /** The instance's control routes. */
  control: string;
}

export interface ServerOptions {
  seed?: number;
  nodes?: number;
  jobs?: number;
  days?: number;
  now?: number;
  activity?: number;
  clock?: 'manual' | 'real';
  heartbeatMs?: number;
  replayLimit?: number;
  sessionIdleMs?: number;
  tokenTtlMs?: number;
  /** The instance reads the client's address and scheme from `X-Forwarded-For` and `X-Forwarded-Proto`. */
  trustProxy?: boolean;
}

export async function createServer(options: ServerOptions = {}): Promise<TestServer> {
  const res = await fetch('/__test__/servers', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(options),
  });
  if (res.status !== 201) throw new Error(`creating a test server answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as TestServer;
}

export async function closeServer(server: TestServer | undefined): Promise<void> {
  if (server) await fetch(server.control, { method: 'DELETE' });
}

/** POSTs JSON to a control route and returns its JSON answer. */
export async function control<T = unknown>(server: TestServer, route: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${server.control}/${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function advance(server: TestServer, ms: number): Promise<number> {
  return (await control<{ lastSeq: number }>(server, 'advance', { ms })).lastSeq;
}

export async function serverState(server: TestServer): Promise<{ jobs: Job[]; lastSeq: number }> {
  return (await (await fetch(`${server.control}/state`)).json()) as { jobs: Job[]; lastSeq: number };
}

export interface ServerStats {
  streams: number;
  pollers: number;
  timers: number;
  sessions: number;
}

export async function serverStats(server: TestServer): Promise<ServerStats> {
  return (await (await fetch(`${server.control}/stats`)).json()) as ServerStats;
}

export async function login(
  server: TestServer,
  username = 'admin',
  password = username,
  init: { headers?: Record<string, string>; credentials?: RequestCredentials } = {},
): Promise<Response> {
  return fetch(`${server.base}/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: JSON.stringify({ username, password }),
    ...(init.credentials ? { credentials: init.credentials } : {}),
  });
}

export async function logout(server: TestServer): Promise<Response> {
  return fetch(`${server.base}/session`, { method: 'DELETE' });
}

export interface JsonAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** GETs `{base}{path}` and parses the JSON answer, whatever its status. */
export async function getJson<T = unknown>(server: TestServer, path: string, init: RequestInit = {}): Promise<JsonAnswer<T>> {
  const res = await fetch(`${server.base}${path}`, init);
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

/** `?a=1&b=x&b=y` from an object; arrays repeat the parameter, undefined is left out. */
export function qs(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) search.append(name, String(v));
    else search.append(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface StreamEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * An event stream read with `fetch`, parsed as it arrives. The server writes `\n` line
 * ends only, so this reader is deliberately simple.
 */
export class EventStreamReader {
  readonly events: StreamEvent[] = [];
  /** Comment lines (`: heartbeat`), without the colon. */
  readonly comments: string[] = [];
  /** `retry:` values and ids given by blocks without data. */
  readonly retries: string[] = [];
  readonly idOnly: string[] = [];
  /** Set when the stream ended: `'end'` (cleanly) or the error. */
  ended: 'end' | Error | undefined;

  #abort = new AbortController();
  #buffer = '';
  #waiters = new Set<() => void>();

  private constructor(readonly response: Response) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
    const reader = new EventStreamReader(response);
    reader.#abort = abort;
    if (response.ok && response.body) void reader.#read(response.body);
    return reader;
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.#push(decoder.decode(value, { stream: true }));
      }
      this.ended = 'end';
    } catch (error) {
      this.ended = error instanceof Error ? error : new Error(String(error));
    }
    this.#notify();
  }

  #push(text: string): void {
    this.#buffer += text;
    let end: number;
    while ((end = this.#buffer.indexOf('\n\n')) >= 0) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      let id: string | undefined;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments.push(line.slice(1).trim());
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = value;
        else if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'retry') this.retries.push(value);
      }
      if (data.length) this.events.push({ id, event, data: data.join('\n') });
      else if (id !== undefined) this.idOnly.push(id);
    }
    this.#notify();
  }

  #notify(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  /** Resolves when `ready()` holds, rejects after `timeoutMs`. */
  async until(ready: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
    if (ready()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!ready()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`timed out waiting for ${what} (${this.events.length} events so far)`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  close(): void {
    this.#abort.abort();
  }
}

/** Waits until `ready` holds, polling. */
export async function eventually(ready: () => Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await ready())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
