// `npm run cem:check`: regenerates the manifest into a temp folder and fails when the
// committed custom-elements.json differs, or when docs/api.md is not what that manifest
// renders to (run `npm run cem` and commit both).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { API_DOCS, renderApiDocs } from './custom-elements-manifest.docs.mjs';

/** What is stale (a message), or '' when the manifest and docs/api.md are current. */
function stale(dir) {
  const cli = join('node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');
  const run = spawnSync(process.execPath, [cli, 'analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    encoding: 'utf8',
    env: { ...process.env, CEM_OUTDIR: dir },
  });
  if (run.status !== 0) return `${run.stdout}\n${run.stderr}`;
  const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
  const committed = readOrEmpty('custom-elements.json');
  if (fresh !== committed) {
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const line = b.findIndex((l, i) => l !== a[i]);
    return (
      `custom-elements.json is stale (first difference at line ${line + 1}: ${JSON.stringify(a[line] ?? '')} -> ${JSON.stringify(b[line] ?? '')}).\n` +
      'Run `npm run cem` and commit custom-elements.json.'
    );
  }
  // The reference rendered from the fresh manifest, so a JSDoc change without `npm run cem` fails here too.
  if (readOrEmpty(API_DOCS) !== renderApiDocs(JSON.parse(fresh))) {
    return 'docs/api.md is stale: run `npm run cem` (or `npm run docs:api`) and commit docs/api.md.';
  }
  return '';
}

function readOrEmpty(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // missing: reported as stale
  }
}

// The analyzer joins outdir to the working directory: a relative folder inside the repo.
mkdirSync('node_modules/.cache', { recursive: true });
const dir = relative(process.cwd(), mkdtempSync(join('node_modules/.cache', 'staymod-cem-')));
let problem;
try {
  problem = stale(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (problem) {
  console.error(problem);
  process.exit(1);
}
console.log('custom-elements.json and docs/api.md are current.');
