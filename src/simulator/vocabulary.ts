/**
 * The words of a simulated Active Circle site: shares, tapes, cloud buckets, client
 * machines, folders and file kinds, and the names and descriptions of jobs in the style
 * of the user guide. Names and descriptions are built once per combination and shared
 * by every job that uses it (the same share is versioned every day), so a million jobs
 * hold a few thousand strings, not a million.
 */
import type { ArchiveTarget } from '../model/index.js';

export const SHARES: readonly string[] = [
  'accounting',
  'archives_2019',
  'backup_vm',
  'broadcast_masters',
  'cad_plans',
  'cctv_records',
  'customer_exports',
  'engineering',
  'finance_archive',
  'genomics_raw',
  'hr_documents',
  'import_ltfs',
  'lab_results',
  'legal_contracts',
  'mail_journal',
  'marketing_assets',
  'part_s3_scaleway',
  'photo_library',
  'press_photos',
  'projects_media',
  'rd_datasets',
  'research_notes',
  'scans_2024',
  'video_rushes',
];

/** Tape labels as a library names them: `tar_<library>-<slot>`. */
export const TAPES: readonly string[] = Array.from(
  { length: 4 * 60 },
  (_, i) => `tar_${Math.floor(i / 60) + 1}-${String((i % 60) + 1).padStart(2, '0')}`,
);

export const BUCKETS: readonly string[] = [
  'azure_cool_tier',
  'gcs_archive_eu',
  'ovh_cold_archive',
  's3_glacier_paris',
  's3_scaleway_cold',
  'wasabi_eu_central',
];

export const CLIENTS: readonly string[] = [
  'laptop-jdupont',
  'laptop-lbernard',
  'laptop-mmartin',
  'mac-graphisme-08',
  'mac-studio-03',
  'mac-studio-12',
  'render-node-07',
  'render-node-11',
  'srv-backup-01',
  'srv-ftp-02',
  'srv-web-03',
  'ws-archiviste-06',
  'ws-compta-04',
  'ws-compta-07',
  'ws-direction-01',
  'ws-juridique-02',
  'ws-labo-09',
  'ws-montage-03',
  'ws-montage-05',
  'ws-rh-02',
];

export const VERSIONING_POLICIES: readonly string[] = [
  'history only',
  'keep 10 versions',
  'keep versions 30 days',
  'keep versions 1 year',
  'purge of deleted files',
];

export const DUPLICATION_MODES: readonly string[] = ['force', 'standard', 'verify'];
export const DUPLICATION_STARTS: readonly string[] = ['started immediately', 'started at the scheduled time'];
export const DUPLICATION_REASONS: readonly string[] = ['free defragmentation', 'tape migration', 'media renewal', 'second copy'];

export const DISK_POOLS: readonly string[] = ['pool_sata_1', 'pool_sata_2', 'pool_ssd_1'];

/**
 * What a folder of a share holds. Sorted by folder, and no folder is a prefix of another,
 * so ordering folders by their index orders their paths (see files.ts).
 */
export interface FileKind {
  folder: string;
  stem: string;
  ext: string;
  /** Typical size of one file, in bytes. */
  meanSize: number;
  /** Too big to appear by the million in one job. */
  large: boolean;
}

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

export const FILE_KINDS: readonly FileKind[] = [
  { folder: 'accounting', stem: 'invoice', ext: '.pdf', meanSize: 420 * KB, large: false },
  { folder: 'backups', stem: 'db_dump', ext: '.bak', meanSize: 2 * GB, large: true },
  { folder: 'cad', stem: 'plan', ext: '.dwg', meanSize: 6 * MB, large: false },
  { folder: 'datasets', stem: 'sample', ext: '.csv', meanSize: 2 * MB, large: false },
  { folder: 'documents', stem: 'report', ext: '.docx', meanSize: 350 * KB, large: false },
  { folder: 'logs', stem: 'app', ext: '.log', meanSize: 12 * MB, large: false },
  { folder: 'mail', stem: 'msg', ext: '.eml', meanSize: 80 * KB, large: false },
  { folder: 'masters', stem: 'master', ext: '.mxf', meanSize: 6 * GB, large: true },
  { folder: 'photos', stem: 'img', ext: '.jpg', meanSize: 5 * MB, large: false },
  { folder: 'projects', stem: 'scan', ext: '.tif', meanSize: 40 * MB, large: false },
  { folder: 'rushes', stem: 'clip', ext: '.mov', meanSize: 2 * GB, large: true },
  { folder: 'sequencing', stem: 'run', ext: '.fastq.gz', meanSize: 600 * MB, large: true },
];

