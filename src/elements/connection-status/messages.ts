import { defineMessages } from '../../i18n/index.js';

/** The connection status's messages in English; French is `messages.fr.ts`, loaded the first time a connection status speaks it. */
export const EN = {
  nextAttempt: 'next attempt in {seconds} s',
  label: 'Live updates: {status}',
  rejected: { one: '{count} item refused', other: '{count} items refused' },
  rejectedIntro: 'The server sent items that break the contract: they were left out, and everything else is shown.',
  'rejected.job': { one: '{count} job', other: '{count} jobs' },
  'rejected.file': { one: '{count} file', other: '{count} files' },
  'rejected.node': { one: '{count} node (its jobs show under its id)', other: '{count} nodes (their jobs show under their ids)' },
  'rejected.event': { one: '{count} live update', other: '{count} live updates' },
  fields: 'fields at fault: {fields}',
  wholeItem: 'the whole item',
} as const;

export const t = defineMessages({ en: EN, fr: () => import('./messages.fr.js') });
