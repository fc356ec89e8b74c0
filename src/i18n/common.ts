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

  controlLabel: 'hidden character {code}, {name}',
  controlTip:
    'A hidden character, {code} ({name}), in the text the server sent: it can change how the text around it reads, so it is shown here as a mark.',
} as const;

/** The shared messages in English, as declared (for tests and tooling; French is `common.fr.ts`). */
export const COMMON_MESSAGES = { en: EN } as const;

/** Translates a shared message: `common(locale, 'retry')`. French loads the first time an element speaks it. */
export const common = defineMessages({ en: EN, fr: () => import('./common.fr.js') });

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
