/**
 * The live half of `HttpJobSource`: one event stream read with `fetch` (so this code sees
 * status codes and sends `Last-Event-ID` itself), its reconnection loop with backoff, the
 * watch for silence, the long-poll fallback, and the pauses while the page is hidden or
 * the browser offline.
 */
import { backoffDelay, sleep } from './backoff.js';
import { contractChecks, type ContractChecks } from './contract-checks.js';
import { SseParser, type SseMessage } from './event-stream.js';
import { EventSequencer, type IncomingEvent } from './event-sequencer.js';
import type { HttpClient } from './http-client.js';
import { JobSourceError, type ConnectionState, type LiveBatch } from './job-source.js';
import type { NetworkStatus, PageVisibility } from './page-lifecycle.js';

/** A `Retry-After` longer than this is cut to it: the page should not stay dark for long. */
const MAX_RETRY_AFTER_MS = 60_000;

export interface LiveConnectionOptions {
  client: HttpClient;
  /** Path of the events endpoint under the client's base URL. */
  path: string;
  backoff: { baseMs: number; maxMs: number };
  /** The server's heartbeat period: no byte for 2.5 times this means the stream is dead. */
  heartbeatMs: number;
  /** Polling fallback: the least time between two polls that brought nothing. */
  pollIntervalMs: number;
  /** Polling fallback: how long the server may hold a poll open waiting for events. */
  pollWaitMs: number;
  /** How long to wait for a missing seq before giving up on it with a `resync`. */
  gapWindowMs: number;
  /** Consecutive stream failures, with no byte received, before trying the polling fallback. */
  streamFailuresBeforePolling: number;
  requestTimeoutMs: number;
  visibility: PageVisibility;
  network: NetworkStatus;
  deliver(batch: LiveBatch): void;
  setState(state: ConnectionState): void;
}

/** The answer was not an event stream (no readable body, another content type): poll instead. */
class StreamUnavailable extends Error {}

/** Errors that waiting will not cure: the user must log in, or the server does not serve events. */
function isFinal(error: JobSourceError): boolean {
  return error.kind === 'unauthenticated' || error.kind === 'forbidden' || error.kind === 'not-found' || error.kind === 'bad-request';
}

function asSourceError(error: unknown): JobSourceError {
  if (error instanceof JobSourceError) return error;
  return new JobSourceError('network', `The event stream broke (${error instanceof Error ? error.message : String(error)}).`);
}

function seqFrom(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

function seqOf(data: unknown): number | undefined {
  const seq = data !== null && typeof data === 'object' ? (data as { seq?: unknown }).seq : undefined;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
}

/** One SSE message as an incoming event: checked against the contract. */
function fromMessage(message: SseMessage, { validateLiveEvent }: ContractChecks): IncomingEvent | undefined {
  const idSeq = seqFrom(message.id);
  if (message.event !== 'job' && message.event !== 'resync' && message.event !== 'message') {
    // A kind of event this version does not know: it uses its seq, nothing to deliver.
    return idSeq === undefined ? undefined : { ignoredSeq: idSeq };
  }
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return { rejected: `event ${message.id ?? '(no id)'}: data is not JSON`, field: 'data', seq: idSeq };
  }
  const checked = validateLiveEvent(data);
  if (checked.ok) return { event: checked.value };
  return { rejected: `event ${message.id ?? '(no id)'}: ${checked.error}`, field: checked.field, seq: idSeq ?? seqOf(data) };
}

/** The events of a polling answer; one bad event is skipped, a broken envelope is `bad-response`. */
function fromBatch(
  body: unknown,
  label: string,
  { validateEventBatch, validateLiveEvent }: ContractChecks,
): { incoming: IncomingEvent[]; lastSeq: number } {
  const whole = validateEventBatch(body);
  if (whole.ok) return { incoming: whole.value.items.map((event) => ({ event })), lastSeq: whole.value.lastSeq };
  const envelope = body as { items?: unknown; lastSeq?: unknown } | null;
  const lastSeq = seqOf({ seq: envelope?.lastSeq });
  if (envelope === null || typeof envelope !== 'object' || !Array.isArray(envelope.items) || lastSeq === undefined) {
    throw new JobSourceError('bad-response', `${label}: ${whole.error}.`);
  }
  const incoming = envelope.items.map((item: unknown, index): IncomingEvent => {
    const checked = validateLiveEvent(item);
    return checked.ok
      ? { event: checked.value }
      : { rejected: `items[${index}]: ${checked.error}`, field: checked.field, seq: seqOf(item) };
  });
  return { incoming, lastSeq };
}

