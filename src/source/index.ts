/** Where jobs come from: the `JobSource` interface, its two implementations, and the query semantics. */
export * from './job-source.js';
export * from './job-query.js';
export { analyze, durationStats } from './job-analysis.js';
export { HttpJobSource, type HttpJobSourceOptions } from './http-job-source.js';
export type { TokenProvider } from './http-client.js';
export { MemoryJobSource, type ClusterSimulatorLike, type MemoryJobSourceOptions } from './memory-job-source.js';
export { DEFAULT_RETRY, type RetryOptions } from './backoff.js';
export { browserNetwork, documentVisibility, type NetworkStatus, type PageVisibility } from './page-lifecycle.js';
