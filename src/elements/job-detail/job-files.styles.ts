import { css } from 'lit';

export const filesStyles = css`
  :host {
    --_files-height: min(60vh, 440px);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--ac-space-2) var(--ac-space-4);
    margin-bottom: var(--ac-space-3);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ac-space-2);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 30px;
    padding: 2px var(--ac-space-3);
    border: 1px solid var(--ac-color-border);
    border-radius: 999px;
    background: var(--ac-color-surface-raised);
    cursor: pointer;
  }
  .chip:hover {
    background: var(--ac-color-row-hover);
  }
  .chip[aria-pressed='true'] {
    border-color: var(--ac-color-accent);
    background: var(--ac-color-accent);
    color: var(--ac-color-accent-text);
  }
  .chip .count {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .chip.status-failed {
    border-color: var(--ac-color-unsuccessful);
    color: var(--ac-color-unsuccessful);
  }
  .chip.status-failed[aria-pressed='true'] {
    background: var(--ac-color-unsuccessful);
    color: var(--ac-color-bg);
  }
  .toggle {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    cursor: pointer;
  }
  .toggle input {
    width: 16px;
    height: 16px;
    margin: 0;
    accent-color: var(--ac-color-accent);
  }
  .summary {
    margin: 0 0 var(--ac-space-2);
    color: var(--ac-color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .error button {
    padding: 2px var(--ac-space-3);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    cursor: pointer;
  }
  .scroller {
    --_row: var(--ac-row-height, 36px);
    /* The header's height, its border included: the scaled rows' window sticks right below it. */
    --_head-height: 32px;
    position: relative;
    height: var(--_files-height);
    overflow: auto;
    /* The rows keep their width whether the scrollbar shows or not. */
    scrollbar-gutter: stable;
    overflow-anchor: none;
    overscroll-behavior: contain;
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-bg);
  }
  .scroller.narrow {
    --_row: 52px;
    --_head-height: 48px;
  }
  .scroller:focus-visible {
    outline-offset: 0;
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 2;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(0, 3fr) 7.5em 6em minmax(0, 2fr);
    grid-template-areas: 'path status size reason';
    align-items: center;
    column-gap: var(--ac-space-3);
    width: 100%;
    height: var(--_row);
    padding: 0 var(--ac-space-3);
    border-bottom: 1px solid var(--ac-color-border);
  }
  .head .row {
    height: var(--_head-height);
    background: var(--ac-color-surface);
    color: var(--ac-color-text-muted);
    font-size: var(--ac-font-size-small);
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }
  .body .row:hover {
    background: var(--ac-color-row-hover);
  }
  .path,
  .reason {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .path {
    grid-area: path;
    font-family: var(--ac-font-mono);
    font-size: 13px;
  }
  .body .path {
    display: flex;
    min-width: 0;
  }
  .dir,
  .name {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .dir {
    flex: 0 1 auto;
    min-width: 1ch;
    color: var(--ac-color-text-muted);
  }
  .name {
    flex: 0 0 auto;
    max-width: 100%;
  }
  .head .path {
    font-family: inherit;
    font-size: inherit;
  }
  .status {
    grid-area: status;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    white-space: nowrap;
  }
  .size {
    grid-area: size;
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .reason {
    grid-area: reason;
    color: var(--ac-color-text-muted);
  }
  .row.failed .status,
  .row.failed .reason {
    color: var(--ac-color-unsuccessful);
  }
  .row.failed {
    background: var(--ac-color-unsuccessful-bg);
  }
  .row.placeholder {
    color: var(--ac-color-text-muted);
  }
  .dot {
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--ac-color-successful);
  }
  .dot.status-pending {
    background: var(--ac-color-border);
  }
  .dot.status-skipped {
    background: var(--ac-color-text-muted);
  }
  .dot.status-failed {
    background: var(--ac-color-unsuccessful);
  }
  /* Narrow: the path on its own line, status, size and reason under it. */
  .narrow .row {
    grid-template-columns: auto auto minmax(0, 1fr);
    grid-template-areas:
      'path path path'
      'status size reason';
    align-content: center;
    row-gap: 2px;
  }
  .narrow .size {
    text-align: left;
  }
  .note {
    margin: var(--ac-space-3) 0;
    color: var(--ac-color-text-muted);
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ac-space-2);
    margin: var(--ac-space-2) 0;
    padding: var(--ac-space-2) var(--ac-space-3);
    border-left: 4px solid var(--ac-color-unsuccessful);
    background: var(--ac-color-unsuccessful-bg);
  }
`;
