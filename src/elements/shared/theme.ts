/**
 * Design tokens shared by every element: colours, spacing, type, focus ring, in light
 * and dark. A host page overrides any `--ac-*` property; `theme="dark"` / `theme="light"`
 * on an element (or an ancestor's `data-ac-theme`) forces a theme, otherwise
 * `prefers-color-scheme` decides.
 */
import { css } from 'lit';

/**
 * What each token is for: its description in custom-elements.json, on every element that
 * reads it (scripts/manifest.mjs reads this comment; the light value below is the default).
 *
 * --ac-color-bg: Background of the elements: lists, forms, the page area they fill.
 * --ac-color-surface: Background of toolbars, table heads and panels set off from the content.
 * --ac-color-surface-raised: Background of cards, menus and tooltips; the charts blend their textures on it.
 * --ac-color-border: Borders and separators; the charts’ grid lines.
 * --ac-color-text: Text; the charts’ labels.
 * --ac-color-text-muted: Secondary text: counts, hints, placeholders, axis ticks.
 * --ac-color-accent: Links, the current tab, primary buttons, selected choices.
 * --ac-color-accent-text: Text on the accent colour.
 * --ac-color-focus: The keyboard focus ring.
 * --ac-color-row-hover: Background of a row or choice under the pointer.
 * --ac-color-row-active: Background of a pressed or current row or tab.
 * --ac-color-scheduled: Colour of the SCHEDULED state.
 * --ac-color-running: Colour of the RUNNING state and of live progress.
 * --ac-color-successful: Colour of the SUCCESSFUL state and of files done.
 * --ac-color-unsuccessful: Colour of the UNSUCCESSFUL state, of failed files and of errors.
 * --ac-color-scheduled-bg: Background tinted with the SCHEDULED colour (badges, pressed indicators).
 * --ac-color-running-bg: Background tinted with the RUNNING colour.
 * --ac-color-successful-bg: Background tinted with the SUCCESSFUL colour.
 * --ac-color-unsuccessful-bg: Background tinted with the UNSUCCESSFUL colour (error messages too).
 * --ac-color-warning: Colour of warnings: a connection that is reconnecting or behind.
 * --ac-shadow: Shadow of raised surfaces: cards, menus, tooltips.
 * --ac-font-family: Font of all text.
 * --ac-font-mono: Font of identifiers and file paths.
 * --ac-font-size: Size of body text.
 * --ac-font-size-small: Size of secondary text and of the charts’ labels.
 * --ac-radius: Corner radius of cards, fields and buttons.
 * --ac-space-1: Smallest spacing step.
 * --ac-space-2: Spacing step 2: gaps inside controls.
 * --ac-space-3: Spacing step 3: padding of toolbars and cells.
 * --ac-space-4: Spacing step 4: padding of cards and sections.
 * --ac-space-6: Largest spacing step: around messages and page sections.
 * --ac-row-height: Height of a row in the job list and the file table (rows have one fixed height).
 */
const light = css`
  --ac-color-bg: #ffffff;
  --ac-color-surface: #f6f7f9;
  --ac-color-surface-raised: #ffffff;
  --ac-color-border: #d8dce3;
  --ac-color-text: #1b1f24;
  --ac-color-text-muted: #5b6470;
  --ac-color-accent: #0b62d6;
  --ac-color-accent-text: #ffffff;
  --ac-color-focus: #0b62d6;
  --ac-color-row-hover: #eef3fb;
  --ac-color-row-active: #dde8fa;
  --ac-color-scheduled: #6b5bd2;
  --ac-color-running: #0b62d6;
  --ac-color-successful: #1e7d32;
  --ac-color-unsuccessful: #c62828;
  --ac-color-scheduled-bg: #efedfb;
  --ac-color-running-bg: #e6effc;
  --ac-color-successful-bg: #e7f4e8;
  --ac-color-unsuccessful-bg: #fdecea;
  --ac-color-warning: #a15c00;
  --ac-shadow: 0 1px 2px rgb(0 0 0 / 8%), 0 1px 6px rgb(0 0 0 / 6%);
`;

const dark = css`
  --ac-color-bg: #14171c;
  --ac-color-surface: #1b1f26;
  --ac-color-surface-raised: #222730;
  --ac-color-border: #343b47;
  --ac-color-text: #e7eaef;
  --ac-color-text-muted: #9aa4b2;
  --ac-color-accent: #5b9dff;
  --ac-color-accent-text: #0b0d10;
  --ac-color-focus: #7fb2ff;
  --ac-color-row-hover: #232a35;
  --ac-color-row-active: #2a3444;
  --ac-color-scheduled: #a99cff;
  --ac-color-running: #6aa8ff;
  --ac-color-successful: #5cc46a;
  --ac-color-unsuccessful: #ff6b63;
  --ac-color-scheduled-bg: #2a2640;
  --ac-color-running-bg: #1c2b44;
  --ac-color-successful-bg: #1a3320;
  --ac-color-unsuccessful-bg: #3d1d1c;
  --ac-color-warning: #f0b35a;
  --ac-shadow: 0 1px 2px rgb(0 0 0 / 40%), 0 1px 8px rgb(0 0 0 / 30%);
`;

/**
 * What every shadow root needs whatever its tokens: `hidden` honoured, border-box sizing,
 * a visible focus ring, a visually hidden class for screen-reader text, reduced motion.
 */
export const baseRules = css`
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
  /* A hidden control character of a server's text, shown as a mark (visible-controls.ts). */
  .ac-control {
    unicode-bidi: isolate;
    direction: ltr;
    font-family: var(--ac-font-mono, monospace);
    font-size: 0.85em;
    color: var(--ac-color-warning);
    border: 1px dotted currentColor;
    border-radius: 3px;
    padding: 0 1px;
    cursor: help;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;

/**
 * Put first in every element's `static styles`. An element declares the tokens only when
 * it stands on its own: one that another of ours renders carries `data-ac-inner` and
 * inherits them, so that a page's `ac-job-manager { --ac-color-accent: … }`
 * and the outer element's theme reach every element inside.
 */
export const themeStyles = css`
  :host(:not([data-ac-inner])) {
    ${light}
    --ac-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --ac-font-mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    --ac-font-size: 14px;
    --ac-font-size-small: 12px;
    --ac-radius: 6px;
    --ac-space-1: 4px;
    --ac-space-2: 8px;
    --ac-space-3: 12px;
    --ac-space-4: 16px;
    --ac-space-6: 24px;
    --ac-row-height: 36px;
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light']):not([data-ac-inner])) {
      ${dark}
      color-scheme: dark;
    }
  }
  :host([theme='dark']:not([data-ac-inner])) {
    ${dark}
    color-scheme: dark;
  }
  :host {
    font-family: var(--ac-font-family);
    font-size: var(--ac-font-size);
    color: var(--ac-color-text);
  }
  ${baseRules}
`;
