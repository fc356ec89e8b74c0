// The no-build files as shipped (dist/cdn/): which files a page downloads when it loads an
// entry, following the `import` statements of each file, and what they weigh min+gzip
// (level 9, each file on its own, as a server sends them).
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

await init;

/** The imports of one shipped file, as paths from `root`: `static` load with it, `dynamic` when its code asks. */
function importsOf(root, path) {
  const [imports] = parse(readFileSync(join(root, path), 'utf8'), path);
  const resolved = (specifier) => relative(root, join(root, dirname(path), specifier));
  return {
    static: imports.filter((i) => i.d === -1 && i.n).map((i) => resolved(i.n)),
    dynamic: imports.filter((i) => i.d > -1 && i.n).map((i) => resolved(i.n)),
  };
}

export class ShippedFiles {
  /** @param {string} root the package's root; paths are relative to it (`dist/cdn/ac-job-manager.js`). */
  constructor(root) {
    this.root = root;
    this.imports = new Map();
  }

  importsOf(path) {
    if (!this.imports.has(path)) this.imports.set(path, importsOf(this.root, path));
    return this.imports.get(path);
  }

  /** The files `paths` load with them: themselves and their static imports, recursively. */
  loadedWith(paths, into = new Set()) {
    for (const path of paths) {
      if (into.has(path)) continue;
      into.add(path);
      this.loadedWith(this.importsOf(path).static, into);
    }
    return into;
  }

  /** Bytes and min+gzip bytes of some files, summed. */
  size(paths) {
    let bytes = 0;
    let gzipBytes = 0;
    for (const path of paths) {
      const code = readFileSync(join(this.root, path));
      bytes += code.length;
      gzipBytes += gzipSync(code, { level: 9 }).length;
    }
    return { bytes, gzipBytes, files: paths.size ?? paths.length };
  }
}
