/**
 * A growable list of row numbers kept in some order (a sort permutation, a selection),
 * patched in place when a few rows change instead of being sorted again.
 */
import { grow } from './string-dictionary.js';

export class RowList {
  constructor(
    public data: Uint32Array = new Uint32Array(64),
    public length = 0,
  ) {}

  /**
   * Removes every row whose `mark` is set, then inserts `rows` where `compare` puts
   * them: one pass and a few binary searches, no sort of the whole list.
   */
  patch(mark: Uint8Array, rows: number[], compare: (a: number, b: number) => number): void {
    const data = this.data;
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const row = data[i]!;
      if (!mark[row]) data[kept++] = row;
    }
    rows.sort(compare);
    const positions = rows.map((row) => lowerBound(data, kept, row, compare));
    const length = kept + rows.length;
    if (length > this.data.length) this.data = grow(this.data, length);
    const target = this.data;
    let src = kept;
    let dst = length;
    for (let k = rows.length - 1; k >= 0; k--) {
      const at = positions[k]!;
      target.copyWithin(dst - (src - at), at, src);
      dst -= src - at;
      src = at;
      target[--dst] = rows[k]!;
    }
    this.length = length;
  }

  /** Position of `row` found by binary search with the order the list is kept in, or -1. */
  indexOf(row: number, compare: (a: number, b: number) => number): number {
    const at = lowerBound(this.data, this.length, row, compare);
    return at < this.length && this.data[at] === row ? at : -1;
  }
}

/** First index in `data[0, length)` whose row does not come before `row`. */
function lowerBound(data: Uint32Array, length: number, row: number, compare: (a: number, b: number) => number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(data[mid]!, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
