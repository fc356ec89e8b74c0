import { defineMessages } from '../../i18n/index.js';

export const t = defineMessages({
  en: {
    appTitle: 'Active Job Manager',
    navLabel: 'Views',
    dashboard: 'Dashboard',
    jobs: 'Jobs',
    job: 'Job {name}',
    signedInAs: 'Signed in as {name}',
    starting: 'Connecting to the cluster…',
    forbiddenTitle: 'You need the Data Administrator role',
    forbiddenText:
      'The account “{name}” is signed in but does not have the Data Administrator role, which the Active Job Manager requires. Ask an administrator for the role, or log out and sign in with another account.',
    failedTitle: 'The Active Job Manager could not start',
    failedText: '{message}',
    networkText: 'The server could not be reached. Check the network and try again.',
    blockedText:
      'The API at {api} does not allow pages from {page}, so the browser blocked its answers. It must answer CORS for {page} (with credentials, or take a bearer token): see “Embedding on another origin” in the README.',
    sessionEndedTitle: 'Your session has ended',
    sessionEndedText: 'Your session has ended. Log in again to go on where you were: the view and its filters are kept.',
    signInTitle: 'Sign in again',
    signInText: 'Your session has ended, or the sign-in was refused. Sign in again through the portal, then retry.',
    viewFailedTitle: 'This view could not be loaded',
    timeZone: 'Times in {zone}',
    exportList: 'Export list',
  },
  fr: {
    appTitle: 'Active Job Manager',
    navLabel: 'Vues',
    dashboard: 'Tableau de bord',
    jobs: 'Tâches',
    job: 'Tâche {name}',
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
    timeZone: 'Heures en {zone}',
    exportList: 'Exporter la liste',
  },
});
