/** The columns of the job list: which exist, their default order, and their widths. */
import { SORT_KEYS, type SortKey, type SortOrder } from '../../model/index.js';

/** A column of the list; every column is also a sort key. */
export type ColumnKey = SortKey;

/** The order of the user guide's 'Jobs List' section. */
export const DEFAULT_COLUMNS: readonly ColumnKey[] = SORT_KEYS;

const KNOWN: ReadonlySet<string> = new Set(SORT_KEYS);

/**
 * The columns a `columns` attribute names, in its order (comma- or space-separated keys;
 * unknown and repeated keys are ignored). Empty or absent: every column.
 */
export function parseColumns(value: string | null | undefined): ColumnKey[] {
  const keys: ColumnKey[] = [];
  for (const part of (value ?? '').split(/[\s,]+/)) {
    if (KNOWN.has(part) && !keys.includes(part as ColumnKey)) keys.push(part as ColumnKey);
  }
  return keys.length ? keys : [...DEFAULT_COLUMNS];
}

/**
 * The columns as a narrow list shows them: the state right after the first column (which
 * stays in view), so that a phone shows each job's name and state without scrolling sideways.
 */
export function narrowOrder(columns: readonly ColumnKey[]): ColumnKey[] {
  const at = columns.indexOf('state');
  if (at <= 1) return [...columns];
  return [columns[0]!, 'state', ...columns.slice(1).filter((key) => key !== 'state')];
}

/**
 * Smallest width (em of the list's own font size, as its text is sized) and share of the
 * spare width of each column; a column without a share keeps its width (dates and states
 * fit theirs exactly, in English and French, whatever the page's root font size).
 */
const TRACKS: Readonly<Record<ColumnKey, { min: number; share?: number }>> = {
  name: { min: 13.2, share: 1.6 },
  type: { min: 8 },
  description: { min: 12.6, share: 3 },
  createdAt: { min: 14.6 },
  updatedAt: { min: 14.6 },
  node: { min: 6.9, share: 0.3 },
  state: { min: 10.3 },
  stage: { min: 12.6, share: 0.6 },
};

/** On a narrow screen the name column (which stays in view) leaves room for the next one. */
const NARROW_NAME_MIN = 11.4;

function minOf(key: ColumnKey, narrow: boolean): number {
  return narrow && key === 'name' ? NARROW_NAME_MIN : TRACKS[key].min;
}

/** `grid-template-columns` for these columns. */
export function gridTemplate(columns: readonly ColumnKey[], narrow = false): string {
  return columns
    .map((key) => {
      const min = minOf(key, narrow);
      const share = TRACKS[key].share;
      return share ? `minmax(${min}em, ${share}fr)` : `${min}em`;
    })
    .join(' ');
}

/** The width below which the list scrolls sideways, em. */
export function minWidthEm(columns: readonly ColumnKey[], narrow = false): number {
  return columns.reduce((sum, key) => sum + minOf(key, narrow), 0);
}

/** Dates open newest first; text and states open in ascending order. */
export function firstOrder(key: ColumnKey): SortOrder {
  return key === 'createdAt' || key === 'updatedAt' ? 'desc' : 'asc';
}
