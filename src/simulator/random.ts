/**
 * Seeded randomness that gives the same numbers in every JavaScript engine: a small
 * sequential generator for drawing many values, and a stateless hash for values that
 * must be found again without replaying a sequence (the n-th file of a job).
 */

/** Murmur3's 32-bit finalizer: spreads every input bit over the output. */
function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Murmur3's block step. */
function mix(h: number, value: number): number {
  let k = Math.imul(value, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** A well-mixed unsigned 32-bit hash of up to four 32-bit integers. */
export function hash32(a: number, b = 0, c = 0, d = 0): number {
  return finalize(mix(mix(mix(mix(0x2545f491, a), b), c), d));
}

/** A hash as a number in [0, 1). */
export function unitHash(a: number, b = 0, c = 0, d = 0): number {
  return hash32(a, b, c, d) / 4294967296;
}

/** A safe integer seed folded to 32 bits (both halves count). */
export function seed32(seed: number): number {
  return hash32(seed >>> 0, Math.floor(seed / 4294967296) >>> 0);
}

/** Mulberry32: one word of state, so reseeding it for each of a million jobs is free. */
export class Random {
  private state = 0;

  constructor(seed: number, stream = 0) {
    this.reseed(seed, stream);
  }

  /** Starts the sequence of (seed, stream) over. */
  reseed(seed: number, stream = 0): this {
    this.state = hash32(seed, stream, 0x6a09e667);
    return this;
  }

  /** A number in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A number in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** A number between min and max, evenly spread over their orders of magnitude. */
  logBetween(min: number, max: number): number {
    return min * Math.pow(max / min, this.next());
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** The index of a weight, drawn in proportion to the weights (their sum given). */
  weighted(weights: readonly number[], sum: number): number {
    let x = this.next() * sum;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] as number;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Waiting time of a Poisson process of the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}
