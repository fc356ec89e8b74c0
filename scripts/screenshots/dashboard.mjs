// Screenshots of <ac-job-filters> + <ac-job-dashboard> on a simulated cluster (4 nodes,
// 3000 jobs): light, dark and 360 px wide (see shoot.mjs for EXTRA shots).
// Usage: node scripts/screenshots/dashboard.mjs [outDir]   (default: screenshots/)
import { extraShots, shoot } from './shoot.mjs';

await shoot({
  page: 'test/fixtures/dashboard-page.html',
  shots: [
    { name: 'dashboard.png', width: 1280, query: '' },
    { name: 'dashboard-dark.png', width: 1280, query: 'theme=dark' },
    { name: 'dashboard-360.png', width: 360, query: '' },
    { name: 'dashboard-360-dark.png', width: 360, query: 'theme=dark&lang=fr' },
    ...extraShots(),
  ],
});
