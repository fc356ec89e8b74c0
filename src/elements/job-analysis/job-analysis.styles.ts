import { css, unsafeCSS } from 'lit';
import { CHART_HEIGHT } from './charts/chart-heights.js';

/** Each chart's room, kept while its code loads: the height it is drawn at (rules whole, so that the stylesheet is minified at build). */
const chartRooms = unsafeCSS(
  Object.entries(CHART_HEIGHT)
    .map(([chart, height]) => `#plot-${chart} { min-height: ${height}px; }`)
    .join('\n'),
);

/** What the analysis adds to the cards, charts and tables it shares with the dashboard (`cardStyles`). */
export const analysisStyles = css`
  .analysis {
    display: grid;
    gap: var(--ac-space-4);
  }
  .cards.analysis-cards {
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  }
  .card.wide {
    grid-column: 1 / -1;
  }
  @container (max-width: 820px) {
    .cards.analysis-cards {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .card-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--ac-space-2);
  }
  @container (max-width: 520px) {
    .card-header {
      flex-direction: column;
    }
    .card-actions {
      justify-content: flex-start;
    }
  }
  .type-select {
    display: inline-flex;
    align-items: center;
    gap: var(--ac-space-2);
    font-size: var(--ac-font-size-small);
    color: var(--ac-color-text-muted);
  }
  .type-select select {
    font: inherit;
    font-size: 13px;
    padding: 3px 6px;
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface);
    color: var(--ac-color-text);
  }
  .segmented {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ac-space-2);
  }
  ${chartRooms}
  .none {
    margin: 0;
    color: var(--ac-color-text-muted);
  }
  .table-scroll.tall {
    max-height: 520px;
  }
  .table-scroll.whole {
    max-height: none;
  }
  table.data.cells {
    font-size: 12px;
  }
  table.data.cells th,
  table.data.cells td {
    padding: 4px 6px;
  }
  table.data tr.subtotal th,
  table.data tr.subtotal td {
    font-weight: 650;
    border-top: 1px solid var(--ac-color-text-muted);
  }
  table.data .stage,
  table.data .name {
    white-space: normal;
    overflow-wrap: break-word;
    min-width: 12em;
  }
  table.data th.group {
    text-align: center;
    border-bottom-color: var(--ac-color-text-muted);
  }
  /* The second header row sticks below the first. */
  table.data thead tr + tr th {
    top: 26px;
  }
  /* A count that opens its jobs: reads as a number, acts as a link. */
  button.count,
  button.link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--ac-color-accent);
    font: inherit;
    font-variant-numeric: tabular-nums;
    cursor: pointer;
    text-decoration: underline;
    text-decoration-color: color-mix(in srgb, var(--ac-color-accent) 40%, transparent);
    text-underline-offset: 2px;
  }
  button.link {
    text-align: start;
  }
  button.count:hover,
  button.link:hover,
  table.data a:hover {
    text-decoration-color: currentColor;
  }
  table.data a {
    color: var(--ac-color-accent);
  }
  /* A stop count's bar: its share of the greatest, set through CSSOM as --share. */
  td.bar {
    --share: 0;
    background: linear-gradient(
      to left,
      color-mix(in srgb, var(--ac-color-unsuccessful) 22%, transparent) calc(var(--share) * 100%),
      transparent calc(var(--share) * 100%)
    );
  }
`;
