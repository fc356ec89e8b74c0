/**
 * Calendar days (`YYYY-MM-DD`, what `<input type="date">` holds) and the instants they
 * start at in a time zone (undefined: the browser's), so that a custom range means the
 * same days on the axes, the lists and the details.
 */
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(ms: number, timeZone: string | undefined): [y: number, m: number, d: number, h: number, min: number, s: number] {
  if (!timeZone) {
    const date = new Date(ms);
    return [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
  }
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(ms)) fields[part.type] = Number(part.value);
  return [fields['year']!, fields['month']!, fields['day']!, fields['hour']! % 24, fields['minute']!, fields['second']!];
}

/** Whether a text is a real calendar day (`2025-02-30` is not). */
export function isDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The calendar day an instant falls on in a zone. */
export function dayOf(ms: number, timeZone?: string): string {
  const [y, m, d] = wallClock(ms, timeZone);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The day after a day. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The instant a day starts in a zone (the zone's midnight, or its first instant when midnight is skipped). */
export function dayStart(day: string, timeZone?: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (!timeZone) return new Date(y, m - 1, d).getTime();
  const asUtc = Date.UTC(y, m - 1, d);
  // The zone's offset at a guess, then again at the corrected instant (it differs across a DST change).
  let start = asUtc - offsetAt(asUtc, timeZone);
  start = asUtc - offsetAt(start, timeZone);
  return start;
}

function offsetAt(ms: number, timeZone: string): number {
  const [y, m, d, h, min, s] = wallClock(ms, timeZone);
  return Date.UTC(y, m - 1, d, h, min, s) - Math.floor(ms / 1000) * 1000;
}
