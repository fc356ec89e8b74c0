// Fails when the code or the docs cite a file the repository does not hold: a Markdown file
// that is not there (a design note kept elsewhere), a path on someone's machine
// (`/work/…`, `/home/…`), a repository path (`src/…`, `docs/…`) that was moved or deleted,
// or a relative link of a Markdown page that leads nowhere. `npm run check` runs it.
//
// It reads the files as text, comments and code alike (a string naming a missing file is
// as wrong as a comment), under the folders below, leaving out what .gitignore names
// (generated output). A user guide section is named by its title, not its number. A path is held when it exists from the citing file's folder or from
// the repository's root; generated folders (`dist/`, …) are not checked.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const FOLDERS = ['src', 'test', 'demo', 'scripts', 'bench', 'docs'];
const EXTENSIONS = /\.(?:ts|js|mjs|cjs|jsx|html|css|md)$/;
/** Top-level folders a repository path starts with. */
const REPO_FOLDERS = ['src', 'test', 'demo', 'scripts', 'bench', 'docs', 'schema'];

/**
 * .gitignore's entries as one test of a path from the root: `dir/` (anywhere), `/dir/`
 * (from the root), `*.ext`; enough for this repository's. Dot folders are left out too.
 */
function ignoredPaths() {
  const text = existsSync(join(root, '.gitignore')) ? readFileSync(join(root, '.gitignore'), 'utf8') : '';
  const tests = [(path) => path.split('/').some((part) => part.startsWith('.'))];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    if (line.startsWith('*.')) {
      const suffix = line.slice(1);
      tests.push((path) => path.endsWith(suffix));
      continue;
    }
    const name = line.replace(/\/$/, '').replace(/^\//, '');
    const under = (path) => path === name || path.startsWith(`${name}/`);
    if (line.startsWith('/')) tests.push(under);
    else tests.push((path) => path.split('/').some((_, i, parts) => under(parts.slice(i).join('/'))));
  }
  return (path) => tests.some((test) => test(path));
}

const ignored = ignoredPaths();

function filesUnder(dir) {
  const path = relative(root, dir);
  if (!existsSync(dir) || (path && ignored(path))) return [];
  if (!statSync(dir).isDirectory()) return EXTENSIONS.test(dir) ? [dir] : [];
  return readdirSync(dir).flatMap((name) => filesUnder(join(dir, name)));
}

/** Whether `cited` exists from the citing file's folder or from the root. */
function held(file, cited) {
  const path = cited.replace(/[#?].*$/, '').replace(/\/$/, '');
  if (!path) return true;
  return existsSync(join(dirname(file), path)) || existsSync(join(root, path));
}

/** A generated path (under a folder .gitignore names): built, not held, so not checked. */
function generated(cited) {
  return ignored(cited.replace(/^\.?\//, '').replace(/\/$/, ''));
}

const MARKDOWN_FILE = /(?<![\w/.-])(?:\.{0,2}\/)?[\w./-]*[\w-]\.md\b/g;
const MACHINE_PATH = /(?<![\w.:/-])\/(?:work|home|root|Users)\/[\w./-]+/g;
const REPO_PATH = new RegExp(`(?<![\\w./-])(?:${REPO_FOLDERS.join('|')})/[\\w./-]*[\\w/-]`, 'g');
const MARKDOWN_LINK = /\]\((?!https?:|mailto:|#)([^)\s]+)\)/g;
/** A user guide section cited by its number: the guide is not in the repository, its section titles say more. */
const GUIDE_SECTION_NUMBER = /user guide\W{0,3}(?:\(\s*)?section \d/gi;

const problems = [];
const files = [...FOLDERS.map((folder) => join(root, folder)), root].flatMap((dir) =>
  dir === root
    ? readdirSync(root)
        .map((name) => join(root, name))
        .filter((f) => statSync(f).isFile() && EXTENSIONS.test(f))
    : filesUnder(dir),
);

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const where = (index) => `${relative(root, file)}:${text.slice(0, index).split('\n').length}`;
  const reported = new Set();
  // One report per place: a link to a missing page is also a missing file and path.
  const report = (index, cited, why) => {
    if (reported.has(index)) return;
    reported.add(index);
    problems.push(`${where(index)}: ${cited} (${why})`);
  };
  for (const match of text.matchAll(GUIDE_SECTION_NUMBER)) report(match.index, match[0], "name the user guide's section by its title");
  for (const match of text.matchAll(MACHINE_PATH)) report(match.index, match[0], 'a path outside the repository');
  for (const match of text.matchAll(MARKDOWN_FILE)) {
    if (!held(file, match[0])) report(match.index, match[0], 'no such file in the repository');
  }
  for (const match of text.matchAll(REPO_PATH)) {
    const cited = match[0].replace(/\.$/, '');
    if (!generated(cited) && !held(file, cited)) report(match.index, cited, 'no such path in the repository');
  }
  if (file.endsWith('.md')) {
    for (const match of text.matchAll(MARKDOWN_LINK)) {
      const link = decodeURIComponent(match[1]);
      if (!generated(link) && !held(file, link)) report(match.index + 2, link, 'a link that leads nowhere');
    }
  }
}

if (problems.length) {
  console.error(`Citations of files the repository does not hold:\n  ${problems.join('\n  ')}`);
  console.error('Cite what the repository holds (docs/…, the file itself); name a user guide section by its title.');
  process.exit(1);
}
console.log(`Citations hold: every file and path cited in ${files.length} files exists.`);
