import { css, unsafeCSS } from 'lit';
import { NODE_PALETTE } from '../shared/colors.js';

/** One class per node colour: colours never go through a `style` attribute (strict CSP). */
const swatches = unsafeCSS(NODE_PALETTE.map((colour, i) => `.swatch-${i}{background:${colour}}`).join(''));

export const jobListStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 32rem;
    min-height: 12rem;
    min-width: 0;
    background: var(--ac-color-bg);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    overflow: hidden;
    --_head-height: calc(var(--ac-row-height) + 4px);
  }

  /* --- toolbar --- */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ac-space-2) var(--ac-space-3);
    padding: var(--ac-space-2) var(--ac-space-3);
    border-bottom: 1px solid var(--ac-color-border);
    background: var(--ac-color-surface);
  }
  .search {
    position: relative;
    flex: 1 1 14rem;
    max-width: 28rem;
    min-width: 0;
  }
  .search svg {
    position: absolute;
    left: 10px;
    top: 50%;
    width: 16px;
    height: 16px;
    transform: translateY(-50%);
    color: var(--ac-color-text-muted);
    pointer-events: none;
  }
  input[type='search'] {
    width: 100%;
    height: 34px;
    padding: 0 var(--ac-space-3) 0 34px;
    font: inherit;
    color: inherit;
    background: var(--ac-color-bg);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
  }
  input[type='search']::placeholder {
    color: var(--ac-color-text-muted);
    opacity: 1;
  }
  input[type='search']:focus-visible {
    outline: 2px solid var(--ac-color-focus);
    outline-offset: 0;
    border-color: var(--ac-color-focus);
  }
  .count {
    color: var(--ac-color-text-muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .actions {
    margin-left: auto;
    display: flex;
    gap: var(--ac-space-2);
  }

  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  .button {
    height: 32px;
    padding: 0 var(--ac-space-3);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
  }
  .button:hover {
    background: var(--ac-color-row-hover);
  }

  /* --- the grid --- */
  .area {
    position: relative;
    flex: 1 1 auto;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  .scroller {
    position: relative;
    flex: 1 1 auto;
    min-height: 0;
    overflow: auto;
    overflow-anchor: none;
    overscroll-behavior: contain;
    outline: none;
  }
  /* Focused with its active row scrolled away: the grid itself shows the focus. */
  .scroller:focus-visible:not(:has(.active)) {
    outline: 2px solid var(--ac-color-focus);
    outline-offset: -2px;
  }
  .scroller.collapsed {
    flex: 0 0 auto;
    overflow-y: hidden;
  }
  .head,
  .body,
  .row {
    min-width: var(--_min-width, 0);
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 2;
    background: var(--ac-color-surface);
  }
  .row {
    position: relative;
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: center;
    height: var(--ac-row-height);
    width: 100%;
    border-bottom: 1px solid var(--ac-color-border);
    background: var(--ac-color-bg);
    cursor: pointer;
  }
  /* Exactly --_head-height, its border included: the scaled rows' window sticks right below it. */
  .head .row {
    height: var(--_head-height);
    background: var(--ac-color-surface);
    cursor: default;
  }
  /* The first column stays in view when the list scrolls sideways (narrow screens). */
  .row > .cell:first-child {
    position: sticky;
    left: 0;
    z-index: 1;
    background: inherit;
  }
  /* Full-height cells (the sticky one hides what slides under it), text centred by line height. */
  .body .cell {
    align-self: stretch;
    line-height: calc(var(--ac-row-height) - 1px);
  }
  .cell {
    min-width: 0;
    padding: 0 var(--ac-space-3);
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .narrow .cell {
    padding: 0 var(--ac-space-2);
  }
  [role='columnheader'] {
    display: flex;
    align-items: center;
    gap: var(--ac-space-1);
    height: 100%;
    font-size: var(--ac-font-size-small);
    font-weight: 600;
    letter-spacing: 0.02em;
    color: var(--ac-color-text-muted);
    cursor: pointer;
    user-select: none;
  }
  [role='columnheader']:hover,
  [role='columnheader'][aria-sort] {
    color: var(--ac-color-text);
  }
  [role='columnheader'] .label {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .sort-icon {
    flex: none;
    width: 12px;
    height: 12px;
    opacity: 0;
  }
  [role='columnheader']:hover .sort-icon {
    opacity: 0.4;
  }
  [role='columnheader'][aria-sort] .sort-icon {
    opacity: 1;
    color: var(--ac-color-accent);
  }
  [aria-sort='ascending'] .sort-icon {
    transform: rotate(180deg);
  }

  .body .row:hover {
    background: var(--ac-color-row-hover);
  }
  .row.active {
    background: var(--ac-color-row-active);
  }
  /* Above the sticky first cell, which would hide an outline or a box-shadow of the row. */
  .scroller:focus-visible .row.active::after {
    content: '';
    position: absolute;
    inset: 0;
    z-index: 2;
    pointer-events: none;
    box-shadow: inset 0 0 0 2px var(--ac-color-focus);
  }
  .scroller:focus-visible [role='columnheader'].active {
    box-shadow: inset 0 0 0 2px var(--ac-color-focus);
  }

  /* --- cells --- */
  .name {
    font-weight: 500;
  }
  a.name {
    color: inherit;
    text-decoration: none;
  }
  a.name:hover {
    color: var(--ac-color-accent);
    text-decoration: underline;
  }
  .muted {
    color: var(--ac-color-text-muted);
  }
  time {
    font-variant-numeric: tabular-nums;
  }
  .node {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    max-width: 100%;
  }
  .swatch {
    flex: none;
    width: 10px;
    height: 10px;
    border-radius: 2px;
  }
  ${swatches}
  /* On the page's background whatever the row's (hover, active): the text keeps its contrast. */
  .badge {
    display: inline-block;
    max-width: 100%;
    padding: 1px 8px;
    border: 1px solid color-mix(in srgb, currentColor 35%, transparent);
    background: var(--ac-color-bg);
    border-radius: 999px;
    font-size: var(--ac-font-size-small);
    font-weight: 600;
    line-height: 16px;
    overflow: hidden;
    text-overflow: ellipsis;
    vertical-align: middle;
  }
  .badge::before {
    content: '';
    display: inline-block;
    width: 6px;
    height: 6px;
    margin-right: 6px;
    border-radius: 50%;
    background: currentColor;
    vertical-align: 1px;
  }
  .state-SCHEDULED {
    color: var(--ac-color-scheduled);
  }
  .state-RUNNING {
    color: var(--ac-color-running);
  }
  .state-SUCCESSFUL {
    color: var(--ac-color-successful);
  }
  .state-UNSUCCESSFUL {
    color: var(--ac-color-unsuccessful);
  }
  .stage-failure {
    color: var(--ac-color-unsuccessful);
  }

  /* --- placeholders --- */
  .row.placeholder {
    cursor: default;
  }
  .skeleton {
    display: inline-block;
    vertical-align: middle;
    height: 10px;
    width: 70%;
    border-radius: 5px;
    background: linear-gradient(90deg, var(--ac-color-surface) 0%, var(--ac-color-border) 50%, var(--ac-color-surface) 100%);
    background-size: 200% 100%;
    animation: shimmer 1.4s linear infinite;
    opacity: 0.8;
  }
  .cell:nth-child(2n) .skeleton {
    width: 50%;
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }

  /* --- states and notices --- */
  .message {
    flex: 1 1 auto;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--ac-space-3);
    padding: var(--ac-space-6) var(--ac-space-4);
    text-align: center;
    color: var(--ac-color-text-muted);
  }
  .message p {
    margin: 0;
    max-width: 32rem;
  }
  .message .button {
    color: var(--ac-color-text);
  }
  .message.error p {
    color: var(--ac-color-text);
  }
  .banner {
    display: flex;
    align-items: center;
    gap: var(--ac-space-3);
    padding: var(--ac-space-2) var(--ac-space-3);
    border-bottom: 1px solid var(--ac-color-border);
    background: var(--ac-color-unsuccessful-bg);
  }
  .banner p {
    margin: 0;
    flex: 1;
  }
  .new-jobs {
    position: absolute;
    top: calc(var(--_head-height) + var(--ac-space-2));
    left: 50%;
    z-index: 3;
    transform: translateX(-50%);
    display: flex;
    align-items: center;
    gap: var(--ac-space-2);
    padding: 4px 4px 4px 12px;
    border-radius: 999px;
    background: var(--ac-color-accent);
    color: var(--ac-color-accent-text);
    box-shadow: var(--ac-shadow);
    font-size: var(--ac-font-size-small);
    white-space: nowrap;
  }
  .new-jobs button {
    border: 0;
    border-radius: 999px;
    padding: 2px 10px;
    background: var(--ac-color-bg);
    color: var(--ac-color-accent);
    font-weight: 600;
  }
  .new-jobs button:focus-visible {
    outline-color: var(--ac-color-accent-text);
  }
`;
