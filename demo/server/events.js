// @ts-check
/**
 * Live events: Server-Sent Events with a replay buffer (resume from `Last-Event-ID`),
 * heartbeats, and the long-poll JSON fallback. Each event is serialized once, when it
 * happens, so a slow or late reader sees the job as it was at that event.
 *
 * Event ids are `<epoch>:<seq>`. The epoch names this run of the numbering (a new one at
 * every start): a reader that resumes from another epoch's id gets a resync, however its
 * seq compares with ours, since a restarted server counts from 0 again.
 */
import { randomBytes } from 'node:crypto';
import { sendJson } from './respond.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {import('../../dist/model/index.js').LiveEvent} LiveEvent */
/** @typedef {import('../../dist/model/index.js').JobChangeEvent} JobChangeEvent */
/** @typedef {{seq: number, kind: 'job' | 'resync', json: string}} Entry */
/** @typedef {{res: Response, sentSeq: number}} Stream */
/** @typedef {{res: Response, after: number, timer: ReturnType<typeof setTimeout>}} Poller */
/**
 * What the hub listens to: the simulator (or anything with the same two members).
 * @typedef {{readonly lastSeq: number, onEvent(listener: (event: JobChangeEvent) => void): () => void}} EventOrigin
 */

/** A long-poll answer holds at most this many events; the client asks again from the last one. */
const MAX_BATCH = 1000;
/** A reader this far behind (bytes queued in its socket) is dropped; it resumes from its last id. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

function newEpoch() {
  return randomBytes(6).toString('hex');
}

/**
 * An event id as a reader sends it back (`Last-Event-ID`, `?lastEventId=`): its epoch, if
 * it has one, and the seq's text (checked by the caller).
 * @param {string} id
 * @returns {{epoch: string | undefined, seq: string}}
 */
export function splitEventId(id) {
  const colon = id.lastIndexOf(':');
  return colon === -1 ? { epoch: undefined, seq: id } : { epoch: id.slice(0, colon), seq: id.slice(colon + 1) };
}

/**
 * @param {{
 *   origin: EventOrigin,
 *   heartbeatMs?: number,
 *   replayLimit?: number,
 *   retryMs?: number,
 * }} options
 */
