/**
 * `npm run examples:build`: packs the package exactly as npm would publish it,
 * installs that tarball into each example (demo/examples/<name>, each with its
 * own package.json and node_modules, from the npm registry only) and builds
 * each with `vite build` into demo/examples/<name>/dist. The e2e host serves
 * them at /examples/<name>/ (test/e2e/examples.spec.ts).
 *
 *   npm run build && npm run examples:build [-- plain react vue]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const EXAMPLES = ['plain', 'react', 'vue'] as const;
const DIR = 'demo/examples';
const TARBALL = 'staymod-booking-0.1.0.tgz';

function run(command: string, args: string[], cwd = '.'): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with exit code ${result.status ?? result.signal}.`);
  }
  console.log(`  ${command} ${args.join(' ')} (${cwd}): ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function main(): void {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(EXAMPLES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`Unknown example(s): ${unknown.join(', ')}. Known: ${EXAMPLES.join(', ')}.`);
  if (!existsSync('dist/staymod-booking.js') || !existsSync('dist/lib/index.js')) {
    throw new Error('dist/ is missing: run `npm run build` first (the tarball packs dist/).');
  }
  // The examples depend on file:../staymod-booking-0.1.0.tgz: a tarball, as published.
  for (const old of readdirSync(DIR).filter((f) => f.endsWith('.tgz'))) rmSync(join(DIR, old));
  run('npm', ['pack', '--silent', '--pack-destination', DIR]);
  if (!existsSync(join(DIR, TARBALL))) throw new Error(`npm pack did not write ${join(DIR, TARBALL)} (version changed? update the examples' package.json).`);

  for (const name of wanted.length ? wanted : EXAMPLES) {
    const cwd = join(DIR, name);
    console.log(`\nexample ${name}`);
    // Same version, new contents: npm would keep the old copy, so drop it first.
    rmSync(join(cwd, 'node_modules', 'staymod-booking'), { recursive: true, force: true });
    rmSync(join(cwd, 'dist'), { recursive: true, force: true });
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], cwd);
    // TypeScript examples type-check against the INSTALLED package (its .d.ts, exports, /jsx), with the repo's tsc.
    if (existsSync(join(cwd, 'tsconfig.json'))) run('node', [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], cwd);
    run('node', [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], cwd);
    if (!existsSync(join(cwd, 'dist', 'index.html'))) throw new Error(`${cwd}/dist/index.html was not built.`);
  }
}

try {
  main();
} catch (error) {
  console.error(`examples:build: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
