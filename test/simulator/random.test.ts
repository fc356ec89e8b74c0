import { expect } from '@open-wc/testing';
import { Random, hash32, seed32 } from '../../src/simulator/random.js';

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
    for (let i = 0; i < 1000; i++)
      seen
        .add(hash32(i))
        .add(hash32(0, i))
        .add(hash32(0, 0, i))
        .add(hash32(0, 0, 0, i));
    expect(seen.size).to.equal(3997); // hash32(0) four times over, every other input its own
    expect(seed32(2 ** 40)).to.not.equal(seed32(0));
  });
});
