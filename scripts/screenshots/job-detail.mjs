// Screenshots of <ac-job-detail> on a simulated cluster: a destaging job with failed
// files and a running duplication, each light and dark, and both 360 px wide (see
// shoot.mjs for EXTRA shots, e.g. EXTRA='[{"name":"x.png","width":1200,"query":"job=destaging&theme=dark"}]').
// Usage: node scripts/screenshots/job-detail.mjs [outDir]   (default: screenshots/)
import { extraShots, shoot } from './shoot.mjs';

await shoot({
  page: 'test/fixtures/job-detail-page.html',
  shots: [
    { name: 'job-detail.png', width: 1200, query: 'job=destaging&failed=1' },
    { name: 'job-detail-destaging-dark.png', width: 1200, query: 'job=destaging&failed=1&theme=dark' },
    { name: 'job-detail-duplication.png', width: 1200, query: 'job=duplication' },
    { name: 'job-detail-dark.png', width: 1200, query: 'job=duplication&theme=dark' },
    { name: 'job-detail-360.png', width: 360, height: 1800, query: 'job=destaging' },
    { name: 'job-detail-360-dark.png', width: 360, height: 1800, query: 'job=duplication&theme=dark&lang=fr' },
    ...extraShots(),
  ],
  // Tall enough for the whole page: rows are drawn only where the window shows them.
  height: () => 1300,
  readyTimeout: 30000,
  // The page's own height: the window may be taller than the page.
  capture: async (page, shot) => {
    const height = await page.evaluate(() => Math.ceil(document.querySelector('main').getBoundingClientRect().bottom));
    return { clip: { x: 0, y: 0, width: shot.width, height } };
  },
});
