// `npm run cem:check`: regenerates the manifest into a temp folder and fails when the
// committed custom-elements.json differs (run `npm run cem` and commit the result).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

// The analyzer joins outdir to the working directory: a relative folder inside the repo.
mkdirSync('node_modules/.cache', { recursive: true });
const dir = relative(process.cwd(), mkdtempSync(join('node_modules/.cache', 'staymod-cem-')));
try {
  const cli = join('node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');
  const run = spawnSync(process.execPath, [cli, 'analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    encoding: 'utf8',
    env: { ...process.env, CEM_OUTDIR: dir },
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    process.exit(1);
  }
  const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
  let committed = '';
  try {
    committed = readFileSync('custom-elements.json', 'utf8');
  } catch {
    // missing: reported below
  }
  if (fresh !== committed) {
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const line = b.findIndex((l, i) => l !== a[i]);
    console.error(`custom-elements.json is stale (first difference at line ${line + 1}: ${JSON.stringify(a[line] ?? '')} -> ${JSON.stringify(b[line] ?? '')}).`);
    console.error('Run `npm run cem` and commit custom-elements.json.');
    process.exit(1);
  }
  console.log('custom-elements.json is current.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
