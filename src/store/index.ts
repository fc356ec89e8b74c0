/** The store layer: one `JobStore` shared by the elements of a page, and how they find it. */
export * from './store-api.js';
export { JobStore, type JobStoreOptions } from './job-store.js';
export { createStore, type OwnedStore, type StoreOptions } from './create-store.js';
export { frames, type ScheduleFrame } from './change-batcher.js';
export { jobStoreContext } from './context.js';
export { JobStoreController, type JobStoreControllerOptions, type JobStoreHost } from './job-store-controller.js';
