/**
 * Row numbers kept in some order (a sort permutation, a selection): a growable list
 * patched in place when a few rows change instead of being sorted again, and the two
 * linear sorts that build such orders without a comparison per pair.
 */
import { grow } from './string-dictionary.js';

export class RowList {
  constructor(
    public data: Uint32Array = new Uint32Array(64),
    public length = 0,
  ) {}

  /**
   * Takes `leaving` out (rows the list holds, at their old places) and puts `entering` in
   * where `compare` puts them. Without rows to take out, no pass over the whole list.
   * `marks`: a zeroed bit set over every row, borrowed and left zeroed.
   */
  move(marks: Int32Array, leaving: Iterable<number>, entering: number[], compare: (a: number, b: number) => number): void {
    let any = false;
    for (const row of leaving) {
      marks[row >>> 5]! |= 1 << (row & 31);
      any = true;
    }
    if (!any) {
      this.add(entering, compare);
      return;
    }
    this.patch(marks, entering, compare);
    for (const row of leaving) marks[row >>> 5] = 0;
  }

  /**
   * Removes every row whose bit is set in `marks`, then inserts `rows` where `compare`
   * puts them: one pass and a few binary searches, no sort of the whole list.
   */
  private patch(marks: Int32Array, rows: number[], compare: (a: number, b: number) => number): void {
    const data = this.data;
    const length = this.length;
    let kept = 0;
    for (let i = 0; i < length; i++) {
      const row = data[i]!;
      data[kept] = row;
      kept += ((marks[row >>> 5]! >>> (row & 31)) & 1) ^ 1;
    }
    this.insert(kept, rows, compare);
  }

  /** Inserts `rows` into the first `kept` rows where `compare` puts them. */
  private insert(kept: number, rows: number[], compare: (a: number, b: number) => number): void {
    rows.sort(compare);
    const positions = rows.map((row) => lowerBound(this.data, kept, row, compare));
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

  /** Adds rows that are in no list yet. */
  add(rows: number[], compare: (a: number, b: number) => number): void {
    this.insert(this.length, rows, compare);
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

/**
 * `rows` stably sorted by `keys[row]` (integers in [0, keyCount)): rows with equal keys
 * keep their order in `rows`. Counting sort: two passes.
 */
export function countingSortRows(rows: Uint32Array, keys: ArrayLike<number>, keyCount: number): Uint32Array {
  const n = rows.length;
  const starts = new Uint32Array(keyCount + 1);
  for (let i = 0; i < n; i++) starts[keys[rows[i]!]! + 1]!++;
  for (let k = 1; k <= keyCount; k++) starts[k]! += starts[k - 1]!;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    out[starts[keys[row]!]!++] = row;
  }
  return out;
}

const TWO_32 = 4294967296;
/** Digits of the 53-bit key, low first: [word (0 low, 1 high), shift, mask]. */
const DIGITS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0x7ff],
  [0, 11, 0x7ff],
  [0, 22, 0x3ff],
  [1, 0, 0x7ff],
  [1, 11, 0x3ff],
];

/**
 * `rows` stably sorted by `values[row]` ascending (or descending): rows with equal values
 * keep their order in `rows`. LSD radix sort on whole numbers (epoch milliseconds), 11
 * bits a pass, passes whose digit is the same for every row skipped. Undefined when a
 * value is not a whole number or the values span 2^53 or more (sort by comparison then).
 */
export function radixSortRows(rows: Uint32Array, values: Float64Array, descending: boolean): Uint32Array | undefined {
  const n = rows.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[rows[i]!]!;
    if (!Number.isInteger(v)) return undefined;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return new Uint32Array(0);
  if (!(max - min < 2 ** 53)) return undefined;
  let fromRows = Uint32Array.from(rows);
  let fromWords = [new Uint32Array(n), new Uint32Array(n)] as const;
  const [low, high] = fromWords;
  for (let i = 0; i < n; i++) {
    const v = values[fromRows[i]!]!;
    const key = descending ? max - v : v - min;
    const hi = Math.floor(key / TWO_32);
    high[i] = hi;
    low[i] = key - hi * TWO_32;
  }
  let toRows = new Uint32Array(n);
  let toWords = [new Uint32Array(n), new Uint32Array(n)] as const;
  const counts = new Uint32Array(0x800);
  for (const [word, shift, mask] of DIGITS) {
    const source = word === 0 ? fromWords[0] : fromWords[1];
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(source[i]! >>> shift) & mask]!++;
    // Every row has the same digit: the pass would not move anything.
    if (counts[(source[0]! >>> shift) & mask] === n) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const count = counts[d]!;
      counts[d] = sum;
      sum += count;
    }
    const [fromLow, fromHigh] = fromWords;
    const [toLow, toHigh] = toWords;
    for (let i = 0; i < n; i++) {
      const at = counts[(source[i]! >>> shift) & mask]!++;
      toRows[at] = fromRows[i]!;
      toLow[at] = fromLow[i]!;
      toHigh[at] = fromHigh[i]!;
    }
    [fromRows, toRows] = [toRows, fromRows];
    [fromWords, toWords] = [toWords, fromWords];
  }
  return fromRows;
}
