export * from './job.js';
export * from './file.js';
export * from './query.js';
export * from './api.js';
export * from './analysis.js';
export * from './validate.js';
export * from './validate-files.js';
export * from './validate-other.js';
