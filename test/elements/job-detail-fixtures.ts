/**
 * Jobs of every type with known numbers, and their files made up on demand, served by a
 * real `MemoryJobSource` and `JobStore`: what the job detail tests look at.
 */
import type { ClusterNode, FileListParams, FilePage, FileStatus, Job, JobFile, JobType } from '../../src/model/index.js';
import { MemoryJobSource } from '../../src/source/memory-job-source.js';
import { JobStore } from '../../src/store/job-store.js';

export const NODES: ClusterNode[] = [
  { id: 'node-1', name: 'node 1', online: true },
  { id: 'node-2', name: 'node 2', online: true },
];

/** A fixed "now" for the dates of the jobs. */
export const CREATED = '2025-10-23T08:23:08Z';

const DONE: Record<JobType, FileStatus> = {
  DESTAGING: 'DESTAGED',
  VERSIONING: 'VERSIONED',
  ARCHIVING: 'ARCHIVED',
  STORAGE: 'CHECKED',
  COPY: 'COPIED',
  DUPLICATION: 'DUPLICATED',
};

const FILES = { total: 5000, done: 1200, failed: 34 };
const BYTES = { total: 4_000_000_000, done: 1_234_000_000 };

function progressOf(type: JobType): Job['progress'] {
  const files = { ...FILES };
  const bytes = { ...BYTES };
  switch (type) {
    case 'DESTAGING':
      return { files, bytes, share: 'import_ltfs' };
    case 'ARCHIVING':
      return { files, bytes, share: 'media', target: { medium: 'CLOUD', name: 's3-scaleway-archive' } };
    case 'STORAGE':
      return { files, bytes, share: 'projects', copiesMade: 87 };
    case 'VERSIONING':
      return { files, bytes, share: 'part_s3_scaleway', policy: 'history only', versionsHandled: 312 };
    case 'COPY':
      return { files, bytes, client: 'ws-compta-12', origin: 'ACCOPY' };
    case 'DUPLICATION':
      return { files, bytes, sourceTape: 'tar_2-39', targetTape: 'tar_3-02', mode: 'force' };
  }
}

const DESCRIPTIONS: Record<JobType, string> = {
  DESTAGING: 'Share import_ltfs : copy to the cache (destaging) process 1',
  ARCHIVING: 'Share media: archiving to the cloud',
  STORAGE: 'Share projects: storage policy process',
  VERSIONING: 'Share part_s3_scaleway: versioning policy process history only',
  COPY: 'Copy of files to ws-compta-12 with accopy',
  DUPLICATION: 'Tape tar_2-39: duplication process, in force mode, started immediately (free defragmentation)',
};

/** A running job of a type, 1,234 of 5,000 files handled (34 failed), started an hour before `now`. */
export function jobOf(type: JobType, now = Date.now(), overrides: Partial<Job> = {}): Job {
  const label = type[0] + type.slice(1).toLowerCase();
  return {
    id: `job-${type.toLowerCase()}`,
    name: `${label}:${type === 'DUPLICATION' ? 'tar_2-39' : 'share-1'}`,
    type,
    description: DESCRIPTIONS[type],
    createdAt: CREATED,
    updatedAt: '2025-10-23T08:24:21Z',
    startedAt: new Date(now - 3_600_000).toISOString(),
    finishedAt: null,
    node: 'node-2',
    state: 'RUNNING',
    stage: 'IN_PROGRESS',
    version: 1,
    progress: progressOf(type),
    ...overrides,
  } as Job;
}

export function pathOf(index: number): string {
  return `/shares/media/folder-${String(Math.floor(index / 1000)).padStart(4, '0')}/file-${String(index).padStart(7, '0')}.dat`;
}

/**
 * The files of a job, as the contract pages them: file i is FAILED for the first
 * `failed` multiples of a step among the handled ones, done for the other handled ones,
 * PENDING after. Statuses are kept per file (a byte each), paths made up when asked.
 */
export class FakeFiles {
  readonly statuses: Uint8Array;
  readonly calls: FileListParams[] = [];
  readonly done: FileStatus;
  /** Makes every request wait for this promise (to see placeholders and cancel). */
  gate: Promise<void> | undefined;
  /** Makes every request fail with this error. */
  failWith: Error | undefined;

  constructor(type: JobType, total: number, done: number, failed: number) {
    this.done = DONE[type];
    this.statuses = new Uint8Array(total).fill(STATUS_CODE.PENDING);
    const handled = done + failed;
    const step = failed > 0 ? Math.max(1, Math.floor(handled / failed)) : 0;
    let failures = 0;
    for (let i = 0; i < handled; i++) {
      const fails = step > 0 && failures < failed && i % step === step - 1;
      if (fails) failures++;
      this.statuses[i] = fails ? STATUS_CODE.FAILED : STATUS_CODE.DONE;
    }
  }

  statusAt(index: number): FileStatus {
    const code = this.statuses[index];
    return code === STATUS_CODE.FAILED ? 'FAILED' : code === STATUS_CODE.DONE ? this.done : 'PENDING';
  }

