// Generates custom-elements.json from the JSDoc of src/elements with the Custom Elements
// Manifest analyzer, through its programmatic API (its CLI writes beside the working
// directory and rewrites package.json). `--out DIR` writes under DIR instead (the freshness check).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { create, ts } from '@custom-elements-manifest/analyzer/index.js';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

const root = new URL('..', import.meta.url).pathname;
const outIndex = process.argv.indexOf('--out');
const outRoot = outIndex > 0 ? process.argv[outIndex + 1] : root;

function sources(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
    });
}

const modules = sources(join(root, 'src/elements')).map((path) =>
  ts.createSourceFile(relative(root, path), readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true),
);
const manifest = create({ modules, plugins: [...litPlugin()] });
writeFileSync(join(outRoot, 'custom-elements.json'), JSON.stringify(manifest, null, 2) + '\n');
