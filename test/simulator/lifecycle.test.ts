import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { FAILURE_STAGES, JOB_STATES, KNOWN_STAGES, validateLiveEvent } from '../../src/model/index.js';
import type { Job, JobChangeEvent } from '../../src/model/index.js';
import { ClusterSimulator } from '../../src/simulator/index.js';

const NOW = Date.parse('2025-10-23T12:00:00Z');
const KNOWN: ReadonlySet<string> = new Set(KNOWN_STAGES);
const FINAL: ReadonlySet<string> = new Set(['SUCCESSFUL', 'UNSUCCESSFUL']);

/**
 * Checks a run of events against the lifecycle rules and returns them; fails on the first
 * broken rule. Plain comparisons: a run has tens of thousands of events.
 */
function checkRun(sim: ClusterSimulator, steps: readonly number[]): JobChangeEvent[] {
  const latest = new Map<string, Job>();
  for (const job of sim.jobs()) latest.set(job.id, job);
  const heard: JobChangeEvent[] = [];
  const stop = sim.onEvent((event) => heard.push(event));
  const events: JobChangeEvent[] = [];
  let seq = sim.lastSeq;
  let size = sim.size;
  const check = (ok: boolean, rule: string, event: JobChangeEvent): void => {
    if (!ok) expect.fail(`${rule}: ${JSON.stringify(event)}`);
  };
  for (const ms of steps) {
    const before = sim.now;
    const batch = sim.advance(ms);
    expect(sim.now).to.equal(before + ms);
    for (const event of batch) {
      const validation = validateLiveEvent(event);
      if (!validation.ok) expect.fail(validation.error);
      check(event.seq > seq, 'seq grows', event);
      seq = event.seq;
      const job = event.job;
      const updated = Date.parse(job.updatedAt);
      check(updated <= sim.now, 'never in the future', event);
      check(updated >= Date.parse(job.createdAt), 'updated after creation', event);
      const old = latest.get(job.id);
      if (event.type === 'job.created') {
        check(old === undefined, 'created once', event);
        check(job.state === 'SCHEDULED' && job.createdAt === job.updatedAt, 'created scheduled', event);
        size++;
      } else {
        if (!old) expect.fail(`${job.id} updated before it was created`);
        check(!FINAL.has(old.state), `never out of ${old.state}`, event);
        check(JOB_STATES.indexOf(job.state) >= JOB_STATES.indexOf(old.state), `never back from ${old.state}`, event);
        check(job.version > old.version, 'version grows', event);
        check(updated >= Date.parse(old.updatedAt), 'updatedAt never decreases', event);
        check(job.createdAt === old.createdAt && job.progress.files.total === old.progress.files.total, 'same job', event);
        check(
          job.progress.files.done >= old.progress.files.done && job.progress.files.failed >= old.progress.files.failed,
          'files handled never decrease',
          event,
        );
        check(job !== old, 'a new object', event);
      }
      if (job.state === 'UNSUCCESSFUL') check(FAILURE_STAGES.has(job.stage) || !KNOWN.has(job.stage), 'says why', event);
      if (job.state === 'SUCCESSFUL') check(job.stage === 'NORMALLY', 'successful NORMALLY', event);
      if (job.state === 'RUNNING') check(job.stage === 'IN_PROGRESS', 'running IN_PROGRESS', event);
      latest.set(job.id, job);
    }
    events.push(...batch);
    expect(sim.lastSeq).to.equal(seq);
    expect(sim.size).to.equal(size);
  }
  stop();
  expect(heard.length).to.equal(events.length);
  expect(
    heard.every((event, i) => event === events[i]),
    'listeners get the events returned',
  ).to.equal(true);
  for (const [id, job] of latest) if (sim.job(id) !== job) expect.fail(`${id} is not its last event's job`);
  return events;
}

