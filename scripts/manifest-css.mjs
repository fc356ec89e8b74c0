// The CSS custom properties each element reads, found in the sources for
// scripts/manifest.mjs: the `var(--ac-…)` of the stylesheets in its `static styles`
// (followed through imports and `${…}` interpolations of other `css` templates), and of the
// elements it renders inside its shadow root, which inherit the host's tokens. Their
// descriptions and defaults come from the theme (src/elements/shared/theme.ts).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ts } from '@custom-elements-manifest/analyzer/index.js';

const VAR = /var\(\s*(--ac-[\w-]+)/g;

const parsed = new Map();
/** The TypeScript source file at `path` (absolute), parsed once. */
function sourceFile(path) {
  if (!parsed.has(path)) parsed.set(path, ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true));
  return parsed.get(path);
}

/** The initializer of the top-level `const name = …` of a file. */
function constant(file, name) {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration.initializer;
    }
  }
  return undefined;
}

/** The file and name an identifier of `file` refers to: a local constant, or an imported one. */
function resolveName(file, name) {
  if (constant(file, name)) return { file, name };
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue;
    const bindings = statement.importClause.namedBindings;
    if (!ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      if (element.name.text !== name) continue;
      const specifier = statement.moduleSpecifier.text;
      if (!specifier.startsWith('.')) return undefined; // lit's, not ours
      const target = sourceFile(join(dirname(file.fileName), specifier.replace(/\.js$/, '.ts')));
      return resolveName(target, (element.propertyName ?? element.name).text);
    }
  }
  return undefined;
}

/** The CSS text of an expression: `css` templates, arrays of them, names of them. */
function cssText(file, node, seen = new Set()) {
  if (!node) return '';
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => cssText(file, e, seen)).join('\n');
  if (ts.isIdentifier(node)) {
    const found = resolveName(file, node.text);
    const key = found && `${found.file.fileName}#${found.name}`;
    if (!found || seen.has(key)) return '';
    seen.add(key);
    return cssText(found.file, constant(found.file, found.name), seen);
  }
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText(file) === 'css') {
    const template = node.template;
    if (ts.isNoSubstitutionTemplateLiteral(template)) return template.text;
    return [
      template.head.text,
      ...template.templateSpans.flatMap((span) => [cssText(file, span.expression, seen), span.literal.text]),
    ].join('');
  }
  return ''; // unsafeCSS(…) and the like: generated rules, no custom properties
}

/** The class declaring `tagName` in a module, and its `static styles` initializer. */
function stylesOf(file) {
  let styles;
  const visit = (node) => {
    if (
      ts.isPropertyDeclaration(node) &&
      node.name.getText(file) === 'styles' &&
      node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)
    ) {
      styles = node.initializer;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return styles;
}

/** The tags of the elements the module's `html` templates render. */
function renderedTags(file) {
  const tags = new Set();
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(file) === 'html') {
      for (const match of node.template.getText(file).matchAll(/<(ac-[a-z-]+)[\s>]/g)) tags.add(match[1]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return tags;
}

/**
 * `tag → Set of --ac-* names` for every element of the manifest: its own stylesheets' reads
 * and those of the elements it renders, recursively.
 */
export function customPropertiesRead(root, manifest) {
  const modules = new Map();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.customElement && declaration.tagName) modules.set(declaration.tagName, join(root, module.path));
    }
  }
  const own = new Map();
  const inner = new Map();
  for (const [tag, path] of modules) {
    const file = sourceFile(path);
    own.set(tag, new Set([...cssText(file, stylesOf(file)).matchAll(VAR)].map((m) => m[1])));
    inner.set(
      tag,
      [...renderedTags(file)].filter((t) => t !== tag && modules.has(t)),
    );
  }
  const all = new Map();
  const readsOf = (tag, path = []) => {
    if (all.has(tag)) return all.get(tag);
    const reads = new Set(own.get(tag));
    for (const child of inner.get(tag)) if (!path.includes(child)) for (const name of readsOf(child, [...path, tag])) reads.add(name);
    all.set(tag, reads);
    return reads;
  };
  for (const tag of modules.keys()) readsOf(tag);
  return all;
}

/**
 * `name → {default, dark?, description}` for each token of the theme: the value in the light
 * theme (or the only one), the dark theme's when it differs, and its line in the comment
 * that describes the tokens (`--ac-x: what it is for.`).
 */
export function themeTokens(root) {
  const path = join(root, 'src/elements/shared/theme.ts');
  const file = sourceFile(path);
  const declared = (text) => text.matchAll(/^\s*(--ac-[\w-]+):\s*(.+?);\s*$/gm);
  const tokens = new Map();
  for (const name of ['light', 'themeStyles']) {
    const template = constant(file, name).template;
    const text = ts.isNoSubstitutionTemplateLiteral(template)
      ? template.text
      : [template.head.text, ...template.templateSpans.map((s) => s.literal.text)].join('\n');
    for (const [, token, value] of declared(text)) tokens.set(token, { default: value });
  }
  for (const [, token, value] of declared(cssText(file, constant(file, 'dark')))) {
    const entry = tokens.get(token);
    if (entry && entry.default !== value) entry.dark = value;
  }
  for (const [, token, description] of readFileSync(path, 'utf8').matchAll(/^ \* (--ac-[\w-]+): (.+)$/gm)) {
    const entry = tokens.get(token);
    if (!entry) throw new Error(`theme.ts describes ${token}, which it does not declare`);
    entry.description = description;
  }
  return tokens;
}

/** A module path of the analyzer (`src/…/x.ts`, or `/src/…/x.js` in a reference) as the file a consumer imports (`dist/…/x.js`). */
export function shippedPath(path) {
  const inSource = /^\/?src\/(.+)\.(?:ts|js)$/.exec(path);
  return inSource ? `dist/${inSource[1]}.js` : path;
}
