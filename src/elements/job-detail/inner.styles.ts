/**
 * Base rules for the elements that live inside `<ac-job-detail>`'s shadow root. They do
 * not declare the `--ac-*` tokens (that would reset a host page's overrides and the
 * detail's theme): they inherit them from `<ac-job-detail>`.
 */
import { css } from 'lit';

export const innerBaseStyles = css`
  :host {
    display: block;
    font-family: var(--ac-font-family);
    font-size: var(--ac-font-size);
    color: var(--ac-color-text);
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--ac-color-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    color: inherit;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
