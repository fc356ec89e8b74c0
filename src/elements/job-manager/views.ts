/**
 * The elements of the manager's views, loaded when a view first opens rather than with
 * the manager, so that the first view shows without waiting for the code of the others
 * (the dashboard brings uPlot, the job its file table). A page that imports one of these
 * elements itself still has it at once.
 */
import type { ManagerView } from './route.js';

export type ViewModules = Record<ManagerView, () => Promise<unknown>>;

const VIEW_MODULES: ViewModules = {
  dashboard: () => Promise.all([import('../job-filters/ac-job-filters.js'), import('../job-dashboard/ac-job-dashboard.js')]),
  jobs: () =>
    Promise.all([
      import('../job-filters/ac-job-filters.js'),
      import('../job-list/ac-job-list.js'),
      import('../export-button/ac-export-button.js'),
    ]),
  job: () => import('../job-detail/ac-job-detail.js'),
  analysis: () => Promise.all([import('../job-filters/ac-job-filters.js'), import('../job-analysis/ac-job-analysis.js')]),
};

/**
 * `load(view)` loads a view's elements once and resolves when they are defined. A load
 * that fails (a network error, a chunk gone after a new deployment) is forgotten, so that
 * asking again tries again.
 */
export function viewLoader(modules: ViewModules): (view: ManagerView) => Promise<void> {
  const loads = new Map<ManagerView, Promise<void>>();
  return (view) => {
    let load = loads.get(view);
    if (!load) {
      load = modules[view]().then(
        () => undefined,
        (error: unknown) => {
          loads.delete(view);
          throw error;
        },
      );
      loads.set(view, load);
    }
    return load;
  };
}

export const loadView = viewLoader(VIEW_MODULES);
