/**
 * Bundle cost, measured as `npm run size` (bench/size.ts) measures it: the
 * script-tag file as built, each npm entry bundled by esbuild (minified, shared
 * libraries external), min + gzip + brotli. The baseline is lit alone, bundled
 * the same way. bench/size.ts prints the same numbers with these helpers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { scriptFiles } from './script-files.js';
import { kB, ratio, type ResultRow } from './stats.js';

/** Libraries an app's bundler dedupes: external when an npm entry is measured. */
export const SHARED = ['lit', 'lit/*', '@lit/*', '@tanstack/query-core', 'zod', 'zod/*', 'date-fns', 'date-fns/*', 'react', 'react/*'];
export const ENTRIES: Array<[name: string, file: string, platform: 'browser' | 'neutral']> = [
  ['staymod-booking', 'dist/lib/index.js', 'browser'],
  ['staymod-booking/define', 'dist/lib/define.js', 'browser'],
  ['staymod-booking/react', 'dist/lib/react/index.js', 'browser'],
  ['staymod-booking/proxy', 'dist/lib/proxy/index.js', 'neutral'],
  ['staymod-booking/proxy/worker', 'dist/lib/proxy/worker.js', 'neutral'],
];

export const sizes = (code: Uint8Array) => ({
  min: code.byteLength,
  gzip: gzipSync(code, { level: 9 }).byteLength,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
});

/**
 * Dynamic imports (languages, the checkout, the answer reader) stay out: an app's bundler splits
 * them into chunks of their own, loaded when needed, so they are not part of the entry's cost.
 */
const lazyStaysOut = {
  name: 'lazy-stays-out',
  setup(build: { onResolve(options: { filter: RegExp }, callback: (args: { kind: string; path: string }) => { path: string; external: true } | undefined): void }) {
    build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};

/** Bundles a file (or `contents`) the way an app's bundler would: minified ESM, `external` and lazy files left out. */
export async function bundle(
  entry: { file?: string; contents?: string },
  platform: 'browser' | 'neutral',
  external: string[],
  metafile = false,
): Promise<{ code: Uint8Array; metafile: Metafile | undefined }> {
  const result = await build({
    ...(entry.file ? { entryPoints: [entry.file] } : { stdin: { contents: entry.contents!, resolveDir: process.cwd(), loader: 'js' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    target: 'es2022',
    write: false,
    external,
    metafile,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    plugins: [lazyStaysOut],
  });
  return { code: result.outputFiles[0]!.contents, metafile: result.metafile };
}

export async function bundleRows(): Promise<ResultRow[]> {
  const lit = sizes((await bundle({ contents: "export * from 'lit';" }, 'browser', [])).code);
  const rows: ResultRow[] = [];
  const add = (what: string, s: ReturnType<typeof sizes>, note?: string) => {
    rows.push({ section: 'Bundle (min + gzip / brotli)', what: `${what}, gzip`, value: kB(s.gzip), baselineName: 'lit alone', baseline: kB(lit.gzip), ratio: ratio(s.gzip, lit.gzip), note: `min ${kB(s.min)}${note ? `; ${note}` : ''}` });
    rows.push({ section: 'Bundle (min + gzip / brotli)', what: `${what}, brotli`, value: kB(s.brotli), baselineName: 'lit alone', baseline: kB(lit.brotli), ratio: ratio(s.brotli, lit.brotli) });
  };
  // What a guest downloads, each file gzipped on its own as it travels (as `npm run size` counts it).
  const files = scriptFiles('dist/staymod-booking.js');
  const total = (list: string[]) => {
    const each = list.map((file) => sizes(readFileSync(file)));
    return { min: each.reduce((n, x) => n + x.min, 0), gzip: each.reduce((n, x) => n + x.gzip, 0), brotli: each.reduce((n, x) => n + x.brotli, 0) };
  };
  add('first load: dist/staymod-booking.js (target 25 kB gzip)', total(files.firstLoad));
  add('first load + the answer reader and query-core (fetched in parallel with the first API requests)', total([...files.firstLoad, ...files.alongside]));
  add('whole English booking (+ the checkout; target 50 kB gzip)', total([...files.firstLoad, ...files.alongside, ...files.later]));
  for (const [name, file, platform] of ENTRIES) {
    if (!existsSync(file)) continue;
    add(name, sizes((await bundle({ file }, platform, SHARED)).code), 'shared libraries external');
  }
  return rows;
}
