import { defineMessages } from '../../i18n/index.js';

export const t = defineMessages({
  en: {
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
  },
  fr: {
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
  },
});
