import { css } from 'lit';

export const jobManagerStyles = css`
  :host {
    display: block;
    min-height: 100%;
    background: var(--ac-color-bg);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--ac-space-2) var(--ac-space-4);
    padding: var(--ac-space-2) var(--ac-space-4);
    border-bottom: 1px solid var(--ac-color-border);
    background: var(--ac-color-surface);
  }
  h1 {
    margin: 0;
    font-size: 1.1rem;
    font-weight: 700;
    white-space: nowrap;
  }
  nav {
    display: flex;
    gap: var(--ac-space-1);
  }
  nav a {
    padding: var(--ac-space-2) var(--ac-space-3);
    border-radius: var(--ac-radius);
    color: var(--ac-color-text);
    text-decoration: none;
    font-weight: 600;
  }
  nav a:hover {
    background: var(--ac-color-row-hover);
  }
  nav a[aria-current='page'] {
    background: var(--ac-color-row-active);
    color: var(--ac-color-accent);
  }
  .spacer {
    flex: 1;
  }
  .user {
    display: flex;
    align-items: center;
    gap: var(--ac-space-2);
    color: var(--ac-color-text-muted);
    font-size: var(--ac-font-size-small);
  }
  .tz {
    color: var(--ac-color-text-muted);
    font-size: var(--ac-font-size-small);
  }
  button {
    font: inherit;
    padding: var(--ac-space-1) var(--ac-space-3);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    color: var(--ac-color-text);
    cursor: pointer;
  }
  button:hover {
    background: var(--ac-color-row-hover);
  }
  main {
    display: grid;
    gap: var(--ac-space-4);
    padding: var(--ac-space-4);
  }
  main:focus {
    outline: none;
  }
  .view-jobs {
    grid-template-rows: auto minmax(420px, 1fr);
    height: calc(100vh - 58px);
  }
  .message {
    max-width: 560px;
    margin: var(--ac-space-6) auto;
    padding: var(--ac-space-6);
    background: var(--ac-color-surface-raised);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
  }
  .message h2 {
    margin-top: 0;
  }
  @media (max-width: 600px) {
    header {
      padding: var(--ac-space-2);
    }
    main {
      padding: var(--ac-space-2);
    }
    .tz,
    .user .name {
      display: none;
    }
  }
`;
