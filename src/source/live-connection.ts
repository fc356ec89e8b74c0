/**
 * The live half of `HttpJobSource`: one event stream read with `fetch` (so this code sees
 * status codes and sends `Last-Event-ID` itself), its reconnection loop with backoff, the
 * watch for silence, the long-poll fallback (left for the stream again after a while),
 * the server's epoch, and the pauses while the page is hidden or the browser offline.
 *
 * Event ids are `<epoch>:<seq>` (or a bare `<seq>` from a server without epochs). A new
 * epoch means the server counts from 0 again (a restart, a fail-over): what this page
 * holds cannot be matched with the new numbering, so it resyncs.
 */
import { backoffDelay, sleep } from './backoff.js';
import { contractChecks, type ContractChecks } from './contract-checks.js';
import { SseParser, type SseMessage } from './event-stream.js';
import { EventSequencer, type IncomingEvent } from './event-sequencer.js';
import type { ResyncEvent } from '../model/index.js';
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
  /** On the polling fallback: how long before the stream is tried again (doubled after each failed try, up to 16 times). */
  streamRetryMs: number;
  requestTimeoutMs: number;
  visibility: PageVisibility;
  network: NetworkStatus;
  deliver(batch: LiveBatch): void;
  setState(state: ConnectionState): void;
}

/** The answer was not an event stream (no readable body, another content type): poll instead. */
class StreamUnavailable extends Error {}

/** Errors that waiting will not cure: the user must log in, the server does not serve events, or does not allow this page. */
function isFinal(error: JobSourceError): boolean {
  return ['unauthenticated', 'forbidden', 'not-found', 'bad-request', 'blocked'].includes(error.kind);
}

/** The polling loop's way out when it is time to try the stream again. */
const TRY_STREAM = Symbol('try the stream');

function asSourceError(error: unknown): JobSourceError {
  if (error instanceof JobSourceError) return error;
  return new JobSourceError('network', `The event stream broke (${error instanceof Error ? error.message : String(error)}).`);
}

/** An event id: `<epoch>:<seq>`, or `<seq>` alone from a server without epochs. */
interface EventId {
  epoch: string | undefined;
  seq: number;
}

function parseEventId(text: string | undefined): EventId | undefined {
  const match = text === undefined ? null : /^(?:([^:]{1,200}):)?(\d{1,15})$/.exec(text);
  return match ? { epoch: match[1], seq: Number(match[2]) } : undefined;
}

function formatEventId(epoch: string | undefined, seq: number): string {
  return epoch === undefined ? String(seq) : `${epoch}:${seq}`;
}

function seqFrom(text: string | undefined): number | undefined {
  return parseEventId(text)?.seq;
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
): { incoming: IncomingEvent[]; lastSeq: number; epoch: string | undefined } {
  const whole = validateEventBatch(body);
  if (whole.ok) {
    const { items, lastSeq, epoch } = whole.value;
    return { incoming: items.map((event) => ({ event })), lastSeq, epoch };
  }
  const envelope = body as { items?: unknown; lastSeq?: unknown; epoch?: unknown } | null;
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
  return { incoming, lastSeq, epoch: typeof envelope.epoch === 'string' ? envelope.epoch : undefined };
}

/** The resync a new epoch calls for: the store reloads, and the sequencer goes on from `seq`. */
function epochResync(seq: number, reason: string): IncomingEvent {
  const event: ResyncEvent = { type: 'resync', seq: Math.max(0, seq), reason };
  return { event };
}

