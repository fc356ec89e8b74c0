import { defineMessages } from '../../i18n/index.js';

export const t = defineMessages({
  en: {
    appTitle: 'Active Job Manager',
    navLabel: 'Views',
    dashboard: 'Dashboard',
    jobs: 'Jobs',
    analysis: 'Analysis',
    analysisFailed: 'The Analysis view could not load. Check the network, then retry.',
    job: 'Job {name}',
    signedInAs: 'Signed in as {name}',
    starting: 'Connecting to the cluster…',
    forbiddenTitle: 'You need the Data Administrator role',
    forbiddenText:
      'The account “{name}” is signed in but does not have the Data Administrator role, which the Active Job Manager requires. Ask an administrator for the role, or log out and sign in with another account.',
    failedTitle: 'The Active Job Manager could not start',
    failedText: '{message}',
    networkText: 'The server could not be reached. Check the network and try again.',
    timeZone: 'Times in {zone}',
    exportList: 'Export list',
  },
  fr: {
    appTitle: 'Active Job Manager',
    navLabel: 'Vues',
    dashboard: 'Tableau de bord',
    jobs: 'Tâches',
    analysis: 'Analyse',
    analysisFailed: 'La vue Analyse n’a pas pu se charger. Vérifiez le réseau, puis réessayez.',
    job: 'Tâche {name}',
    signedInAs: 'Connecté en tant que {name}',
    starting: 'Connexion au cluster…',
    forbiddenTitle: 'Le rôle Administrateur de données est requis',
    forbiddenText:
      'Le compte «\u00a0{name}\u00a0» est connecté mais n’a pas le rôle Administrateur de données, requis par l’Active Job Manager. Demandez ce rôle à un administrateur, ou déconnectez-vous et connectez-vous avec un autre compte.',
    failedTitle: 'L’Active Job Manager n’a pas pu démarrer',
    failedText: '{message}',
    networkText: 'Le serveur est injoignable. Vérifiez le réseau et réessayez.',
    timeZone: 'Heures en {zone}',
    exportList: 'Exporter la liste',
  },
});
