/**
 * The jobs' ids by row, as bytes in typed arrays, with an open-addressing index over a
 * typed array: no object per id. A million ids held as strings in an array and maps are
 * two million heap objects or slots, most of what a full garbage collection marks in a
 * process that holds the columns (the reference server's collections took tens of
 * milliseconds each); as bytes they are a few arrays the collector does not look into.
 *
 * An id whose characters all fit in a byte (every numbered id) is kept as those bytes;
 * any other id is kept as a string beside them. Ids compare as `<` compares strings.
 */
import { capacityFor, grow } from './string-dictionary.js';

/** The index's slots are at most this full (a power of two over the count). */
const LOAD_SHIFT = 1;

export class JobIds {
  /** Every narrow id's bytes, row after row. */
  private chars = new Uint8Array(1024);
  /** Per row, where its bytes end in `chars` (they start where the row before ends). */
  private ends = new Uint32Array(64);
  private count = 0;
  /** Ids with a character past U+00FF, by row (no bytes). */
  private readonly wide = new Map<number, string>();
  /** Open addressing with linear probing: row + 1 per slot, 0 for an empty one. */
  private slots = new Int32Array(128);

  get size(): number {
    return this.count;
  }

  /** The id of `row`. */
  at(row: number): string {
    const start = row === 0 ? 0 : this.ends[row - 1]!;
    const end = this.ends[row]!;
    if (start === end) return this.wide.get(row) ?? '';
    return String.fromCharCode.apply(null, this.chars.subarray(start, end) as unknown as number[]);
  }

  /** The row of `id`, or -1. */
  rowOf(id: string): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(id) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0) return -1;
      if (this.equals(held - 1, id)) return held - 1;
    }
  }

  /** Adds an id the rows do not hold yet; returns its row. */
  add(id: string): number {
    const row = this.count;
    if (row + 1 >= this.ends.length) this.ends = grow(this.ends, row + 2);
    let start = row === 0 ? 0 : this.ends[row - 1]!;
    if (isNarrow(id)) {
      if (start + id.length > this.chars.length) this.chars = grow(this.chars, start + id.length);
      for (let i = 0; i < id.length; i++) this.chars[start++] = id.charCodeAt(i);
    } else {
      this.wide.set(row, id);
    }
    this.ends[row] = start;
    this.count++;
    if (this.count << LOAD_SHIFT > this.slots.length) this.rehash(capacityFor(this.count << (LOAD_SHIFT + 1)));
    else this.place(row, hashOf(id));
    return row;
  }

  /** Compares the ids of two rows as `<` compares them. */
  compare(a: number, b: number): number {
    const ends = this.ends;
    const aStart = a === 0 ? 0 : ends[a - 1]!;
    const aEnd = ends[a]!;
    const bStart = b === 0 ? 0 : ends[b - 1]!;
    const bEnd = ends[b]!;
    if (aStart === aEnd || bStart === bEnd) return compareStrings(this.at(a), this.at(b));
    const chars = this.chars;
    const aLength = aEnd - aStart;
    const bLength = bEnd - bStart;
    const length = aLength < bLength ? aLength : bLength;
    for (let i = 0; i < length; i++) {
      const d = chars[aStart + i]! - chars[bStart + i]!;
      if (d !== 0) return d;
    }
    return aLength - bLength;
  }

  /** Compares the id of `row` with `id` as `<` compares them. */
  compareTo(row: number, id: string): number {
    const start = row === 0 ? 0 : this.ends[row - 1]!;
    const end = this.ends[row]!;
    if (start === end) return compareStrings(this.at(row), id);
    const chars = this.chars;
    const length = Math.min(end - start, id.length);
    for (let i = 0; i < length; i++) {
      const d = chars[start + i]! - id.charCodeAt(i);
      if (d !== 0) return d;
    }
    return end - start - id.length;
  }

  /** Every row in the order of its id: by rows when they already are (ids numbered as they came), else sorted. */
  rowsInOrder(): Uint32Array {
    const n = this.count;
    const rows = new Uint32Array(n);
    let ordered = true;
    for (let row = 0; row < n; row++) {
      rows[row] = row;
      if (ordered && row > 0 && this.compare(row - 1, row) > 0) ordered = false;
    }
    if (ordered) return rows;
    // A plain array's sort (TimSort) takes the runs the rows already have.
    const sorted = Array.from(rows).sort((a, b) => this.compare(a, b));
    rows.set(sorted);
    return rows;
  }

  private equals(row: number, id: string): boolean {
    const start = row === 0 ? 0 : this.ends[row - 1]!;
    const end = this.ends[row]!;
    if (start === end) return this.wide.get(row) === id;
    if (end - start !== id.length) return false;
    const chars = this.chars;
    for (let i = 0; i < id.length; i++) if (chars[start + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  private place(row: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = row + 1;
  }

  /** A bigger index, every row placed again (hashed from its bytes). */
  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity);
    const { chars, ends } = this;
    for (let row = 0, start = 0; row < this.count; row++) {
      const end = ends[row]!;
      let hash = FNV_OFFSET;
      if (start === end) hash = hashOf(this.wide.get(row)!);
      else {
        for (let i = start; i < end; i++) hash = Math.imul(hash ^ chars[i]!, FNV_PRIME);
        hash = mix(hash);
      }
      this.place(row, hash);
      start = end;
    }
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the id's UTF-16 code units (a narrow id's bytes give the same), mixed. */
function hashOf(id: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), FNV_PRIME);
  return mix(hash);
}

/** Spreads the bits (ids that differ only in their last characters land apart). */
function mix(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return (hash ^ (hash >>> 13)) >>> 0;
}

function isNarrow(id: string): boolean {
  if (id.length === 0) return false;
  for (let i = 0; i < id.length; i++) if (id.charCodeAt(i) > 0xff) return false;
  return true;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
