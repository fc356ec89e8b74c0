import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { isoParse, isoStyle, isoTime } from '../../src/model/iso-time.js';
import { dateArbitrary, formArbitrary, probe } from './iso-dates.js';

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

describe('isoTime and isoStyle', () => {
  it('write back exactly a date in any of the four forms, at any offset, and read it as Date.parse does', () => {
    fc.assert(
      fc.property(dateArbitrary, (date) => {
        const style = isoStyle(date);
        expect(style).to.be.at.least(0);
        expect(isoParse(date, style)).to.equal(Date.parse(date));
        expect(isoTime(Date.parse(date), style)).to.equal(date);
      }),
      { numRuns: 2000 },
    );
    // Every millisecond of years 0 to 9999, in every form.
    fc.assert(
      fc.property(
        fc.integer({ min: -62_167_219_200_000 + 86_400_000, max: 253_402_300_800_000 - 86_400_000 }),
        formArbitrary,
        (ms, form) => {
          const text = isoTime(form.millis ? ms : ms - (((ms % 1000) + 1000) % 1000), isoStyle(probe(form)));
          const style = isoStyle(text);
          expect(isoParse(text, style), text).to.equal(Date.parse(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('do not take other forms for these (the store then keeps such a job whole)', () => {
    for (const date of [
      '2025-10-23t10:23:08Z',
      '2025-10-23 10:23:08Z',
      '2025-10-23T10:23:08z',
      '2025-10-23T10:23:08+0200',
      '2025-10-23T10:23:08.5Z',
      '2025-10-23T10:23:08.123456Z',
    ]) {
      expect(isoStyle(date), date).to.equal(-1);
    }
    // The right shape, but not what the date reads back as (Date.parse rolls these over).
    for (const date of [
      '2025-10-23T10:23:08-00:00',
      '2025-02-30T10:00:00Z',
      '2025-10-23T24:00:00+02:00',
      '2023-02-29T10:00:00.000Z',
      '2025-1x-23T10:00:00Z',
    ]) {
      const style = isoStyle(date);
      expect(style, date).to.be.at.least(0);
      expect(isoParse(date, style), date).to.be.NaN;
      if (!Number.isNaN(Date.parse(date))) expect(isoTime(Date.parse(date), style)).to.not.equal(date);
    }
  });
});
