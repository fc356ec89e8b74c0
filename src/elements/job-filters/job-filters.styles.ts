import { css } from 'lit';

export const filtersStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .filters {
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    box-shadow: var(--ac-shadow);
  }
  button,
  input {
    font: inherit;
    color: inherit;
  }

  /* Title, count and reset */
  .bar {
    display: flex;
    align-items: center;
    gap: var(--ac-space-3);
    padding: var(--ac-space-2) var(--ac-space-4);
    border-bottom: 1px solid var(--ac-color-border);
  }
  .title {
    margin: 0;
    font-size: 15px;
    font-weight: 650;
  }
  .count {
    flex: 1;
    margin: 0;
    font-size: var(--ac-font-size-small);
    color: var(--ac-color-text-muted);
  }
  .reset {
    padding: 4px 12px;
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: transparent;
    color: var(--ac-color-accent);
    font-weight: 600;
    cursor: pointer;
    white-space: nowrap;
  }
  .reset:hover:not(:disabled) {
    background: var(--ac-color-row-hover);
  }
  .reset:disabled {
    color: var(--ac-color-text-muted);
    cursor: default;
  }
  .disclosure {
    display: none;
    align-items: center;
    gap: 8px;
    padding: 6px 4px;
    border: 0;
    background: transparent;
    font-weight: 650;
    cursor: pointer;
    white-space: nowrap;
  }
  .chevron {
    width: 8px;
    height: 8px;
    border-right: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: rotate(-45deg);
    transition: transform 0.15s;
  }
  .disclosure[aria-expanded='true'] .chevron {
    transform: rotate(45deg);
  }

  /* The rows of filters */
  .panel {
    display: grid;
    gap: var(--ac-space-3);
    padding: var(--ac-space-3) var(--ac-space-4) var(--ac-space-4);
  }
  .row {
    display: grid;
    grid-template-columns: 5.5em minmax(0, 1fr);
    align-items: start;
    gap: var(--ac-space-2) var(--ac-space-3);
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  fieldset.row > legend {
    /* A legend cannot be a grid item: float it into the first column. */
    float: left;
    padding: 0;
  }
  .row-label {
    padding-top: 6px;
    font-size: var(--ac-font-size-small);
    font-weight: 650;
    color: var(--ac-color-text-muted);
    text-transform: uppercase;
    letter-spacing: 0.05em;
  }
  .chips,
  .segmented {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .period .segmented,
  .period .range {
    grid-column: 2;
  }
  .empty {
    padding-top: 6px;
    color: var(--ac-color-text-muted);
  }

  /* Toggle chips */
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 30px;
    padding: 3px 12px;
    border: 1px solid var(--ac-color-border);
    border-radius: 999px;
    background: var(--ac-color-surface);
    font-size: 13px;
    cursor: pointer;
  }
  .chip:hover:not(:disabled) {
    border-color: var(--ac-color-text-muted);
  }
  .chip[aria-pressed='true'] {
    border-color: var(--ac-color-accent);
    background: var(--ac-color-row-active);
    font-weight: 600;
  }
  /* Selection is said by a check mark as well as by colour. */
  .chip[aria-pressed='true']::before {
    content: '✓';
    color: var(--ac-color-accent);
    font-weight: 700;
  }
  .chip:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .note {
    font-weight: 400;
    color: var(--ac-color-text-muted);
    font-size: var(--ac-font-size-small);
  }
  .swatch {
    width: 10px;
    height: 10px;
    border-radius: 2px;
    background: var(--swatch, var(--ac-color-text-muted));
  }
  .mark {
    width: 9px;
    height: 9px;
    background: var(--state);
  }
  .mark.scheduled {
    --state: var(--ac-color-scheduled);
    border-radius: 50%;
    background: transparent;
    border: 2px solid var(--state);
  }
  .mark.running {
    --state: var(--ac-color-running);
    border-radius: 50%;
  }
  .mark.successful {
    --state: var(--ac-color-successful);
  }
  .mark.unsuccessful {
    --state: var(--ac-color-unsuccessful);
    clip-path: polygon(50% 0, 100% 100%, 0 100%);
  }

  /* The period as a segmented control of native radios */
  .segmented {
    gap: 0;
  }
  .segment {
    position: relative;
    display: inline-flex;
  }
  .segment input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: pointer;
  }
  .segment span {
    display: inline-flex;
    align-items: center;
    min-height: 30px;
    padding: 3px 12px;
    border: 1px solid var(--ac-color-border);
    margin-inline-start: -1px;
    background: var(--ac-color-surface);
    font-size: 13px;
    white-space: nowrap;
  }
  .segment:first-child span {
    border-start-start-radius: var(--ac-radius);
    border-end-start-radius: var(--ac-radius);
    margin-inline-start: 0;
  }
  .segment:last-child span {
    border-start-end-radius: var(--ac-radius);
    border-end-end-radius: var(--ac-radius);
  }
  .segment:hover span {
    background: var(--ac-color-row-hover);
  }
  .segment input:checked + span {
    position: relative;
    border-color: var(--ac-color-accent);
    background: var(--ac-color-accent);
    color: var(--ac-color-accent-text);
    font-weight: 600;
  }
  .segment input:focus-visible + span {
    outline: 2px solid var(--ac-color-focus);
    outline-offset: 2px;
    position: relative;
    z-index: 1;
  }
  .segment input:disabled + span {
    opacity: 0.6;
  }

  /* Custom range */
  .range {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ac-space-2) var(--ac-space-4);
    margin-top: var(--ac-space-1);
  }
  .range label {
    display: inline-flex;
    align-items: center;
    gap: var(--ac-space-2);
    font-size: 13px;
  }
  .range input {
    min-height: 30px;
    padding: 2px 6px;
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-bg);
  }
  .range input[aria-invalid='true'] {
    border-color: var(--ac-color-unsuccessful);
  }
  .problem {
    flex-basis: 100%;
    margin: 0;
    color: var(--ac-color-unsuccessful);
    font-size: var(--ac-font-size-small);
  }
  .problem:empty {
    display: none;
  }

  /* Narrow: a "Filters (n)" disclosure, rows stacked */
  @container (max-width: 599px) {
    .disclosure {
      display: inline-flex;
    }
    .title,
    .count {
      display: none;
    }
    .bar {
      justify-content: space-between;
      padding: var(--ac-space-1) var(--ac-space-3);
      border-bottom: 0;
    }
    .panel {
      padding: var(--ac-space-1) var(--ac-space-3) var(--ac-space-3);
      border-top: 1px solid var(--ac-color-border);
    }
    .panel:not(.open) {
      display: none;
    }
    .row {
      grid-template-columns: minmax(0, 1fr);
    }
    fieldset.row > legend {
      float: none;
      padding: 0;
    }
    .period .segmented,
    .period .range {
      grid-column: 1;
    }
    .row-label {
      padding-top: 0;
    }
    .segmented {
      gap: 6px;
    }
    .segment span,
    .segment:first-child span,
    .segment:last-child span {
      margin: 0;
      border-radius: 999px;
    }
  }
`;
