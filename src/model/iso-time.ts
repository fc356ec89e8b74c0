/**
 * ISO 8601 dates written fast, in the forms a server sends them: `…T10:23:08Z`, with or
 * without milliseconds, in UTC (`Z`) or at an offset (`+02:00`). The simulator writes a
 * history of a million jobs with it (three million dates), and the store writes back the
 * dates it keeps as numbers. The calendar date is kept from one call to the next, since
 * successive times mostly fall on the same day.
 */
const DAY = 86_400_000;
const MINUTE = 60_000;
/** 0000-01-01 and 10000-01-01: outside, toISOString writes six-digit years. */
const YEAR_0 = -62_167_219_200_000;
const YEAR_10000 = 253_402_300_800_000;
/** The widest offset a date may carry, in minutes (±23:59). */
const MAX_OFFSET = 24 * 60 - 1;

let cachedDay = Number.NaN;
let year = 0;
let month = 0;
let day = 0;

/** Year, month and day of a count of days since 1970-01-01 (Howard Hinnant's civil_from_days). */
function setCivilDate(days: number): void {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  cachedDay = days;
}

const ZERO = 48;
const PLUS = 43;
const MINUS = 45;
const COLON = 58;
const DOT = 46;
const Z = 90;
const T = 84;

/**
 * How a date is written, as one small integer: the offset in minutes, whether it has
 * milliseconds, and whether UTC is written `Z` (or `+00:00`).
 */
export type IsoStyle = number;

function style(offsetMinutes: number, millis: boolean, zulu: boolean): IsoStyle {
  return ((offsetMinutes + MAX_OFFSET) * 2 + (millis ? 1 : 0)) * 2 + (zulu ? 1 : 0);
}

/** `toISOString`'s form: UTC, milliseconds, `Z`. */
export const UTC_MILLIS: IsoStyle = style(0, true, true);

const digit = (text: string, at: number): number => {
  const d = text.charCodeAt(at) - ZERO;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};

/**
 * The style of `text` when it has one of the four forms `isoTime` writes (four-digit year,
 * `T`, seconds, three-digit milliseconds or none, `Z` or `±hh:mm`), else -1. Whether
 * `isoTime` gives back exactly `text` is for the caller to check (the fields may be out
 * of range).
 */
export function isoStyle(text: string): IsoStyle {
  const length = text.length;
  if (length < 20 || text.charCodeAt(10) !== T) return -1;
  const millis = text.charCodeAt(19) === DOT;
  const zoneAt = millis ? 23 : 19;
  const zone = text.charCodeAt(zoneAt);
  if (zone === Z) return length === zoneAt + 1 ? style(0, millis, true) : -1;
  if ((zone !== PLUS && zone !== MINUS) || length !== zoneAt + 6 || text.charCodeAt(zoneAt + 3) !== COLON) return -1;
  const hours = digit(text, zoneAt + 1) * 10 + digit(text, zoneAt + 2);
  const minutes = digit(text, zoneAt + 4) * 10 + digit(text, zoneAt + 5);
  if (!(hours <= 23 && minutes <= 59)) return -1;
  const offset = hours * 60 + minutes;
  return style(zone === MINUS ? -offset : offset, millis, false);
}

/**
 * `ms` written in `iso`'s style: with the default, exactly what `new Date(ms).toISOString()`
 * writes, about twice as fast. Dates outside years 0 to 9999 (where `toISOString` writes
 * six-digit years) are always written as `toISOString` writes them.
 */
export function isoTime(ms: number, iso: IsoStyle = UTC_MILLIS): string {
  const chars = isoChars(ms, iso);
  return chars ? String.fromCharCode.apply(null, chars) : new Date(ms).toISOString();
}

/**
 * The time `text` stands for when it is written exactly as `isoTime` writes it in `iso`'s
 * style (so `isoTime` gives it back), else NaN: another form, or a field out of range that
 * `Date.parse` would roll over (February 30, 24:00). Faster than `Date.parse`.
 */
