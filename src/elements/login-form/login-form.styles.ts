import { css } from 'lit';

export const loginFormStyles = css`
  :host {
    display: block;
    max-width: 380px;
    margin: var(--ac-space-6) auto;
    padding: 0 var(--ac-space-4);
  }
  form {
    display: grid;
    gap: var(--ac-space-3);
    padding: var(--ac-space-6);
    background: var(--ac-color-surface-raised);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    box-shadow: var(--ac-shadow);
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  p {
    margin: 0;
    color: var(--ac-color-text-muted);
  }
  label {
    display: grid;
    gap: var(--ac-space-1);
    font-weight: 600;
  }
  input {
    font: inherit;
    padding: var(--ac-space-2) var(--ac-space-3);
    /* The field's only outline: the muted text colour keeps it above 3:1 against the card. */
    border: 1px solid var(--ac-color-text-muted);
    border-radius: var(--ac-radius);
    background: var(--ac-color-bg);
    color: var(--ac-color-text);
  }
  button {
    font: inherit;
    font-weight: 600;
    padding: var(--ac-space-2) var(--ac-space-4);
    border: 0;
    border-radius: var(--ac-radius);
    background: var(--ac-color-accent);
    color: var(--ac-color-accent-text);
    cursor: pointer;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: progress;
  }
  .throttled ~ button[disabled] {
    cursor: not-allowed;
  }
  @media (max-width: 480px) {
    :host {
      margin: var(--ac-space-4) auto;
      padding: 0;
    }
    form {
      padding: var(--ac-space-4);
    }
  }
  .error {
    color: var(--ac-color-unsuccessful);
    font-weight: 600;
  }
`;
