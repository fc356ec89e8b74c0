// Reading a table element the way a user sees it: its ARIA grid or table in its shadow
// root, the rows entirely in view under the header row, the first cell's text.
import { afterPaint } from './perf.js';

/** The scrolling grid (`<ac-job-list>`) or table (`<ac-job-files>`) of an element. */
export function gridOf(element) {
  return element.shadowRoot?.querySelector('[role="grid"], [role="table"]') ?? undefined;
}

/** Rows entirely in view, top to bottom: `{ index, text }` (row number from 0, first cell's text). */
export function rowsInView(element) {
  const grid = gridOf(element);
  if (!grid) return [];
  const box = grid.getBoundingClientRect();
  const head = grid.querySelector('[role="row"][aria-rowindex="1"]')?.getBoundingClientRect();
  const top = head ? head.bottom : box.top;
  const bottom = box.top + grid.clientHeight;
  return [...grid.querySelectorAll('[role="row"]')]
    .map((row) => ({ row, index: Number(row.getAttribute('aria-rowindex')) - 2, r: row.getBoundingClientRect() }))
    .filter(({ index, r }) => index >= 0 && r.height > 0 && r.top >= top - 0.5 && r.bottom <= bottom + 0.5)
    .sort((a, b) => a.r.top - b.r.top)
    .map(({ row, index }) => ({
      index,
      text: row.querySelector('[role="gridcell"], [role="cell"]')?.textContent?.trim() ?? '',
    }));
}

/** Sets a scroller to `fraction` of its range (a dragged scrollbar), then waits for the frame to be painted. */
export async function jumpTo(scroller, fraction) {
  scroller.scrollTop = Math.floor(fraction * (scroller.scrollHeight - scroller.clientHeight));
  await afterPaint();
}

/** Centre of a scroller on screen, for the mouse wheel. */
export function centreOf(scroller) {
  const r = scroller.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}
