// The package as a consumer gets it: `npm pack`, the tarball installed in a new project,
// then what that project does with it. Run by `npm test` after the build
// (`npm run test:package`); fails on the first thing that does not hold.
//
// 1. The tarball: every source map carries the sources it names; every module
//    custom-elements.json names is in it; every `exports` target is in it.
// 2. A project installs it offline: `npm ci --offline` from a lockfile made of the
//    tarball and our dependencies' entries in our own lockfile, so npm takes them from
//    its cache, where `npm ci` of this repository put them. No registry is asked.
// 3. `tsc --strict` under `moduleResolution` bundler and node16 compiles a file importing
//    every `exports` entry and every specifier README.md shows, using the elements' types.
// 4. esbuild bundles a page with only <ac-job-source> and <ac-job-list>; its size is
//    printed beside the budget (the bench's; a size is never a test failure).
// 5. A plain HTML page, under the strict policy, loads dist/cdn/ac-job-manager.js from
//    the installed package with no bundler, logs in against the reference server and
//    shows the jobs (headless Chromium).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { openPlainPage } from './plain-page.mjs';

const root = new URL('../..', import.meta.url).pathname;
const started = performance.now();
const KB = 1024;
const LIST_PAGE_BUDGET_KB = 27;
const step = (message) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
const fail = (message) => {
  throw new Error(message);
};

