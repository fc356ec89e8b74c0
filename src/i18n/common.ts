/** Labels every element shares: job types, states, stages, file and connection statuses, common words. */
import type { FileStatus, JobState, JobType, KnownJobStage } from '../model/index.js';
import { KNOWN_STAGES } from '../model/index.js';
import type { ConnectionStatus } from '../source/job-source.js';
import type { Locale } from './locale.js';
import { defineMessages } from './messages.js';

const EN = {
  'jobType.DESTAGING': 'Destaging',
  'jobType.VERSIONING': 'Versioning',
  'jobType.ARCHIVING': 'Archiving',
  'jobType.STORAGE': 'Storage',
  'jobType.COPY': 'Copy',
  'jobType.DUPLICATION': 'Duplication',

  'state.SCHEDULED': 'Scheduled',
  'state.RUNNING': 'Running',
  'state.SUCCESSFUL': 'Successful',
  'state.UNSUCCESSFUL': 'Unsuccessful',

  'stage.NOT_STARTED': 'Not started',
  'stage.IN_PROGRESS': 'In progress',
  'stage.NORMALLY': 'Finished normally',
  'stage.INTERRUPTED_ON_ERROR': 'Interrupted on error',
  'stage.INTERRUPTED_BY_USER': 'Interrupted by user',
  'stage.INTERRUPTED_ON_SHUTDOWN': 'Interrupted on shutdown',
  'stage.INTERRUPTED_ON_TIMEOUT': 'Interrupted on timeout',
  'stage.INTERRUPTED_NO_SPACE_LEFT': 'Interrupted: no space left',

  'fileStatus.PENDING': 'Pending',
  'fileStatus.DESTAGED': 'Destaged',
  'fileStatus.ARCHIVED': 'Archived',
  'fileStatus.CHECKED': 'Checked',
  'fileStatus.VERSIONED': 'Versioned',
  'fileStatus.COPIED': 'Copied',
  'fileStatus.DUPLICATED': 'Duplicated',
  'fileStatus.SKIPPED': 'Skipped',
  'fileStatus.FAILED': 'Failed',

  'connection.idle': 'Not connected',
  'connection.connecting': 'Connecting…',
  'connection.live': 'Live',
  'connection.reconnecting': 'Reconnecting…',
  'connection.offline': 'Offline',
  'connection.error': 'Connection error',
  'connection.paused': 'Paused while hidden',

  retry: 'Retry',
  loading: 'Loading…',
  export: 'Export',
  cancel: 'Cancel',
  close: 'Close',
  logOut: 'Log out',
  resetFilters: 'Reset filters',
} as const;

const FR = {
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
} as const;

/** The shared messages in each language, as declared (for tests and tooling). */
export const COMMON_MESSAGES = { en: EN, fr: FR } as const;

/** Translates a shared message: `common(locale, 'retry')`. */
export const common = defineMessages(COMMON_MESSAGES);

export function jobTypeLabel(type: JobType, locale: Locale): string {
  return common(locale, `jobType.${type}`);
}

export function jobStateLabel(state: JobState, locale: Locale): string {
  return common(locale, `state.${state}`);
}

const KNOWN_STAGE_SET: ReadonlySet<string> = new Set(KNOWN_STAGES);

/** A readable stage; a stage this version does not know is shown exactly as it came. */
export function stageLabel(stage: string, locale: Locale): string {
  return KNOWN_STAGE_SET.has(stage) ? common(locale, `stage.${stage as KnownJobStage}`) : stage;
}

export function fileStatusLabel(status: FileStatus, locale: Locale): string {
  return common(locale, `fileStatus.${status}`);
}

export function connectionStatusLabel(status: ConnectionStatus, locale: Locale): string {
  return common(locale, `connection.${status}`);
}
