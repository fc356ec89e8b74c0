import { expect } from '@open-wc/testing';
import type { Job, JobListParams, JobQuery, JobSummary } from '../../src/model/index.js';
import { jobComparator, jobMatcher, summarize, toListParams } from '../../src/source/job-query.js';
import type { JobStoreApi } from '../../src/store/store-api.js';
export { waitFor } from '../wait-for.js';

/** A frame scheduler the test runs by hand: `run()` plays the frames queued so far. */
export function manualFrames() {
  let queue: (() => void)[] = [];
  return {
    schedule: (callback: () => void) => void queue.push(callback),
    get pending() {
      return queue.length;
    },
    run() {
      const callbacks = queue;
      queue = [];
      for (const callback of callbacks) callback();
    },
  };
}

/** The reference answer: every job, filtered with `jobMatcher`, sorted with `jobComparator`. */
export function naiveSelection(jobs: Iterable<Job>, query: JobQuery, now: number): { params: JobListParams; rows: Job[] } {
  const params = toListParams(query, now);
  const rows = [...jobs].filter(jobMatcher(params)).sort(jobComparator(params.sort, params.order));
  return { params, rows };
}

export function rowsOf(store: JobStoreApi): (Job | undefined)[] {
  return Array.from({ length: store.total }, (_, i) => store.jobAt(i));
}

/** A memory-mode store shows exactly the naive selection, and its aggregates are `summarize()` of it. */
export function expectSameAsNaive(store: JobStoreApi, jobs: Iterable<Job>, nodeIds: readonly string[], now: number): void {
  const { params, rows } = naiveSelection(jobs, store.query, now);
  const shown = rowsOf(store);
  expect(shown.map((job) => job && `${job.id}@${job.version}`)).to.deep.equal(rows.map((job) => `${job.id}@${job.version}`));
  expect(plainSummary(store.summary)).to.deep.equal(plainSummary(summarize(rows, params, nodeIds, now)));
}

/** A summary with plain objects, so that deep equality ignores prototypes and key order. */
export function plainSummary(summary: JobSummary | undefined): unknown {
  return summary === undefined ? undefined : JSON.parse(JSON.stringify(summary, sortedKeys));
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Resolves after the next notification of the store. */
export function nextChange(store: JobStoreApi): Promise<void> {
  return new Promise((resolve) => {
    const stop = store.subscribe(() => {
      stop();
      resolve();
    });
  });
}
