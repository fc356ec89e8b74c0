// Browser tests in a real headless Chromium (see scripts/find-browser.mjs).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { browserArgs, findBrowser } from './scripts/find-browser.mjs';

let executablePath;
try {
  executablePath = findBrowser();
} catch (error) {
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

// The one browser message that is expected and harmless (@lit-labs/virtualizer's
// ResizeObserver); every other console error stays visible.
const HARMLESS = /^ResizeObserver loop completed with undelivered notifications\.?$/;

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath, args: browserArgs() } })],
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  browserStartTimeout: 60000,
  testsFinishTimeout: 300000,
  filterBrowserLogs: ({ args }) => !(args.length === 1 && typeof args[0] === 'string' && HARMLESS.test(args[0])),
};
