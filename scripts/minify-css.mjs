// Minifies the stylesheets of dist/ after tsc: the text of each css`…` template (lit's
// tagged template, which no JavaScript minifier touches) goes through esbuild's CSS
// minifier. A page downloads the elements' styles before its first row shows; their
// indentation and comments were a tenth of the list page.
//
// A template's `${…}` interpolations are left alone: the CSS around them is minified as
// one stylesheet with a marker comment in each slot, then cut again at the markers (a
// template whose markers do not all come back is kept as it was). The template keeps its
// number of lines, so that the source maps tsc wrote still point at the right lines.
//
// `node scripts/minify-css.mjs [dir]` (default dist/); part of `npm run build`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const SLOT = '/*!ac-css-slot*/';

/** The CSS pieces of one template, minified; undefined when they cannot be cut apart again. */
function minifyPieces(pieces) {
  // utf8: an escape such as \2713 would be read by JavaScript, not CSS, inside the template.
  const { code } = transformSync(pieces.join(SLOT), { loader: 'css', minify: true, legalComments: 'inline', charset: 'utf8' });
  const minified = code.trim().split(SLOT);
  if (minified.length !== pieces.length || /[\\`]|\$\{/.test(code)) return undefined;
  const lines = (text) => text.split('\n').length - 1;
  // The lines each piece had, at its end: the code after it stays on its line.
  return minified.map((css, i) => css + '\n'.repeat(lines(pieces[i])));
}

/**
 * The module's source with every css`…` template minified. A template whose text cannot
 * be read safely (a backtick inside an interpolation) is left as it is.
 */
export function minifyStylesIn(source) {
  let out = '';
  let at = 0;
  // lit's `css` tag, not a word ending in css (`uPlot.min.css` in a comment).
  const tag = /(?<![\w.$])css ?`/g;
  for (let match; (match = tag.exec(source));) {
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
    const pieces = minifyPieces(parts.filter((p) => p.code === undefined).map((p) => p.css));
    if (!pieces) continue;
    out += source.slice(at, match.index) + 'css`' + parts.map((p) => p.code ?? pieces.shift()).join('') + '`';
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
    let minified = minifyStylesIn(source);
    // A module that would no longer parse is kept as tsc wrote it.
    try {
      transformSync(minified, { loader: 'js' });
    } catch {
      console.warn(`minify-css: ${file} kept as it was (its minified stylesheets would not parse)`);
      minified = source;
    }
    before += source.length;
    after += minified.length;
    if (minified !== source) writeFileSync(file, minified);
  }
  if (process.env.MINIFY_CSS_VERBOSE) console.log(`modules with stylesheets: ${before} → ${after} bytes`);
}
