import { defineMessages } from '../../i18n/index.js';

/** The analysis view's messages in English; French is `messages.fr.ts`, loaded the first time the view speaks it. */
export const EN = {
  loading: 'Analysing the jobs…',
  updating: 'Updating…',
  noStore: 'No job source is connected to this analysis.',
  empty: 'No job matches these filters.',
  'error.unauthenticated': 'Your session has ended. Log in again to see the analysis.',
  'error.forbidden': 'This account cannot see jobs: the Data Administrator role is needed.',
  'error.not-found': 'This server offers no analysis.',
  'error.bad-request': 'The server refused these filters, or offers no analysis.',
  'error.bad-response': 'The server sent an analysis this page cannot read.',
  'error.network': 'The server cannot be reached. Check the network, then retry.',
  'error.blocked':
    'The API does not allow this page’s origin, so the browser blocked its answers. The API must answer CORS for this page: see “Embedding on another origin” in the README.',
  'error.server': 'The server ran into a problem. Retry in a moment.',
  'error.aborted': 'Loading was cancelled.',

  tableTitle: 'Per type and node',
  tableHint:
    'Wait: from creation to start. Run: from start to end, for finished jobs. Percentiles are within 3 %. Select a count to see those jobs in the list.',
  type: 'Type',
  node: 'Node',
  allTypes: 'All types',
  allNodes: 'All nodes',
  finished: 'Finished',
  unsuccessful: 'Unsuccessful',
  successRate: 'Success',
  wait: 'Wait',
  run: 'Run',
  median: 'median',
  p95: 'p95',
  max: 'max',
  bytes: 'Data moved',
  throughput: 'Throughput',
  perSecond: '{size}/s',
  none: '–',
  openFinished: 'Show the {count} finished jobs: {what}',
  openUnsuccessful: 'Show the {count} unsuccessful jobs: {what}',
  cellName: '{type}, {node}',

  histogramTitle: 'Run-time distribution',
  histogramHint:
    'Finished jobs per run time, one line per node. Each step is 2 to 3 times longer than the one before. Select a line to see that node’s finished jobs.',
  histogramKeys:
    'Run-time chart. Left and right arrows read each run time, up and down arrows choose a node, Enter shows its finished jobs.',
  histogramType: 'Jobs of type',
  runTime: 'Run time',
  bucketRange: '{from} to {to}',
  bucketUnder: 'under {to}',
  bucketOver: '{from} and more',
  total: 'Total',

  trendsTitle: 'Trends',
  trendsHint: 'Jobs that finished per {bucket}, one line per node. Times in {zone}. Select a point to see that node’s jobs of that period.',
  trendsKeys:
    'Trends chart. Left and right arrows read each period, up and down arrows choose a node, Enter shows its jobs of that period.',
  metric: 'Figure',
  'metric.p95': 'p95 run time',
  'metric.failures': 'Failures',
  'metric.throughput': 'Throughput',
  period: 'Period',
  'bucket.hour': 'hour',
  'bucket.6hours': '6 hours',
  'bucket.day': 'day',
  'bucket.week': 'week',
  'bucket.other': '{minutes} minutes',

  stopsTitle: 'Why jobs stop',
  stopsHint: 'Unsuccessful jobs by the stage they stopped at, per node. Select a count to see those jobs.',
  stopsType: 'Jobs of type',
  stage: 'Stage',
  noStops: 'No job stopped without success.',
  openStops: 'Show the {count} jobs: {stage}, {node}',

  slowestTitle: 'Slowest finished jobs',
  waitingTitle: 'Longest-waiting scheduled jobs',
  name: 'Name',
  runTimeColumn: 'Run time',
  waitingColumn: 'Waiting for',
  finishedAt: 'Finished',
  createdAt: 'Created',
  noSlowest: 'No finished job.',
  noWaiting: 'No job is waiting to start.',

  reading: '{title}. {rows}.',
  readingRow: '{node}: {value}',

  showTable: 'Show as table',
  showChart: 'Show as chart',
  exportCsv: 'Export CSV',
  chartsFailed: 'The charts could not be loaded. Their numbers are in the tables: Show as table.',
  exportFailed: 'The CSV file could not be made: {reason}',

  'unit.s': '{n} s',
  'unit.min': '{n} min',
  'unit.h': '{n} h',
  'unit.d': '{n} d',
} as const;

export const t = defineMessages({ en: EN, fr: () => import('./messages.fr.js') });