export function createEventHub({ origin, heartbeatMs = 15_000, replayLimit = 10_000, retryMs = 3000 }) {
  /** Buffered events, oldest first; `baseSeq` is the seq just before the oldest one. */
  /** @type {Entry[]} */
  let buffer = [];
  let epoch = newEpoch();
  /** Subtracted from the origin's seqs: 0 until `renumber` starts the ids again from 0. */
  let offset = 0;
  let baseSeq = origin.lastSeq;
  let lastSeq = origin.lastSeq;
  /** @type {Set<Stream>} */
  const streams = new Set();
  /** @type {Set<Poller>} */
  const pollers = new Set();
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let heartbeat;
  /** @type {ReturnType<typeof setImmediate> | undefined} */
  let flushing;
  let closed = false;

  /**
   * Rearranges what goes on the wire (the test control's stream chaos); identity by default.
   * @type {<T>(entries: T[]) => T[]}
   */
  let wireTransform = (entries) => entries;

  const unsubscribe = origin.onEvent((event) => {
    if (closed) return;
    const seq = event.seq - offset;
    buffer.push({ seq, kind: 'job', json: JSON.stringify(offset ? { ...event, seq } : event) });
    lastSeq = Math.max(lastSeq, seq);
    if (buffer.length > replayLimit) {
      const dropped = buffer.splice(0, buffer.length - replayLimit);
      baseSeq = /** @type {Entry} */ (dropped[dropped.length - 1]).seq;
    }
    flushing ??= setImmediate(flush);
  });

  /** Index of the first buffered event after `seq` (binary search). */
  function indexAfter(/** @type {number} */ seq) {
    let lo = 0;
    let hi = buffer.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (/** @type {Entry} */ (buffer[mid]).seq > seq) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * The events a reader at `seq` of `from` (an epoch) has missed, or a resync when they are
   * gone (older than the buffer, an id this server never gave, or another epoch's).
   * @param {number} seq
   * @param {string | undefined} [from] Undefined: an id without epoch, taken as ours.
   * @returns {Entry[]}
   */
  function entriesAfter(seq, from) {
    const foreign = from !== undefined && from !== epoch;
    if (foreign || seq < baseSeq || seq > lastSeq) {
      /** @type {LiveEvent} */
      const resync = {
        type: 'resync',
        seq: lastSeq,
        reason: foreign ? 'epoch-changed' : seq > lastSeq ? 'unknown-event-id' : 'events-expired',
      };
      return [{ seq: lastSeq, kind: 'resync', json: JSON.stringify(resync) }];
    }
    return buffer.slice(indexAfter(seq));
  }

  function frame(/** @type {Entry} */ entry) {
    return `id: ${epoch}:${entry.seq}\nevent: ${entry.kind}\ndata: ${entry.json}\n\n`;
  }

  function write(/** @type {Stream} */ stream, /** @type {Entry[]} */ entries) {
    if (!entries.length) return;
    stream.res.write(wireTransform(entries).map(frame).join(''));
    stream.sentSeq = /** @type {Entry} */ (entries[entries.length - 1]).seq;
    if (stream.res.writableLength > MAX_QUEUED_BYTES) stream.res.destroy();
  }

  function flush() {
    flushing = undefined;
    for (const stream of streams) write(stream, entriesAfter(stream.sentSeq));
    for (const poller of pollers) {
      const entries = entriesAfter(poller.after);
      if (entries.length) answerPoll(poller, entries);
    }
  }

  function startHeartbeat() {
    heartbeat ??= setInterval(() => {
      for (const stream of streams) stream.res.write(': heartbeat\n\n');
    }, heartbeatMs).unref();
  }

  function stopHeartbeatIfIdle() {
    if (streams.size || !heartbeat) return;
    clearInterval(heartbeat);
    heartbeat = undefined;
  }

  /**
   * @param {Poller | {res: Response}} poller
   * @param {Entry[]} entries
   * @param {Request} [req]
   */
  function answerPoll(poller, entries, req) {
    if ('timer' in poller) {
      clearTimeout(poller.timer);
      pollers.delete(poller);
    }
    const batch = entries.slice(0, MAX_BATCH);
    const items = wireTransform(batch).map((entry) => JSON.parse(entry.json));
    const last = batch.length < entries.length ? /** @type {Entry} */ (batch[batch.length - 1]).seq : lastSeq;
    sendJson(req ?? poller.res.req, poller.res, 200, { items, lastSeq: last, epoch });
  }

  return {
    /** The newest event id given. */
    get lastSeq() {
      return lastSeq;
    },

    /** This run of the numbering; ids are `<epoch>:<seq>`. */
    get epoch() {
      return epoch;
    },

    /**
     * Opens an event stream on `res`. From `resumeFrom` the missed events are replayed
     * (or a resync sent); without it the stream starts now, and an id-only block tells
     * the browser where "now" is, so a reconnection resumes without a gap.
     * @param {Response} res
     * @param {number | undefined} resumeFrom
     * @param {string | undefined} [from] The epoch of `resumeFrom`.
     */
    stream(res, resumeFrom, from) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Accel-Buffering': 'no',
        'X-Content-Type-Options': 'nosniff',
      });
      /** @type {Stream} */
      const stream = { res, sentSeq: lastSeq };
      res.write(`retry: ${retryMs}\n`);
      if (resumeFrom === undefined) res.write(`id: ${epoch}:${lastSeq}\n\n`);
      else {
        res.write('\n');
        const entries = entriesAfter(resumeFrom, from);
        write(stream, entries);
        if (!entries.length) stream.sentSeq = resumeFrom;
      }
      streams.add(stream);
      startHeartbeat();
      res.on('close', () => {
        streams.delete(stream);
        stopHeartbeatIfIdle();
      });
    },

    /**
     * Answers the JSON fallback: the events after `after`, waiting up to `waitMs` for some.
     * @param {Request} req
     * @param {Response} res
     * @param {number} after
     * @param {number} waitMs
     * @param {string | undefined} [from] The epoch of `after`.
     */
    poll(req, res, after, waitMs, from) {
      const entries = entriesAfter(after, from);
      if (entries.length || waitMs <= 0 || closed) {
        answerPoll({ res }, entries, req);
        return;
      }
      /** @type {Poller} */
      const poller = {
        res,
        after,
        timer: setTimeout(() => answerPoll(poller, []), waitMs).unref(),
      };
      pollers.add(poller);
      res.on('close', () => {
        clearTimeout(poller.timer);
        pollers.delete(poller);
      });
    },

    /** Forgets the replay buffer (a restarted server): readers resuming from before now get a resync. */
    forget() {
      buffer = [];
      baseSeq = lastSeq;
    },

    /**
     * Starts the ids again from 0 in a new epoch, as a restarted server that keeps no count
     * does (the test control's restart); the replay buffer is forgotten.
     */
    renumber() {
      offset = origin.lastSeq;
      epoch = newEpoch();
      buffer = [];
      baseSeq = lastSeq = 0;
    },

    /** Destroys every open stream and waiting poll abruptly, without a clean end. Returns how many. */
    drop() {
      const count = streams.size + pollers.size;
      for (const stream of [...streams]) stream.res.destroy();
      for (const poller of [...pollers]) poller.res.destroy();
      return count;
    },

    /** @param {<T>(entries: T[]) => T[]} transform */
    setWireTransform(transform) {
      wireTransform = transform;
    },

    /** Open streams, waiting polls and live timers: what must fall to zero when readers leave. */
    stats() {
      let timers = pollers.size;
      if (heartbeat) timers++;
      if (flushing) timers++;
      return { streams: streams.size, pollers: pollers.size, timers };
    },

    /** Ends every stream and poll, stops listening to the origin. */
    close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      if (flushing) clearImmediate(flushing);
      flushing = undefined;
      for (const poller of [...pollers]) answerPoll(poller, []);
      for (const stream of [...streams]) stream.res.end();
      streams.clear();
      stopHeartbeatIfIdle();
    },
  };
}

/** @typedef {ReturnType<typeof createEventHub>} EventHub */
