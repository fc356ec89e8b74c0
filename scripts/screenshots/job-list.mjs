// Screenshots of <ac-job-list> on a simulated cluster (4 nodes, 3000 jobs): light, dark
// and 360 px wide (see shoot.mjs for EXTRA shots). The wide light one goes to
// <outDir>/job-list.png (the README's), the others to <outDir>/tmp/ (not committed).
// Usage: node scripts/screenshots/job-list.mjs [outDir]   (default: screenshots/)
import { extraShots, shoot } from './shoot.mjs';

await shoot({
  page: 'test/fixtures/job-list-page.html',
  shots: [
    { name: 'job-list.png', width: 1400, query: 'active=3' },
    { name: 'tmp/job-list-dark.png', width: 1400, query: 'theme=dark&active=3' },
    { name: 'tmp/job-list-360.png', width: 360, query: '' },
    { name: 'tmp/job-list-360-dark.png', width: 360, query: 'theme=dark&lang=fr' },
    ...extraShots(),
  ],
  height: (shot) => (shot.width < 600 ? 720 : 740),
});
