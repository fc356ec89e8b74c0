import { css } from 'lit';

export const jobManagerStyles = css`
  /* The header, then the view filling whatever height the host is given (none: its content's). */
  :host {
    display: grid;
    grid-template-rows: auto 1fr;
    grid-template-columns: minmax(0, 1fr);
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
  /* Kept at the right when the header wraps onto a second line (narrow screens, longer French labels). */
  ac-connection-status,
  .user {
    margin-inline-start: auto;
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
    grid-template-columns: minmax(0, 1fr);
    align-content: start;
    gap: var(--ac-space-4);
    padding: var(--ac-space-4);
  }
  main:focus {
    outline: none;
  }
  /* The list takes the height left under the filters, at least 420 px: the page scrolls
     rather than the list overflowing its view. Its own rows never size it (contain). */
  .view-jobs {
    grid-template-rows: auto minmax(420px, 1fr);
    align-content: stretch;
  }
  .view-jobs ac-job-list {
    height: auto;
    contain: size;
  }
  /* The session ended: the login form takes the view's place; the view stays behind it,
     laid out (its scroll positions kept) but unseen and inert. */
  .view {
    display: contents;
  }
  .view[inert] {
    visibility: hidden;
  }
  main,
  .session-ended {
    grid-row: 2;
    grid-column: 1;
  }
  .session-ended {
    align-self: start;
    padding: var(--ac-space-4);
  }
  .ended {
    max-width: 560px;
    margin: 0 auto var(--ac-space-4);
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
    .message {
      margin: var(--ac-space-4) auto;
      padding: var(--ac-space-4);
    }
  }
`;
