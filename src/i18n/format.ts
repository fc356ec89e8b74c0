/**
 * Dates, numbers and time zones through `Intl`, in the page's language and an optional
 * IANA time zone (undefined: the browser's own). Intl formatters are costly to build, so
 * each one is built once per locale, zone and purpose and kept (`intl-cache.ts`). Sizes,
 * durations and relative times, which only the job detail shows, are in
 * `format-quantities.ts`.
 */
import type { Locale } from './locale.js';
import { INTL_TAGS, cached } from './intl-cache.js';

const DATE_TIME: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};

/** Plural rules of a language, for `defineMessages`. */
export function pluralRules(locale: Locale): Intl.PluralRules {
  return cached(`plural|${locale}`, () => new Intl.PluralRules(INTL_TAGS[locale]));
}

/**
 * A date and time as the user guide shows it: `23 Oct 2025, 10:23:08` in English,
 * `23 oct. 2025, 10:23:08` in French. Takes an ISO 8601 string or epoch milliseconds; a
 * value that is not a date is returned as it came. Throws a RangeError for an unknown
 * time zone (check user input with `isValidTimeZone`).
 */
export function formatDateTime(value: string | number, locale: Locale, timeZone?: string): string {
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time)) return String(value);
  if (locale === 'fr') {
    return cached(`datetime|fr|${timeZone ?? ''}`, () => new Intl.DateTimeFormat(INTL_TAGS.fr, { ...DATE_TIME, timeZone })).format(time);
  }
  // CLDR's British English abbreviates September as "Sept"; the guide's format uses
  // three-letter months, which en-US has, so the guide's order is assembled from its parts.
  const parts = cached(`datetime|en|${timeZone ?? ''}`, () => new Intl.DateTimeFormat('en-US', { ...DATE_TIME, timeZone })).formatToParts(
    time,
  );
  let day = '',
    month = '',
    year = '',
    hour = '',
    minute = '',
    second = '';
  for (const part of parts) {
    if (part.type === 'day') day = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'year') year = part.value;
    else if (part.type === 'hour') hour = part.value;
    else if (part.type === 'minute') minute = part.value;
    else if (part.type === 'second') second = part.value;
  }
  return `${day} ${month} ${year}, ${hour}:${minute}:${second}`;
}

/** A number with the language's grouping and decimal separators (`1,234.5`, `1 234,5`). */
export function formatNumber(value: number, locale: Locale): string {
  return cached(`number|${locale}`, () => new Intl.NumberFormat(INTL_TAGS[locale])).format(value);
}

/**
 * A ratio (0 to 1) as a whole percentage, rounded down so that a job at 99.9 % does not
 * show 100 % before it is done.
 */
export function formatPercent(ratio: number, locale: Locale): string {
  const floored = Math.floor(ratio * 100 + 1e-9) / 100;
  return cached(`percent|${locale}`, () => new Intl.NumberFormat(INTL_TAGS[locale], { style: 'percent', maximumFractionDigits: 0 })).format(
    floored,
  );
}

/** The browser's own IANA time zone, e.g. `Europe/Paris`. */
export function localTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Whether `Intl` knows this IANA time zone (check an attribute before formatting with it). */
export function isValidTimeZone(timeZone: string): boolean {
  return cached(`valid-zone|${timeZone}`, () => {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * A date formatter for `locale` with these options in `timeZone`, built once: charts ask
 * for one per tick and per bucket at every redraw.
 */
export function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat {
  return cached(
    `custom|${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(INTL_TAGS[locale], { ...options, timeZone }),
  );
}

function zoneName(locale: Locale, timeZone: string, style: 'longGeneric' | 'shortOffset', at: number): string {
  const parts = cached(
    `zone|${style}|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(INTL_TAGS[locale], { timeZone, timeZoneName: style }),
  ).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/**
 * Which zone times are shown in, with its offset at `at` (offsets change with daylight
 * saving): `Central European Time (GMT+2)`, `heure d’Europe centrale (UTC+2)`. Zones
 * without a name of their own (UTC, Etc/GMT+5) show their IANA id: `UTC (GMT+0)`.
 */
export function timeZoneLabel(timeZone: string | undefined, locale: Locale, at: number = Date.now()): string {
  const zone = timeZone ?? localTimeZone();
  const generic = zoneName(locale, zone, 'longGeneric', at);
  const offset = zoneName(locale, zone, 'shortOffset', at);
  // ICU answers an offset ("GMT+00:00") when a zone has no generic name.
  const name = /^(GMT|UTC)/.test(generic) ? zone : generic;
  return `${name} (${offset})`;
}
