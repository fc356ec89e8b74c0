/**
 * When the jobs of the initial history were created: spread over a period, busier in
 * working hours and on weekdays, oldest first.
 */
import type { Random } from './random.js';

const HOUR = 3_600_000;
/** Weight of each hour of the day, local time (nightly batches at 21–22 h). */
const HOUR_WEIGHTS = [0.35, 0.3, 0.3, 0.3, 0.3, 0.35, 0.5, 1, 2.2, 2.6, 2.6, 2.6, 1.8, 2.6, 2.6, 2.6, 2.6, 2, 1.2, 0.8, 0.7, 0.9, 1.1, 0.6];
const WEEKEND_WEIGHT = 0.35;
/** The site's offset from UTC, hours (central Europe in winter). */
const SITE_OFFSET = 1;

function weightAt(t: number): number {
  const local = new Date(t + SITE_OFFSET * HOUR);
  const day = local.getUTCDay();
  return HOUR_WEIGHTS[local.getUTCHours()]! * (day === 0 || day === 6 ? WEEKEND_WEIGHT : 1);
}

/** `count` creation times in [from, to), whole milliseconds, in increasing order. */
export function historyTimes(rng: Random, count: number, from: number, to: number): Float64Array {
  const times = new Float64Array(count);
  if (count === 0) return times;

  // Hourly buckets aligned on the hour, each weighted by its hour and its length.
  const starts: number[] = [];
  const cumulative: number[] = [0];
  for (let start = from; start < to;) {
    const end = Math.min(to, (Math.floor(start / HOUR) + 1) * HOUR);
    starts.push(start);
    cumulative.push(cumulative[cumulative.length - 1]! + weightAt(start) * (end - start));
    start = end;
  }
  starts.push(to);
  const weight = cumulative[cumulative.length - 1]!;

  // Sorted uniform points from the partial sums of exponential gaps: no sort needed.
  let sum = 0;
  for (let i = 0; i < count; i++) times[i] = sum += rng.exponential(1);
  const scale = weight / (sum + rng.exponential(1));

  let bucket = 0;
  for (let i = 0; i < count; i++) {
    const target = times[i]! * scale;
    while (bucket < starts.length - 2 && cumulative[bucket + 1]! <= target) bucket++;
    const start = starts[bucket]!;
    const length = starts[bucket + 1]! - start;
    const within = cumulative[bucket + 1]! - cumulative[bucket]!;
    times[i] = Math.min(Math.floor(start + ((target - cumulative[bucket]!) / within) * length), Math.ceil(to) - 1);
  }
  return times;
}
