/**
 * The elements of the manager's views, loaded when a view first opens rather than with
 * the manager, so that the first view shows without waiting for the code of the others
 * (the dashboard brings its filters, the job its detail). A page that imports one of these
 * elements itself still has it at once. The manager's own parts that a page may never need
 * load the same way: the log-in form when the API asks for a log-in, the connection status
 * beside the first requests, the list's export button beside the list.
 */
import { once } from '../shared/load-once.js';
import type { ManagerView } from './route.js';

export type ViewModules = Record<ManagerView, () => Promise<unknown>>;

const VIEW_MODULES: ViewModules = {
  dashboard: () => Promise.all([import('../job-filters/ac-job-filters.js'), import('../job-dashboard/ac-job-dashboard.js')]),
  jobs: () => Promise.all([import('../job-filters/ac-job-filters.js'), import('../job-list/ac-job-list.js')]),
  job: () => import('../job-detail/ac-job-detail.js'),
  analysis: () => Promise.all([import('../job-filters/ac-job-filters.js'), import('../job-analysis/ac-job-analysis.js')]),
};

/** `load(view)` loads a view's elements once and resolves when they are defined; a failed load is tried again when asked again. */
export function viewLoader(modules: ViewModules): (view: ManagerView) => Promise<void> {
  const loads = new Map<ManagerView, () => Promise<void>>();
  return (view) => {
    let load = loads.get(view);
    if (!load) {
      load = once(modules[view]);
      loads.set(view, load);
    }
    return load();
  };
}

export const loadView = viewLoader(VIEW_MODULES);

/** The log-in form, loaded when the API first asks for a log-in (a page with a session never needs it). */
export const loadLoginForm = once(() => import('../login-form/ac-login-form.js'));

/** The header's connection status, loaded beside the first requests and not waited for. */
export const loadConnectionStatus = once(() => import('../connection-status/ac-connection-status.js'));

/** The list's export button, loaded beside the list and not waited for (its room is kept). */
export const loadExportButton = once(() => import('../export-button/ac-export-button.js'));
