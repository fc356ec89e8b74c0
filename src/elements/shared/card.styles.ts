import { css } from 'lit';

/**
 * What the dashboard and the analysis share: the host, the loading, empty and error
 * messages, the cards and their headers, the charts' frames, swatches, legends, chips, and
 * the tables that are the charts' text alternative. The charts' own rules come with their
 * code (`job-dashboard/charts/chart.styles.ts`).
 */
export const cardStyles = css`
  :host {
    display: block;
    position: relative;
    container-type: inline-size;
    color: var(--ac-color-text);
  }
  [hidden] {
    display: none !important;
  }

  /* Loading, empty and error messages */
  .status {
    margin: 0;
    color: var(--ac-color-text-muted);
  }
  .status:empty {
    display: none;
  }
  /* Over the top corner, so that it comes and goes without moving anything. */
  .status.updating {
    position: absolute;
    top: calc(-1 * var(--ac-space-2));
    right: 0;
    z-index: 3;
    padding: 2px 10px;
    border-radius: 999px;
    background: var(--ac-color-surface-raised);
    box-shadow: var(--ac-shadow);
    font-size: var(--ac-font-size-small);
  }
  .status.empty,
  .status.error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ac-space-3);
    padding: var(--ac-space-4);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface);
    color: var(--ac-color-text);
  }
  .status.error {
    border-color: var(--ac-color-unsuccessful);
    background: var(--ac-color-unsuccessful-bg);
  }
  .status p {
    margin: 0;
    flex: 1 1 16em;
  }
  button {
    font: inherit;
    color: inherit;
  }
  .action {
    padding: 6px 12px;
    border: 1px solid var(--ac-color-accent);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    color: var(--ac-color-accent);
    cursor: pointer;
    font-weight: 600;
  }
  .action:hover {
    background: var(--ac-color-row-hover);
  }

  /* Cards */
  .cards {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: var(--ac-space-4);
  }
  @container (max-width: 820px) {
    .cards {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .card {
    display: grid;
    align-content: start;
    gap: var(--ac-space-3);
    min-width: 0;
    padding: var(--ac-space-4);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    box-shadow: var(--ac-shadow);
  }
  @container (max-width: 400px) {
    .card {
      padding: var(--ac-space-3);
    }
  }
  .card-header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: var(--ac-space-3);
  }
  h2 {
    margin: 0;
    font-size: 15px;
    font-weight: 650;
  }
  .hint {
    margin: 2px 0 0;
    font-size: var(--ac-font-size-small);
    color: var(--ac-color-text-muted);
  }
  .table-toggle {
    flex: none;
    padding: 4px 10px;
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: transparent;
    font-size: var(--ac-font-size-small);
    color: var(--ac-color-text-muted);
    cursor: pointer;
    white-space: nowrap;
  }
  .table-toggle:hover {
    color: var(--ac-color-text);
    border-color: var(--ac-color-text-muted);
  }
  .plot-frame {
    min-width: 0;
    border-radius: var(--ac-radius);
  }
  .plot {
    position: relative;
    width: 100%;
    overflow: hidden;
  }

  /* Swatches: a node's colour (a line's, for the charts of lines) */
  .swatch {
    --swatch: var(--ac-color-text-muted);
    display: inline-block;
    width: 12px;
    height: 12px;
    flex: none;
    border-radius: 2px;
    background: var(--swatch);
    vertical-align: -1px;
  }
  .swatch.line {
    height: 4px;
    width: 16px;
    vertical-align: 3px;
  }

  /* Legends and chips */
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ac-space-1) var(--ac-space-4);
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: var(--ac-font-size-small);
    color: var(--ac-color-text-muted);
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 32px;
    padding: 4px 10px;
    border: 1px solid var(--ac-color-border);
    border-radius: 999px;
    background: var(--ac-color-surface);
    cursor: pointer;
    font-size: 13px;
  }
  .chip:hover {
    border-color: var(--ac-color-text-muted);
  }
  .chip[aria-pressed='true'] {
    border-color: var(--ac-color-accent);
    background: var(--ac-color-row-active);
    font-weight: 600;
  }
  .chip[aria-pressed='true']::before {
    content: '✓';
    color: var(--ac-color-accent);
  }

  /* Tables (the charts' text alternative) */
  .table-scroll {
    max-height: 320px;
    overflow: auto;
  }
  table.data {
    width: 100%;
    border-collapse: collapse;
    font-size: 13px;
  }
  table.data caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: var(--ac-space-1);
  }
  table.data th,
  table.data td {
    padding: 4px 8px;
    border-bottom: 1px solid var(--ac-color-border);
    text-align: start;
    white-space: nowrap;
  }
  table.data thead th {
    position: sticky;
    top: 0;
    background: var(--ac-color-surface-raised);
    color: var(--ac-color-text-muted);
    font-weight: 600;
  }
  table.data .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  table.data th .swatch {
    margin-inline-end: 6px;
  }
`;
