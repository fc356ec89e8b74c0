/** Dates as servers write them, in the four forms the store keeps as numbers. */
import fc from 'fast-check';

export interface DateForm {
  offset: number;
  millis: boolean;
  zulu: boolean;
}

export const formArbitrary: fc.Arbitrary<DateForm> = fc.record({
  offset: fc.oneof(fc.constant(0), fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 })),
  millis: fc.boolean(),
  zulu: fc.boolean(),
});

/** A date as servers write it in `form`: UTC with `Z` or an offset, with or without milliseconds. */
export const dateIn = (form: DateForm) =>
  fc.integer({ min: Date.parse('1971-01-01T00:00:00Z'), max: Date.parse('9998-12-31T00:00:00Z') }).map((ms) => {
    const { offset, millis, zulu } = form;
    const utc = new Date(millis ? ms : ms - (ms % 1000)).toISOString();
    if (zulu && offset === 0) return millis ? utc : utc.replace(/\.\d+Z$/, 'Z');
    const local = new Date(Date.parse(utc) + offset * 60_000).toISOString().slice(0, millis ? 23 : 19);
    return local + zone(offset);
  });

export const dateArbitrary = formArbitrary.chain(dateIn);

/** `±hh:mm` for an offset in minutes. */
function zone(offset: number): string {
  const size = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`;
}

/** A date in `form`, whose style `isoStyle` then reads. */
export function probe({ offset, millis, zulu }: DateForm): string {
  return (millis ? '2025-10-23T10:23:08.000' : '2025-10-23T10:23:08') + (zulu && offset === 0 ? 'Z' : zone(offset));
}
