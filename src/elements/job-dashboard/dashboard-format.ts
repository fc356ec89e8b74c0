/**
 * The dashboard's numbers and dates as text, for one language and time zone. A redraw
 * formats hundreds of table cells, chip counts, bucket titles and axis ticks, mostly the
 * same values as the redraw before: each text is made once and kept (within bounds).
 */
import { dateTimeFormat, formatNumber, timeZoneLabel, type Locale } from '../../i18n/index.js';

/** Kept texts per kind before the oldest are let go (a live dashboard meets ever new counts). */
const KEPT = 4096;

/** Zone offsets change on quarter hours at the finest: a zone label holds that long. */
const ZONE_LABEL_MS = 15 * 60_000;

function remember<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size >= KEPT) map.clear();
    map.set(key, value);
  }
  return value;
}

export class DashboardFormat {
  private readonly numbers = new Map<number, string>();
  private readonly titles = new Map<string, string>();
  private readonly ticks = new Map<string, string>();
  private zoneText: { at: number; text: string } | undefined;
  private readonly day: Intl.DateTimeFormat;
  private readonly dayTime: Intl.DateTimeFormat;
  private readonly month: Intl.DateTimeFormat;
  private readonly dayMonth: Intl.DateTimeFormat;
  private readonly hourMinute: Intl.DateTimeFormat;

  constructor(
    readonly locale: Locale,
    /** A valid IANA zone, or undefined for the browser's. */
    readonly zone: string | undefined,
  ) {
    this.day = dateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }, zone);
    this.dayTime = dateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, zone);
    this.month = dateTimeFormat(locale, { month: 'short', year: 'numeric' }, zone);
    this.dayMonth = dateTimeFormat(locale, { day: 'numeric', month: 'short' }, zone);
    this.hourMinute = dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, zone);
  }

  number(n: number): string {
    return remember(this.numbers, n, () => formatNumber(n, this.locale));
  }

  /** The bucket starting at `ms`, `seconds` wide: a day, a range of days, or a range of hours. */
  bucketTitle(ms: number, seconds: number): string {
    return remember(this.titles, `${ms}|${seconds}`, () => {
      if (seconds === 86_400) return this.day.format(ms);
      if (seconds > 86_400) return this.day.formatRange(ms, ms + seconds * 1000 - 1);
      return this.dayTime.formatRange(ms, ms + seconds * 1000);
    });
  }

  /** A time axis label for `ms`, ticks being `stepSeconds` apart: midnight names the day, other ticks the hour. */
  tick(ms: number, stepSeconds: number): string {
    return remember(this.ticks, `${ms}|${stepSeconds}`, () => {
      if (stepSeconds >= 28 * 86_400) return this.month.format(ms);
      const dayLabel = this.dayMonth.format(ms);
      if (stepSeconds >= 86_400) return dayLabel;
      const time = this.hourMinute.format(ms);
      return time === '00:00' ? dayLabel : time;
    });
  }

  /** The zone times are shown in, with its current offset. */
  zoneLabel(now: number = Date.now()): string {
    const at = Math.floor(now / ZONE_LABEL_MS);
    if (this.zoneText?.at !== at) this.zoneText = { at, text: timeZoneLabel(this.zone, this.locale, now) };
    return this.zoneText.text;
  }
}
