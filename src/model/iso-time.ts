/**
 * ISO 8601 dates written fast, in the forms a server sends them: `…T10:23:08Z`, with or
 * without milliseconds, in UTC (`Z`) or at an offset (`+02:00`). The simulator writes a
 * history of a million jobs with it (three million dates), and the store writes back the
 * dates it keeps as numbers. The calendar date is kept from one call to the next, since
 * successive times mostly fall on the same day.
 */
const DAY = 86_400_000;
const MINUTE = 60_000;
/** 10000-01-01: from there on toISOString writes six-digit years. */
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
 * writes, about twice as fast. Dates before 1970 or from year 10000 on are always
 * written as `toISOString` writes them.
 */
export function isoTime(ms: number, iso: IsoStyle = UTC_MILLIS): string {
  const zulu = (iso & 1) === 1;
  const millisShown = (iso & 2) === 2;
  const offset = (iso >> 2) - MAX_OFFSET;
  const local = ms + offset * MINUTE;
  // Outside years 1970 to 9999, or not a whole millisecond: toISOString's form, whatever the style.
  if (!(Number.isInteger(local) && local >= 0 && local < YEAR_10000)) return new Date(ms).toISOString();
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
  const c = (charsOf[(millisShown ? 23 : 19) + (zulu ? 1 : 6)] ??= []);
  c[0] = ZERO + Math.floor(year / 1000);
  c[1] = ZERO + (Math.floor(year / 100) % 10);
  c[2] = ZERO + (Math.floor(year / 10) % 10);
  c[3] = ZERO + (year % 10);
  c[4] = MINUS;
  c[5] = ZERO + Math.floor(month / 10);
  c[6] = ZERO + (month % 10);
  c[7] = MINUS;
  c[8] = ZERO + Math.floor(day / 10);
  c[9] = ZERO + (day % 10);
  c[10] = T;
  c[11] = ZERO + Math.floor(hours / 10);
  c[12] = ZERO + (hours % 10);
  c[13] = COLON;
  c[14] = ZERO + Math.floor(minutes / 10);
  c[15] = ZERO + (minutes % 10);
  c[16] = COLON;
  c[17] = ZERO + Math.floor(seconds / 10);
  c[18] = ZERO + (seconds % 10);
  let n = 19;
  if (millisShown) {
    c[19] = DOT;
    c[20] = ZERO + Math.floor(millis / 100);
    c[21] = ZERO + (Math.floor(millis / 10) % 10);
    c[22] = ZERO + (millis % 10);
    n = 23;
  }
  if (zulu) {
    c[n++] = Z;
  } else {
    const size = Math.abs(offset);
    c[n] = offset < 0 ? MINUS : PLUS;
    c[n + 1] = ZERO + Math.floor(size / 600);
    c[n + 2] = ZERO + (Math.floor(size / 60) % 10);
    c[n + 3] = COLON;
    c[n + 4] = ZERO + Math.floor((size % 60) / 10);
    c[n + 5] = ZERO + ((size % 60) % 10);
    n += 6;
  }
  return String.fromCharCode.apply(null, c);
}

/** The characters of the date being written, by length (one array per form). */
const charsOf: number[][] = [];
