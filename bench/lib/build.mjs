// The code the bench measures: the package's production build (`npm run build`), and the
// bench page's own code (simulator, store, baselines, @vaadin/grid) bundled from dist/ as
// production code; the elements come from the shipped no-build files (dist/cdn/all.js).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

/**
 * Builds the package unless `build` is false (then dist/ must hold it), and bundles the
 * bench page. Exits the process when the build fails or dist/ is missing. Returns the
 * page's scripts by URL path, each with its file (their source maps are beside them): the
 * shipped dist/cdn/ files and the page's bundle.
 */
export async function buildForBench(root, { build, log }) {
  const entry = join(root, 'dist/cdn/all.js');
  if (build) {
    log('npm run build');
    const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  } else if (!existsSync(entry)) {
    console.error('dist/cdn/all.js is missing: run `npm run build` (or drop --no-build).');
    process.exit(1);
  }
  const page = join(root, 'bench/results/.page/bench-page.js');
  mkdirSync(dirname(page), { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'bench/page/main.js')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    conditions: ['production'],
    outfile: page,
    logLevel: 'warning',
  });
  const scripts = { '/bench/results/.page/bench-page.js': page };
  for (const file of readdirSync(join(root, 'dist/cdn'), { recursive: true })) {
    if (file.endsWith('.js')) scripts[`/dist/cdn/${file}`] = join(root, 'dist/cdn', file);
  }
  return { scripts };
}
