/**
 * The simulated cluster's modules (the simulator and the in-page source), loaded on first
 * use so that a page on an API never downloads them; once loaded, later stores get them
 * in a microtask. A load that fails is forgotten, so that a later store tries again.
 */
type Simulation = [typeof import('../../simulator/index.js'), typeof import('../../source/memory-job-source.js')];
let simulation: Promise<Simulation> | undefined;

export function loadSimulation(): Promise<Simulation> {
  simulation ??= Promise.all([import('../../simulator/index.js'), import('../../source/memory-job-source.js')]).catch((error: unknown) => {
    simulation = undefined;
    throw error;
  });
  return simulation;
}
