// The whole manager from the package's no-build entry (dist/cdn/ac-job-manager.js, which
// loads each view's code when the view opens): no build step, no import map.
// The page's markup holds <ac-job-manager src="/api/v1">; the API `npm start` serves
// (or `?api=`) is set before the entry defines the element, so it starts once, on it.
import { apiBase } from './api-base.js';

document.querySelector('ac-job-manager').setAttribute('src', await apiBase());
await import('/dist/cdn/ac-job-manager.js');
