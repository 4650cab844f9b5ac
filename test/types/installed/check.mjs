// The BUILT typings as an app that installed the package sees them (run by
// `npm run typecheck:types` and, after the build, by test/node/ship.test.ts):
// ./.app copied to a scratch folder whose node_modules/staymod-booking is this repository
// (its package.json, `exports`, `typesVersions` and dist/lib), type-checked with each of its
// tsconfig.*.json. (A dot folder: the repository's own tsconfig.json does not compile it.)
// Needs `npm run build`; without dist/lib it says so and checks nothing (exit 0), unless --require-build.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '.app');
const root = join(here, '../../../..');
if (!existsSync(join(root, 'dist/lib/index.d.ts'))) {
  console.log('test/types/installed: no dist/lib, skipped (run `npm run build` first).');
  process.exit(process.argv.includes('--require-build') ? 1 : 0);
}

const app = mkdtempSync(join(tmpdir(), 'staymod-types-'));
let failed = false;
try {
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(root, join(app, 'node_modules/staymod-booking'), 'dir');
  // @types/react (react/jsx-runtime) and @types/node for the consumer files themselves.
  symlinkSync(join(root, 'node_modules/@types'), join(app, 'node_modules/@types'), 'dir');
  for (const file of readdirSync(here)) copyFileSync(join(here, file), join(app, file));
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  for (const config of readdirSync(here).filter((f) => /^tsconfig\..+\.json$/.test(f))) {
    try {
      execFileSync(process.execPath, [tsc, '-p', join(app, config)], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
      console.log(`test/types/installed/.app/${config}: ok`);
    } catch (error) {
      failed = true;
      console.error(`test/types/installed/.app/${config}: failed\n${String(error.stdout ?? '') + String(error.stderr ?? '')}`);
    }
  }
} finally {
  rmSync(app, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
