/**
 * Each chart's height in CSS pixels: the chart is drawn at it, and the dashboard keeps that
 * room for it while the chart code loads, so that nothing moves when the charts appear.
 */
export const CHART_HEIGHT = { nodes: 240, types: 230, activity: 220 } as const;
