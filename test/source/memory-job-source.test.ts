/**
 * MemoryJobSource: the conformance suite fed by the simulator and by the host page, then
 * what only it does (upsert, setNodes, the simulation's real-time clock).
 */
import { expect } from '@open-wc/testing';
import type { Job } from '../../src/model/index.js';
import { ClusterSimulator } from '../../src/simulator/index.js';
import type { LiveBatch } from '../../src/source/job-source.js';
import { MemoryJobSource } from '../../src/source/memory-job-source.js';
import { ALWAYS_VISIBLE, FakeVisibility, trackTimers, until } from './fake-fetch.js';
import { NODES, makeJob, makeJobs } from './fixtures.js';
import { describeJobSourceConformance } from './job-source-conformance.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeJobSourceConformance('MemoryJobSource with a simulator', async () => {
  const simulator = new ClusterSimulator({ seed: 11, jobs: 240, nodes: 3, days: 10 });
  // A clock that never ticks by itself during the suite: `change` moves it.
  const source = new MemoryJobSource({ simulator, tickMs: 3_600_000, visibility: ALWAYS_VISIBLE });
  return {
    source,
    truth: async () => ({ jobs: [...simulator.jobs()], lastSeq: simulator.lastSeq }),
    change: async () => {
      simulator.advance(600_000);
    },
    dispose: async () => {},
  };
});

describeJobSourceConformance('MemoryJobSource fed by the page', async () => {
  const jobs = new Map(makeJobs(150).map((job) => [job.id, job]));
  const source = new MemoryJobSource({ jobs: jobs.values(), nodes: NODES, user: 'ops' });
  let seq = 0;
  let next = jobs.size;
  return {
    source,
    truth: async () => ({ jobs: [...jobs.values()], lastSeq: seq }),
    change: async () => {
      const changed: Job[] = [makeJob(next++), makeJob(next++)];
      for (const id of ['job-0003', 'job-0040', 'job-0003']) {
        const held = jobs.get(id)!;
        changed.push({ ...held, version: held.version + 1, updatedAt: new Date(Date.parse(held.updatedAt) + 1000).toISOString() });
      }
      for (const job of changed) {
        const held = jobs.get(job.id);
        if (held && held.version >= job.version) continue;
        jobs.set(job.id, job);
        seq++;
      }
      expect(source.upsert(changed)).to.deep.equal([]);
    },
    dispose: async () => {},
  };
});

describe('MemoryJobSource fed by the page', () => {
  it('keeps the newest version of each job and announces each change once, in seq order', () => {
    const source = new MemoryJobSource({ jobs: [makeJob(1), makeJob(2)], nodes: NODES });
    const batches: LiveBatch[] = [];
    source.upsert(makeJob(3));
    expect(batches, 'nothing announced without subscribers').to.deep.equal([]);
    source.subscribe((batch) => batches.push(batch));
    expect(source.connection.status).to.equal('live');
    const newer = makeJob(1, { version: 3, state: 'RUNNING', stage: 'IN_PROGRESS' });
    const older = makeJob(2, { version: 0 });
    const rejected = source.upsert([newer, older, makeJob(1, { version: 2 }), makeJob(9)]);
    expect(rejected).to.deep.equal([]);
    expect(batches).to.deep.equal([
      {
        events: [
          { type: 'job.updated', seq: 2, job: newer },
          { type: 'job.created', seq: 3, job: makeJob(9) },
        ],
      },
    ]);
    expect([...source.allJobs()].map((j) => [j.id, j.version])).to.deep.equal([
      ['job-0001', 3],
      ['job-0002', 1],
      ['job-0003', 1],
      ['job-0009', 1],
    ]);
    source.close();
  });

  it('refuses a job that breaks the contract, naming the field, and keeps the others', async () => {
    const { state: _state, ...noState } = makeJob(5);
    const source = new MemoryJobSource({ jobs: [makeJob(1), noState as Job] });
    expect(source.rejected).to.deep.equal(['jobs[1] (id "job-0005"): job.state is missing']);
    const rejected = source.upsert([makeJob(2), { ...makeJob(3), createdAt: 'yesterday' }, null as unknown as Job]);
    expect(rejected).to.deep.equal([
      'jobs[1] (id "job-0003"): job.createdAt must be a date-time, not "yesterday"',
      'jobs[2]: job must be object, not null',
    ]);
    expect((await source.listJobs({})).items.map((j) => j.id).sort()).to.deep.equal(['job-0001', 'job-0002']);
    expect(source.setNodes([NODES[0]!, { id: '', name: 'x', online: true }])).to.deep.equal([
      'nodes[1]: node.id must NOT have fewer than 1 characters, not ""',
    ]);
    expect(await source.listNodes()).to.deep.equal([NODES[0]]);
  });

  it('is always logged in as a Data Administrator named by the host', async () => {
    const source = new MemoryJobSource({ user: 'ops' });
    expect(await source.login('anyone', 'anything')).to.deep.equal({ user: { name: 'ops', roles: ['DATA_ADMINISTRATOR'] } });
    await source.logout();
    expect((await source.getSession()).user.name).to.equal('ops');
  });

  it('lists files through the host’s callback, or none', async () => {
    const file = { path: '/share/a', status: 'FAILED' as const, size: 3, reason: 'denied' };
    const withFiles = new MemoryJobSource({
      jobs: [makeJob(1)],
      files: async (jobId, params) => ({
        items: [file, { ...file, size: -1 }],
        nextCursor: null,
        total: params.limit ?? 2,
        byStatus: { FAILED: 2 },
      }),
    });
    const page = await withFiles.listFiles('job-0001', { limit: 2 });
    expect([page.items, page.total, page.rejected]).to.deep.equal([[file], 2, ['items[1]: file.size must be >= 0, not -1']]);
    const without = new MemoryJobSource({ jobs: [makeJob(1)] });
    expect(await without.listFiles('job-0001', {})).to.deep.equal({ items: [], nextCursor: null, total: 0, byStatus: {}, rejected: [] });
  });

  it('refuses upsert when a simulator owns the jobs', () => {
    const source = new MemoryJobSource({ simulator: new ClusterSimulator({ seed: 1, jobs: 3 }) });
    expect(() => source.upsert(makeJob(1))).to.throw('the simulator owns the jobs');
    source.close();
  });
});

