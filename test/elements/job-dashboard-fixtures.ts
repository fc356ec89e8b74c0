/**
 * A simulated cluster (4 nodes, a few thousand jobs) behind a real `MemoryJobSource` and
 * `JobStore`, and the reference answers the dashboard and filters tests compare with:
 * the simulator's raw jobs filtered with `jobMatcher`.
 */
import { JOB_STATES, JOB_TYPES, type Job, type JobState, type JobType } from '../../src/model/index.js';
import { ClusterSimulator } from '../../src/simulator/index.js';
import { jobMatcher, toListParams } from '../../src/source/job-query.js';
import { JobSourceError } from '../../src/source/job-source.js';
import { MemoryJobSource } from '../../src/source/memory-job-source.js';
import { JobStore, type JobStoreOptions } from '../../src/store/job-store.js';
export { waitFor } from '../wait-for.js';

/** The test stores' notification batches: one per macrotask. */
export const nextTask = (callback: () => void): void => void setTimeout(callback, 0);

/** A fixed "now" for the simulation. */
export const NOW = Date.parse('2025-10-23T16:00:00Z');

export interface Cluster {
  simulator: ClusterSimulator;
  source: MemoryJobSource;
  store: JobStore;
}

/**
 * A started store over a seeded simulation. The simulation moves only when a test calls
 * `simulator.advance` (the source's own ticker is set far out).
 */
export async function simulatedCluster(options: { jobs?: number; seed?: number; store?: JobStoreOptions } = {}): Promise<Cluster> {
  const simulator = new ClusterSimulator({ seed: options.seed ?? 11, nodes: 4, jobs: options.jobs ?? 2500, days: 30, now: NOW });
  const source = new MemoryJobSource({ simulator, tickMs: 2 ** 30 });
  const store = new JobStore(source, { clock: () => simulator.now, scheduleFrame: nextTask, ...options.store });
  await store.start();
  return { simulator, source, store };
}

/** The jobs the store's current query selects, recomputed from the simulator's raw jobs. */
export function expectedJobs(cluster: Cluster): Job[] {
  const matches = jobMatcher(toListParams(cluster.store.query, cluster.simulator.now));
  return [...cluster.simulator.jobs()].filter(matches);
}

export function countBy<K extends string>(jobs: readonly Job[], key: (job: Job) => K, keys: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const job of jobs) counts[key(job)] = (counts[key(job)] ?? 0) + 1;
  return counts;
}

export const byState = (jobs: readonly Job[]) => countBy<JobState>(jobs, (j) => j.state, JOB_STATES);
export const byType = (jobs: readonly Job[]) => countBy<JobType>(jobs, (j) => j.type, JOB_TYPES);

/**
 * Waits until the store has told its subscribers what changed and the elements have
 * rendered it. The test stores batch per macrotask instead of per animation frame (the
 * batching is the same, the wait does not depend on how fast a loaded machine paints).
 */
export async function settle(...elements: { updateComplete: Promise<unknown> }[]): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.all(elements.map((el) => el.updateComplete));
  }
}

/** A number as the elements print it in English (`1,234`). */
export function readCount(text: string | null | undefined): number {
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

/** A source that fails its first `failures` session checks with a network error, then works. */
export function failingSource(source: MemoryJobSource, failures: number): MemoryJobSource & { calls: number } {
  let calls = 0;
  return new Proxy(source, {
    get(target, key) {
      if (key === 'calls') return calls;
      if (key === 'getSession') {
        return async (signal?: AbortSignal) => {
          calls++;
          if (calls <= failures) throw new JobSourceError('network', 'Failed to fetch');
          return target.getSession(signal);
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      // Methods run on the real source (its private fields are not on the proxy).
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as MemoryJobSource & { calls: number };
}
