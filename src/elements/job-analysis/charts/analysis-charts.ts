/**
 * The code of the analysis view's two charts, uPlot with it: most of the view's bytes,
 * loaded when an analysis first shows (`ac-job-analysis.ts`), so that its tables, lists
 * and keyboard readings do not wait for them.
 */
export { readChartColors } from '../../job-dashboard/charts/chart-colors.js';
export { RunTimeChart } from './run-time-chart.js';
export { TrendChart } from './trend-chart.js';
