import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { FAILURE_STAGES, JOB_STATES, JOB_TYPES, KNOWN_STAGES, validateJob } from '../../src/model/index.js';
import type { Job } from '../../src/model/index.js';
import { ClusterSimulator } from '../../src/simulator/index.js';

const NOW = Date.parse('2025-10-23T12:00:00Z');
const DAY = 86_400_000;
const KNOWN: ReadonlySet<string> = new Set(KNOWN_STAGES);

/** Every rule a job of the history must follow; returns the first broken one, or ''. */
function problemOf(job: Job, sim: ClusterSimulator, days: number): string {
  const validation = validateJob(job);
  if (!validation.ok) return validation.error;
  const created = Date.parse(job.createdAt);
  const updated = Date.parse(job.updatedAt);
  const { files, bytes } = job.progress;
  if (created < sim.now - days * DAY || created > sim.now) return 'createdAt out of the history';
  if (updated < created || updated > sim.now) return 'updatedAt before creation or in the future';
  if (files.done + files.failed > files.total) return 'more files handled than there are';
  if (bytes.done > bytes.total) return 'more bytes done than there are';
  if (!sim.nodes.some((node) => node.id === job.node)) return `unknown node ${job.node}`;
  if (!job.name.startsWith(job.type.charAt(0) + job.type.slice(1).toLowerCase() + ':')) return `name ${job.name}`;
  switch (job.state) {
    case 'SCHEDULED':
      if (job.stage !== 'NOT_STARTED') return 'scheduled but not NOT_STARTED';
      if (job.startedAt !== null || job.finishedAt !== null) return 'scheduled with a start or an end';
      if (files.done + files.failed > 0 || bytes.done > 0) return 'scheduled with work done';
      break;
    case 'RUNNING':
      if (job.stage !== 'IN_PROGRESS') return 'running but not IN_PROGRESS';
      if (job.startedAt === null || job.finishedAt !== null) return 'running without a start, or with an end';
      break;
    case 'SUCCESSFUL':
      if (job.stage !== 'NORMALLY') return 'successful but not NORMALLY';
      if (files.done !== files.total || files.failed !== 0 || bytes.done !== bytes.total) return 'successful but not all done';
      break;
    case 'UNSUCCESSFUL':
      if (!FAILURE_STAGES.has(job.stage) && KNOWN.has(job.stage)) return `unsuccessful with stage ${job.stage}`;
      if (job.stage === 'INTERRUPTED_ON_ERROR' && files.total > 0 && files.failed === 0) return 'error without failed files';
      break;
  }
  if ((job.state === 'SUCCESSFUL' || job.state === 'UNSUCCESSFUL') !== (job.finishedAt !== null)) return 'finishedAt';
  if (job.finishedAt !== null && job.finishedAt !== job.updatedAt) return 'finished but updated later';
  if (job.startedAt !== null && Date.parse(job.startedAt) < created) return 'started before creation';
  return '';
}