describe('ClusterSimulator: advancing the clock', () => {
  it('follows every lifecycle rule over hours of simulated time in thousands of steps', () => {
    const sim = new ClusterSimulator({ seed: 7, jobs: 300, now: NOW });
    const snapshot = JSON.stringify([...sim.jobs()]);
    const held = [...sim.jobs()];
    // 3000 steps of 0.1 to 9.9 s: about four hours.
    const steps = Array.from({ length: 3000 }, (_, i) => 100 + ((i * 7919) % 9800));
    const events = checkRun(sim, steps);
    expect(JSON.stringify(held), 'jobs handed out are never changed').to.equal(snapshot);

    // The run did what a cluster does: jobs appeared, started, finished both ways.
    const types = new Set(events.map((e) => `${e.type} ${e.job.state}`));
    for (const kind of ['job.created SCHEDULED', 'job.updated RUNNING', 'job.updated SUCCESSFUL', 'job.updated UNSUCCESSFUL']) {
      expect(types, kind).to.include(kind);
    }
    expect(events.some((e) => e.job.state === 'UNSUCCESSFUL' && e.job.progress.files.failed > 0)).to.equal(true);
    expect(events.some((e) => e.type === 'job.updated' && e.job.state === 'RUNNING' && e.job.version > 3)).to.equal(true);
  });

  it('follows the lifecycle rules for any seed, activity and steps', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 1, maxLength: 100 }),
        (seed, activity, steps) => {
          checkRun(new ClusterSimulator({ seed, activity, jobs: 200, now: NOW }), steps);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('gives the same events for the same seed and steps, and others for another seed', () => {
    const run = (seed: number): string => {
      const sim = new ClusterSimulator({ seed, jobs: 500, now: NOW });
      return JSON.stringify(Array.from({ length: 200 }, (_, i) => sim.advance(1000 + ((i * 31) % 5000))));
    };
    expect(run(5)).to.equal(run(5));
    expect(run(5)).to.not.equal(run(6));
  });

  it('brings new jobs, more with more activity', () => {
    const created = (activity: number): number => {
      const sim = new ClusterSimulator({ jobs: 10, activity, now: NOW });
      return sim.advance(3_600_000).filter((e) => e.type === 'job.created').length;
    };
    const calm = created(1);
    expect(calm).to.be.within(200, 600);
    expect(created(4)).to.be.above(calm * 3);
  });

  it('keeps jobs oldest first, with ids in order, as new ones arrive', () => {
    const sim = new ClusterSimulator({ jobs: 50, now: NOW });
    for (let i = 0; i < 100; i++) sim.advance(7000);
    const jobs = [...sim.jobs()];
    expect(jobs.length).to.be.above(50);
    jobs.forEach((job, i) => {
      expect(job.id).to.equal(`j${String(i + 1).padStart(6, '0')}`);
      if (i > 0) expect(Date.parse(job.createdAt)).to.be.at.least(Date.parse(jobs[i - 1]!.createdAt));
    });
  });

  it('does nothing for no time, and refuses a negative or unknown duration', () => {
    const sim = new ClusterSimulator({ jobs: 200, now: NOW });
    expect(sim.advance(0)).to.deep.equal([]);
    sim.advance(5000);
    expect(sim.advance(0)).to.deep.equal([]);
    expect(() => sim.advance(-1)).to.throw(RangeError);
    expect(() => sim.advance(Number.NaN)).to.throw(RangeError);
    expect(() => sim.advance(Infinity)).to.throw(RangeError);
  });

  it('stops calling a listener once unsubscribed, and one failing listener does not starve the others', () => {
    const sim = new ClusterSimulator({ jobs: 10, now: NOW });
    const seen: JobChangeEvent[] = [];
    const stop = sim.onEvent((e) => seen.push(e));
    const failing = sim.onEvent(() => {
      throw new Error('listener bug');
    });
    expect(() => sim.advance(60_000)).to.throw('listener bug');
    expect(seen.length).to.be.above(1);
    expect(seen.map((e) => e.seq)).to.deep.equal(Array.from({ length: seen.length }, (_, i) => i + 1));
    expect(sim.lastSeq).to.equal(seen.length);
    for (const event of seen) expect(sim.job(event.job.id)!.version).to.be.at.least(event.job.version);
    failing();
    expect(sim.advance(60_000).length).to.be.above(0);
    stop();
    const heard = seen.length;
    expect(sim.advance(60_000).length).to.be.above(0);
    expect(seen.length).to.equal(heard);
  });
});
