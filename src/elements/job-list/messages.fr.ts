/** The list's messages in French, loaded the first time a list speaks it (`messages.ts`). */
import type { Translation } from '../../i18n/index.js';
import type { EN } from './messages.js';

const FR: Translation<typeof EN> = {
  searchPlaceholder: 'Rechercher…',
  searchLabel: 'Rechercher des tâches par nom, type ou description',
  count: { one: '{count} tâche', other: '{count} tâches' },
  gridLabel: 'Tâches',
  'column.name': 'Nom',
  'column.type': 'Type',
  'column.description': 'Description',
  'column.createdAt': 'Date de création',
  'column.updatedAt': 'Dernière mise à jour',
  'column.node': 'Nœud',
  'column.state': 'État',
  'column.stage': 'Étape',
  timesIn: 'Fuseau horaire : {zone}',
  newJobs: { one: '{count} nouvelle tâche', other: '{count} nouvelles tâches' },
  showNewJobs: 'Afficher',
  emptyFiltered: 'Aucune tâche ne correspond à ces filtres',
  emptyAll: 'Aucune tâche pour l’instant',
  loadingRow: 'Chargement…',
  'error.unauthenticated': 'Votre session a pris fin. Reconnectez-vous pour voir les tâches.',
  'error.forbidden': 'Ce compte ne peut pas voir les tâches : le rôle Administrateur de données est nécessaire.',
  'error.not-found': 'Les tâches sont introuvables sur le serveur.',
  'error.bad-request': 'Le serveur a refusé cette recherche.',
  'error.bad-response': 'Le serveur a envoyé une réponse que cette page ne sait pas lire.',
  'error.network': 'Le serveur est injoignable. Vérifiez la connexion.',
  'error.blocked':
    'L’API n’autorise pas l’origine de cette page : le navigateur a bloqué ses réponses. L’API doit répondre en CORS à cette page : voir « Embedding on another origin » dans le README.',
  'error.server': 'Le serveur n’a pas pu répondre. Réessayez dans un instant.',
  'error.aborted': 'Le chargement des tâches a été interrompu.',
};

export default FR;
