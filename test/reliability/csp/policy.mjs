// The page policy the standalone server sends (demo/server/static.js), for the test page
// under test/reliability/csp/ (see web-test-runner.config.mjs): the same, except that the
// test embeds the page in a frame of its own origin.
import { PAGE_CSP } from '../../../demo/server/static.js';

export const CSP_TEST_PATH = '/test/reliability/csp/';

export const TEST_PAGE_CSP = PAGE_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
