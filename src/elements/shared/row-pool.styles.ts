/**
 * How `RowPool` (row-pool.ts) lays its rows out. The host sets `--_head-height` to the
 * height of its sticky header: the scaled rows' window sticks right below it.
 */
import { css } from 'lit';

export const rowPoolStyles = css`
  /* The pool of rows over a spacer as tall as the table (or as tall as the browser allows). */
  .spacer {
    position: relative;
  }
  /* Scaled: a window that stays in view, the rows moved inside it at each scroll. */
  .window {
    position: sticky;
    top: var(--_head-height, 0px);
    overflow: hidden;
  }
  .window .rows {
    will-change: transform;
  }
  /* Not scaled: the rows at their place in the spacer; the browser scrolls them. */
  .rows.flowing {
    position: absolute;
    left: 0;
    right: 0;
  }
`;
