// The reference server's cluster for the remote scenarios: the simulator, plus live changes
// at a set rate (2% new jobs, 10% jobs finishing, the rest progress reports of running
// jobs, over a seeded working set of finished jobs the simulator no longer touches), each
// written into the server's rows and sent as an event, as the simulator's own are.
import { ClusterSimulator } from '../../dist/simulator/index.js';
import { seeded } from '../page/random.js';

const CREATED_SHARE = 0.02;
const FINISHED_SHARE = 0.1;
const WORKING_SET = 20_000;
/** A tick (500 ms, as `npm start` ticks) sends its changes; one that comes late, at most a second's. */
const MAX_CATCH_UP_MS = 1000;

/** The jobs as the objects they were made as (the previous design's rows): job jN at row N − 1. */
export class ObjectRows {
  jobs = [];
  get size() {
    return this.jobs.length;
  }
  jobAt(row) {
    return this.jobs[row];
  }
  put(job) {
    this.jobs[Number(job.id.slice(1)) - 1] = job;
  }
}

export class Firehose {
  /** `rows`: where the jobs are kept (the server's `JobTable`, or `ObjectRows`); `simulation`: the simulator's options. */
  constructor(rows, simulation, rate) {
    this.rows = rows;
    this.inner = new ClusterSimulator({ ...simulation, rows });
    this.nodes = this.inner.nodes;
    this.rate = rate;
    this.carry = 0;
    this.seq = 0;
    this.emitted = 0;
    this.behind = 0;
    this.listeners = new Set();
    this.random = seeded(0x5e4e);
    this.inner.onEvent((event) => this.emit(event.type, event.job));
    // Rows of finished jobs of the history: the simulator never changes them again. Only
    // their rows are kept (each change reads the job from the server's rows), so that the
    // firehose holds no jobs of its own in the server's memory.
    const working = new Set();
    for (let tries = 0; working.size < Math.min(WORKING_SET, rows.size) && tries < 4 * WORKING_SET; tries++) {
      const row = Math.floor(this.random() * rows.size);
      if (rows.jobAt(row).finishedAt !== null) working.add(row);
    }
    this.workingRows = [...working];
  }

  get now() {
    return this.inner.now;
  }
  get lastSeq() {
    return this.seq;
  }
  get size() {
    return this.rows.size;
  }
  job(id) {
    return this.inner.job(id);
  }
  jobs() {
    return this.inner.jobs();
  }
  listFiles(id, params) {
    return this.inner.listFiles(id, params);
  }
  onEvent(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  advance(ms) {
    this.inner.advance(ms);
    if (this.rate <= 0) return [];
    const span = Math.min(ms, MAX_CATCH_UP_MS);
    this.behind += Math.floor((this.rate * (ms - span)) / 1000);
    const wanted = (this.rate * span) / 1000 + this.carry;
    const count = Math.floor(wanted);
    this.carry = wanted - count;
    const at = new Date(this.now).toISOString();
    for (let k = 0; k < count; k++) {
      const { type, job } = this.change(at);
      this.rows.put(job);
      this.emit(type, job);
    }
    return [];
  }

  change(at) {
    const r = this.random();
    if (r < CREATED_SHARE && this.workingRows.length) {
      const template = this.rows.jobAt(this.workingRows[Math.floor(this.random() * this.workingRows.length)]);
      const id = `j${String(this.rows.size + 1).padStart(6, '0')}`;
      const job = {
        ...template,
        id,
        createdAt: at,
        updatedAt: at,
        startedAt: null,
        finishedAt: null,
        state: 'SCHEDULED',
        stage: 'NOT_STARTED',
        version: 1,
        progress: {
          ...template.progress,
          files: { ...template.progress.files, done: 0, failed: 0 },
          bytes: { ...template.progress.bytes, done: 0 },
        },
      };
      return { type: 'job.created', job };
    }
    const row = this.workingRows[Math.floor(this.random() * this.workingRows.length)];
    const old = this.rows.jobAt(row);
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
    return { type: 'job.updated', job };
  }

  emit(type, job) {
    const event = { type, seq: ++this.seq, job };
    this.emitted++;
    for (const listener of this.listeners) listener(event);
  }
}
