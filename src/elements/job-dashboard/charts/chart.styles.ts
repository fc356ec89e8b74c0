/**
 * The charts' stylesheet, which comes with their code: a chart adds it to the shadow root
 * it is drawn in (`adoptChartStyles`), so that the stylesheets a view's first render waits
 * for do not carry it. First the rules of uPlot's stylesheet the charts need inside a
 * shadow root (a page's copy of `uPlot.min.css` cannot reach it), adapted from uPlot
 * 1.6.32, `dist/uPlot.min.css`, MIT licence, (c) Leon Sorokin: the legend and title rules
 * are left out (the views draw their own legends), the cursor line takes a theme colour,
 * a plot is as wide as its room. Then the hover band and the tooltip every chart draws.
 */
import { css } from 'lit';

export const chartStyles = css`
  .uplot,
  .uplot *,
  .uplot *::before,
  .uplot *::after {
    box-sizing: border-box;
  }
  .uplot {
    font-family: inherit;
    line-height: 1.5;
    width: 100%;
  }
  .u-wrap {
    position: relative;
    user-select: none;
  }
  .u-over,
  .u-under {
    position: absolute;
  }
  .u-under {
    overflow: hidden;
  }
  .uplot canvas {
    display: block;
    position: relative;
    width: 100%;
    height: 100%;
  }
  .u-axis {
    position: absolute;
  }
  .u-select {
    background: rgb(0 0 0 / 7%);
    position: absolute;
    pointer-events: none;
  }
  .u-cursor-x,
  .u-cursor-y {
    position: absolute;
    left: 0;
    top: 0;
    pointer-events: none;
    will-change: transform;
  }
  .u-hz .u-cursor-x,
  .u-vt .u-cursor-y {
    height: 100%;
    border-right: 1px dashed var(--ac-color-text-muted);
  }
  .u-hz .u-cursor-y,
  .u-vt .u-cursor-x {
    width: 100%;
    border-bottom: 1px dashed var(--ac-color-text-muted);
  }
  .u-cursor-pt {
    position: absolute;
    top: 0;
    left: 0;
    border-radius: 50%;
    border: 0 solid;
    pointer-events: none;
    will-change: transform;
    /* uPlot sets an inline background shorthand */
    background-clip: padding-box !important;
  }
  .u-axis.u-off,
  .u-select.u-off,
  .u-cursor-x.u-off,
  .u-cursor-y.u-off,
  .u-cursor-pt.u-off {
    display: none;
  }
  .u-over {
    cursor: pointer;
  }
  .activity .u-over {
    cursor: crosshair;
  }
  .hover-band {
    position: absolute;
    left: 0;
    top: 0;
    pointer-events: none;
    background: var(--ac-color-row-hover);
  }

  /* Tooltip */
  .tip {
    position: absolute;
    left: 0;
    top: 0;
    z-index: 2;
    min-width: 140px;
    padding: var(--ac-space-2) var(--ac-space-3);
    border: 1px solid var(--ac-color-border);
    border-radius: var(--ac-radius);
    background: var(--ac-color-surface-raised);
    box-shadow: var(--ac-shadow);
    font-size: var(--ac-font-size-small);
    pointer-events: none;
  }
  .tip-title {
    font-weight: 650;
    margin-bottom: 4px;
  }
  .tip table {
    border-collapse: collapse;
    width: 100%;
  }
  .tip td {
    padding: 1px 0;
  }
  .tip td:first-child {
    width: 18px;
  }
  .tip .num {
    padding-inline-start: var(--ac-space-3);
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .tip tr.strong td {
    border-top: 1px solid var(--ac-color-border);
    padding-top: 3px;
    font-weight: 650;
  }
`;

/**
 * Adds the charts' stylesheet to the shadow root (or document) `node` is in, once. Every
 * browser this library runs in adopts constructed stylesheets (lit's `styleSheet` is
 * then defined), which a strict Content-Security-Policy allows.
 */
export function adoptChartStyles(node: Node): void {
  const root = node.getRootNode();
  const sheet = chartStyles.styleSheet;
  if (!sheet || !(root instanceof ShadowRoot || root instanceof Document)) return;
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