  fileAt(index: number): JobFile {
    const status = this.statusAt(index);
    return {
      path: pathOf(index),
      status,
      size: 1000 + ((index * 7919) % 100_000),
      // One reason looks like markup: it must show as text.
      reason: status === 'FAILED' ? (index === this.firstFailed() ? '<img src=x onerror=alert(1)>' : `Read error at block ${index}`) : null,
    };
  }

  firstFailed(): number {
    return this.statuses.indexOf(STATUS_CODE.FAILED);
  }

  /** Counts per status, as `byStatus` says. */
  byStatus(): Partial<Record<FileStatus, number>> {
    const counts: Partial<Record<FileStatus, number>> = {};
    for (let i = 0; i < this.statuses.length; i++) {
      const status = this.statusAt(i);
      counts[status] = (counts[status] ?? 0) + 1;
    }
    return counts;
  }

  /** File numbers a request selects, in its order. */
  order(params: FileListParams): number[] {
    const wanted = params.status?.length ? new Set(params.status) : undefined;
    const selected: number[] = [];
    for (let i = 0; i < this.statuses.length; i++) if (!wanted || wanted.has(this.statusAt(i))) selected.push(i);
    if (params.failedFirst) {
      const failed = selected.filter((i) => this.statuses[i] === STATUS_CODE.FAILED);
      const others = selected.filter((i) => this.statuses[i] !== STATUS_CODE.FAILED);
      return [...failed, ...others];
    }
    return selected;
  }

  readonly list = async (_jobId: string, params: FileListParams): Promise<FilePage> => {
    this.calls.push(params);
    if (this.gate) await this.gate;
    if (this.failWith) throw this.failWith;
    const offset = params.cursor !== undefined ? Number(params.cursor) : (params.offset ?? 0);
    const limit = params.limit ?? 100;
    // Every file in path order: no need to list them to take a page.
    const everything = !params.status?.length && !params.failedFirst;
    const order = everything ? undefined : this.order(params);
    const total = order ? order.length : this.statuses.length;
    const numbers = order
      ? order.slice(offset, offset + limit)
      : Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
    const next = offset + limit < total ? String(offset + limit) : null;
    return { items: numbers.map((i) => this.fileAt(i)), nextCursor: next, total, byStatus: this.byStatus() };
  };
}

const STATUS_CODE = { PENDING: 0, DONE: 1, FAILED: 2 } as const;

export interface Setup {
  source: MemoryJobSource;
  store: JobStore;
  files: Map<string, FakeFiles>;
}

/** A started store over a memory source holding `jobs`, with files for each. */
export async function setup(
  jobs: Job[],
  options: { files?: Map<string, FakeFiles>; mode?: 'memory' | 'remote'; start?: boolean } = {},
): Promise<Setup> {
  const { files = new Map<string, FakeFiles>(), mode = 'memory', start = true } = options;
  for (const job of jobs) {
    if (!files.has(job.id)) {
      const { total, done, failed } = job.progress.files;
      files.set(job.id, new FakeFiles(job.type, total, done, failed));
    }
  }
  const source = new MemoryJobSource({
    jobs,
    nodes: NODES,
    files: (jobId, params) => files.get(jobId)!.list(jobId, params),
  });
  const store = new JobStore(source, { mode });
  if (start) await store.start();
  return { source, store, files };
}

/**
 * Waits until `check` returns a value (not undefined/null/false), polling every 16 ms
 * (timers, not frames: a page in the background gets no frames).
 */
export async function until<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (performance.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
}

/** Stands for a `<wbr>` while the text is read: the word on both sides reads whole. */
const WORD_JOINT = '\u0000';

/** The text of an element as a user reads it, through nested shadow roots, spaces collapsed. */
export function textOf(node: Node): string {
  const parts: string[] = [];
  const walk = (current: Node) => {
    if (current.nodeType === Node.TEXT_NODE) parts.push(current.textContent ?? '');
    if (current instanceof HTMLStyleElement) return;
    // A line-break opportunity inside a word: the word reads whole.
    if (current instanceof HTMLElement && current.localName === 'wbr') parts.push(WORD_JOINT);
    if (current instanceof Element && current.shadowRoot) {
      walk(current.shadowRoot);
      return;
    }
    if (current instanceof HTMLSlotElement) {
      const assigned = current.assignedNodes();
      (assigned.length ? assigned : Array.from(current.childNodes)).forEach(walk);
      return;
    }
    current.childNodes.forEach(walk);
  };
  walk(node);
  return parts.join(' ').replaceAll(` ${WORD_JOINT} `, '').replace(/\s+/g, ' ').trim();
}

/** A definition list as label → value text. */
export function definitions(list: Element): Record<string, string> {
  const result: Record<string, string> = {};
  for (const dt of list.querySelectorAll('dt')) {
    const dd = dt.nextElementSibling;
    if (dd) result[textOf(dt)] = textOf(dd);
  }
  return result;
}
