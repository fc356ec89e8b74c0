import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { Random, hash32, seed32 } from '../../src/simulator/random.js';
import { isoTime } from '../../src/model/iso-time.js';

describe('isoTime', () => {
  it('writes exactly what Date.prototype.toISOString writes', () => {
    for (const [min, max] of [
      [0, Date.parse('2100-01-01T00:00:00Z')],
      [-8.64e15, 8.64e15],
    ]) {
      fc.assert(
        fc.property(fc.integer({ min, max }), (ms) => {
          expect(isoTime(ms)).to.equal(new Date(ms).toISOString());
        }),
        { numRuns: 1000 },
      );
    }
    // Around days, months, leap years and the edges of four-digit years.
    for (const iso of ['1970-01-01T00:00:00.000Z', '2000-02-29T23:59:59.999Z', '2024-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z']) {
      const ms = Date.parse(iso);
      for (const delta of [-1, 0, 1]) expect(isoTime(ms + delta)).to.equal(new Date(ms + delta).toISOString());
    }
  });
});

describe('Random', () => {
  it('gives the same sequence for the same seed and stream, another for another', () => {
    const draw = (seed: number, stream: number): number[] => {
      const rng = new Random(seed, stream);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(1, 0)).to.deep.equal(draw(1, 0));
    expect(draw(1, 0)).to.not.deep.equal(draw(2, 0));
    expect(draw(1, 0)).to.not.deep.equal(draw(1, 1));
    expect(new Random(0).reseed(1, 0).next()).to.equal(draw(1, 0)[0]);
  });

  it('draws within its bounds, evenly', () => {
    const rng = new Random(seed32(123));
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      const n = rng.int(7);
      if (!(x >= 0 && x < 1) || !(Number.isInteger(n) && n >= 0 && n < 7)) expect.fail(`${x} ${n}`);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const count of buckets) expect(count).to.be.within(1700, 2300);
  });

  it('hashes every input bit into the output', () => {
    expect(hash32(1, 2, 3, 4)).to.equal(hash32(1, 2, 3, 4));
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(hash32(i)).add(hash32(0, i)).add(hash32(0, 0, i)).add(hash32(0, 0, 0, i));
    expect(seen.size).to.equal(3997); // hash32(0) four times over, every other input its own
    expect(seed32(2 ** 40)).to.not.equal(seed32(0));
  });
});
