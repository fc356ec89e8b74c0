// Minifies the stylesheets of dist/ after tsc: the text of each css`…` template (lit's
// tagged template, which no JavaScript minifier touches) loses its comments and the
// whitespace CSS does not need. A page downloads the elements' styles before its first
// row shows; their indentation and comments were a tenth of the list page.
//
// Conservative on purpose: quoted strings are kept as they are, `${…}` interpolations are
// left alone, whitespace becomes one space unless it touches `{ } ; , >` or follows `:`
// (never significant there: `a: hover` is not a selector), and every line break is kept,
// so that the source maps tsc wrote still point at the right lines.
//
// `node scripts/minify-css.mjs [dir]` (default dist/); part of `npm run build`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Minifies CSS text outside comments and quoted strings. */
function minifyPlain(text) {
  return text
    .replace(/[ \t\r\f]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;(\n*)}/g, '$1}');
}

const COMMENT_OR_STRING = /(\/\*[\s\S]*?\*\/)|('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/g;
const STRING = /('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/;

/**
 * Comments dropped (a line break of theirs kept, else a space), then the text between
 * quoted strings minified; the strings kept whole. A comment never spans a `${…}`.
 */
function minifyCss(text) {
  const uncommented = text.replace(COMMENT_OR_STRING, (all, comment, string) =>
    comment === undefined ? string : comment.includes('\n') ? '\n'.repeat(comment.split('\n').length - 1) : ' ',
  );
  return uncommented
    .split(STRING)
    .map((part, i) => (i % 2 ? part : minifyPlain(part)))
    .join('');
}

/**
 * The module's source with every css`…` template minified. A template whose text cannot
 * be read safely (a backtick inside an interpolation) is left as it is.
 */
export function minifyStylesIn(source) {
  let out = '';
  let at = 0;
  const tag = /\bcss ?`/g;
  for (let match; (match = tag.exec(source)); ) {
    let i = match.index + match[0].length;
    const parts = [];
    let text = '';
    let ok = true;
    for (;;) {
      const c = source[i];
      if (c === undefined) {
        ok = false;
        break;
      }
      if (c === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        parts.push({ css: text });
        break;
      } else if (c === '$' && source[i + 1] === '{') {
        parts.push({ css: text });
        text = '';
        let depth = 0;
        let j = i + 1;
        for (; j < source.length; j++) {
          if (source[j] === '{') depth++;
          else if (source[j] === '}' && --depth === 0) break;
          else if (source[j] === '`') ok = false;
        }
        parts.push({ code: source.slice(i, j + 1) });
        i = j + 1;
      } else {
        text += c;
        i++;
      }
      if (!ok) break;
    }
    if (!ok) continue;
    out += source.slice(at, match.index) + 'css`' + parts.map((p) => p.code ?? minifyCss(p.css)).join('') + '`';
    at = i + 1;
    tag.lastIndex = at;
  }
  return out + source.slice(at);
}

function* jsFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith('.js')) yield path;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
  let before = 0;
  let after = 0;
  for (const file of jsFiles(dir)) {
    const source = readFileSync(file, 'utf8');
    if (!/\bcss ?`/.test(source)) continue;
    const minified = minifyStylesIn(source);
    before += source.length;
    after += minified.length;
    if (minified !== source) writeFileSync(file, minified);
  }
  if (process.env.MINIFY_CSS_VERBOSE) console.log(`modules with stylesheets: ${before} → ${after} bytes`);
}
