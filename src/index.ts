/**
 * The core of the package: the model, the sources, the store, exports and formatting.
 * Importing it defines no element; import an element's module (or `all.js`) for that.
 */
export * from './model/index.js';
export * from './source/index.js';
export * from './store/index.js';
export * from './export/index.js';
export * from './i18n/index.js';
