/**
 * Jobs and sources for the job list's tests: jobs computed from their number (so a
 * million cost little and ten million are never held), a source that holds them all
 * (memory-mode store) and one that answers page by page (remote-mode store).
 */
import { fixture, html } from '@open-wc/testing';
import {
  DATA_ADMINISTRATOR,
  JOB_STATES,
  JOB_TYPES,
  type ClusterNode,
  type Job,
  type JobListParams,
  type JobSummary,
  type JobType,
  type LiveEvent,
} from '../../src/model/index.js';
import { jobComparator, jobMatcher, summarize } from '../../src/source/job-query.js';
import type { ConnectionState, JobPageResult, JobSource, LiveBatch } from '../../src/source/job-source.js';
import { JobSourceError } from '../../src/source/job-source.js';
import { JobStore } from '../../src/store/job-store.js';
import type { AcJobList } from '../../src/elements/job-list/ac-job-list.js';
import '../../src/elements/job-list/ac-job-list.js';
export { waitFor } from '../wait-for.js';

export const NOW = Date.parse('2025-10-23T12:00:00Z');

export const NODES: ClusterNode[] = [
  { id: 'node-1', name: 'node 1', online: true },
  { id: 'node-2', name: 'node 2', online: true },
  { id: 'node-3', name: 'node 3', online: true },
];

const STAGE_BY_STATE = { SCHEDULED: 'NOT_STARTED', RUNNING: 'IN_PROGRESS', SUCCESSFUL: 'NORMALLY', UNSUCCESSFUL: 'INTERRUPTED_ON_ERROR' };
const WORDS = ['media', 'projects', 'tar_2-39', 'part_s3_scaleway', 'import_ltfs', 'ws-12'];
/** One progress object shared by every synthetic job: the list never reads it. */
const PROGRESS = { files: { total: 10, done: 3, failed: 1 }, bytes: { total: 100, done: 30 }, client: 'ws-12', origin: 'ACCOPY' };

function title(type: JobType): string {
  return type[0] + type.slice(1).toLowerCase();
}

/**
 * Job number `i`: created `i` seconds before `NOW` (so number order is newest-first
 * order), its fields varied by `i` so that sorts and searches have ties and misses.
 */
export function syntheticJob(i: number, now = NOW): Job {
  const type = JOB_TYPES[i % JOB_TYPES.length]!;
  const state = JOB_STATES[(i * 7) % JOB_STATES.length]!;
  const word = WORDS[(i * 5) % WORDS.length]!;
  const created = now - i * 1000;
  return {
    id: `j${i}`,
    name: `${title(type)}:${word}-${i}`,
    type,
    description: `Share ${word}: ${type.toLowerCase()} process ${i % 3 === 0 ? 'in force mode' : 'history only'}`,
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(created + ((i * 13) % 600) * 1000).toISOString(),
    startedAt: state === 'SCHEDULED' ? null : new Date(created).toISOString(),
    finishedAt: state === 'SUCCESSFUL' || state === 'UNSUCCESSFUL' ? new Date(created + 1000).toISOString() : null,
    node: NODES[i % NODES.length]!.id,
    state,
    stage: i % 97 === 5 ? 'SOMETHING_NEW' : STAGE_BY_STATE[state],
    version: 1,
    progress: PROGRESS,
  } as Job;
}

export function syntheticJobs(count: number): Job[] {
  const jobs = new Array<Job>(count);
  for (let i = 0; i < count; i++) jobs[i] = syntheticJob(i);
  return jobs;
}

const LIGHT_DESCRIPTIONS = WORDS.map((word) => `Share ${word}: copy to the client`);

/**
 * A job as cheap as a job can be, for lists of a million: one date string, shared
 * description and progress; same order as `syntheticJob` (number `i` is row `i` newest-first).
 */
export function lightJob(i: number): Job {
  const created = new Date(NOW - i * 1000).toISOString();
  return {
    id: `j${i}`,
    name: `Copy:job-${i}`,
    type: 'COPY',
    description: LIGHT_DESCRIPTIONS[i % LIGHT_DESCRIPTIONS.length]!,
    createdAt: created,
    updatedAt: created,
    startedAt: created,
    finishedAt: created,
    node: NODES[i % NODES.length]!.id,
    state: 'SUCCESSFUL',
    stage: 'NORMALLY',
    version: 1,
    progress: PROGRESS,
  } as Job;
}

export function lightJobs(count: number): Job[] {
  const jobs = new Array<Job>(count);
  for (let i = 0; i < count; i++) jobs[i] = lightJob(i);
  return jobs;
}

/** What both fake sources share: the session, the nodes, a live feed the test drives. */
abstract class FakeSourceBase implements JobSource {
  connection: ConnectionState = { status: 'live' };
  private readonly listeners = new Set<(batch: LiveBatch) => void>();
  private seq = 0;
  /** While set, every read fails with it. */
  failure: JobSourceError | undefined;

