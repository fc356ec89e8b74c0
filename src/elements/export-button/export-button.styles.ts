import { css } from 'lit';

export const exportButtonStyles = css`
  :host {
    display: inline-block;
    position: relative;
  }
  .wrap {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: var(--ac-space-2);
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  .trigger,
  .cancel {
    display: inline-flex;
    align-items: center;
    gap: var(--ac-space-2);
    min-height: 34px;
    padding: var(--ac-space-1) var(--ac-space-3);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    font-weight: 600;
  }
  .trigger:hover:not(:disabled),
  .cancel:hover {
    background: var(--ac-color-row-hover);
  }
  .trigger:disabled {
    cursor: default;
    opacity: 0.55;
  }
  .icon {
    font-size: 1.1em;
    line-height: 1;
  }
  .caret {
    font-size: 0.8em;
    color: var(--ac-color-text-muted);
  }
  .menu {
    position: absolute;
    top: calc(100% + 4px);
    inset-inline-end: 0;
    z-index: 10;
    display: grid;
    min-width: 220px;
    padding: var(--ac-space-1);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    box-shadow: var(--ac-shadow);
  }
  .menu[hidden] {
    display: none;
  }
  [role='menuitem'] {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--ac-space-3);
    padding: var(--ac-space-2) var(--ac-space-3);
    border: 0;
    border-radius: 4px;
    background: none;
    text-align: start;
  }
  [role='menuitem']:hover,
  [role='menuitem']:focus-visible {
    background: var(--ac-color-row-active);
  }
  .format {
    font-weight: 600;
  }
  .hint {
    color: var(--ac-color-text-muted);
    font-size: var(--ac-font-size-small);
  }
  .running {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ac-space-2) var(--ac-space-3);
  }
  .running-text {
    font-variant-numeric: tabular-nums;
  }
  .count {
    color: var(--ac-color-text-muted);
  }
  progress {
    width: 120px;
    height: 8px;
    accent-color: var(--ac-color-accent);
  }
  .message {
    display: inline-flex;
    align-items: center;
    gap: var(--ac-space-2);
    max-width: 100%;
    color: var(--ac-color-text-muted);
    font-size: var(--ac-font-size-small);
    overflow-wrap: anywhere;
  }
  .message.saved {
    color: var(--ac-color-successful);
  }
  .message.failed {
    color: var(--ac-color-unsuccessful);
    font-weight: 600;
  }
  .dismiss {
    padding: 0 var(--ac-space-1);
    border: 0;
    background: none;
    color: var(--ac-color-text-muted);
    font-size: 1.1em;
    line-height: 1;
  }
`;
