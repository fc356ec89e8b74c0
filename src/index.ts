/**
 * The core of the package: the model, the sources, the store, exports and formatting.
 * Importing it defines no element; import an element's module (or `all.js`) for that.
 */
export * from './model/index.js';
export * from './source/job-source.js';
export * from './source/job-query.js';
export type * from './store/store-api.js';