export class LiveConnection {
  readonly #options: LiveConnectionOptions;
  readonly #sequencer: EventSequencer;
  #active = false;
  #state: ConnectionState = { status: 'idle' };
  /** The current run of the reconnection loop; aborting it closes its request and timers. */
  #run: AbortController | undefined;
  #unwatch: (() => void)[] = [];
  #mode: 'stream' | 'poll' = 'stream';
  /** Trying the polling fallback after failed streams; back to streaming if it fails too. */
  #probingPoll = false;
  #streamFailures = 0;
  /** A connection ended before the server said where it stood: what happened meanwhile is unknown. */
  #lostTrack = false;

  constructor(options: LiveConnectionOptions) {
    this.#options = options;
    this.#sequencer = new EventSequencer({ gapWindowMs: options.gapWindowMs, deliver: options.deliver });
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** Starts following the page's visibility and network, and connects when both allow. */
  start(): void {
    if (this.#active) return;
    this.#active = true;
    const { visibility, network } = this.#options;
    this.#unwatch = [visibility.onChange(() => this.#settle(false)), network.onChange(() => this.#onNetwork())];
    this.#settle(false);
  }

  /** Closes the connection, cancels every timer and stops following the page. */
  stop(): void {
    if (!this.#active) return;
    this.#active = false;
    for (const unwatch of this.#unwatch) unwatch();
    this.#unwatch = [];
    this.#halt();
    this.#setState({ status: 'idle' });
  }

  /** Reconnects now, by streaming again (after a login, or from a "retry" button). */
  restart(): void {
    if (!this.#active) return;
    this.#mode = 'stream';
    this.#probingPoll = false;
    this.#streamFailures = 0;
    this.#settle(true);
  }

  #onNetwork(): void {
    // Back online: try now rather than at the end of a backoff wait.
    this.#settle(this.#options.network.online() && this.#state.status !== 'live');
  }

  /** Puts the connection where the page's state says it should be. */
  #settle(reconnectNow: boolean): void {
    if (!this.#active) return;
    if (this.#options.visibility.hidden()) {
      this.#halt();
      this.#setState({ status: 'paused' });
    } else if (!this.#options.network.online()) {
      this.#halt();
      this.#setState({ status: 'offline' });
    } else if (reconnectNow || !this.#run) {
      this.#halt();
      const run = new AbortController();
      this.#run = run;
      void this.#loop(run.signal).finally(() => {
        if (this.#run === run) this.#run = undefined;
      });
    }
  }

  #halt(): void {
    if (this.#run) {
      this.#run.abort();
      this.#run = undefined;
      if (this.#state.status === 'live' && this.#sequencer.lastSeq === undefined) this.#lostTrack = true;
    }
    this.#sequencer.forgetHeld();
  }

  #setState(state: ConnectionState): void {
    const previous = this.#state;
    if (previous.status === state.status && previous.error === state.error && previous.nextAttemptAt === state.nextAttemptAt) {
      return;
    }
    this.#state = state;
    this.#options.setState(state);
  }

  /** Connected: if a previous connection dropped without a known position, the store must reload. */
  #connected(): void {
    this.#setState({ status: 'live' });
    if (this.#lostTrack) {
      this.#lostTrack = false;
      this.#sequencer.resync('the connection dropped before the server said where it stood');
    }
  }

  async #loop(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      this.#setState({ status: 'connecting' });
      this.#sequencer.forgetHeld();
      let progressed = false;
      const onProgress = () => {
        progressed = true;
      };
      let error: JobSourceError;
      try {
        if (this.#mode === 'poll') await this.#poll(signal, onProgress);
        else await this.#stream(signal, onProgress);
        error = new JobSourceError('network', 'The server closed the event stream.');
      } catch (caught) {
        if (signal.aborted) return;
        if (caught instanceof StreamUnavailable) {
          this.#mode = 'poll';
          continue;
        }
        error = asSourceError(caught);
      }
      if (signal.aborted) return;
      if (this.#state.status === 'live' && this.#sequencer.lastSeq === undefined) this.#lostTrack = true;
      if (isFinal(error)) {
        this.#setState({ status: 'error', error });
        return;
      }
      this.#chooseMode(progressed);
      if (progressed) attempt = 0;
      const delay = Math.min(error.details.retryAfterMs ?? backoffDelay(attempt, this.#options.backoff), MAX_RETRY_AFTER_MS);
      attempt++;
      this.#setState({ status: 'reconnecting', nextAttemptAt: Date.now() + delay, error });
      try {
        await sleep(delay, signal);
      } catch {
        return;
      }
    }
  }

  /** After a failure: streams that keep failing while a poll works mean a proxy in the way. */
  #chooseMode(progressed: boolean): void {
    if (this.#mode === 'stream') {
      this.#streamFailures = progressed ? 0 : this.#streamFailures + 1;
      if (this.#streamFailures >= this.#options.streamFailuresBeforePolling) {
        this.#mode = 'poll';
        this.#probingPoll = true;
      }
    } else if (this.#probingPoll) {
      if (progressed) {
        this.#probingPoll = false;
      } else {
        this.#mode = 'stream';
        this.#probingPoll = false;
        this.#streamFailures = 0;
      }
    }
  }

  async #stream(signal: AbortSignal, onProgress: () => void): Promise<void> {
    const { client, path, heartbeatMs } = this.#options;
    const silence = new AbortController();
    const requestSignal = AbortSignal.any([signal, silence.signal]);
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    const lastSeq = this.#sequencer.lastSeq;
    if (lastSeq !== undefined) headers['Last-Event-ID'] = String(lastSeq);
    const checks = await contractChecks();
    const response = await client.open(path, { headers, signal: requestSignal });
    const type = response.headers.get('content-type') ?? '';
    if (!response.body || !/^text\/event-stream/i.test(type)) {
      await response.body?.cancel().catch(() => {});
      throw new StreamUnavailable();
    }
    this.#connected();

    const silenceMs = Math.round(2.5 * heartbeatMs);
    let timer = setTimeout(() => silence.abort(), silenceMs);
    let incoming: IncomingEvent[] = [];
    const parser = new SseParser({
      message: (message) => {
        const item = fromMessage(message, checks);
        if (item) incoming.push(item);
      },
      idOnly: (id) => {
        const seq = seqFrom(id);
        if (seq !== undefined) this.#sequencer.setBase(seq);
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<string>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (signal.aborted) return;
          if (silence.signal.aborted) {
            throw new JobSourceError('network', `The event stream went silent for ${silenceMs} ms.`);
          }
          throw asSourceError(error);
        }
        if (chunk.done) return;
        clearTimeout(timer);
        timer = setTimeout(() => silence.abort(), silenceMs);
        onProgress();
        parser.push(chunk.value);
        if (incoming.length) {
          const batch = incoming;
          incoming = [];
          this.#sequencer.accept(batch);
        }
      }
    } finally {
      clearTimeout(timer);
      reader.cancel().catch(() => {});
    }
  }

  async #poll(signal: AbortSignal, onProgress: () => void): Promise<void> {
    const { client, path, pollWaitMs, pollIntervalMs, requestTimeoutMs } = this.#options;
    // The first poll does not wait: it says at once that the server answers, and where it stands.
    for (let first = true; ; first = false) {
      const started = Date.now();
      const wait = first ? 0 : pollWaitMs;
      const query = { after: this.#sequencer.lastSeq, wait };
      const body = await client.getJson(path, { query, signal, timeoutMs: wait + requestTimeoutMs, attempts: 1 });
      const { incoming, lastSeq } = fromBatch(body, `GET ${path}`, await contractChecks());
      if (this.#state.status !== 'live') this.#connected();
      onProgress();
      this.#sequencer.accept(incoming);
      this.#sequencer.setBase(lastSeq);
      if (!incoming.length && !first) await sleep(Math.max(0, started + pollIntervalMs - Date.now()), signal);
    }
  }
}
