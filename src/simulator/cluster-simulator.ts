/**
 * A seeded simulation of an Active Circle cluster: its nodes, a history of jobs, and
 * what happens as its clock moves. The same seed and options give the same cluster and,
 * for the same calls to `advance`, the same events.
 *
 * Each job's plan (type, files, how it ends, speed) is drawn from the seed and the
 * job's number alone (job-plan.ts). The simulator holds the jobs as immutable snapshots
 * (in an array, or in the rows it is given) and, for the jobs not yet final, when they
 * start and end; `advance` visits only those.
 */
import type { ClusterNode, FileListParams, FilePage, FileStatus, Job, JobChangeEvent, JobProgress, JobState } from '../model/index.js';
import { countFiles, filePage } from './files.js';
import { historyTimes } from './history.js';
import { Outcome, planJob, progressOf } from './job-plan.js';
import type { ClusterShape, JobPlan } from './job-plan.js';
import { Random, seed32 } from './random.js';
import { isoTime as iso } from '../model/iso-time.js';

export interface SimulatorOptions {
  /** Default 1; same seed + same options => identical cluster and identical event sequence. */
  seed?: number;
  /** Default 4: ids 'node-1'..'node-4', names 'node 1'..'node 4'. */
  nodes?: number;
  /** Jobs in the initial history, default 5000. */
  jobs?: number;
  /** History spread over the last N days before `now`, default 30. */
  days?: number;
  /** Epoch ms of the simulated "now" (default Date.now()); the clock moves only through advance(). */
  now?: number;
  /** Multiplier of how busy the cluster is (new jobs and progress per simulated second), default 1. */
  activity?: number;
  /** Where the jobs are kept (empty at first); default an array. */
  rows?: JobRows;
}

/**
 * Where a simulator keeps its jobs, job number i at row i. The reference server gives it
 * the columns its queries read (the store's `JobTable`), so that each job is held once,
 * as numbers, rather than as an object beside its columns.
 */
export interface JobRows {
  readonly size: number;
  /** Job number `row`. */
  jobAt(row: number): Job;
  /** A new job goes to the next row; a job already held is replaced, whatever the version held. */
  put(job: Job): void;
}

/** The jobs as the objects they were made as. */
class JobArray implements JobRows {
  private readonly jobs: Job[] = [];

  get size(): number {
    return this.jobs.length;
  }

  jobAt(row: number): Job {
    return this.jobs[row]!;
  }

  put(job: Job): void {
    this.jobs[Number(job.id.slice(1)) - 1] = job;
  }
}

const DAY = 86_400_000;
/** New jobs per simulated second at activity 1, once the clock moves. */
const ARRIVALS_PER_SECOND = 0.1;
const STREAM_CLUSTER = 0x434c5553;
const STREAM_ARRIVALS = 0x41525256;

/** A job not yet final: when it starts, how fast it goes, when it ends, and how it stands. */
interface ActiveJob {
  readonly plan: JobPlan;
  /** Its last snapshot (set once made). */
  current?: Job;
  readonly createdAt: number;
  startAt: number;
  /** When its first file is handled. */
  workFrom: number;
  filesPerMs: number;
  finishAt: number;
  lastReportAt: number;
}

function jobId(index: number): string {
  return `j${String(index + 1).padStart(6, '0')}`;
}

function whole(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name}: must be a whole number from ${min}, not ${value}`);
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name}: must be a number above 0, not ${value}`);
  return value;
}

function makeJob(
  plan: JobPlan,
  id: string,
  createdAt: string,
  updatedAt: string,
  startedAt: string | null,
  finishedAt: string | null,
  state: JobState,
  stage: string,
  version: number,
  progress: JobProgress,
): Job {
  return {
    id,
    name: plan.name,
    type: plan.type,
    description: plan.description,
    createdAt,
    updatedAt,
    startedAt,
    finishedAt,
    node: plan.node,
    state,
    stage,
    version,
    progress,
  } as Job;
}

function handledOf(job: Job): number {
  return job.progress.files.done + job.progress.files.failed;
}

