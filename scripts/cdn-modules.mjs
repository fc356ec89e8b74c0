// What the files of dist/cdn/ that each first view of the manager waits for hold, module by
// module: the entry and its imports, then each view's own files (the views of
// bench/scenarios/bundle.mjs). Rollup builds them again in memory with rollup.config.mjs;
// each file's size is as shipped less its source map comment, each module's is its code
// minified alone by esbuild, and gzipped alone (gzip does better on a whole file, so a
// file's modules add up to more than the file). Run after `npm run build` (rollup reads
// dist/): `node scripts/cdn-modules.mjs`.
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transformSync } from 'esbuild';
import { rollup } from 'rollup';
import makeConfig from '../rollup.config.mjs';
import { VIEWS } from '../bench/scenarios/bundle.mjs';

const root = new URL('..', import.meta.url).pathname;
const config = await makeConfig();
const bundle = await rollup({ ...config, plugins: config.plugins.filter((plugin) => plugin.name !== 'entry-declarations'), onwarn() {} });
const { output } = await bundle.generate({ ...config.output, sourcemap: false });
await bundle.close();
const chunks = new Map(output.filter((file) => file.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
const loadedWith = (names, into = new Set()) => {
  for (const name of names) {
    if (into.has(name)) continue;
    into.add(name);
    loadedWith(chunks.get(name).imports, into);
  }
  return into;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzip = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;
const name = (id) => relative(root, id).replace(/^node_modules\//, '');

function print(title, files) {
  let total = 0;
  console.log(`\n${title}\n| file | module | minified | min+gzip |\n| --- | --- | --- | --- |`);
  for (const file of files) {
    const chunk = chunks.get(file);
    total += gzip(chunk.code);
    console.log(`| ${file.replace(/-[\w-]{8}\.js$/, '-*.js')} | (the file) | ${kb(chunk.code.length)} | ${kb(gzip(chunk.code))} |`);
    const modules = Object.entries(chunk.modules)
      .filter(([, module]) => module.renderedLength > 0)
      .map(([id, module]) => [name(id), transformSync(module.code ?? '', { minify: true, loader: 'js' }).code])
      .sort((a, b) => b[1].length - a[1].length);
    for (const [id, code] of modules) console.log(`| | ${id} | ${kb(code.length)} | ${kb(gzip(code))} |`);
  }
  console.log(`| all | | | ${kb(total)} |`);
}

const upFront = loadedWith(['ac-job-manager.js']);
print('The entry and what it imports (every view waits for it)', upFront);
const validators = [...chunks.keys()].find((file) => /^chunks\/validate-[\w-]{8}\.js$/.test(file));
print("The contract's validators (every view waits for them)", [validators]);
for (const [view, { first }] of Object.entries(VIEWS)) {
  const files = [...loadedWith(first, new Set(upFront))].filter((file) => !upFront.has(file));
  print(`The ${view} view's own files`, files);
}
