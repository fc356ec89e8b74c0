/** A seeded simulation of an Active Circle cluster, for the in-page source and the demo server. */
export { ClusterSimulator } from './cluster-simulator.js';
export type { SimulatorOptions } from './cluster-simulator.js';
export { DEFAULT_FILE_PAGE, DONE_STATUS, MAX_FILE_PAGE } from './files.js';
