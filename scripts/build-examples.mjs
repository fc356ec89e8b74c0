// Bundles the React example (demo/examples/react/app.jsx) into demo/examples/react/build/app.js
// with esbuild: React in production mode, the package resolved by its own name from dist/
// (built just before by tsc), so the example imports it as any React app would.
// Part of `npm run build`; `npm start` serves the result beside the standalone page.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const outdir = `${root}demo/examples/react/build`;

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['demo/examples/react/app.jsx'],
  outdir,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  jsx: 'automatic',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
