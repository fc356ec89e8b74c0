/** Everything: the core and every element, defined. The bundle's entry. */
export * from './index.js';
