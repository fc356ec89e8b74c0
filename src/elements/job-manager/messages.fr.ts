/** The manager's messages in French, loaded the first time a manager speaks it (`messages.ts`). */
import type { Translation } from '../../i18n/index.js';
import type { EN } from './messages.js';

const FR: Translation<typeof EN> = {
  appTitle: 'Active Job Manager',
  navLabel: 'Vues',
  dashboard: 'Tableau de bord',
  jobs: 'Tâches',
  analysis: 'Analyse',
  dashboardView: 'Tableau de bord des tâches',
  jobsView: 'Liste des tâches',
  jobView: 'Détails de la tâche',
  analysisView: 'Analyse des tâches',
  signedInAs: 'Connecté en tant que {name}',
  starting: 'Connexion au cluster…',
  forbiddenTitle: 'Le rôle Administrateur de données est requis',
  forbiddenText:
    'Le compte «\u00a0{name}\u00a0» est connecté mais n’a pas le rôle Administrateur de données, requis par l’Active Job Manager. Demandez ce rôle à un administrateur, ou déconnectez-vous et connectez-vous avec un autre compte.',
  failedTitle: 'L’Active Job Manager n’a pas pu démarrer',
  failedText: '{message}',
  networkText: 'Le serveur est injoignable. Vérifiez le réseau et réessayez.',
  blockedText:
    'L’API à {api} n’autorise pas les pages de {page} : le navigateur a bloqué ses réponses. Elle doit répondre en CORS à {page} (avec les cookies, ou accepter un jeton) : voir «\u00a0Embedding on another origin\u00a0» dans le README.',
  sessionEndedTitle: 'Votre session a pris fin',
  sessionEndedText: 'Votre session a pris fin. Reconnectez-vous pour reprendre où vous en étiez : la vue et ses filtres sont conservés.',
  signInTitle: 'Reconnectez-vous',
  signInText: 'Votre session a pris fin, ou la connexion a été refusée. Reconnectez-vous par le portail, puis réessayez.',
  viewFailedTitle: 'Cette vue n’a pas pu être chargée',
  loginFailedTitle: 'Le formulaire de connexion n’a pas pu être chargé',
  timeZone: 'Heures en {zone}',
  exportList: 'Exporter la liste',
};

export default FR;
