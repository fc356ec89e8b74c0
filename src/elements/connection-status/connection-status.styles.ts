import { css } from 'lit';

export const connectionStatusStyles = css`
  :host {
    display: inline-block;
    font-size: var(--ac-font-size-small);
    color: var(--ac-color-text-muted);
    white-space: nowrap;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: var(--ac-space-2);
  }
  .dot {
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--ac-color-text-muted);
    flex: none;
  }
  .live .dot {
    background: var(--ac-color-successful);
    box-shadow: 0 0 0 3px var(--ac-color-successful-bg);
  }
  .connecting .dot,
  .reconnecting .dot {
    background: var(--ac-color-warning);
    animation: pulse 1.2s ease-in-out infinite;
  }
  .offline .dot,
  .error .dot {
    background: var(--ac-color-unsuccessful);
  }
  .error {
    color: var(--ac-color-unsuccessful);
  }
  .rejected-wrap {
    position: relative;
    margin-inline-start: var(--ac-space-2);
  }
  .rejected {
    font: inherit;
    color: var(--ac-color-warning);
    background: none;
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 var(--ac-space-2);
    cursor: pointer;
  }
  .rejected .mark {
    font-weight: 700;
    margin-inline-end: var(--ac-space-1);
  }
  .details {
    position: absolute;
    inset-inline-end: 0;
    top: calc(100% + var(--ac-space-1));
    z-index: 10;
    width: min(24em, 90vw);
    padding: var(--ac-space-2) var(--ac-space-3);
    white-space: normal;
    color: var(--ac-color-text);
    background: var(--ac-color-surface-raised);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    box-shadow: var(--ac-shadow);
  }
  .details[hidden] {
    display: none;
  }
  .details p,
  .details ul {
    margin: 0;
  }
  .details ul {
    padding-inline-start: 1.2em;
    margin-top: var(--ac-space-1);
  }
  @keyframes pulse {
    50% {
      opacity: 0.35;
    }
  }
`;
