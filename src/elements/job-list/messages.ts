import { defineMessages } from '../../i18n/index.js';

/** The list's messages in English; French is `messages.fr.ts`, loaded the first time a list speaks it. */
export const EN = {
  searchPlaceholder: 'Search…',
  searchLabel: 'Search jobs by name, type or description',
  count: { one: '{count} job', other: '{count} jobs' },
  gridLabel: 'Jobs',
  'column.name': 'Name',
  'column.type': 'Type',
  'column.description': 'Description',
  'column.createdAt': 'Creation date',
  'column.updatedAt': 'Last Update',
  'column.node': 'Node',
  'column.state': 'State',
  'column.stage': 'Stage',
  timesIn: 'Time zone: {zone}',
  newJobs: { one: '{count} new job', other: '{count} new jobs' },
  showNewJobs: 'Show',
  emptyFiltered: 'No job matches these filters',
  emptyAll: 'No jobs yet',
  loadingRow: 'Loading…',
  'error.unauthenticated': 'Your session has ended. Log in again to see the jobs.',
  'error.forbidden': 'This account cannot see jobs: the Data Administrator role is needed.',
  'error.not-found': 'The jobs could not be found on the server.',
  'error.bad-request': 'The server refused this search.',
  'error.bad-response': 'The server sent an answer this page cannot read.',
  'error.network': 'The server cannot be reached. Check the connection.',
  'error.blocked':
    'The API does not allow this page’s origin, so the browser blocked its answers. The API must answer CORS for this page: see “Embedding on another origin” in the README.',
  'error.server': 'The server failed to answer. Try again in a moment.',
  'error.aborted': 'Loading the jobs was stopped.',
} as const;

export const t = defineMessages({ en: EN, fr: () => import('./messages.fr.js') });
