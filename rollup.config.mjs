// dist/cdn/: the package for a page with no build step, built from the modules tsc wrote in
// dist/. One entry per element, `index.js` (the API), `simulator.js`, and `all.js` (the API
// and every element), with lit and uPlot inside, minified, lit in production mode. Split in
// chunks (dist/cdn/chunks/, named by a hash of their content, so a new version never mixes
// with an old one in a cache): a page downloads its entry and the chunks it imports, and the
// rest when it is needed (the manager's views, the contract's validators, the simulator).
//
// The source maps follow tsc's maps of dist/ back to src/, their sourcesContent included, so
// a page's debugger shows our TypeScript. Each entry gets a declaration file that re-exports
// the types of the module it is built from. The per-module build for bundlers is tsc's
// (tsconfig.build.json).
import { existsSync, readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/** `dist/cdn/<name>.js` ← the module of dist/ it is built from. */
export const CDN_ENTRIES = {
  'ac-job-manager': 'dist/elements/job-manager/ac-job-manager.js',
  'ac-job-source': 'dist/elements/job-source/ac-job-source.js',
  'ac-job-filters': 'dist/elements/job-filters/ac-job-filters.js',
  'ac-job-dashboard': 'dist/elements/job-dashboard/ac-job-dashboard.js',
  'ac-job-list': 'dist/elements/job-list/ac-job-list.js',
  'ac-job-detail': 'dist/elements/job-detail/ac-job-detail.js',
  'ac-export-button': 'dist/elements/export-button/ac-export-button.js',
  'ac-connection-status': 'dist/elements/connection-status/ac-connection-status.js',
  'ac-login-form': 'dist/elements/login-form/ac-login-form.js',
  index: 'dist/index.js',
  simulator: 'dist/simulator/index.js',
  all: 'dist/all.js',
};

/** Each module with the source map beside it (tsc's, lit's), so the output's maps reach the sources. */
function inputSourceMaps() {
  return {
    name: 'input-source-maps',
    load(id) {
      if (!id.endsWith('.js') || !existsSync(`${id}.map`)) return null;
      return { code: readFileSync(id, 'utf8'), map: readFileSync(`${id}.map`, 'utf8') };
    },
  };
}

/** `dist/cdn/<name>.d.ts` for each entry: the types of the module it is built from. */
function entryDeclarations() {
  return {
    name: 'entry-declarations',
    generateBundle() {
      for (const [name, input] of Object.entries(CDN_ENTRIES)) {
        const from = input.replace(/^dist\//, '../');
        this.emitFile({ type: 'asset', fileName: `${name}.d.ts`, source: `export * from '${from}';\n` });
      }
    },
  };
}

export default {
  input: CDN_ENTRIES,
  output: {
    dir: 'dist/cdn',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [
    inputSourceMaps(),
    nodeResolve({ exportConditions: ['production'], browser: true }),
    terser({ format: { comments: false } }),
    entryDeclarations(),
  ],
};