  async listNodes(): Promise<ClusterNode[]> {
    this.check();
    return NODES;
  }
  async getSession() {
    return { user: { name: 'admin', roles: [DATA_ADMINISTRATOR] } };
  }
  async login() {
    return this.getSession();
  }
  async logout(): Promise<void> {}
  async getJob(id: string): Promise<Job> {
    throw new JobSourceError('not-found', id);
  }
  async listFiles(): Promise<never> {
    throw new JobSourceError('not-found', 'no files');
  }
  subscribe(listener: (batch: LiveBatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onConnectionChange(): () => void {
    return () => {};
  }
  close(): void {}

  /** Sends live events to the store, as a server would. */
  emit(jobs: Job[], type: 'job.created' | 'job.updated'): void {
    const events: LiveEvent[] = jobs.map((job) => ({ type, seq: ++this.seq, job }));
    for (const listener of this.listeners) listener({ events });
  }

  protected check(): void {
    if (this.failure) throw this.failure;
  }

  abstract listJobs(params: JobListParams): Promise<JobPageResult>;
  abstract summarize(params: JobListParams): Promise<JobSummary>;
}

/** Holds every job: the store runs in memory mode. */
export class HeldSource extends FakeSourceBase {
  /** By id once a job changed (a million jobs are not put in a map for nothing). */
  private byId: Map<string, Job> | undefined;
  constructor(private list: readonly Job[]) {
    super();
  }
  get jobs(): Map<string, Job> {
    return (this.byId ??= new Map(this.list.map((job) => [job.id, job])));
  }
  readonly allJobs = (): Iterable<Job> => (this.byId ? this.byId.values() : this.list);

  async listJobs(params: JobListParams): Promise<JobPageResult> {
    this.check();
    const rows = [...this.jobs.values()].filter(jobMatcher(params)).sort(jobComparator(params.sort, params.order));
    const offset = params.offset ?? 0;
    return { items: rows.slice(offset, offset + (params.limit ?? 100)), nextCursor: null, total: rows.length, rejected: [] };
  }
  async summarize(params: JobListParams): Promise<JobSummary> {
    return summarize(
      [...this.jobs.values()].filter(jobMatcher(params)),
      params,
      NODES.map((n) => n.id),
      NOW,
    );
  }

  /** Changes or adds jobs, and tells the store. */
  change(jobs: Job[], type: 'job.created' | 'job.updated'): void {
    for (const job of jobs) this.jobs.set(job.id, job);
    this.emit(jobs, type);
  }
}

/**
 * Answers page by page for `count` jobs it never holds: row `r` of the newest-first
 * order is `syntheticJob(r)`. Only the default sort and no filter are supported, which is
 * what the scale tests ask for.
 */
export class ComputedSource extends FakeSourceBase {
  readonly requests: { offset: number; limit: number }[] = [];
  constructor(readonly count: number) {
    super();
  }

  async listJobs(params: JobListParams): Promise<JobPageResult> {
    this.check();
    if ((params.sort ?? 'createdAt') !== 'createdAt' || (params.order ?? 'desc') !== 'desc' || params.q) {
      throw new JobSourceError('bad-request', 'only the default sort', { parameter: 'sort' });
    }
    const offset = params.offset ?? 0;
    const limit = params.limit ?? 100;
    this.requests.push({ offset, limit });
    const items: Job[] = [];
    for (let r = offset; r < Math.min(this.count, offset + limit); r++) items.push(syntheticJob(r));
    return { items, nextCursor: null, total: this.count, rejected: [] };
  }

  async summarize(): Promise<JobSummary> {
    this.check();
    const perState = Math.floor(this.count / JOB_STATES.length);
    const byState = Object.fromEntries(JOB_STATES.map((s, i) => [s, perState + (i < this.count % JOB_STATES.length ? 1 : 0)]));
    const byType = Object.fromEntries(JOB_TYPES.map((t) => [t, 0]));
    return {
      total: this.count,
      byState,
      byNode: {},
      byNodeState: {},
      byType,
      timeline: { from: new Date(NOW).toISOString(), bucketSeconds: 3600, counts: {} },
    } as JobSummary;
  }
}

/** A started store over `source`, once its rows are there. */
export async function startedStore(source: JobSource): Promise<JobStore> {
  const store = new JobStore(source, { clock: () => NOW });
  await store.start();
  return store;
}

/** A job list bound to `store`, with a definite size, once rendered. */
export async function listFor(
  store: JobStore,
  attributes: { columns?: string; hrefTemplate?: string; height?: number } = {},
): Promise<AcJobList> {
  const element = await fixture<AcJobList>(html`<ac-job-list
    .store=${store}
    lang="en"
    time-zone="UTC"
    columns=${attributes.columns ?? ''}
    href-template=${attributes.hrefTemplate ?? ''}
  ></ac-job-list>`);
  element.style.height = `${attributes.height ?? 480}px`;
  element.style.width = '1400px';
  await settle(element);
  return element;
}

/** Two frames and the element's update: store notifications, layout and rendering are done. */
export async function settle(element: AcJobList): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await element.updateComplete;
  }
}

export function scrollerOf(element: AcJobList): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>('[role="grid"]')!;
}

/** The data rows drawn, in screen order (top to bottom). */
export function drawnRows(element: AcJobList): HTMLElement[] {
  const rows = [...element.shadowRoot!.querySelectorAll<HTMLElement>('.body [role="row"]')];
  return rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
}

/** Rows drawn that are entirely inside the scroller's visible body area. */
export function rowsInView(element: AcJobList): HTMLElement[] {
  const scroller = scrollerOf(element);
  const head = element.shadowRoot!.querySelector('.head')!.getBoundingClientRect();
  const box = scroller.getBoundingClientRect();
  const bottom = box.top + scroller.clientHeight;
  return drawnRows(element).filter((row) => {
    const r = row.getBoundingClientRect();
    return r.top >= head.bottom - 0.5 && r.bottom <= bottom + 0.5;
  });
}

/** Every node in the element's shadow root, comments and text included (markers leak as comments). */
export function nodeCount(element: AcJobList): number {
  const walker = document.createTreeWalker(element.shadowRoot!, NodeFilter.SHOW_ALL);
  let count = 0;
  while (walker.nextNode()) count++;
  return count;
}

/** The job name shown by a row. */
export function nameOf(row: Element): string {
  return row.querySelector('.name')?.textContent?.trim() ?? '';
}
