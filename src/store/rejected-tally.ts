/**
 * Counts the items a source left out, each once: the same broken job comes again with
 * every page that holds it, the same broken file with every refresh of a running job's
 * file table, and a count that grew with each would say nothing.
 */
import type { RejectedItems } from '../source/job-source.js';
import type { RejectedTally } from './store-api.js';

/** Items told apart at most; past it, new reports still count, unremembered (a server refusing without end). */
const REMEMBERED = 10_000;

export const NO_REJECTED: RejectedTally = { count: 0, kinds: {} };

export class RejectedCounter {
  #tally: RejectedTally = NO_REJECTED;
  readonly #seen = new Set<string>();

  get tally(): RejectedTally {
    return this.#tally;
  }

  /** Counts the items of `report` not counted before; true when there were some. */
  add(report: RejectedItems): boolean {
    const fresh: string[] = [];
    report.messages.forEach((message, i) => {
      // The item's place in its page changes from one fetch to the next: it is not part of what it is.
      const key = `${report.kind} ${report.from} ${message.replace(/^items\[\d+\] ?/, '')}`;
      if (this.#seen.has(key)) return;
      if (this.#seen.size < REMEMBERED) this.#seen.add(key);
      fresh.push(report.fields[i] ?? '');
    });
    if (!fresh.length) return false;
    const kind = this.#tally.kinds[report.kind];
    const fields = new Map(kind?.fields);
    for (const field of fresh) fields.set(field, (fields.get(field) ?? 0) + 1);
    this.#tally = {
      count: this.#tally.count + fresh.length,
      kinds: { ...this.#tally.kinds, [report.kind]: { count: (kind?.count ?? 0) + fresh.length, fields } },
    };
    return true;
  }
}
