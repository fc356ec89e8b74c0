// Generates custom-elements.json from the JSDoc of src/elements with the Custom Elements
// Manifest analyzer, through its programmatic API (its CLI writes beside the working
// directory and rewrites package.json). `--out DIR` writes under DIR instead (the freshness check).
// The manifest is the public API: private, protected and `#private` members are left out,
// and every public item of an element that has no description is named on stderr.
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

const isPublic = (member) => !member.privacy || member.privacy === 'public';
const isHashPrivate = (member) => member.name.startsWith('#');
for (const module of manifest.modules) {
  for (const declaration of module.declarations ?? []) {
    if (declaration.members) declaration.members = declaration.members.filter((m) => isPublic(m) && !isHashPrivate(m));
  }
}

/** `tag: kind name` for each public item of an element without a description. */
function undescribed(manifest) {
  const missing = [];
  for (const module of manifest.modules) {
    for (const element of module.declarations ?? []) {
      if (!element.customElement) continue;
      const tag = element.tagName ?? element.name;
      if (!element.summary && !element.description) missing.push(`${tag}: element`);
      const lists = {
        attribute: element.attributes,
        'property/method': element.members,
        event: element.events,
        slot: element.slots,
        part: element.cssParts,
        'custom property': element.cssProperties,
      };
      for (const [kind, items] of Object.entries(lists)) {
        for (const item of items ?? []) if (!item.description?.trim()) missing.push(`${tag}: ${kind} ${item.name || '(default)'}`);
      }
    }
  }
  return missing;
}

const missing = undescribed(manifest);
if (missing.length) console.warn(`custom-elements.json: ${missing.length} public items without a description:\n  ${missing.join('\n  ')}`);
writeFileSync(join(outRoot, 'custom-elements.json'), JSON.stringify(manifest, null, 2) + '\n');
