/**
 * Dictionary encoding of one text column (names, descriptions, nodes, stages): each
 * distinct string gets a small integer id, and a job stores the id. A search tests the
 * needle against the distinct strings only, never against every job.
 */
export class StringDictionary {
  private readonly idOf = new Map<string, number>();
  /** Distinct strings by id. */
  readonly values: string[] = [];
  private readonly lower: string[] = [];

  private needle = '';
  /** Per id, 1 when the string contains `needle`. */
  private hitMask = new Uint8Array(64);
  /** Ids whose string contains `needle`: the only candidates when the needle is extended. */
  private hitIds = new Uint32Array(64);
  private hitCount = 0;

  get size(): number {
    return this.values.length;
  }

  /** The id of a string, which is added when new (and tested against the current needle). */
  encode(value: string): number {
    let id = this.idOf.get(value);
    if (id !== undefined) return id;
    id = this.values.length;
    this.idOf.set(value, id);
    this.values.push(value);
    const lower = value.toLowerCase();
    this.lower.push(lower);
    if (this.needle) {
      if (id >= this.hitMask.length) this.hitMask = grow(this.hitMask, id + 1);
      if (lower.includes(this.needle)) {
        this.hitMask[id] = 1;
        this.pushHit(id);
      }
    }
    return id;
  }

  /** The id of a string already in the dictionary, or -1. */
  find(value: string): number {
    return this.idOf.get(value) ?? -1;
  }

  /** Whether the string `id` contains `needle` (lower-cased), as `search` would mark it. */
  contains(id: number, needle: string): boolean {
    return this.lower[id]!.includes(needle);
  }

  /**
   * Marks the strings that contain `needle` (lower-cased, non-empty) and returns the
   * mask by id. A needle containing the previous one refines the previous hits: only
   * strings that matched before can match now.
   */
  search(needle: string): Uint8Array {
    if (needle === this.needle) return this.hitMask;
    let refine = this.needle !== '' && needle.includes(this.needle);
    this.needle = needle;
    if (this.hitMask.length < this.values.length) {
      this.hitMask = new Uint8Array(capacityFor(this.values.length));
      refine = false;
    }
    const mask = this.hitMask;
    const lower = this.lower;
    if (refine) {
      const ids = this.hitIds;
      let kept = 0;
      for (let i = 0; i < this.hitCount; i++) {
        const id = ids[i]!;
        if (lower[id]!.includes(needle)) ids[kept++] = id;
        else mask[id] = 0;
      }
      this.hitCount = kept;
      return mask;
    }
    mask.fill(0);
    this.hitCount = 0;
    for (let id = 0; id < lower.length; id++) {
      if (lower[id]!.includes(needle)) {
        mask[id] = 1;
        this.pushHit(id);
      }
    }
    return mask;
  }

  /** Stops tracking a needle (no search in the query). */
  clearSearch(): void {
    this.needle = '';
    this.hitCount = 0;
  }

  /**
   * Rank of each id in string order (`<`, as `jobComparator` compares), for sorting
   * rows by this column with integer comparisons.
   */
  ranks(): Uint32Array {
    const order = Array.from({ length: this.values.length }, (_, i) => i);
    const values = this.values;
    order.sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0));
    const rank = new Uint32Array(order.length);
    for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
    return rank;
  }

  private pushHit(id: number): void {
    if (this.hitCount === this.hitIds.length) this.hitIds = grow(this.hitIds, this.hitCount + 1);
    this.hitIds[this.hitCount++] = id;
  }
}

export function capacityFor(size: number): number {
  let capacity = 64;
  while (capacity < size) capacity *= 2;
  return capacity;
}

/** A copy of `array` with room for at least `size` elements. */
export function grow<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array | Int32Array>(array: T, size: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacityFor(size));
  next.set(array);
  return next;
}
