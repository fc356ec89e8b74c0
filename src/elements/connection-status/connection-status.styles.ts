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
  @keyframes pulse {
    50% {
      opacity: 0.35;
    }
  }
`;
