/**
 * The code of the dashboard's three charts, uPlot with it: most of the dashboard's bytes,
 * loaded when a dashboard first shows (`ac-job-dashboard.ts`), so that its numbers, filter
 * buttons and tables do not wait for them.
 */
export { ActivityChart } from './activity-chart.js';
export { readChartColors } from './chart-colors.js';
export { NodeChart } from './node-chart.js';
export { TypeChart } from './type-chart.js';
