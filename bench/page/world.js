// The data every scenario of a page shares: a seeded simulated cluster, and a store over
// its jobs fed by a source whose live rate the live scenario turns up. Built once per
// page: making a million jobs takes seconds.
import { ClusterSimulator } from '../../dist/simulator/index.js';
import { MemoryJobSource } from '../../dist/source/memory-job-source.js';
import { JobStore } from '../../dist/store/job-store.js';
import { seeded } from './random.js';
import { staticSource } from './static-source.js';

/** The simulated "now" of the history (the same as the tests and the demo use). */
const NOW = Date.parse('2025-10-23T12:00:00Z');
const SEED = 1;
const NODES = 6;
const DAYS = 90;

export const world = {
  /** @type {ClusterSimulator | undefined} */ simulator: undefined,
  /** The simulator's jobs, oldest first: what the source, the store and the baselines hold. */
  jobs: [],
  /** Deep copies of the jobs, held only while their heap is measured. */
  copies: undefined,
  /** A store over the copies, held only while its heap is measured. */
  copyStore: undefined,
  /** @type {Firehose | undefined} */ firehose: undefined,
  /** @type {MemoryJobSource | undefined} */ source: undefined,
  /** @type {JobStore | undefined} */ store: undefined,
  /** Stores over the first N jobs, by N. */
  smaller: new Map(),
  /** Where scenarios mount their elements. */
  stage: undefined,
};

export function stage() {
  world.stage ??= document.getElementById('stage');
  return world.stage;
}

/** Makes the history; returns how long the simulator took. */
export function generate(jobs) {
  const started = performance.now();
  world.simulator = new ClusterSimulator({ seed: SEED, jobs, nodes: NODES, now: NOW, days: DAYS });
  const ms = performance.now() - started;
  world.jobs = [...world.simulator.jobs()];
  return { ms };
}

/**
 * The jobs as plain objects, as a page holds them after parsing a server's JSON (one
 * object per job with its own strings), kept until `storeOverCopies` has loaded them: their heap is the
 * baseline of the store's.
 */
export function copyJobs() {
  world.copies = world.jobs.map((job) => JSON.parse(JSON.stringify(job)));
}

/**
 * A store loaded from the copies, which are then dropped, as a store loaded from a server
 * keeps nothing of the pages it was sent but its own columns: what it holds is its heap.
 */
export async function storeOverCopies() {
  // The source hands the jobs over once and keeps nothing, as a server's pages are dropped once read.
  let handed = world.copies;
  world.copies = undefined;
  const source = { ...staticSource([], world.simulator.nodes), allJobs: () => [handed, (handed = [])][0] };
  const store = new JobStore(source, { clock: () => world.simulator.now });
  await store.start();
  void store.total;
  void store.summary;
  world.copyStore = store;
  return { total: store.total };
}

export function dropCopyStore() {
  world.copyStore?.dispose();
  world.copyStore = undefined;
}

/** The live source over the jobs (its id map is part of what memory mode holds). */
export function startSource() {
  world.firehose = new Firehose(world.simulator, world.jobs);
  // The source advances its simulator every tick while someone listens: 20 ms ticks are
  // the batches the live scenario delivers (a server's SSE chunks arrive the same way).
  world.source = tapped(new MemoryJobSource({ simulator: world.firehose, tickMs: 20 }));
}

/** The store over the source, as a page with every job in memory has it; returns its load time. */
export async function startStore() {
  world.store = new JobStore(world.source, { clock: () => world.firehose.now });
  const started = performance.now();
  await world.store.start();
  void world.store.total;
  void world.store.summary;
  return { ms: performance.now() - started };
}

/**
 * A source through which the bench can also `push` a live batch straight to the store's
 * listener, as the source itself delivers them.
 */
