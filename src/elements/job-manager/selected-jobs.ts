import { toListParams, type JobSource } from '../../source/index.js';
import type { Job } from '../../model/index.js';
import type { JobStoreApi } from '../../store/store-api.js';

const PAGE = 1000;

/**
 * Every job the store's query selects, in the list's order, for a whole-list export: read
 * from the store when it holds them all, else paged from the source with its cursor (so
 * an export of millions never holds them at once).
 */
export async function* selectedJobs(store: JobStoreApi, signal?: AbortSignal): AsyncGenerator<Job> {
  if (store.mode === 'memory') {
    const total = store.total;
    for (let index = 0; index < total; index++) {
      const job = store.jobAt(index);
      if (job) yield job;
    }
    return;
  }
  const source: JobSource & { loadAllJobs?: (params: ReturnType<typeof toListParams>, signal?: AbortSignal) => AsyncIterable<Job> } =
    store.source;
  const params = toListParams(store.query, Date.now());
  if (source.loadAllJobs) {
    yield* source.loadAllJobs(params, signal);
    return;
  }
  let cursor: string | undefined;
  do {
    const page = await source.listJobs({ ...params, limit: PAGE, ...(cursor ? { cursor } : {}) }, signal);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
