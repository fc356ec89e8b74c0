import { css } from 'lit';

export const jobDetailStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    background: var(--ac-color-bg);
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ac-space-2) var(--ac-space-4);
    margin-bottom: var(--ac-space-4);
  }
  .back,
  .retry {
    display: inline-flex;
    align-items: center;
    gap: var(--ac-space-1);
    min-height: 34px;
    padding: var(--ac-space-1) var(--ac-space-3);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    color: var(--ac-color-text);
    font: inherit;
    cursor: pointer;
  }
  .back:hover,
  .retry:hover {
    background: var(--ac-color-row-hover);
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ac-space-2) var(--ac-space-3);
    flex: 1 1 240px;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 1.3rem;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  h3 {
    margin: 0 0 var(--ac-space-3);
    font-size: 1rem;
  }
  .export {
    margin-inline-start: auto;
  }
  .card {
    margin-bottom: var(--ac-space-4);
    padding: var(--ac-space-4);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    box-shadow: var(--ac-shadow);
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
    gap: var(--ac-space-3) var(--ac-space-4);
    margin: 0;
  }
  .field {
    min-width: 0;
  }
  .field.wide {
    grid-column: 1 / -1;
  }
  dt {
    color: var(--ac-color-text-muted);
    font-size: var(--ac-font-size-small);
  }
  dd {
    margin: 2px 0 0;
    overflow-wrap: anywhere;
  }
  .mono {
    font-family: var(--ac-font-mono);
    font-size: 13px;
  }
  .state {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 1px var(--ac-space-2);
    border-radius: 999px;
    font-weight: 600;
    font-size: var(--ac-font-size-small);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .state .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: currentColor;
  }
  .state-scheduled {
    color: var(--ac-color-scheduled);
    background: var(--ac-color-scheduled-bg);
  }
  .state-running {
    color: var(--ac-color-running);
    background: var(--ac-color-running-bg);
  }
  .state-successful {
    color: var(--ac-color-successful);
    background: var(--ac-color-successful-bg);
  }
  .state-unsuccessful {
    color: var(--ac-color-unsuccessful);
    background: var(--ac-color-unsuccessful-bg);
  }
  .node {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .node-swatch {
    width: 12px;
    height: 12px;
    border-radius: 3px;
    background: var(--_node-color, var(--ac-color-border));
  }
  .message {
    padding: var(--ac-space-4);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface);
  }
  .message p {
    margin: 0 0 var(--ac-space-3);
  }
  .message p:last-child {
    margin-bottom: 0;
  }
  .message.loading {
    color: var(--ac-color-text-muted);
  }
  .message.not-found,
  .message.error {
    border-left: 4px solid var(--ac-color-unsuccessful);
    font-weight: 600;
  }
  @container (max-width: 480px) {
    .card {
      padding: var(--ac-space-3);
    }
    .fields {
      grid-template-columns: 1fr 1fr;
    }
    .export {
      margin-inline-start: 0;
    }
  }
`;
