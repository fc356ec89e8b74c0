// The whole manager from the package's one-file bundle: no build step, no import map.
// The page's markup holds <ac-job-manager src="/api/v1">; the API `npm start` serves
// (or `?api=`) is set before the bundle defines the element, so it starts once, on it.
import { apiBase } from './api-base.js';

document.querySelector('ac-job-manager').setAttribute('src', await apiBase());
await import('/dist/ac-job-manager.bundle.js');
