/**
 * custom-elements.json against the elements as the browser runs them: every `--ac-*`
 * custom property an element's stylesheets read (as lit adopts them), or the stylesheets
 * of the elements it renders, is documented on it with a description and a default, and
 * every documented one is read; every module's path is a file of dist/ (built before the
 * browser tests) that defines what the manifest says.
 */
import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/all.js';
import '../../src/elements/job-detail/ac-job-files.js';
import '../../src/elements/job-detail/ac-job-progress.js';
import { themeStyles } from '../../src/elements/shared/theme.js';

interface CssProperty {
  name: string;
  description?: string;
  default?: string;
}
interface Declaration {
  name: string;
  customElement?: boolean;
  tagName?: string;
  cssProperties?: CssProperty[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const VAR = /var\(\s*(--ac-[\w-]+)/g;

/** The `--ac-*` properties read by an element's stylesheets, as lit gives them to the browser. */
function ownReads(tag: string): Set<string> {
  const element = customElements.get(tag) as typeof LitElement | undefined;
  expect(element, `${tag} is defined`).to.exist;
  const text = (element!.elementStyles ?? []).map((style) => ('cssText' in style ? style.cssText : '')).join('\n');
  return new Set([...text.matchAll(VAR)].map((m) => m[1]!));
}

describe('custom-elements.json', function () {
  this.timeout(60000);
  let manifest: Manifest;
  const elements = new Map<string, { module: string; declaration: Declaration }>();

  before(async () => {
    manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
    for (const module of manifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.customElement && declaration.tagName) elements.set(declaration.tagName, { module: module.path, declaration });
      }
    }
  });

  it('names, as each module, the file of dist/ a consumer imports, which defines its elements', async () => {
    expect(elements.size).to.be.greaterThan(8);
    for (const { path } of manifest.modules) {
      expect(path, 'a module path').to.match(/^dist\/.+\.js$/);
      const response = await fetch(`/${path}`);
      expect(response.status, `${path} is built (run \`npm run build\` first)`).to.equal(200);
    }
    for (const [tag, { module }] of elements) {
      const code = await (await fetch(`/${module}`)).text();
      expect(code, `${module} defines <${tag}>`).to.match(new RegExp(`customElement\\(['"]${tag}['"]\\)|define\\(['"]${tag}['"]`));
    }
  });

  it("documents every custom property an element's stylesheets, or those of the elements it renders, read, and no other", async () => {
    const problems: string[] = [];
    for (const [tag, { module, declaration }] of elements) {
      // The elements it renders inside its shadow root inherit its tokens: their reads count.
      const source = await (await fetch(`/${module.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')}`)).text();
      const rendered = [...source.matchAll(/<(ac-[a-z-]+)[\s>]/g)].map((m) => m[1]!).filter((t) => t !== tag && elements.has(t));
      const reads = new Set([tag, ...rendered].flatMap((t) => [...ownReads(t)]));
      const documented = new Map((declaration.cssProperties ?? []).map((p) => [p.name, p]));
      for (const name of reads)
        if (!documented.has(name)) problems.push(`<${tag}> reads ${name}, which custom-elements.json does not list`);
      for (const [name, property] of documented) {
        if (!reads.has(name)) problems.push(`<${tag}> documents ${name}, which none of its stylesheets reads`);
        if (!property.description?.trim()) problems.push(`<${tag}> ${name} has no description`);
        if (!property.default?.trim()) problems.push(`<${tag}> ${name} has no default`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('documents every token of the theme on some element', () => {
    const declared = new Set([...themeStyles.cssText.matchAll(/(--ac-[\w-]+)\s*:/g)].map((m) => m[1]!));
    expect(declared.size, 'the theme declares its tokens').to.be.greaterThan(30);
    const documented = new Set([...elements.values()].flatMap(({ declaration }) => (declaration.cssProperties ?? []).map((p) => p.name)));
    expect([...declared].filter((name) => !documented.has(name))).to.deep.equal([]);
  });
});
