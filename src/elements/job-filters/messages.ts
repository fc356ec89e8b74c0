import { defineMessages } from '../../i18n/index.js';

/** The filters's messages in English; French is `messages.fr.ts`, loaded the first time a filter bar speaks it. */
export const EN = {
  filters: 'Filters',
  filtersCount: 'Filters ({count})',
  active: { one: '{count} filter active', other: '{count} filters active' },
  none: 'No filter: every job is shown',
  period: 'Period',
  lastDays: { one: 'Last 24 hours', other: 'Last {count} days' },
  allTime: 'All time',
  custom: 'Custom range',
  from: 'From',
  to: 'To',
  rangeMissing: 'Enter both dates.',
  rangeOrder: 'The start date must be on or before the end date.',
  state: 'State',
  node: 'Node',
  type: 'Type',
  stage: 'Stage',
  offline: 'offline',
  noNodes: 'No node yet',
} as const;

export const t = defineMessages({ en: EN, fr: () => import('./messages.fr.js') });
