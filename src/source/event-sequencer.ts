/**
 * Puts live events back in `seq` order: drops the ones already delivered (a replay after
 * a reconnection, a duplicate on the wire), holds early ones until the missing ones
 * arrive, and when a hole stays open too long, delivers a `resync` so the store reloads.
 */
import type { LiveEvent, ResyncEvent } from '../model/index.js';
import type { LiveBatch } from './job-source.js';

/** One event off the wire: valid, or skipped with the reason and the field at fault (and its seq when readable). */
export type IncomingEvent = { event: LiveEvent } | { rejected: string; field?: string; seq: number | undefined } | { ignoredSeq: number };

export class EventSequencer {
  #lastSeq: number | undefined;
  /** Events after a hole, by seq; null marks a seq that was consumed without an event to deliver. */
  readonly #held = new Map<number, LiveEvent | null>();
  #gapTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #gapWindowMs: number;
  readonly #deliver: (batch: LiveBatch) => void;

  constructor(options: { gapWindowMs: number; deliver: (batch: LiveBatch) => void }) {
    this.#gapWindowMs = options.gapWindowMs;
    this.#deliver = options.deliver;
  }

  /** The newest seq delivered (or known to be the starting point); where to resume from. */
  get lastSeq(): number | undefined {
    return this.#lastSeq;
  }

  /** Where the stream stands when nothing was delivered yet (the server said so). */
  setBase(seq: number): void {
    if (this.#lastSeq === undefined && Number.isSafeInteger(seq) && seq >= 0) this.#lastSeq = seq;
  }

  accept(incoming: readonly IncomingEvent[]): void {
    const events: LiveEvent[] = [];
    const rejected: string[] = [];
    const fields: string[] = [];
    for (const item of incoming) {
      if ('rejected' in item) {
        rejected.push(item.rejected);
        fields.push(item.field ?? '');
        if (item.seq !== undefined) this.#hold(item.seq, null);
      } else if ('ignoredSeq' in item) {
        this.#hold(item.ignoredSeq, null);
      } else if (item.event.type === 'resync') {
        this.#drain(events);
        for (const seq of this.#held.keys()) if (seq <= item.event.seq) this.#held.delete(seq);
        events.push(item.event);
        this.#lastSeq = item.event.seq;
      } else {
        this.#hold(item.event.seq, item.event);
      }
    }
    this.#drain(events);
    this.#armGapTimer();
    if (events.length || rejected.length) this.#deliver(rejected.length ? { events, rejected, rejectedFields: fields } : { events });
  }

  /**
   * A `resync` made here (the events since the last one delivered cannot be known, e.g. the
   * stream dropped before telling where it stood). It leaves the resume point as it is.
   */
  resync(reason: string): void {
    const event: ResyncEvent = { type: 'resync', seq: this.#lastSeq ?? 0, reason };
    this.#deliver({ events: [event] });
  }

  /** The server's numbering started again (a new epoch): no seq known so far means anything. */
  restart(): void {
    this.#lastSeq = undefined;
    this.forgetHeld();
  }

  /** A new connection replays everything after `lastSeq`: what was held will come again. */
  forgetHeld(): void {
    this.#held.clear();
    this.#disarmGapTimer();
  }

  #hold(seq: number, event: LiveEvent | null): void {
    if (this.#lastSeq !== undefined && seq <= this.#lastSeq) return;
    if (!this.#held.has(seq) || event) this.#held.set(seq, event);
  }

  #drain(out: LiveEvent[]): void {
    if (this.#lastSeq === undefined) {
      if (!this.#held.size) return;
      this.#lastSeq = Math.min(...this.#held.keys()) - 1;
    }
    for (let next = this.#lastSeq + 1; this.#held.has(next); next++) {
      const event = this.#held.get(next);
      this.#held.delete(next);
      this.#lastSeq = next;
      if (event) out.push(event);
    }
  }

  #armGapTimer(): void {
    if (!this.#held.size) {
      this.#disarmGapTimer();
      return;
    }
    this.#gapTimer ??= setTimeout(() => this.#closeGap(), this.#gapWindowMs);
  }

  #disarmGapTimer(): void {
    clearTimeout(this.#gapTimer);
    this.#gapTimer = undefined;
  }

  /** The hole did not fill: say so with a resync, then go on from the first held event. */
  #closeGap(): void {
    this.#gapTimer = undefined;
    if (!this.#held.size || this.#lastSeq === undefined) return;
    const first = Math.min(...this.#held.keys());
    const missing = first - 1 === this.#lastSeq + 1 ? `event ${first - 1}` : `events ${this.#lastSeq + 1} to ${first - 1}`;
    const resync: ResyncEvent = { type: 'resync', seq: first - 1, reason: `${missing} never arrived` };
    this.#lastSeq = first - 1;
    const events: LiveEvent[] = [resync];
    this.#drain(events);
    this.#armGapTimer();
    this.#deliver({ events });
  }
}
