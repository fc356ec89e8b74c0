// Generates custom-elements.json from the JSDoc of src/elements with the Custom Elements
// Manifest analyzer. `--out DIR` writes it under DIR instead (the freshness check).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outIndex = process.argv.indexOf('--out');
const outRoot = outIndex > 0 ? process.argv[outIndex + 1] : root;
const work = mkdtempSync(join(tmpdir(), 'ac-cem-'));
const cli = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
try {
  execFileSync(
    process.execPath,
    [cli, 'analyze', '--litelement', '--globs', 'src/elements/**/*.ts', '--exclude', 'src/**/*.test.ts', '--outdir', work, '--quiet'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const produced = join(work, 'custom-elements.json');
  // The analyzer writes nothing when no element matches the globs.
  const manifest = existsSync(produced)
    ? JSON.parse(readFileSync(produced, 'utf8'))
    : { schemaVersion: '1.0.0', readme: '', modules: [] };
  writeFileSync(join(outRoot, 'custom-elements.json'), JSON.stringify(manifest, null, 2) + '\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
