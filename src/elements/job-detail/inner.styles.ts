/**
 * Base rules for the elements that live inside `<ac-job-detail>`'s shadow root. They do
 * not declare the `--ac-*` tokens (that would reset a host page's overrides and the
 * detail's theme): they inherit them from `<ac-job-detail>`.
 */
import { css } from 'lit';
import { baseRules } from '../shared/theme.js';

export const innerBaseStyles = css`
  :host {
    display: block;
    font-family: var(--ac-font-family);
    font-size: var(--ac-font-size);
    color: var(--ac-color-text);
  }
  ${baseRules}
  button {
    font: inherit;
    color: inherit;
  }
`;
