/** The connection status's messages in French, loaded the first time a connection status speaks it (`messages.ts`). */
import type { Translation } from '../../i18n/index.js';
import type { EN } from './messages.js';

const FR: Translation<typeof EN> = {
  nextAttempt: 'nouvel essai dans {seconds} s',
  label: 'Mises à jour en direct : {status}',
  rejected: { one: '{count} élément refusé', other: '{count} éléments refusés' },
  rejectedIntro: 'Le serveur a envoyé des éléments contraires au contrat : ils ont été écartés, tout le reste est affiché.',
  'rejected.job': { one: '{count} tâche', other: '{count} tâches' },
  'rejected.file': { one: '{count} fichier', other: '{count} fichiers' },
  'rejected.node': {
    one: '{count} nœud (ses tâches sont affichées sous son identifiant)',
    other: '{count} nœuds (leurs tâches sont affichées sous leurs identifiants)',
  },
  'rejected.event': { one: '{count} mise à jour en direct', other: '{count} mises à jour en direct' },
  fields: 'champs en cause : {fields}',
  wholeItem: 'l’élément entier',
};

export default FR;
