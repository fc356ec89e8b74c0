// Generates custom-elements.json from the JSDoc of src/elements with the Custom Elements
// Manifest analyzer, through its programmatic API (its CLI writes beside the working
// directory and rewrites package.json). `--out DIR` writes under DIR instead (the freshness check).
// The manifest is the public API: private, protected and `#private` members are left out,
// and every public item of an element that has no description is named on stderr.
// Each module's path is the file of dist/ a consumer imports. Each element lists every
// `--ac-*` custom property it reads (its stylesheets' and those of the elements it renders,
// scripts/manifest-css.mjs), with the theme's description and default unless its own
// `@cssprop` says more.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { create, ts } from '@custom-elements-manifest/analyzer/index.js';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
import { customPropertiesRead, shippedPath, themeTokens } from './manifest-css.mjs';

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

// Every custom property an element reads, described: its own `@cssprop` first, then the theme's
// token. A `@cssprop` for a property the element does not read is kept, for the manifest test to name.
const tokens = themeTokens(root);
const reads = customPropertiesRead(root, manifest);
for (const module of manifest.modules) {
  for (const element of module.declarations ?? []) {
    if (!element.customElement || !element.tagName) continue;
    const written = new Map((element.cssProperties ?? []).map((p) => [p.name, p]));
    const read = [...reads.get(element.tagName)].sort();
    element.cssProperties = [...read, ...[...written.keys()].filter((name) => !read.includes(name))].map((name) => {
      const own = written.get(name);
      const token = tokens.get(name);
      const dark = token?.dark && !own?.default ? ` Dark theme: \`${token.dark}\`.` : '';
      const described = { name, description: `${own?.description ?? token?.description ?? ''}${dark}` };
      const value = own?.default ?? token?.default;
      return value === undefined ? described : { ...described, default: value };
    });
    if (!element.cssProperties.length) delete element.cssProperties;
  }
}

// Paths as shipped: `src/…/x.ts` (and `/src/…/x.js` in the analyzer's references) → `dist/…/x.js`.
(function toShipped(node) {
  if (Array.isArray(node)) node.forEach(toShipped);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shippedPath(value);
      else toShipped(value);
    }
  }
})(manifest);

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
