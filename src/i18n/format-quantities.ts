/**
 * Sizes, durations and how long ago, through `Intl` in the page's language: what the job
 * detail shows (its progress and files), in a module of their own so that the code every
 * view shares does not carry them.
 */
import type { Locale } from './locale.js';
import { formatNumber } from './format.js';
import { INTL_TAGS, cached } from './intl-cache.js';

/** Decimal (SI) byte units, as storage vendors and disk labels count: 1 kB = 1000 B. */
const BYTE_UNITS: Readonly<Record<Locale, readonly string[]>> = {
  en: ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'],
  fr: ['o', 'ko', 'Mo', 'Go', 'To', 'Po', 'Eo'],
};

/**
 * A size in decimal units (1 kB = 1000 B) with three significant digits and the
 * language's decimal separator: `512 B`, `1.54 kB`, `123 MB`; in French `1,54 ko`.
 */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = BYTE_UNITS[locale];
  let exponent = bytes >= 1000 ? Math.min(Math.floor(Math.log10(bytes) / 3), units.length - 1) : 0;
  // 999,999 B rounds to "1000 kB" at three digits: show "1 MB" instead.
  if (exponent < units.length - 1 && Number((bytes / 1000 ** exponent).toPrecision(3)) >= 1000) exponent += 1;
  const scaled = bytes / 1000 ** exponent;
  const number =
    exponent === 0
      ? formatNumber(Math.round(bytes), locale)
      : cached(`bytes|${locale}`, () => new Intl.NumberFormat(INTL_TAGS[locale], { maximumSignificantDigits: 3 })).format(scaled);
  return `${number} ${units[exponent]}`;
}

const DURATION_UNITS: Readonly<Record<Locale, { day: string; hour: string; minute: string; second: string }>> = {
  en: { day: 'd', hour: 'h', minute: 'min', second: 's' },
  fr: { day: 'j', hour: 'h', minute: 'min', second: 's' },
};

/**
 * A duration in its two largest units, the second on two digits: `42 s`,
 * `3 min 07 s`, `1 h 05 min`, `2 d 04 h` (`2 j 04 h` in French). Rounded down to the
 * second; a negative duration (clock skew) shows as `0 s`.
 */
export function formatDuration(ms: number, locale: Locale): string {
  const units = DURATION_UNITS[locale];
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (seconds < 60) return `${seconds} ${units.second}`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} ${units.minute} ${pad(seconds % 60)} ${units.second}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${units.hour} ${pad(minutes % 60)} ${units.minute}`;
  return `${formatNumber(Math.floor(hours / 24), locale)} ${units.day} ${pad(hours % 24)} ${units.hour}`;
}

const RELATIVE_STEPS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/**
 * How long ago (or in how long) an instant is from `now`, in its largest sensible unit:
 * `3 minutes ago`, `yesterday`, `il y a 3 minutes`. A value that is not a date is
 * returned as it came.
 */
export function formatRelativeTime(value: string | number, locale: Locale, now: number = Date.now()): string {
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time)) return String(value);
  const formatter = cached(`relative|${locale}`, () => new Intl.RelativeTimeFormat(INTL_TAGS[locale], { numeric: 'auto' }));
  let amount = (time - now) / 1000;
  for (const [unit, perNext] of RELATIVE_STEPS) {
    if (Math.abs(amount) < perNext) return formatter.format(Math.trunc(amount), unit);
    amount /= perNext;
  }
  return formatter.format(Math.trunc(amount), 'year');
}
