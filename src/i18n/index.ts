export * from './locale.js';
export * from './messages.js';
export * from './format.js';
export * from './common.js';
