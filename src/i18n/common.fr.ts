/** The shared messages in French, loaded the first time an element speaks it (`common.ts`). */
import type { COMMON_MESSAGES } from './common.js';
import type { Translation } from './messages.js';

const FR: Translation<typeof COMMON_MESSAGES.en> = {
  'jobType.DESTAGING': 'Déstockage',
  'jobType.VERSIONING': 'Versionnage',
  'jobType.ARCHIVING': 'Archivage',
  'jobType.STORAGE': 'Stockage',
  'jobType.COPY': 'Copie',
  'jobType.DUPLICATION': 'Duplication',

  'state.SCHEDULED': 'Planifié',
  'state.RUNNING': 'En cours',
  'state.SUCCESSFUL': 'Réussi',
  'state.UNSUCCESSFUL': 'Échoué',

  'stage.NOT_STARTED': 'Non démarré',
  'stage.IN_PROGRESS': 'En cours',
  'stage.NORMALLY': 'Terminé normalement',
  'stage.INTERRUPTED_ON_ERROR': 'Interrompu sur erreur',
  'stage.INTERRUPTED_BY_USER': 'Interrompu par l’utilisateur',
  'stage.INTERRUPTED_ON_SHUTDOWN': 'Interrompu par un arrêt',
  'stage.INTERRUPTED_ON_TIMEOUT': 'Interrompu sur délai dépassé',
  'stage.INTERRUPTED_NO_SPACE_LEFT': 'Interrompu : plus d’espace disponible',

  'fileStatus.PENDING': 'En attente',
  'fileStatus.DESTAGED': 'Déstocké',
  'fileStatus.ARCHIVED': 'Archivé',
  'fileStatus.CHECKED': 'Vérifié',
  'fileStatus.VERSIONED': 'Versionné',
  'fileStatus.COPIED': 'Copié',
  'fileStatus.DUPLICATED': 'Dupliqué',
  'fileStatus.SKIPPED': 'Ignoré',
  'fileStatus.FAILED': 'Échec',

  'connection.idle': 'Non connecté',
  'connection.connecting': 'Connexion…',
  'connection.live': 'En direct',
  'connection.reconnecting': 'Reconnexion…',
  'connection.offline': 'Hors ligne',
  'connection.error': 'Erreur de connexion',
  'connection.paused': 'En pause (page masquée)',

  retry: 'Réessayer',
  loading: 'Chargement…',
  export: 'Exporter',
  cancel: 'Annuler',
  close: 'Fermer',
  logOut: 'Se déconnecter',
  resetFilters: 'Réinitialiser les filtres',

  controlLabel: 'caractère caché {code}, {name}',
  controlTip:
    'Un caractère caché, {code} ({name}), dans le texte envoyé par le serveur : il peut changer la lecture du texte qui l’entoure, il est donc montré ici par une marque.',
};

export default FR;