/** Whether a batch of incoming events starts with the server's own resync. */
function startsWithResync(incoming: readonly IncomingEvent[]): boolean {
  const first = incoming[0];
  return first !== undefined && 'event' in first && first.event.type === 'resync';
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
  /** The epoch of the ids followed; undefined until a server gives one (or if it never does). */
  #epoch: string | undefined;
  /** Trying the stream again after a while on the polling fallback; back to polling if it fails. */
  #probingStream = false;
  #streamRetryMs: number;

  constructor(options: LiveConnectionOptions) {
    this.#options = options;
    this.#sequencer = new EventSequencer({ gapWindowMs: options.gapWindowMs, deliver: options.deliver });
    this.#streamRetryMs = options.streamRetryMs;
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
    this.#probingStream = false;
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

  /**
   * A new epoch in what the server sent: its ids start again, so nothing held or counted
   * so far means anything in them. Gives the reason of the resync it calls for when the
   * page was following an older one (the first epoch seen is simply adopted).
   */
  #newEpoch(epoch: string | undefined): string | undefined {
    if (epoch === this.#epoch) return undefined;
    const following = this.#epoch !== undefined || this.#sequencer.lastSeq !== undefined;
    const previous = this.#epoch;
    this.#epoch = epoch;
    return following ? `the server's event ids started again (epoch ${epoch ?? 'none'}, was ${previous ?? 'none'})` : undefined;
  }

  async #loop(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    let switching = false;
    while (!signal.aborted) {
      // Leaving the polling fallback for the stream is no outage: the status stays live.
      if (!switching) this.#setState({ status: 'connecting' });
      switching = false;
      this.#sequencer.forgetHeld();
      let progressed = false;
      const onProgress = () => {
        progressed = true;
      };
      let error: JobSourceError;
      try {
        if (this.#mode === 'poll') {
          if ((await this.#poll(signal, onProgress)) === TRY_STREAM) {
            this.#mode = 'stream';
            this.#probingStream = true;
            switching = this.#state.status === 'live';
            continue;
          }
        } else await this.#stream(signal, onProgress);
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

  /**
   * After a failure: streams that keep failing while a poll works mean a proxy in the way.
   * A stream tried again from the polling fallback that fails sends it back to polling at
   * once, and waits twice as long before the next try.
   */
  #chooseMode(progressed: boolean): void {
    if (this.#mode === 'stream' && this.#probingStream) {
      this.#probingStream = false;
      if (progressed) {
        this.#streamRetryMs = this.#options.streamRetryMs;
      } else {
        this.#mode = 'poll';
        this.#streamRetryMs = Math.min(this.#streamRetryMs * 2, this.#options.streamRetryMs * 16);
      }
      return;
    }
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
    if (lastSeq !== undefined) headers['Last-Event-ID'] = formatEventId(this.#epoch, lastSeq);
    const checks = await contractChecks();
    const response = await client.open(path, { headers, signal: requestSignal });
    const type = response.headers.get('content-type') ?? '';
    if (!response.body || !/^text\/event-stream/i.test(type)) {
      await response.body?.cancel().catch(() => {});
      throw new StreamUnavailable();
    }
    this.#connected();
    // A stream that works after polling: the next fallback waits the first delay again.
    if (this.#probingStream) this.#streamRetryMs = this.#options.streamRetryMs;

    const silenceMs = Math.round(2.5 * heartbeatMs);
    let timer = setTimeout(() => silence.abort(), silenceMs);
    let incoming: IncomingEvent[] = [];
    const accept = () => {
      if (!incoming.length) return;
      const batch = incoming;
      incoming = [];
      this.#sequencer.accept(batch);
    };
    /**
     * Events of an older epoch go in before the change; the first item of the new one
     * brings a resync (unless it is the server's own).
     */
    let resyncDue: string | undefined;
    const followEpoch = (id: EventId | undefined) => {
      const reason = id && this.#newEpoch(id.epoch);
      if (!reason) return;
      accept();
      this.#sequencer.restart();
      resyncDue = reason;
    };
    const parser = new SseParser({
      message: (message) => {
        const id = parseEventId(message.id);
        followEpoch(id);
        const item = fromMessage(message, checks);
        if (!item) return;
        if (resyncDue !== undefined && !startsWithResync([item])) incoming.push(epochResync((id?.seq ?? 1) - 1, resyncDue));
        resyncDue = undefined;
        incoming.push(item);
      },
      idOnly: (text) => {
        const id = parseEventId(text);
        followEpoch(id);
        if (!id) return;
        if (resyncDue === undefined) {
          this.#sequencer.setBase(id.seq);
          return;
        }
        incoming.push(epochResync(id.seq, resyncDue));
        resyncDue = undefined;
        accept();
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
        accept();
      }
    } finally {
      clearTimeout(timer);
      reader.cancel().catch(() => {});
    }
  }

  /** Polls until a request fails (thrown), or until it is time to try the stream again. */
  async #poll(signal: AbortSignal, onProgress: () => void): Promise<typeof TRY_STREAM> {
    const { client, path, pollWaitMs, pollIntervalMs, requestTimeoutMs } = this.#options;
    const tryStreamAt = Date.now() + this.#streamRetryMs;
    // The first poll does not wait: it says at once that the server answers, and where it stands.
    for (let first = true; ; first = false) {
      if (!first && Date.now() >= tryStreamAt) return TRY_STREAM;
      const started = Date.now();
      const wait = first ? 0 : Math.max(0, Math.min(pollWaitMs, tryStreamAt - started));
      const after = this.#sequencer.lastSeq;
      const query = { after, epoch: after === undefined ? undefined : this.#epoch, wait };
      const body = await client.getJson(path, { query, signal, timeoutMs: wait + requestTimeoutMs, attempts: 1 });
      const { incoming, lastSeq, epoch } = fromBatch(body, `GET ${path}`, await contractChecks());
      if (this.#state.status !== 'live') this.#connected();
      onProgress();
      const reason = this.#newEpoch(epoch);
      if (reason) {
        this.#sequencer.restart();
        if (!startsWithResync(incoming)) incoming.unshift(epochResync(lastSeq, reason));
      }
      this.#sequencer.accept(incoming);
      this.#sequencer.setBase(lastSeq);
      if (!incoming.length && !first) await sleep(Math.max(0, Math.min(started + pollIntervalMs, tryStreamAt) - Date.now()), signal);
    }
  }
}
