import { css, unsafeCSS } from 'lit';
import { CHART_HEIGHT } from './charts/chart-heights.js';

/** Each chart's room, kept while its code loads: the height it is drawn at (rules whole, so that the stylesheet is minified at build). */
const chartRooms = unsafeCSS(
  Object.entries(CHART_HEIGHT)
    .map(([chart, height]) => `.${chart} .plot { min-height: ${height}px; }`)
    .join('\n'),
);

/** What the dashboard adds to the cards, charts and tables it shares with the analysis (`cardStyles`). */
export const dashboardStyles = css`
  .dashboard {
    display: grid;
    gap: var(--ac-space-4);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ac-space-2);
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
  .card.activity {
    grid-column: 1 / -1;
  }
  ${chartRooms}

  /* The state textures of the node bars (see chart-colors.ts). */
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

  /* Filter chips */
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ac-space-2);
  }
  .chip-count {
    font-variant-numeric: tabular-nums;
    color: var(--ac-color-text-muted);
  }
  .chip-note {
    color: var(--ac-color-text-muted);
    font-size: var(--ac-font-size-small);
  }
`;
