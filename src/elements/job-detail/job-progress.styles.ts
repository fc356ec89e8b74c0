import { css } from 'lit';

export const progressStyles = css`
  :host {
    container-type: inline-size;
  }
  .head {
    display: flex;
    align-items: baseline;
    gap: var(--ac-space-3);
    flex-wrap: wrap;
    margin-bottom: var(--ac-space-2);
  }
  .percent {
    font-size: 1.6em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .handled {
    color: var(--ac-color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .bar {
    display: flex;
    height: 14px;
    border-radius: 7px;
    overflow: hidden;
    background: var(--ac-color-border);
  }
  .segment {
    display: block;
    height: 100%;
    transition: width 0.4s ease;
  }
  .segment.done {
    width: var(--_progress-done, 0%);
    background: var(--ac-color-successful);
  }
  .bar.live .segment.done {
    background: var(--ac-color-running);
  }
  .segment.failed {
    width: var(--_progress-failed, 0%);
    background: var(--ac-color-unsuccessful);
  }
  /* A few failed files among thousands still show. */
  .bar.has-failed .segment.failed {
    min-width: 4px;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--ac-space-1) var(--ac-space-4);
    list-style: none;
    margin: var(--ac-space-2) 0 0;
    padding: 0;
    font-variant-numeric: tabular-nums;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: var(--ac-space-1);
  }
  .legend strong {
    font-weight: 600;
  }
  .legend .has-failed {
    color: var(--ac-color-unsuccessful);
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 2px;
  }
  .swatch.done {
    background: var(--ac-color-successful);
  }
  .bar.live ~ .legend .swatch.done {
    background: var(--ac-color-running);
  }
  .swatch.failed {
    background: var(--ac-color-unsuccessful);
  }
  .swatch.pending {
    background: var(--ac-color-border);
  }
  .failed-alert {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: var(--ac-space-2);
    margin-top: var(--ac-space-3);
    padding: var(--ac-space-2) var(--ac-space-3);
    border: 1px solid var(--ac-color-unsuccessful);
    border-left-width: 4px;
    border-radius: var(--ac-radius);
    background: var(--ac-color-unsuccessful-bg);
    color: var(--ac-color-text);
    font-weight: 600;
  }
  .alert-icon {
    display: inline-grid;
    place-items: center;
    width: 18px;
    height: 18px;
    border-radius: 50%;
    background: var(--ac-color-unsuccessful);
    color: var(--ac-color-bg);
    font-size: 12px;
    font-weight: 700;
  }
  .failed-alert button {
    margin-left: auto;
    padding: var(--ac-space-1) var(--ac-space-3);
    border: 1px solid var(--ac-color-unsuccessful);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    color: var(--ac-color-unsuccessful);
    font-weight: 600;
    cursor: pointer;
  }
  .failed-alert button:hover {
    background: var(--ac-color-bg);
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
    gap: var(--ac-space-3) var(--ac-space-4);
    margin: var(--ac-space-4) 0 0;
  }
  .fact {
    min-width: 0;
  }
  dt {
    color: var(--ac-color-text-muted);
    font-size: var(--ac-font-size-small);
  }
  dd {
    margin: 2px 0 0;
    overflow-wrap: anywhere;
    font-variant-numeric: tabular-nums;
  }
  @container (max-width: 480px) {
    .facts {
      grid-template-columns: 1fr 1fr;
    }
  }
`;
