import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { JobIds } from '../../src/store/job-ids.js';

/** Ids of any well-formed text: bytes only (numbered, accented), wider characters, emoji, alike but for their ends. */
const id = fc.oneof(
  fc.nat({ max: 5000 }).map((n) => `j${String(n).padStart(6, '0')}`),
  fc.string({ maxLength: 6, unit: fc.constantFrom('a', 'b', 'é', 'ÿ', '0', '~') }),
  fc.string({ maxLength: 6, unit: 'grapheme' }),
  fc.string({ maxLength: 4, unit: fc.constantFrom('a', 'Ā', '日', '\u{1F600}', '\uE000') }),
);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('JobIds', () => {
  it('finds, gives back and orders every id as the strings themselves, through the growth of its index', () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 400, size: 'max' }), fc.array(id, { maxLength: 20 }), (held, others) => {
        const ids = new JobIds();
        held.forEach((value, row) => {
          expect(ids.add(value)).to.equal(row);
          // Every id added so far is still found after each growth of the index.
          if ((row & (row - 1)) === 0) held.slice(0, row + 1).forEach((earlier, r) => expect(ids.rowOf(earlier)).to.equal(r));
        });
        expect(ids.size).to.equal(held.length);
        held.forEach((value, row) => {
          expect(ids.rowOf(value), JSON.stringify(value)).to.equal(row);
          expect(ids.at(row)).to.equal(value);
        });
        for (const other of others) expect(ids.rowOf(other)).to.equal(held.indexOf(other));
        for (let a = 0; a < held.length; a++) {
          const b = (a * 7 + 3) % held.length;
          expect(Math.sign(ids.compare(a, b))).to.equal(compare(held[a]!, held[b]!));
          for (const other of others) expect(Math.sign(ids.compareTo(a, other))).to.equal(compare(held[a]!, other));
        }
        const inOrder = [...ids.rowsInOrder()].map((row) => held[row]);
        expect(inOrder).to.deep.equal([...held].sort());
      }),
      { numRuns: 200 },
    );
  });

  it('keeps rows already in the order of their ids as they are, and finds each of many numbered ids', () => {
    const ids = new JobIds();
    const count = 70_000;
    for (let i = 0; i < count; i++) ids.add(`j${String(i).padStart(6, '0')}`);
    const order = ids.rowsInOrder();
    expect(order.length).to.equal(count);
    expect(order.every((row, i) => row === i)).to.equal(true);
    for (let i = 0; i < count; i += 997) expect(ids.rowOf(`j${String(i).padStart(6, '0')}`)).to.equal(i);
    expect(ids.rowOf('j070000')).to.equal(-1);
  });
});