function tapped(source) {
  const listeners = new Set();
  return new Proxy(source, {
    get(target, key) {
      if (key === 'push') return (batch) => listeners.forEach((listener) => listener(batch));
      if (key === 'subscribe') {
        return (listener) => {
          listeners.add(listener);
          const stop = target.subscribe(listener);
          return () => {
            listeners.delete(listener);
            stop();
          };
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A store over the first `size` jobs, built once; with its load time. */
export async function smallStore(size) {
  let entry = world.smaller.get(size);
  if (!entry) {
    const store = new JobStore(tapped(staticSource(world.jobs.slice(0, size), world.simulator.nodes)), {
      clock: () => world.firehose.now,
    });
    const started = performance.now();
    await store.start();
    void store.total;
    void store.summary;
    entry = { store, loadMs: performance.now() - started };
    world.smaller.set(size, entry);
  }
  return entry;
}

const CREATED_SHARE = 0.02;
const FINISHED_SHARE = 0.1;
const WORKING_SET = 20_000;
const MAX_CATCH_UP_MS = 100;

/**
 * The cluster as the source sees it, plus a firehose: while `rate` > 0, each
 * `advance(ms)` emits `rate * ms / 1000` changes (2% new jobs, 10% jobs finishing, the
 * rest progress reports of running jobs) over a seeded working set of jobs. Records the
 * last version it sent of every job, to check afterwards that nothing was lost.
 */
export class Firehose {
  constructor(simulator, jobs) {
    this.simulator = simulator;
    this.history = jobs;
    this.nodes = simulator.nodes;
    this.clock = simulator.now;
    this.rate = 0;
    this.carry = 0;
    this.seq = 0;
    this.created = 0;
    this.emitted = 0;
    /** Changes not sent because the page fell behind the rate. */
    this.behind = 0;
    this.listeners = new Set();
    this.random = seeded(0x11fe);
    /** The newest version sent of the jobs of the history that changed, by row. */
    this.changed = new Map();
    this.working = Array.from({ length: Math.min(WORKING_SET, jobs.length) }, () => Math.floor(this.random() * jobs.length));
    /** id -> last version sent. */
    this.sent = new Map();
    this.extra = new Map();
    /** Whether time stands still (see `advance`). */
    this.clockHeld = false;
    /** Main-thread time spent making and handing over changes (the simulated server and its in-page source), ms. */
    this.busyMs = 0;
  }

  get now() {
    return this.clock;
  }

  jobs() {
    return this.history;
  }

  job(id) {
    return this.extra.get(id) ?? this.simulator.job(id);
  }

  listFiles(jobId, params) {
    return this.simulator.listFiles(jobId, params);
  }

  onEvent(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  advance(ms) {
    // Held while the filter scenario compares selections: "last 7 days" must mean the same for all.
    if (!this.clockHeld) this.clock += ms;
    if (this.rate <= 0) return [];
    // A page that falls behind gets at most 100 ms of changes a tick: it would otherwise
    // get ever larger batches and never catch up. What it could not take is counted.
    const span = Math.min(ms, MAX_CATCH_UP_MS);
    this.behind += Math.floor((this.rate * (ms - span)) / 1000);
    const wanted = (this.rate * span) / 1000 + this.carry;
    const count = Math.floor(wanted);
    this.carry = wanted - count;
    const at = new Date(this.clock).toISOString();
    const started = performance.now();
    for (let k = 0; k < count; k++) this.emit(this.change(at));
    this.busyMs += performance.now() - started;
    return [];
  }

  change(at) {
    const r = this.random();
    if (r < CREATED_SHARE) {
      const template = this.history[Math.floor(this.random() * this.history.length)];
      const n = ++this.created;
      const job = {
        ...template,
        id: `live-${n}`,
        name: `${template.name.split(':')[0]}:live-${n}`,
        createdAt: at,
        updatedAt: at,
        startedAt: null,
        finishedAt: null,
        state: 'SCHEDULED',
        stage: 'NOT_STARTED',
        version: 1,
      };
      this.extra.set(job.id, job);
      return { type: 'job.created', job };
    }
    const row = this.working[Math.floor(this.random() * this.working.length)];
    const old = this.changed.get(row) ?? this.history[row];
    const finishing = r < CREATED_SHARE + FINISHED_SHARE;
    const failed = finishing && this.random() < 0.1;
    const job = {
      ...old,
      version: old.version + 1,
      updatedAt: at,
      startedAt: old.startedAt ?? at,
      finishedAt: finishing ? at : null,
      state: finishing ? (failed ? 'UNSUCCESSFUL' : 'SUCCESSFUL') : 'RUNNING',
      stage: finishing ? (failed ? 'INTERRUPTED_ON_ERROR' : 'NORMALLY') : 'IN_PROGRESS',
    };
    this.changed.set(row, job);
    return { type: 'job.updated', job };
  }

  emit(change) {
    const event = { ...change, seq: ++this.seq };
    this.sent.set(event.job.id, event.job.version);
    this.emitted++;
    for (const listener of this.listeners) listener(event);
  }
}

/**
 * A job's files computed from their number (a job of ten million files is never held),
 * served page by page as a source does: offset or cursor paging, status filter,
 * failed-first order. Every 97th file failed.
 */
export class ComputedFiles {
  constructor(total) {
    this.total = total;
    this.failed = Math.floor((total + 96) / 97);
  }

  file(i) {
    const failed = i % 97 === 0;
    return {
      path: `/shares/projects_media/2025/rushes/${String(Math.floor(i / 1000)).padStart(5, '0')}/clip_${String(i).padStart(8, '0')}.mxf`,
      status: failed ? 'FAILED' : 'ARCHIVED',
      size: 1_000_000 + ((i * 7919) % 50_000_000),
      reason: failed ? 'Tape tar_2-39 reported a write error' : null,
    };
  }

  /** File number `k` of the order the query asks for. */
  nth(k, failedOnly, failedFirst) {
    if (failedOnly) return k * 97;
    if (!failedFirst) return k;
    if (k < this.failed) return k * 97;
    const rest = k - this.failed;
    // The rest skip the failed ones: among each 96 others, one block per 97 numbers.
    return Math.floor(rest / 96) * 97 + (rest % 96) + 1;
  }

  async listFiles(_jobId, params = {}, signal) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const failedOnly = params.status?.length === 1 && params.status[0] === 'FAILED';
    const total = failedOnly ? this.failed : this.total;
    const start = params.cursor !== undefined ? Number(params.cursor) : (params.offset ?? 0);
    const limit = params.limit ?? 100;
    const end = Math.min(total, start + limit);
    const items = [];
    for (let k = start; k < end; k++) items.push(this.file(this.nth(k, failedOnly, !!params.failedFirst)));
    return {
      items,
      total,
      nextCursor: end < total ? String(end) : null,
      byStatus: { ARCHIVED: this.total - this.failed, FAILED: this.failed },
      rejected: [],
    };
  }
}