export class ClusterSimulator {
  readonly seed: number;
  readonly nodes: readonly ClusterNode[];

  private readonly shape: ClusterShape;
  private readonly activity: number;
  /** Every job, oldest first; job number i has id jobId(i). */
  private readonly list: JobRows;
  private active: ActiveJob[] = [];
  private clock: number;
  private seq = 0;
  private readonly arrivals: Random;
  private nextArrivalAt: number;
  private readonly listeners = new Set<(event: JobChangeEvent) => void>();

  constructor(options: SimulatorOptions = {}) {
    this.seed = whole('seed', options.seed ?? 1, Number.MIN_SAFE_INTEGER);
    const nodeCount = whole('nodes', options.nodes ?? 4, 1);
    const jobCount = whole('jobs', options.jobs ?? 5000, 0);
    const days = positive('days', options.days ?? 30);
    this.activity = positive('activity', options.activity ?? 1);
    const now = options.now ?? Date.now();
    if (!Number.isFinite(now)) throw new RangeError(`now: must be a time in epoch milliseconds, not ${now}`);
    this.clock = now;
    this.list = options.rows ?? new JobArray();
    if (this.list.size) throw new RangeError('rows: must be empty');

    const seed = seed32(this.seed);
    const cluster = new Random(seed, STREAM_CLUSTER);
    this.nodes = Object.freeze(
      Array.from({ length: nodeCount }, (_, i) => Object.freeze({ id: `node-${i + 1}`, name: `node ${i + 1}`, online: true })),
    );
    // Some nodes carry more of the load than others.
    const nodeWeights = this.nodes.map(() => cluster.between(0.5, 1.5));
    this.shape = {
      seed,
      nodeIds: this.nodes.map((node) => node.id),
      nodeWeights,
      nodeWeightSum: nodeWeights.reduce((a, b) => a + b, 0),
    };

    const created = historyTimes(cluster, jobCount, now - days * DAY, now);
    for (let index = 0; index < jobCount; index++) {
      const plan = planJob(this.shape, index);
      const job = this.runtime(plan, created[index]!);
      job.current = this.historical(job, now);
      this.list.put(job.current);
      if (job.finishAt > now) this.active.push(job);
    }
    this.ensureWorkUnderWay(cluster, now);

    this.arrivals = new Random(seed, STREAM_ARRIVALS);
    this.nextArrivalAt = now + this.arrivalGap();
  }

  /** Simulated epoch ms. */
  get now(): number {
    return this.clock;
  }

  /** Number of jobs. */
  get size(): number {
    return this.list.size;
  }

  /** Seq of the last event emitted (0 before any). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Every job, oldest first. */
  *jobs(): IterableIterator<Job> {
    for (let row = 0; row < this.list.size; row++) yield this.list.jobAt(row);
  }

  job(id: string): Job | undefined {
    const match = /^j(\d{6,})$/.exec(id);
    const row = match ? Number(match[1]) - 1 : -1;
    const job = row >= 0 && row < this.list.size ? this.list.jobAt(row) : undefined;
    return job?.id === id ? job : undefined;
  }