const work = mkdtempSync(join(tmpdir(), 'ac-consumer-'));
const project = join(work, 'project');
let closePage;
try {
  // --- 1. the tarball ---
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const tarball = join(work, packed.filename);
  const files = new Set(packed.files.map((f) => f.path));
  step(
    `npm pack: ${packed.filename}, ${packed.entryCount} files, ${(packed.size / KB / KB).toFixed(1)} MB (${(packed.unpackedSize / KB / KB).toFixed(1)} MB unpacked)`,
  );

  mkdirSync(project);
  execFileSync('tar', ['-xzf', tarball, '-C', work]);
  const unpacked = join(work, 'package');
  const manifestOf = (name) => JSON.parse(readFileSync(join(unpacked, name), 'utf8'));

  let maps = 0;
  for (const file of files) {
    if (!file.endsWith('.map')) continue;
    maps++;
    const map = manifestOf(file);
    map.sources.forEach((source, i) => {
      if (typeof map.sourcesContent?.[i] !== 'string') fail(`${file}: the source ${source} is neither in the map nor in the package`);
    });
  }
  const elements = manifestOf('custom-elements.json');
  for (const { path } of elements.modules)
    if (!files.has(path)) fail(`custom-elements.json names ${path}, which the package does not hold`);
  const pkg = manifestOf('package.json');
  if (pkg.type !== 'module') fail('package.json: "type" is not "module"');
  const targets = Object.values(pkg.exports).flatMap((target) =>
    target === null ? [] : typeof target === 'string' ? [target] : Object.values(target),
  );
  for (const target of targets) {
    const pattern = new RegExp(
      `^${target
        .replace(/^\.\//, '')
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace('*', '.+')}$`,
    );
    if (![...files].some((file) => pattern.test(file))) fail(`package.json exports ${target}, which the package does not hold`);
  }
  step(
    `tarball: ${maps} source maps, each with its sources; ${elements.modules.length} manifest modules and ${targets.length} export targets present`,
  );

  // --- 2. installed offline ---
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const spec = `file:../${packed.filename}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages = {
    '': { name: 'consumer', dependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: spec, integrity, license: pkg.license, dependencies: pkg.dependencies },
  };
  for (const pending = Object.keys(pkg.dependencies); pending.length;) {
    const name = pending.pop();
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const entry = lock.packages[key] ?? fail(`package-lock.json has no ${key}`);
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = entry;
    packages[key] = kept;
    pending.push(...Object.keys(entry.dependencies ?? {}));
  }
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { [pkg.name]: spec } }, null, 2),
  );
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2),
  );
  const install = spawnSync('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: project, encoding: 'utf8' });
  if (install.status !== 0) {
    fail(`npm ci --offline failed (our dependencies must be in npm's cache: run \`npm ci\` in the repository first):\n${install.stderr}`);
  }
  step(`installed offline from npm's cache: ${pkg.name} and ${Object.keys(packages).length - 2} packages it needs`);

  // --- 3. types under bundler and node16 ---
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const shown = new Set([...readme.matchAll(/(?:from |import )'(@active-circle\/job-manager[^']*)'/g)].map((m) => m[1]));
  const entries = Object.keys(pkg.exports).flatMap((key) => {
    if (key.includes('*')) {
      const [prefix, suffix] = key.slice(2).split('*');
      return [...files]
        .filter((f) => f.startsWith(`dist/${prefix}`) && f.endsWith(suffix) && !f.includes('/chunks/'))
        .map((f) => `${pkg.name}/${f.slice(5)}`);
    }
    return [key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`];
  });
  const code = [...new Set([...entries, ...shown])].filter((specifier) => !/\.json$|\/schema\//.test(specifier));
  for (const specifier of shown) if (!entries.includes(specifier)) fail(`README.md imports ${specifier}, which no exports entry allows`);
  // A page without a bundler loads files by URL: those README.md shows must be in the package.
  for (const [, file] of readme.matchAll(/\/node_modules\/@active-circle\/job-manager\/([\w./-]+)/g)) {
    if (!files.has(file)) fail(`README.md loads ${file} from the package, which does not hold it`);
  }
  writeFileSync(
    join(project, 'consumer.ts'),
    [
      ...code.map((specifier, i) => `import * as entry${i} from '${specifier}';`),
      `export const entries = [${code.map((_, i) => `entry${i}`).join(', ')}];`,
      // The types a consumer relies on: the elements by tag, their properties and events.
      `import { HttpJobSource, JobStore } from '${pkg.name}';`,
      `const store = new JobStore(new HttpJobSource({ baseUrl: '/api/v1' }));`,
      `const list = document.createElement('ac-job-list');`,
      `list.store = store;`,
      `list.addEventListener('ac-job-open', (event) => { const id: string = event.detail.id; console.log(id); });`,
      `const manager = document.querySelector('ac-job-manager');`,
      `manager?.addEventListener('ac-navigate', (event) => { const view: 'dashboard' | 'jobs' | 'job' | 'analysis' = event.detail.view; console.log(view); });`,
      `document.querySelector('ac-job-source')?.addEventListener('ac-store-ready', (event) => void event.detail.store.start());`,
      `import type { AcJobManager } from '${pkg.name}/bundle';`,
      `export const typed: AcJobManager | null = manager;`,
      '',
    ].join('\n'),
  );
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  for (const resolution of ['bundler', 'node16']) {
    const options = {
      strict: true,
      noEmit: true,
      target: 'es2022',
      lib: ['es2023', 'dom', 'dom.iterable'],
      types: [],
      skipLibCheck: false,
    };
    const module = resolution === 'bundler' ? 'esnext' : 'node16';
    writeFileSync(
      join(project, `tsconfig.${resolution}.json`),
      JSON.stringify({ compilerOptions: { ...options, module, moduleResolution: resolution }, files: ['consumer.ts'] }, null, 2),
    );
    const result = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: project, encoding: 'utf8' });
    if (result.status !== 0) fail(`tsc --strict, moduleResolution ${resolution}:\n${result.stdout}${result.stderr}`);
  }
  step(`tsc --strict under bundler and node16: ${code.length} entry points (${shown.size} shown in README.md) with their types`);

  // --- 4. a list-only page, bundled ---
  const listPage = `import '${pkg.name}/ac-job-source.js';\nimport '${pkg.name}/ac-job-list.js';\n`;
  const sizes = {};
  for (const splitting of [true, false]) {
    const result = await esbuild.build({
      stdin: { contents: listPage, resolveDir: project, loader: 'js', sourcefile: 'page.js' },
      absWorkingDir: project,
      bundle: true,
      splitting,
      format: 'esm',
      target: 'es2022',
      minify: true,
      conditions: ['production'],
      legalComments: 'none', // as the bench measures it
      outdir: join(project, 'out'),
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const upFront = new Set();
    const visit = (path) => {
      if (upFront.has(path)) return;
      upFront.add(path);
      for (const { path: imported, kind } of outputs[path].imports) if (kind === 'import-statement') visit(imported);
    };
    visit(Object.keys(outputs).find((path) => outputs[path].entryPoint === 'page.js'));
    const gzip = (file) => gzipSync(file.contents, { level: 9 }).length;
    sizes[splitting] =
      result.outputFiles
        .filter((f) => f.path.endsWith('.js') && upFront.has(f.path.slice(project.length + 1)))
        .reduce((sum, f) => sum + gzip(f), 0) / KB;
  }
  const verdict = sizes.true <= LIST_PAGE_BUDGET_KB ? 'within' : 'OVER';
  step(
    `esbuild, a page with <ac-job-source> + <ac-job-list>: ${sizes.true.toFixed(1)} KB min+gzip up front, split at import() ` +
      `(${verdict} the ${LIST_PAGE_BUDGET_KB} KB budget); ${sizes.false.toFixed(1)} KB in one file without splitting`,
  );

  // --- 5. a plain page, no bundler ---
  writeFileSync(
    join(project, 'index.html'),
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A portal page</title><link rel="icon" href="data:,">
<script type="module" src="/node_modules/${pkg.name}/dist/cdn/ac-job-manager.js"></script></head>
<body><ac-job-manager src="/api/v1"></ac-job-manager></body>
</html>
`,
  );
  const page = await openPlainPage({ root, dir: project, path: '/index.html#/jobs' });
  closePage = page.close;
  const shownJobs = await page.logInAndReadJobs('admin', 'admin');
  const scripts = page.scripts();
  const bytes = scripts.reduce((sum, path) => sum + gzipSync(readFileSync(join(project, path)), { level: 9 }).length, 0) / KB;
  step(
    `plain page, no bundler, strict policy: logged in, the list shows ${shownJobs.rows} jobs, the newest first (${shownJobs.first}); ` +
      `${scripts.length} scripts, ${bytes.toFixed(1)} KB min+gzip loaded by then, none from outside dist/cdn/`,
  );
  if (scripts.some((path) => !path.startsWith(`node_modules/${pkg.name}/dist/cdn/`))) fail(`the page loaded ${scripts.join(', ')}`);
  step('the package as consumers get it: all good');
} finally {
  await closePage?.();
  if (existsSync(work)) rmSync(work, { recursive: true, force: true });
}