describe('ClusterSimulator: the initial history', () => {
  it('is a valid cluster for any seed: every job follows the model and the lifecycle rules', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 8 }), (seed, nodes) => {
        const sim = new ClusterSimulator({ seed, nodes, jobs: 2000, days: 10, now: NOW });
        expect(sim.size).to.equal(2000);
        expect(sim.nodes.map((node) => node.id)).to.deep.equal(Array.from({ length: nodes }, (_, i) => `node-${i + 1}`));
        expect(sim.nodes.map((node) => node.name)).to.deep.equal(Array.from({ length: nodes }, (_, i) => `node ${i + 1}`));
        let previous = -Infinity;
        let index = 0;
        for (const job of sim.jobs()) {
          const created = Date.parse(job.createdAt);
          const problem =
            problemOf(job, sim, 10) ||
            (job.id !== `j${String(++index).padStart(6, '0')}` ? 'id out of order' : '') ||
            (created < previous ? 'not oldest first' : '');
          if (problem) expect.fail(`${job.id}: ${problem}\n${JSON.stringify(job)}`);
          previous = created;
        }
      }),
      { numRuns: 6 },
    );
  });

  it('shows every type, every state and known and unknown stages, with work under way now', () => {
    for (const seed of [1, 2, 3]) {
      const sim = new ClusterSimulator({ seed, now: NOW });
      const jobs = [...sim.jobs()];
      expect(new Set(jobs.map((job) => job.type))).to.have.keys(...JOB_TYPES);
      expect(new Set(jobs.map((job) => job.state))).to.have.keys(...JOB_STATES);
      const stages = new Set(jobs.map((job) => job.stage));
      for (const stage of ['NORMALLY', 'INTERRUPTED_ON_ERROR', 'INTERRUPTED_BY_USER', 'NOT_STARTED', 'IN_PROGRESS']) {
        expect(stages, stage).to.include(stage);
      }
      expect([...stages].filter((stage) => !KNOWN.has(stage))).to.not.be.empty;
      // Most of the history is over; a few recent jobs run or wait.
      const open = jobs.filter((job) => job.state === 'RUNNING' || job.state === 'SCHEDULED');
      expect(open.length).to.be.within(5, 100);
      expect(jobs.filter((job) => job.state === 'SUCCESSFUL').length).to.be.above(jobs.length * 0.7);
      const unknown = jobs.filter((job) => !KNOWN.has(job.stage)).length;
      expect(unknown).to.be.within(1, jobs.length * 0.05);
    }
  });

  it('has job sizes from no files to millions', () => {
    const jobs = [...new ClusterSimulator({ now: NOW }).jobs()];
    const totals = jobs.map((job) => job.progress.files.total);
    expect(totals.filter((n) => n === 0).length).to.be.above(0);
    expect(totals.filter((n) => n > 1_000_000).length).to.be.within(1, 30);
    totals.sort((a, b) => a - b);
    // Heavy-tailed: the median job is small.
    expect(totals[totals.length >> 1]).to.be.below(10_000);
  });

  it('names and describes jobs in the words of the user guide, repeating them across jobs', () => {
    const jobs = [...new ClusterSimulator({ now: NOW }).jobs()];
    const patterns: Record<string, [RegExp, RegExp]> = {
      DUPLICATION: [/^Duplication:tar_\d-\d\d$/, /^Tape tar_\d-\d\d: duplication process, in \w+ mode, .+ \(.+\)$/],
      VERSIONING: [/^Versioning:\w+$/, /^Share \w+: versioning policy process .+$/],
      DESTAGING: [/^Destaging:\w+$/, /^Share \w+ : copy to the cache \(destaging\) process \d$/],
      ARCHIVING: [/^Archiving:\w+$/, /^Share \w+: archiving policy process to (tape tar_\d-\d\d|cloud bucket \w+)$/],
      STORAGE: [/^Storage:\w+$/, /^Share \w+: storage policy process, \d cop(y|ies) on disk$/],
      COPY: [/^Copy:[\w-]+$/, /^Share \w+: copy to client [\w-]+ (from the Active Circle explorer|with the accopy command)$/],
    };
    for (const job of jobs) {
      const [name, description] = patterns[job.type]!;
      const p = job.progress;
      const fits =
        name.test(job.name) &&
        description.test(job.description) &&
        (!('share' in p) || job.description.startsWith(`Share ${p.share}`)) &&
        (!('sourceTape' in p) || job.name === `Duplication:${p.sourceTape}`) &&
        (!('client' in p) || job.name === `Copy:${p.client}`) &&
        (!('target' in p) || job.description.endsWith(p.target.name));
      if (!fits) expect.fail(JSON.stringify(job));
    }
    expect(new Set(jobs.map((job) => job.name)).size).to.be.below(jobs.length / 10);
    expect(new Set(jobs.map((job) => job.description)).size).to.be.below(jobs.length / 2);
  });

  it('spreads creation over the period, busier in working hours', () => {
    const jobs = [...new ClusterSimulator({ jobs: 20_000, days: 28, now: NOW }).jobs()];
    let office = 0;
    for (const job of jobs) {
      const hour = new Date(job.createdAt).getUTCHours();
      if (hour >= 8 && hour < 17) office++;
    }
    // 9 of 24 hours hold well over 9/24 of the jobs.
    expect(office / jobs.length).to.be.above(0.5);
    const firstWeek = jobs.filter((job) => Date.parse(job.createdAt) < NOW - 21 * DAY).length;
    expect(firstWeek / jobs.length).to.be.within(0.15, 0.35);
  });

  it('is the same cluster for the same seed and options, and another for another seed', () => {
    const a = JSON.stringify([...new ClusterSimulator({ seed: 42, jobs: 3000, now: NOW }).jobs()]);
    const b = JSON.stringify([...new ClusterSimulator({ seed: 42, jobs: 3000, now: NOW }).jobs()]);
    const c = JSON.stringify([...new ClusterSimulator({ seed: 43, jobs: 3000, now: NOW }).jobs()]);
    expect(a).to.equal(b);
    expect(a).to.not.equal(c);
  });

  it('finds a job by id, and nothing for ids it does not hold', () => {
    const sim = new ClusterSimulator({ jobs: 100, now: NOW });
    const jobs = [...sim.jobs()];
    expect(sim.job('j000042')).to.equal(jobs[41]);
    for (const id of ['j000000', 'j000101', 'j42', 'j0000042', 'J000042', '', '__proto__', 'constructor']) {
      expect(sim.job(id), id).to.equal(undefined);
    }
  });

  it('starts its clock at `now` and defaults to the documented options', () => {
    const before = Date.now();
    const sim = new ClusterSimulator({ jobs: 10 });
    expect(sim.now).to.be.within(before, Date.now());
    expect(sim.seed).to.equal(1);
    expect(sim.nodes).to.have.length(4);
    expect(sim.lastSeq).to.equal(0);
    expect(new ClusterSimulator({ jobs: 0 }).size).to.equal(0);
  });

  it('refuses options it cannot honour, naming them', () => {
    for (const [options, name] of [
      [{ seed: 1.5 }, 'seed'],
      [{ nodes: 0 }, 'nodes'],
      [{ jobs: -1 }, 'jobs'],
      [{ days: 0 }, 'days'],
      [{ now: Number.NaN }, 'now'],
      [{ activity: 0 }, 'activity'],
    ] as const) {
      expect(() => new ClusterSimulator({ jobs: 1, ...options }), name).to.throw(RangeError, name);
    }
  });
});
