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
import { rollup } from 'rollup';
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
  'ac-job-analysis': 'dist/elements/job-analysis/ac-job-analysis.js',
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

const resolveModules = () => nodeResolve({ exportConditions: ['production'], browser: true });

/**
 * The chunks of the build, by module: rollup's own cut (a first pass), except that the
 * shared chunks the manager's entry imports (lit, the store, the HTTP source, i18n, the
 * theme, shared helpers), and those most of the elements it loads later import, are one,
 * `core`. Left as they are, they are a dozen files, one per
 * set of entries sharing them; a page downloads each file on its own and gzip compresses
 * each alone, so one file is about 3 KB smaller min+gzip, and every element's entry needs
 * most of it anyway. What the simulator's entry loads stays out (a page with it alone needs
 * no lit). Every other module stays in the chunk (or entry) of the first pass, named as
 * there, because a manual chunk takes the modules its modules import with it: validators
 * behind `model/index.js` would otherwise come into `core`.
 */
async function chunkOfModule() {
  const bundle = await rollup({ input: CDN_ENTRIES, plugins: [resolveModules()], onwarn() {} });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const chunks = new Map(output.filter((file) => file.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  const loadedWith = (name, into = new Set()) => {
    if (into.has(name)) return into;
    into.add(name);
    for (const imported of chunks.get(name).imports) loadedWith(imported, into);
    return into;
  };
  const simulator = loadedWith('simulator.js');
  const shared = (name) => !chunks.get(name).isEntry && !simulator.has(name);
  const core = new Set([...loadedWith('ac-job-manager.js')].filter(shared));
  // And what most of the elements the manager loads later share (the store's readers' base, colours).
  const later = [...new Set(chunks.get('ac-job-manager.js').dynamicImports)].filter((name) => chunks.get(name).isEntry);
  const users = new Map();
  for (const entry of later) for (const name of loadedWith(entry)) if (shared(name)) users.set(name, (users.get(name) ?? 0) + 1);
  for (const [name, count] of users) if (count >= later.length / 2) core.add(name);
  const names = new Map();
  const taken = new Set(['core', ...Object.keys(CDN_ENTRIES)]);
  for (const chunk of chunks.values()) {
    let name = core.has(chunk.fileName) ? 'core' : chunk.name;
    if (chunk.isEntry) {
      for (const id of chunk.moduleIds) names.set(id, chunk.name);
      continue;
    }
    for (let n = 2; name !== 'core' && taken.has(name); n++) name = `${chunk.name}-${n}`;
    taken.add(name);
    for (const id of chunk.moduleIds) names.set(id, name);
  }
  return (id) => names.get(id);
}

export default async () => {
  const chunkOf = await chunkOfModule();
  return {
    input: CDN_ENTRIES,
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist/cdn',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      manualChunks: chunkOf,
    },
    plugins: [inputSourceMaps(), resolveModules(), terser({ format: { comments: false } }), entryDeclarations()],
  };
};
