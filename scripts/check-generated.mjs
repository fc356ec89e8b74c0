// Fails when a generated file (schema/, src/model/generated/, custom-elements.json) is not
// what its generator gives for the current sources: regenerate into a temporary folder
// and compare, so the check neither writes to the tree nor depends on git.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'ac-generated-'));

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

try {
  execFileSync(process.execPath, [join(root, 'scripts/schema.mjs'), '--out', out], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts/manifest.mjs'), '--out', out], { stdio: 'inherit' });
  const stale = [];
  for (const dir of ['schema', 'src/model/generated']) {
    const expected = new Set(filesUnder(join(out, dir)).map((f) => relative(out, f)));
    const actual = new Set(filesUnder(join(root, dir)).map((f) => relative(root, f)));
    for (const file of new Set([...expected, ...actual])) {
      if (!expected.has(file) || !actual.has(file)) stale.push(file);
      else if (readFileSync(join(out, file), 'utf8') !== readFileSync(join(root, file), 'utf8')) stale.push(file);
    }
  }
  const manifest = 'custom-elements.json';
  if (!existsSync(join(root, manifest)) || readFileSync(join(out, manifest), 'utf8') !== readFileSync(join(root, manifest), 'utf8')) {
    stale.push(manifest);
  }
  if (stale.length) {
    console.error(`Generated files are stale: ${stale.join(', ')}.\nRun \`npm run schema && npm run manifest\` and commit the result.`);
    process.exit(1);
  }
  console.log('Generated files are fresh (schema/, src/model/generated/, custom-elements.json).');
} finally {
  rmSync(out, { recursive: true, force: true });
}
