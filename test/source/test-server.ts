/** The reference server's test control (demo/server/test-control.js; its routes: docs/test-control.md), from a test page. */
import type { Job } from '../../src/model/index.js';

export interface ServerOptions {
  seed?: number;
  nodes?: number;
  jobs?: number;
  days?: number;
  now?: number;
  activity?: number;
  heartbeatMs?: number;
  replayLimit?: number;
  sessionIdleMs?: number;
  tokenTtlMs?: number;
}

export interface Fault {
  path: string;
  method?: string;
  status?: number;
  retryAfter?: number;
  body?: string;
  delayMs?: number;
  hang?: boolean;
  times?: number;
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export class TestServer {
  readonly base: string;
  readonly control: string;

  private constructor(base: string, control: string) {
    this.base = base;
    this.control = control;
  }

  static async create(options: ServerOptions = {}): Promise<TestServer> {
    const { base, control } = await call<{ base: string; control: string }>('POST', '/__test__/servers', options);
    return new TestServer(base, control);
  }

  /** Moves the simulation's clock; resolves with the newest seq. */
  async advance(ms: number): Promise<number> {
    return (await call<{ lastSeq: number }>('POST', `${this.control}/advance`, { ms })).lastSeq;
  }

  async fault(fault: Fault): Promise<void> {
    await call('POST', `${this.control}/faults`, fault);
  }

  async dropStreams(): Promise<number> {
    return (await call<{ dropped: number }>('POST', `${this.control}/drop-streams`, {})).dropped;
  }

  /**
   * Streams dropped, then 503 for `downMs`. `forgetEvents`: the replay buffer is lost;
   * `newEventIds`: ids start again from 0 in a new epoch; `forgetSessions`: every session and token ends.
   */
  async restart(downMs: number, forgetEvents = false, more: { newEventIds?: boolean; forgetSessions?: boolean } = {}): Promise<void> {
    await call('POST', `${this.control}/restart`, { downMs, forgetEvents, ...more });
  }

  async chaos(chaos: { duplicate?: boolean; reorder?: boolean }): Promise<void> {
    await call('POST', `${this.control}/stream-chaos`, chaos);
  }

  state(): Promise<{ jobs: Job[]; lastSeq: number }> {
    return call('GET', `${this.control}/state`);
  }

  /** Open streams, waiting polls and live timers on the server. */
  stats(): Promise<{ streams: number; pollers: number; timers: number; sessions: number }> {
    return call('GET', `${this.control}/stats`);
  }

  async close(): Promise<void> {
    await call('DELETE', this.control);
  }
}
