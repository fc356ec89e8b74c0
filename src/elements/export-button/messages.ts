import { defineMessages } from '../../i18n/index.js';

/** Words of the export button in English; French is `messages.fr.ts`, loaded the first time an export button speaks it. */
export const EN = {
  export: 'Export',
  menu: 'Export format',
  'format.json': 'JSON',
  'format.xml': 'XML',
  'format.csv': 'CSV',
  'hint.json': 'for programs',
  'hint.xml': 'for programs',
  'hint.csv': 'for spreadsheets',
  running: 'Exporting {format}…',
  'count.files': { one: '{done} of {total} file', other: '{done} of {total} files' },
  'count.jobs': { one: '{done} of {total} job', other: '{done} of {total} jobs' },
  'countOpen.files': { one: '{count} file', other: '{count} files' },
  'countOpen.jobs': { one: '{count} job', other: '{count} jobs' },
  cancel: 'Cancel',
  cancelled: 'Export cancelled.',
  saved: 'Saved {fileName}.',
  failed: 'The export failed: {reason}',
  dismiss: 'Dismiss',
} as const;

export const msg = defineMessages({ en: EN, fr: () => import('./messages.fr.js') });