describe('MemoryJobSource running a simulator', function () {
  this.timeout(10_000);

  it('moves the simulated clock in real time while someone listens and the page is seen', async () => {
    const simulator = new ClusterSimulator({ seed: 2, jobs: 50, activity: 100 });
    const visibility = new FakeVisibility();
    const source = new MemoryJobSource({ simulator, tickMs: 20, visibility });
    const statuses: string[] = [];
    source.onConnectionChange((state) => statuses.push(state.status));
    const start = simulator.now;
    await wait(100);
    expect(simulator.now, 'no listener, no time').to.equal(start);

    const batches: LiveBatch[] = [];
    const unsubscribe = source.subscribe((batch) => batches.push(batch));
    const subscribedAt = performance.now();
    await until(() => batches.length > 0, 'simulated events');
    await wait(200);
    const elapsed = performance.now() - subscribedAt;
    expect(simulator.now - start).to.be.within(elapsed - 100, elapsed);

    const seqs = batches.flatMap((b) => b.events.map((e) => e.seq));
    expect(seqs).to.deep.equal(Array.from({ length: simulator.lastSeq }, (_, i) => i + 1));
    const last = batches.at(-1)!.events.at(-1)!;
    if (last.type !== 'resync') expect(await source.getJob(last.job.id)).to.equal(simulator.job(last.job.id));

    visibility.set(true);
    expect(source.connection.status).to.equal('paused');
    const hiddenAt = simulator.now;
    await wait(150);
    expect(simulator.now, 'no time while hidden').to.equal(hiddenAt);
    visibility.set(false);
    await wait(100);
    expect(simulator.now).to.be.above(hiddenAt);

    unsubscribe();
    const stoppedAt = simulator.now;
    await wait(100);
    expect(simulator.now).to.equal(stoppedAt);
    expect(statuses).to.deep.equal(['live', 'paused', 'live', 'idle']);
  });

  it('relays the simulator’s events when someone else moves its clock', async () => {
    const simulator = new ClusterSimulator({ seed: 4, jobs: 20 });
    const source = new MemoryJobSource({ simulator, tickMs: 3_600_000, visibility: ALWAYS_VISIBLE });
    const batches: LiveBatch[] = [];
    source.subscribe((batch) => batches.push(batch));
    const events = simulator.advance(600_000);
    expect(events.length).to.be.above(1);
    await Promise.resolve();
    expect(batches, 'one batch per advance').to.deep.equal([{ events }]);
    expect((await source.listJobs({ limit: 1000 })).total).to.equal(simulator.size);
    source.close();
    simulator.advance(600_000);
    await Promise.resolve();
    expect(batches.length).to.equal(1);
  });

  it('close() leaves no timer and no listener behind', async () => {
    const timers = trackTimers();
    try {
      const visibility = new FakeVisibility();
      const source = new MemoryJobSource({ simulator: new ClusterSimulator({ seed: 1, jobs: 5 }), tickMs: 10, visibility });
      source.subscribe(() => {});
      await wait(30);
      source.close();
      expect(timers.pending()).to.equal(0);
      expect(visibility.listeners.size).to.equal(0);
      expect(source.connection.status).to.equal('idle');
    } finally {
      timers.restore();
    }
  });
});
