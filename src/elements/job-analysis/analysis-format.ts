/**
 * The analysis view's figures as text, for one language and time zone: durations,
 * sizes, rates, shares, the histogram's buckets, and (from the dashboard's formatter)
 * numbers, periods and axis ticks.
 */
import { formatBytes, formatDateTime, formatDuration, formatPercent, type Locale } from '../../i18n/index.js';
import { DashboardFormat } from '../job-dashboard/dashboard-format.js';
import { t } from './messages.js';

const UNITS = [
  ['unit.d', 86_400_000],
  ['unit.h', 3_600_000],
  ['unit.min', 60_000],
  ['unit.s', 1000],
] as const;

export class AnalysisFormat extends DashboardFormat {
  constructor(locale: Locale, zone: string | undefined) {
    super(locale, zone);
  }

  /** A duration in its two largest units (`3 min 07 s`); `–` for none. */
  duration(ms: number | null): string {
    return ms === null ? t(this.locale, 'none') : formatDuration(ms, this.locale);
  }

  /** A round duration in its largest unit, as the histogram's bounds are: `5 min`, `12 h`. */
  bound(ms: number): string {
    for (const [unit, size] of UNITS) {
      if (ms >= size && ms % size === 0) return t(this.locale, unit, { n: ms / size });
    }
    return t(this.locale, 'unit.s', { n: ms / 1000 });
  }

  /** The bound that starts a histogram bucket (its index in `bounds`, the buckets' lower bounds); empty past the last. */
  bucketBound(bounds: readonly number[], index: number): string {
    const ms = bounds[index];
    return ms === undefined ? '' : this.bound(ms);
  }

  /** A histogram bucket (its index in `bounds`) as a range: `5 min to 10 min`, `under 1 s`, `30 d and more`. */
  bucketRange(bounds: readonly number[], index: number): string {
    const from = bounds[index] ?? 0;
    const to = bounds[index + 1];
    if (to === undefined) return t(this.locale, 'bucketOver', { from: this.bound(from) });
    if (from === 0) return t(this.locale, 'bucketUnder', { to: this.bound(to) });
    return t(this.locale, 'bucketRange', { from: this.bound(from), to: this.bound(to) });
  }

  bytes(n: number): string {
    return formatBytes(n, this.locale);
  }

  /** Bytes per second (`1.23 GB/s`); `–` for none. */
  rate(bytesPerSecond: number | null): string {
    return bytesPerSecond === null
      ? t(this.locale, 'none')
      : t(this.locale, 'perSecond', { size: formatBytes(bytesPerSecond, this.locale) });
  }

  /** A share of a whole as a percentage (rounded down); `–` when there is no whole. */
  share(part: number, whole: number): string {
    return whole === 0 ? t(this.locale, 'none') : formatPercent(part / whole, this.locale);
  }

  date(iso: string | null): string {
    return iso === null ? t(this.locale, 'none') : formatDateTime(iso, this.locale, this.zone);
  }
}
