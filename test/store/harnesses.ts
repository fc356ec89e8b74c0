/**
 * The backends the shared store suite runs over: each gives a source, the truth (every
 * job as the backend holds it) and a way to make time pass so that live events flow.
 */
import type { Job, JobState } from '../../src/model/index.js';
import { ClusterSimulator } from '../../src/simulator/index.js';
import { HttpJobSource } from '../../src/source/http-job-source.js';
import type { JobSource } from '../../src/source/job-source.js';
import { MemoryJobSource } from '../../src/source/memory-job-source.js';
import type { PageVisibility } from '../../src/source/page-lifecycle.js';
import { FakeSource } from './fake-source.js';
import { NODES, NOW, makeJob, sampleJobs, seeded } from './jobs.js';

export interface Harness {
  source: JobSource;
  nodeIds: string[];
  /** The backend's clock (the store is given the same). */
  now(): number;
  truth(): Promise<Job[]>;
  /** Makes `ms` pass: jobs change and are created, and their events reach the source's listeners. */
  advance(ms: number): Promise<void>;
  dispose(): Promise<void>;
}

export interface HarnessFactory {
  label: string;
  create(): Promise<Harness>;
}

const JOBS = 400;

/** Test pages may run in background tabs: sources must not pause for that. */
export const ALWAYS_VISIBLE: PageVisibility = { hidden: () => false, onChange: () => () => {} };
const NEXT_STATE: Record<JobState, JobState> = {
  SCHEDULED: 'RUNNING',
  RUNNING: 'SUCCESSFUL',
  SUCCESSFUL: 'SUCCESSFUL',
  UNSUCCESSFUL: 'UNSUCCESSFUL',
};

/** The in-test fake: scripted changes (jobs move on, new ones appear), delivered in a later task. */
export function fakeHarness(remote: boolean): HarnessFactory {
  return {
    label: remote ? 'fake source, remote mode' : 'fake source, memory mode',
    async create() {
      const source = new FakeSource(sampleJobs(JOBS, 5), NODES, { remote, now: NOW });
      const random = seeded(9);
      let created = JOBS;
      let now = NOW;
      return {
        source,
        nodeIds: NODES.map((n) => n.id),
        now: () => now,
        truth: async () => [...source.jobs.values()],
        async advance(ms) {
          now += ms;
          source.now = now;
          const held = [...source.jobs.values()];
          const changed = Array.from({ length: 12 }, () => held[Math.floor(random() * held.length)]!).map((job) => {
            const state = NEXT_STATE[job.state];
            const finished = state === 'SUCCESSFUL' || state === 'UNSUCCESSFUL';
            return {
              ...job,
              state,
              stage: finished ? 'NORMALLY' : 'IN_PROGRESS',
              updatedAt: new Date(now).toISOString(),
              finishedAt: finished ? (job.finishedAt ?? new Date(now).toISOString()) : null,
              version: job.version + 1,
            } as Job;
          });
          const fresh = Array.from({ length: 3 }, () =>
            makeJob({
              id: `new-${created++}`,
              name: 'Archiving:media',
              description: 'Share media: archiving to tape TAR_9',
              type: 'ARCHIVING',
              node: NODES[created % NODES.length]!.id,
              state: 'SCHEDULED',
              stage: 'NOT_STARTED',
              createdAt: now,
              updatedAt: now,
              finishedAt: null,
              version: 1,
            }),
          );
          const events = [
            ...fresh.map((job) => ({ type: 'job.created' as const, seq: 0, job })),
            ...changed.map((job) => ({ type: 'job.updated' as const, seq: 0, job })),
          ];
          await new Promise((resolve) => setTimeout(resolve));
          source.emit(events);
        },
        async dispose() {
          source.close();
        },
      };
    },
  };
}

/** The real in-page source over the cluster simulator; time moves only through `advance`. */
export const simulatorHarness: HarnessFactory = {
  label: 'MemoryJobSource over ClusterSimulator',
  async create() {
    const simulator = new ClusterSimulator({ seed: 3, jobs: JOBS, nodes: 4, now: NOW, activity: 20 });
    // A tick far away: the test alone moves the simulated clock.
    const source = new MemoryJobSource({ simulator, tickMs: 2_000_000_000, visibility: ALWAYS_VISIBLE });
    return {
      source,
      nodeIds: simulator.nodes.map((n) => n.id),
      now: () => simulator.now,
      truth: async () => [...simulator.jobs()],
      async advance(ms) {
        simulator.advance(ms);
        await new Promise((resolve) => setTimeout(resolve));
      },
      async dispose() {
        source.close();
      },
    };
  },
};

/** A reference server instance of the test control, for remote-mode tests. */
export interface TestServer {
  base: string;
  control: string;
  post(path: string, body?: unknown): Promise<unknown>;
  state(): Promise<{ jobs: Job[]; lastSeq: number }>;
  stop(): Promise<void>;
}

export async function startServer(options: Record<string, unknown> = {}): Promise<TestServer> {
  const response = await fetch('/__test__/servers', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seed: 3, jobs: JOBS, nodes: 4, now: NOW, activity: 20, heartbeatMs: 1000, ...options }),
  });
  if (response.status !== 201) throw new Error(`test server: ${response.status} ${await response.text()}`);
  const { base, control } = (await response.json()) as { base: string; control: string };
  const post = async (path: string, body: unknown = {}) => {
    const answer = await fetch(`${control}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`test server ${path}: ${answer.status} ${await answer.text()}`);
    return answer.status === 204 ? undefined : answer.json();
  };
  return {
    base,
    control,
    post,
    state: async () => (await (await fetch(`${control}/state`)).json()) as { jobs: Job[]; lastSeq: number },
    stop: async () => void (await fetch(control, { method: 'DELETE' })),
  };
}

/** HttpJobSource against the reference server (logged in as the Data Administrator). */
export const httpHarness: HarnessFactory = {
  label: 'HttpJobSource against the reference server',
  async create() {
    const server = await startServer();
    const source = new HttpJobSource({ baseUrl: server.base, heartbeatMs: 1000, visibility: ALWAYS_VISIBLE });
    await source.login('admin', 'admin');
    let now = NOW;
    return {
      source,
      nodeIds: ['node-1', 'node-2', 'node-3', 'node-4'],
      now: () => now,
      truth: async () => (await server.state()).jobs,
      async advance(ms) {
        now += ms;
        await server.post('/advance', { ms });
      },
      async dispose() {
        source.close();
        await server.stop();
      },
    };
  },
};
