/**
 * The manager's deep links: `#/dashboard`, `#/jobs?state=…&q=…`, `#/jobs/<id>`, `#/analysis`. The path
 * part is the view; the query part belongs to the filters (`<ac-job-filters sync-url="hash">`)
 * and survives a change of view.
 */
export type ManagerView = 'dashboard' | 'jobs' | 'job' | 'analysis';

export interface Route {
  view: ManagerView;
  /** The job shown by the `job` view. */
  jobId?: string;
}

/** The route a location hash names; anything unknown is the dashboard. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const segments = path.split('/').filter(Boolean);
  if (segments[0] === 'jobs' && segments.length >= 2) {
    try {
      return { view: 'job', jobId: decodeURIComponent(segments.slice(1).join('/')) };
    } catch {
      return { view: 'jobs' };
    }
  }
  if (segments[0] === 'jobs') return { view: 'jobs' };
  if (segments[0] === 'analysis') return { view: 'analysis' };
  return { view: 'dashboard' };
}

/** The hash for a route, keeping the filters' query part of `currentHash`. */
export function formatRoute(route: Route, currentHash = ''): string {
  const query = currentHash.includes('?') ? currentHash.slice(currentHash.indexOf('?')) : '';
  switch (route.view) {
    case 'job':
      return `#/jobs/${encodeURIComponent(route.jobId ?? '')}${query}`;
    case 'jobs':
      return `#/jobs${query}`;
    case 'analysis':
      return `#/analysis${query}`;
    default:
      return `#/dashboard${query}`;
  }
}
