export { waitFor as until } from '../wait-for.js';
/**
 * A `fetch` double for bodies no honest server sends and for timing that a real network
 * makes flaky: each request goes to a handler; answers are streams the test controls,
 * and every request knows whether it is still open.
 */

const encoder = new TextEncoder();

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

export class FakeRequest {
  readonly url: URL;
  readonly init: RequestInit;
  /** The answer's body was read to its end, cancelled, or the request aborted. */
  finished = false;

  constructor(url: URL, init: RequestInit) {
    this.url = url;
    this.init = init;
  }

  get method(): string {
    return this.init.method ?? 'GET';
  }

  get path(): string {
    return this.url.pathname;
  }

  header(name: string): string | null {
    return new Headers(this.init.headers).get(name);
  }

  get signal(): AbortSignal | undefined {
    return this.init.signal ?? undefined;
  }

  get open(): boolean {
    return !this.finished && !this.signal?.aborted;
  }
}

/** A response body written by the test, chunk by chunk. */
export class FakeBody {
  readonly readable: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly #request: FakeRequest;

  constructor(request: FakeRequest) {
    this.#request = request;
    this.readable = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      cancel: () => {
        request.finished = true;
      },
    });
    request.signal?.addEventListener('abort', () => this.fail(abortError()), { once: true });
  }

  send(text: string): void {
    if (!this.#request.finished) this.#controller.enqueue(encoder.encode(text));
  }

  end(): void {
    if (this.#request.finished) return;
    this.#request.finished = true;
    this.#controller.close();
  }

  /** The connection breaks mid-body. */
  fail(error: unknown = new TypeError('network error')): void {
    if (this.#request.finished) return;
    this.#request.finished = true;
    this.#controller.error(error);
  }
}

export type FakeHandler = (request: FakeRequest) => Response | Promise<Response>;

export class FakeFetch {
  readonly requests: FakeRequest[] = [];
  handler: FakeHandler;

  constructor(handler: FakeHandler) {
    this.handler = handler;
  }

  readonly fetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const request = new FakeRequest(new URL(String(input), location.href), init);
    this.requests.push(request);
    const signal = init.signal;
    if (signal?.aborted) {
      request.finished = true;
      return Promise.reject(abortError());
    }
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => {
        request.finished = true;
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      Promise.resolve()
        .then(() => this.handler(request))
        .then(
          (response) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(response);
          },
          (error: unknown) => {
            request.finished = true;
            reject(error);
          },
        );
    });
  };

  /** Requests to a path (under any base). */
  to(pathEnd: string): FakeRequest[] {
    return this.requests.filter((r) => r.path.endsWith(pathEnd));
  }

  get open(): FakeRequest[] {
    return this.requests.filter((r) => r.open);
  }
}

/** An answer whose body is given at once. */
export function reply(request: FakeRequest, status: number, body: string, headers: Record<string, string> = {}): Response {
  const stream = new FakeBody(request);
  stream.send(body);
  stream.end();
  return new Response(stream.readable, { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function json(request: FakeRequest, body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return reply(request, status, JSON.stringify(body), headers);
}

/** An event stream the test writes to. */
export function eventStream(request: FakeRequest): { response: Response; body: FakeBody } {
  const body = new FakeBody(request);
  return {
    body,
    response: new Response(body.readable, { status: 200, headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } }),
  };
}

/** Never answers; rejects when the request is aborted (the fake's abort handling does it). */
export function hang(): Promise<Response> {
  return new Promise<Response>(() => {});
}

/** A page visibility the test switches. */
export class FakeVisibility {
  #hidden = false;
  readonly listeners = new Set<() => void>();
  hidden = (): boolean => this.#hidden;
  onChange = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(hidden: boolean): void {
    this.#hidden = hidden;
    for (const listener of [...this.listeners]) listener();
  }
}

/** A network status the test switches. */
export class FakeNetwork {
  #online = true;
  readonly listeners = new Set<() => void>();
  online = (): boolean => this.#online;
  onChange = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(online: boolean): void {
    this.#online = online;
    for (const listener of [...this.listeners]) listener();
  }
}

/** A page that is always seen: test pages may run in a background tab, which is hidden. */
export const ALWAYS_VISIBLE = { hidden: (): boolean => false, onChange: (): (() => void) => () => {} };

type TimerFunction = (handler: () => void, ms?: number) => number;
type ClearFunction = (id?: number) => void;

/**
 * Counts the timers set from now on that have neither fired nor been cleared, so a test
 * can check that something stopped leaves none behind. `restore()` puts the originals back.
 */
export function trackTimers(): { pending: () => number; restore: () => void } {
  const live = new Set<number>();
  const timers = window as unknown as Record<'setTimeout' | 'setInterval', TimerFunction> &
    Record<'clearTimeout' | 'clearInterval', ClearFunction>;
  const original = {
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
  };
  timers.setTimeout = (handler, ms) => {
    const id = original.setTimeout.call(
      window,
      () => {
        live.delete(id);
        handler();
      },
      ms,
    );
    live.add(id);
    return id;
  };
  timers.setInterval = (handler, ms) => {
    const id = original.setInterval.call(window, handler, ms);
    live.add(id);
    return id;
  };
  timers.clearTimeout = (id) => {
    if (id !== undefined) live.delete(id);
    original.clearTimeout.call(window, id);
  };
  timers.clearInterval = (id) => {
    if (id !== undefined) live.delete(id);
    original.clearInterval.call(window, id);
  };
  return {
    pending: () => live.size,
    restore: () => Object.assign(timers, original),
  };
}