/** Second-level folders; sorted, none a prefix of another. */
export const SUBFOLDERS: readonly string[] = [
  '2021',
  '2022',
  '2023',
  '2024',
  '2025',
  'archive',
  'clients',
  'current',
  'incoming',
  'q1',
  'q2',
  'q3',
  'q4',
  'shared',
];

// Built on first use, then shared. Indexed by the combination's number.
const names: string[][] = [[], [], [], [], [], []];
const descriptions: string[][] = [[], [], [], [], [], []];
const tapeTargets: ArchiveTarget[] = [];
const cloudTargets: ArchiveTarget[] = [];

export function destagingName(share: number): string {
  return (names[0]![share] ??= `Destaging:${SHARES[share]}`);
}
export function destagingDescription(share: number, process: number): string {
  // The guide writes "Share import_ltfs : copy to the cache (destaging) process 1", space included.
  return (descriptions[0]![share * 4 + process] ??= `Share ${SHARES[share]} : copy to the cache (destaging) process ${process + 1}`);
}

export function versioningName(share: number): string {
  return (names[1]![share] ??= `Versioning:${SHARES[share]}`);
}
export function versioningDescription(share: number, policy: number): string {
  return (descriptions[1]![share * VERSIONING_POLICIES.length + policy] ??=
    `Share ${SHARES[share]}: versioning policy process ${VERSIONING_POLICIES[policy]}`);
}

export function archivingName(share: number): string {
  return (names[2]![share] ??= `Archiving:${SHARES[share]}`);
}
/** `target` indexes the tapes, then the buckets after them. */
export function archivingDescription(share: number, target: number): string {
  return (descriptions[2]![share * (TAPES.length + BUCKETS.length) + target] ??=
    target < TAPES.length
      ? `Share ${SHARES[share]}: archiving policy process to tape ${TAPES[target]}`
      : `Share ${SHARES[share]}: archiving policy process to cloud bucket ${BUCKETS[target - TAPES.length]}`);
}
export function archiveTarget(target: number): ArchiveTarget {
  return target < TAPES.length
    ? (tapeTargets[target] ??= Object.freeze({ medium: 'TAPE', name: TAPES[target]! }))
    : (cloudTargets[target - TAPES.length] ??= Object.freeze({ medium: 'CLOUD', name: BUCKETS[target - TAPES.length]! }));
}

export function storageName(share: number): string {
  return (names[3]![share] ??= `Storage:${SHARES[share]}`);
}
/** `copies` is the number of disk copies the policy asks for, 1 to 3. */
export function storageDescription(share: number, copies: number): string {
  return (descriptions[3]![share * 4 + copies] ??=
    `Share ${SHARES[share]}: storage policy process, ${copies} ${copies > 1 ? 'copies' : 'copy'} on disk`);
}

export function copyName(client: number): string {
  return (names[4]![client] ??= `Copy:${CLIENTS[client]}`);
}
export function copyDescription(share: number, client: number, accopy: boolean): string {
  return (descriptions[4]![(share * CLIENTS.length + client) * 2 + (accopy ? 1 : 0)] ??= accopy
    ? `Share ${SHARES[share]}: copy to client ${CLIENTS[client]} with the accopy command`
    : `Share ${SHARES[share]}: copy to client ${CLIENTS[client]} from the Active Circle explorer`);
}

export function duplicationName(tape: number): string {
  return (names[5]![tape] ??= `Duplication:${TAPES[tape]}`);
}
export function duplicationDescription(tape: number, mode: number, deferred: boolean, reason: number): string {
  const variant = (mode * 2 + (deferred ? 1 : 0)) * DUPLICATION_REASONS.length + reason;
  return (descriptions[5]![tape * DUPLICATION_MODES.length * 2 * DUPLICATION_REASONS.length + variant] ??=
    `Tape ${TAPES[tape]}: duplication process, in ${DUPLICATION_MODES[mode]} mode, ${DUPLICATION_STARTS[deferred ? 1 : 0]} (${DUPLICATION_REASONS[reason]})`);
}