export function isoParse(text: string, iso: IsoStyle): number {
  const zulu = (iso & 1) === 1;
  const millisShown = (iso & 2) === 2;
  const offset = (iso >> 2) - MAX_OFFSET;
  const zoneAt = millisShown ? 23 : 19;
  if (text.length !== zoneAt + (zulu ? 1 : 6)) return Number.NaN;
  if (
    text.charCodeAt(4) !== MINUS ||
    text.charCodeAt(7) !== MINUS ||
    text.charCodeAt(10) !== T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return Number.NaN;
  }
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const s = digits(text, 17, 2);
  let ms = 0;
  if (millisShown) {
    if (text.charCodeAt(19) !== DOT) return Number.NaN;
    ms = digits(text, 20, 3);
  }
  if (zulu) {
    if (text.charCodeAt(zoneAt) !== Z) return Number.NaN;
  } else {
    const size = digits(text, zoneAt + 1, 2) * 60 + digits(text, zoneAt + 4, 2);
    if (text.charCodeAt(zoneAt) !== (offset < 0 ? MINUS : PLUS) || text.charCodeAt(zoneAt + 3) !== COLON || size !== Math.abs(offset)) {
      return Number.NaN;
    }
  }
  // A non-digit made its field NaN, and every comparison with NaN is false.
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 23 && mi <= 59 && s <= 59 && ms >= 0)) return Number.NaN;
  return daysFromCivil(y, mo, d) * DAY + h * 3_600_000 + mi * MINUTE + s * 1000 + ms - offset * MINUTE;
}

/** The number the `count` digits at `at` write; NaN if one is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (!(d >= 0 && d <= 9)) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The characters of `ms` written in `iso`'s style, in an array reused from call to call;
 * undefined outside years 0 to 9999 or for a fraction of a millisecond.
 */
function isoChars(ms: number, iso: IsoStyle): number[] | undefined {
  const zulu = (iso & 1) === 1;
  const millisShown = (iso & 2) === 2;
  const offset = (iso >> 2) - MAX_OFFSET;
  const local = ms + offset * MINUTE;
  if (!(Number.isInteger(local) && local >= YEAR_0 && local < YEAR_10000)) return undefined;
  const days = Math.floor(local / DAY);
  if (days !== cachedDay) setCivilDate(days);
  let rest = local - days * DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  // One flat string in one go (concatenation would build a rope per date).
  const length = (millisShown ? 23 : 19) + (zulu ? 1 : 6);
  const c = (charsOf[length] ??= new Array<number>(length).fill(0));
  writeDigits(c, 0, year, 4);
  c[4] = MINUS;
  writeDigits(c, 5, month, 2);
  c[7] = MINUS;
  writeDigits(c, 8, day, 2);
  c[10] = T;
  writeDigits(c, 11, hours, 2);
  c[13] = COLON;
  writeDigits(c, 14, minutes, 2);
  c[16] = COLON;
  writeDigits(c, 17, seconds, 2);
  let at = 19;
  if (millisShown) {
    c[19] = DOT;
    writeDigits(c, 20, millis, 3);
    at = 23;
  }
  if (zulu) {
    c[at] = Z;
  } else {
    const size = Math.abs(offset);
    c[at] = offset < 0 ? MINUS : PLUS;
    writeDigits(c, at + 1, Math.floor(size / 60), 2);
    c[at + 3] = COLON;
    writeDigits(c, at + 4, size % 60, 2);
  }
  return c;
}

/** The characters of the date being written, by length (one array per form). */
const charsOf: number[][] = [];

/** Writes `value` as `count` digits from `at`, zeros first. */
function writeDigits(chars: number[], at: number, value: number, count: number): void {
  for (let i = at + count - 1; i >= at; i--) {
    chars[i] = ZERO + (value % 10);
    value = Math.floor(value / 10);
  }
}
