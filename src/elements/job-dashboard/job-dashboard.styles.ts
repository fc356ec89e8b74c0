import { css, unsafeCSS } from 'lit';
import { CHART_HEIGHT } from './charts/chart-heights.js';

/** Each chart's room, kept while its code loads: the height it is drawn at (rules whole, so that the stylesheet is minified at build). */
const chartRooms = unsafeCSS(
  Object.entries(CHART_HEIGHT)
    .map(([chart, height]) => `.${chart} .plot { min-height: ${height}px; }`)
    .join('\n'),
);

export const dashboardStyles = css`
  :host {
    display: block;
    position: relative;
    container-type: inline-size;
    color: var(--ac-color-text);
  }
  .dashboard {
    display: grid;
    gap: var(--ac-space-4);
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
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ac-space-2);
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

  /* Summary indicators */
  .indicators {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: var(--ac-space-3);
  }
  @container (max-width: 640px) {
    .indicators {
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: var(--ac-space-2);
    }
  }
  .indicator {
    --state: var(--ac-color-text-muted);
    --state-bg: var(--ac-color-surface);
    position: relative;
    display: grid;
    gap: 2px;
    justify-items: start;
    padding: var(--ac-space-3) var(--ac-space-4) var(--ac-space-3) calc(var(--ac-space-4) + 4px);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    box-shadow: var(--ac-shadow);
    text-align: start;
    cursor: pointer;
    overflow: hidden;
  }
  .indicator::before {
    content: '';
    position: absolute;
    inset: 0 auto 0 0;
    width: 5px;
    background: var(--state);
  }
  .indicator:hover {
    background: var(--state-bg);
  }
  .indicator[aria-pressed='true'] {
    background: var(--state-bg);
    border-color: var(--state);
    box-shadow: inset 0 0 0 1px var(--state);
  }
  .indicator[aria-pressed='true'] .indicator-label::after {
    content: '✓';
    margin-inline-start: 6px;
    color: var(--state);
  }
  .indicator:disabled {
    cursor: default;
  }
  .indicator.scheduled {
    --state: var(--ac-color-scheduled);
    --state-bg: var(--ac-color-scheduled-bg);
  }
  .indicator.running {
    --state: var(--ac-color-running);
    --state-bg: var(--ac-color-running-bg);
  }
  .indicator.successful {
    --state: var(--ac-color-successful);
    --state-bg: var(--ac-color-successful-bg);
  }
  .indicator.unsuccessful {
    --state: var(--ac-color-unsuccessful);
    --state-bg: var(--ac-color-unsuccessful-bg);
  }
  .indicator-label {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: var(--ac-font-size-small);
    font-weight: 700;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    color: var(--state);
  }
  /* A shape per state as well as a colour: text and shape never rely on colour alone. */
  .state-mark {
    width: 10px;
    height: 10px;
    flex: none;
    background: var(--state);
  }
  .scheduled .state-mark {
    border-radius: 50%;
    background: transparent;
    border: 2px solid var(--state);
  }
  .running .state-mark {
    border-radius: 50%;
  }
  .unsuccessful .state-mark {
    clip-path: polygon(50% 0, 100% 100%, 0 100%);
  }
  .indicator-count {
    font-size: 32px;
    line-height: 1.15;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
    color: var(--ac-color-text);
  }
  .indicator-share {
    font-size: var(--ac-font-size-small);
    color: var(--ac-color-text-muted);
  }
  @container (max-width: 400px) {
    .indicator {
      padding: var(--ac-space-2) var(--ac-space-3) var(--ac-space-2) calc(var(--ac-space-3) + 4px);
    }
    .indicator-count {
      font-size: 26px;
    }
  }

  /* Chart cards */
  .cards {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: var(--ac-space-4);
  }
  .card.activity {
    grid-column: 1 / -1;
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
  ${chartRooms}
  .uplot {
    width: 100%;
  }
  .u-over {
    cursor: pointer;
  }
  .activity .u-over {
    cursor: crosshair;
  }
  .hover-band {
    position: absolute;
    left: 0;
    top: 0;
    pointer-events: none;
    background: var(--ac-color-row-hover);
  }

  /* Tooltip */
  .tip {
    position: absolute;
    left: 0;
    top: 0;
    z-index: 2;
    min-width: 140px;
    padding: var(--ac-space-2) var(--ac-space-3);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    box-shadow: var(--ac-shadow);
    font-size: var(--ac-font-size-small);
    pointer-events: none;
  }
  .tip-title {
    font-weight: 650;
    margin-bottom: 4px;
  }
  .tip table {
    border-collapse: collapse;
    width: 100%;
  }
  .tip td {
    padding: 1px 0;
  }
  .tip td:first-child {
    width: 18px;
  }
  .tip .num {
    padding-inline-start: var(--ac-space-3);
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .tip tr.strong td {
    border-top: 1px solid var(--ac-color-border);
    padding-top: 3px;
    font-weight: 650;
  }

  /* Swatches: a node's colour, and the state textures of the node bars (see chart-colors.ts). */
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
  .swatch.neutral {
    --swatch: var(--ac-color-text-muted);
  }
  .texture-running {
    background: color-mix(in srgb, var(--swatch) 55%, var(--ac-color-surface-raised));
  }
  .texture-unsuccessful {
    background: repeating-linear-gradient(
      -45deg,
      var(--swatch) 0 2px,
      color-mix(in srgb, var(--swatch) 30%, var(--ac-color-surface-raised)) 2px 5px
    );
  }
  .texture-scheduled {
    background: radial-gradient(circle, var(--swatch) 1.2px, transparent 1.6px) 0 0 / 5px 5px,
      color-mix(in srgb, var(--swatch) 18%, var(--ac-color-surface-raised));
    box-shadow: inset 0 0 0 1px color-mix(in srgb, var(--swatch) 50%, transparent);
  }

  /* Legends and filter chips */
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
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ac-space-2);
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
  .chip-count {
    font-variant-numeric: tabular-nums;
    color: var(--ac-color-text-muted);
  }
  .chip-note {
    color: var(--ac-color-text-muted);
    font-size: var(--ac-font-size-small);
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
