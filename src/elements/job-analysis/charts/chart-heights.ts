/**
 * Each analysis chart's height in CSS pixels: the chart is drawn at it, and the analysis
 * keeps that room for it while the chart code loads, so that nothing moves when the charts appear.
 */
export const CHART_HEIGHT = { histogram: 220, trends: 200 } as const;
