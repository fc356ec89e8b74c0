export * from './locale.js';
export * from './messages.js';
export * from './format.js';
export * from './format-quantities.js';
export * from './common.js';
