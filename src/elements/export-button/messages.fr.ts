/** The export button's messages in French, loaded the first time an export button speaks it (`messages.ts`). */
import type { Translation } from '../../i18n/index.js';
import type { EN } from './messages.js';

const FR: Translation<typeof EN> = {
  export: 'Exporter',
  menu: 'Format d’export',
  'format.json': 'JSON',
  'format.xml': 'XML',
  'format.csv': 'CSV',
  'hint.json': 'pour les programmes',
  'hint.xml': 'pour les programmes',
  'hint.csv': 'pour les tableurs',
  running: 'Export {format} en cours…',
  'count.files': { one: '{done} fichier sur {total}', other: '{done} fichiers sur {total}' },
  'count.jobs': { one: '{done} job sur {total}', other: '{done} jobs sur {total}' },
  'countOpen.files': { one: '{count} fichier', other: '{count} fichiers' },
  'countOpen.jobs': { one: '{count} job', other: '{count} jobs' },
  cancel: 'Annuler',
  cancelled: 'Export annulé.',
  saved: '{fileName} enregistré.',
  failed: 'L’export a échoué : {reason}',
  dismiss: 'Fermer',
};

export default FR;