  /**
   * Moves the clock by ms and applies what happens meanwhile: scheduled jobs start,
   * running ones progress, finish, some fail with failed files, new ones appear.
   * Returns the events, in seq order; listeners get them too (if one throws, the others
   * still get every event, and advance then throws that error).
   */
  advance(ms: number): JobChangeEvent[] {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ms: must be a duration of 0 or more, not ${ms}`);
    const to = this.clock + ms;
    const end = Math.floor(to);
    const changes: { at: number; created: boolean; job: Job }[] = [];

    while (this.nextArrivalAt <= to) {
      const at = Math.floor(this.nextArrivalAt);
      const plan = planJob(this.shape, this.list.size);
      const job = this.runtime(plan, at);
      const createdAt = iso(at);
      const snapshot = makeJob(
        plan,
        jobId(plan.index),
        createdAt,
        createdAt,
        null,
        null,
        'SCHEDULED',
        'NOT_STARTED',
        1,
        progressOf(plan, 0),
      );
      job.current = snapshot;
      this.list.put(snapshot);
      this.active.push(job);
      changes.push({ at, created: true, job: snapshot });
      this.nextArrivalAt += this.arrivalGap();
    }

    const stillActive: ActiveJob[] = [];
    for (const active of this.active) {
      const change = this.step(active, end);
      if (change) changes.push(change);
      if (active.finishAt > end) stillActive.push(active);
    }
    this.active = stillActive;
    this.clock = to;

    // Arrivals come before the updates at the end of the step: keep events in time order.
    changes.sort((a, b) => a.at - b.at);
    const events = changes.map(({ created, job }): JobChangeEvent => ({
      type: created ? 'job.created' : 'job.updated',
      seq: ++this.seq,
      job,
    }));
    // Every listener gets every event even if one throws; the first error is then
    // thrown to the caller (the clock has moved and the jobs have changed all the same).
    let failure: { error: unknown } | undefined;
    const listeners = [...this.listeners];
    for (const event of events) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          failure ??= { error };
        }
      }
    }
    if (failure) throw failure.error;
    return events;
  }

  /** Calls `listener` with every event; returns the function that stops it. */
  onEvent(listener: (event: JobChangeEvent) => void): () => void {
    const own = (event: JobChangeEvent): void => listener(event);
    this.listeners.add(own);
    return () => {
      this.listeners.delete(own);
    };
  }

  /**
   * One page of a job's files, generated on demand (never all held): filter by status,
   * failed first on request; cursor or offset paging; byStatus counts of the whole job.
   * Throws a RangeError for an unknown job or a bad parameter (the message names it).
   */
  listFiles(jobId: string, params?: FileListParams): FilePage {
    const [plan, job] = this.planOf(jobId);
    return filePage(this.shape.seed, plan, handledOf(job), params);
  }

  /** Files of a job per status: the job's done status, FAILED and PENDING. */
  fileCounts(jobId: string): Partial<Record<FileStatus, number>> {
    const [plan, job] = this.planOf(jobId);
    return countFiles(plan, handledOf(job));
  }

  private planOf(id: string): [JobPlan, Job] {
    const job = this.job(id);
    if (!job) throw new RangeError(`unknown job ${id}`);
    return [planJob(this.shape, Number(id.slice(1)) - 1), job];
  }

  private arrivalGap(): number {
    return this.arrivals.exponential(1000 / (ARRIVALS_PER_SECOND * this.activity));
  }

  /** When a job created at `createdAt` starts and ends, following its plan. */
  private runtime(plan: JobPlan, createdAt: number): ActiveJob {
    const startAt = createdAt + plan.startDelay;
    const workFrom = startAt + plan.warmUp;
    const filesPerMs = (plan.filesPerSecond * this.activity) / 1000;
    return {
      plan,
      createdAt,
      startAt,
      workFrom,
      filesPerMs,
      finishAt: Math.ceil(workFrom + plan.handled / filesPerMs + plan.windDown),
      lastReportAt: startAt,
    };
  }

  private handledAt(job: ActiveJob, t: number): number {
    if (t >= job.finishAt) return job.plan.handled;
    return Math.max(0, Math.min(job.plan.handled, Math.floor((t - job.workFrom) * job.filesPerMs)));
  }

  private finalJob(job: ActiveJob, previous: Job | undefined, createdAt: string, version: number): Job {
    const { plan } = job;
    const finishedAt = iso(job.finishAt);
    const success = plan.outcome === Outcome.Success;
    return makeJob(
      plan,
      jobId(plan.index),
      createdAt,
      finishedAt,
      previous?.startedAt ?? iso(job.startAt),
      finishedAt,
      success ? 'SUCCESSFUL' : 'UNSUCCESSFUL',
      plan.finalStage,
      version,
      progressOf(plan, plan.handled),
    );
  }

  /** The job as it stood at `now`, for the initial history. */
  private historical(job: ActiveJob, now: number): Job {
    const { plan, startAt } = job;
    const createdAt = iso(job.createdAt);
    if (now < startAt) {
      return makeJob(plan, jobId(plan.index), createdAt, createdAt, null, null, 'SCHEDULED', 'NOT_STARTED', 1, progressOf(plan, 0));
    }
    if (now < job.finishAt) {
      const reports = Math.floor((now - startAt) / plan.reportEvery);
      job.lastReportAt = startAt + reports * plan.reportEvery;
      const startedAt = iso(startAt);
      return makeJob(
        plan,
        jobId(plan.index),
        createdAt,
        reports === 0 ? startedAt : iso(job.lastReportAt),
        startedAt,
        null,
        'RUNNING',
        'IN_PROGRESS',
        2 + reports,
        progressOf(plan, this.handledAt(job, job.lastReportAt)),
      );
    }
    return this.finalJob(job, undefined, createdAt, 3 + Math.floor((job.finishAt - startAt) / plan.reportEvery));
  }

  /**
   * Makes sure the history ends with work under way, as a live cluster has: if too few
   * jobs run or wait at `now`, the newest finished ones are made to.
   */
  private ensureWorkUnderWay(rng: Random, now: number): void {
    const runningQuota = Math.min(3, Math.floor(this.list.size / 4));
    const scheduledQuota = Math.min(2, runningQuota);
    let running = 0;
    let scheduled = 0;
    for (const job of this.active) {
      if (job.startAt > now) scheduled++;
      else running++;
    }
    for (let index = this.list.size - 1; index >= 0 && (running < runningQuota || scheduled < scheduledQuota); index--) {
      const previous = this.list.jobAt(index);
      if (previous.finishedAt === null) continue;
      const plan = planJob(this.shape, index);
      const createdAt = Date.parse(previous.createdAt);
      const job = this.runtime(plan, createdAt);
      // A duplication that says "started immediately" cannot still be waiting.
      if (scheduled < scheduledQuota && plan.type !== 'DUPLICATION') {
        job.startAt = now + Math.round(rng.between(5, 45) * 60_000);
        job.workFrom = job.startAt + plan.warmUp;
        job.finishAt = Math.ceil(job.workFrom + plan.handled / job.filesPerMs + plan.windDown);
        scheduled++;
      } else if (running < runningQuota) {
        job.startAt = createdAt + Math.floor((now - createdAt) / 10);
        job.workFrom = Math.min(job.startAt + plan.warmUp, now);
        // Slow enough to be part way through now.
        if (plan.handled > 0) job.filesPerMs = (plan.handled * rng.between(0.2, 0.8)) / Math.max(1, now - job.workFrom);
        job.finishAt = Math.max(Math.ceil(job.workFrom + plan.handled / job.filesPerMs + plan.windDown), Math.ceil(now) + 30_000);
        running++;
      } else {
        continue;
      }
      job.current = this.historical(job, now);
      this.list.put(job.current);
      this.active.push(job);
    }
  }

  /** What becomes of an active job by `end`, if anything changes. */
  private step(job: ActiveJob, end: number): { at: number; created: false; job: Job } | undefined {
    const { plan } = job;
    const previous = job.current!;
    const version = previous.version + 1;
    let next: Job;
    let at = end;
    if (job.finishAt <= end) {
      at = job.finishAt;
      next = this.finalJob(job, previous, previous.createdAt, version);
    } else if (previous.state === 'SCHEDULED') {
      if (job.startAt > end) return undefined;
      job.lastReportAt = end;
      next = makeJob(
        plan,
        previous.id,
        previous.createdAt,
        iso(end),
        iso(job.startAt),
        null,
        'RUNNING',
        'IN_PROGRESS',
        version,
        progressOf(plan, this.handledAt(job, end)),
      );
    } else {
      if (end - job.lastReportAt < plan.reportEvery) return undefined;
      const handled = this.handledAt(job, end);
      if (handled === handledOf(previous)) return undefined;
      job.lastReportAt = end;
      next = makeJob(
        plan,
        previous.id,
        previous.createdAt,
        iso(end),
        previous.startedAt,
        null,
        'RUNNING',
        'IN_PROGRESS',
        version,
        progressOf(plan, handled),
      );
    }
    job.current = next;
    this.list.put(next);
    return { at, created: false, job: next };
  }
}
