/**
 * `npm run size`: what the widget costs a visitor, measured the way they pay it.
 *
 * - the script-tag build as a page fetches it: the FIRST LOAD (dist/staymod-booking.js and
 *   whatever it imports before anything shows) and the TOTAL for a whole English booking
 *   (plus the checkout file it fetches when the calendar is idle), each file gzipped alone
 *   as it travels (bench/lib/script-files.ts reads the files' imports);
 * - each npm entry bundled the way a host app's bundler would (esbuild, minified),
 *   with the shared libraries external because the app dedupes them;
 * - "lit alone" as the yardstick, and what each library weighs inside the script.
 *
 * `npm run size -- --check` exits 1 when either figure is above its ratchet in
 * package.json (`staymod.firstLoadBudgetGzip`, `staymod.totalBudgetGzip`; kB, 1 kB =
 * 1000 bytes), so the widget can shrink but never silently grow. Run `npm run build` first.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { Metafile } from 'esbuild';
import { bundle, ENTRIES, SHARED, sizes } from './lib/bundle.js';
import { scriptFiles } from './lib/script-files.js';

/** Issue 14's targets. */
const TARGET_FIRST_LOAD_KB = 25;
const TARGET_TOTAL_KB = 50;
const SCRIPT = 'dist/staymod-booking.js';

/**
 * The least the mandated libraries cost a script-tag page: one Lit element, the
 * query-core pieces the widget uses (QueryClient, QueriesObserver, prefetch,
 * invalidation) and one small zod/mini object schema. No widget code at all.
 */
const LIBRARY_FLOOR = `
import { LitElement, html, css } from 'lit';
import { QueryClient, QueriesObserver } from '@tanstack/query-core';
import * as z from 'zod/mini';
customElements.define('x-floor', class extends LitElement {
  static styles = css\`:host { display: block }\`;
  render() { return html\`<p>\${z.safeParse(z.object({ a: z.string(), b: z.number(), c: z.array(z.boolean()) }), {}).success}</p>\`; }
});
const client = new QueryClient();
new QueriesObserver(client, [{ queryKey: ['a'], queryFn: () => 1 }]).subscribe(() => {});
void client.prefetchQuery({ queryKey: ['b'], queryFn: () => 2 });
void client.invalidateQueries({ queryKey: ['a'] });
`;

interface Row {
  name: string;
  min: number;
  gzip: number;
  brotli: number;
  note?: string;
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

function measure(name: string, code: Uint8Array, note?: string): Row {
  return { name, ...sizes(code), note };
}

/** Which package each byte of the script build comes from (esbuild's view of the same sources). */
async function composition(): Promise<Array<[string, number]>> {
  const { metafile } = await bundle({ file: 'src/define.ts' }, 'browser', [], true);
  const byPackage = new Map<string, number>();
  const output = Object.values((metafile as Metafile).outputs)[0]!;
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const name = match ? match[1]! : 'our code (src/)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]);
}

function table(rows: Row[]): string {
  const head = ['', 'min', 'gzip', 'brotli', ''];
  const lines = rows.map((r) => [r.name, `${kB(r.min)} kB`, `${kB(r.gzip)} kB`, `${kB(r.brotli)} kB`, r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [fmt(head), ...lines.map(fmt)].join('\n');
}

/** Files gzipped one by one, as each travels, and summed. */
function measureFiles(name: string, files: string[], note: string): Row {
  const each = files.map((file) => sizes(readFileSync(file)));
  const sum = (key: 'min' | 'gzip' | 'brotli') => each.reduce((total, size) => total + size[key], 0);
  return { name, min: sum('min'), gzip: sum('gzip'), brotli: sum('brotli'), note };
}

type Budgets = { firstLoadBudgetGzip?: number; totalBudgetGzip?: number };

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const budgets = (JSON.parse(readFileSync('package.json', 'utf8')) as { staymod?: Budgets }).staymod ?? {};
  if (!existsSync(SCRIPT)) {
    console.error(`${SCRIPT} is missing: run \`npm run build\` first.`);
    return 1;
  }
  const files = scriptFiles(SCRIPT);
  const first = measureFiles('first load (script tag)', files.firstLoad, files.firstLoad.map((f) => f.replace('dist/', '')).join(' + '));
  const names = (list: string[]) => list.map((f) => f.replace('dist/', '')).join(' + ') || 'nothing';
  const withReader = measureFiles('first load + parallel', [...files.firstLoad, ...files.alongside], `+ ${names(files.alongside)} (in parallel with the first API requests)`);
  const whole = measureFiles('whole English booking', [...files.firstLoad, ...files.alongside, ...files.later], `+ ${names(files.later)}`);
  const figures: Array<[Row, keyof Budgets, number]> = [
    // The ratchet holds the script and its static imports, as issue 14 measured: the reader
    // downloads in parallel with the first API answer (both figures are printed).
    [first, 'firstLoadBudgetGzip', TARGET_FIRST_LOAD_KB],
    [whole, 'totalBudgetGzip', TARGET_TOTAL_KB],
  ];
  if (check) {
    let over = false;
    for (const [row, key, target] of figures) {
      const budget = budgets[key];
      if (typeof budget !== 'number' || !(budget > 0)) {
        console.error(`package.json has no staymod.${key} (kB): set it to the measured gzip size rounded up.`);
        return 1;
      }
      const above = row.gzip > budget * 1000;
      over ||= above;
      console.log(`${row.name}: ${kB(row.gzip)} kB gzip, budget ${budget} kB${above ? ' — OVER BUDGET' : ''} (target ${target} kB).`);
    }
    if (over) console.error('The script-tag build grew past its budget. Shrink it, or raise the staymod budget in package.json with a reason in the commit.');
    return over ? 1 : 0;
  }

  const rows: Row[] = [first, withReader, whole];
  for (const [name, file, platform] of ENTRIES) {
    if (!existsSync(file)) {
      rows.push({ name, min: 0, gzip: 0, brotli: 0, note: `missing ${file}` });
      continue;
    }
    rows.push(measure(name, (await bundle({ file }, platform, SHARED)).code, 'shared libs external'));
  }
  rows.push(measure('lit alone', (await bundle({ contents: "export * from 'lit';" }, 'browser', [])).code, 'reference'));
  rows.push(measure('the three libraries alone', (await bundle({ contents: LIBRARY_FLOOR }, 'browser', [])).code, 'floor: lit + query-core + zod/mini, none of our code'));
  console.log(table(rows));

  console.log('');
  for (const [row, key, target] of figures) {
    const budget = budgets[key];
    console.log(`${row.name}: ${kB(row.gzip)} kB gzip; target ${target} kB (gap ${kB(Math.max(0, row.gzip - target * 1000))} kB)${typeof budget === 'number' ? `; CI ratchet staymod.${key} ${budget} kB` : ''}.`);
  }

  const parts = await composition();
  const total = parts.reduce((sum, [, n]) => sum + n, 0);
  console.log('\nInside the script build (minified bytes before compression, by package):');
  for (const [name, bytes] of parts) console.log(`  ${name.padEnd(24)} ${kB(bytes).padStart(6)} kB  ${((100 * bytes) / total).toFixed(0).padStart(3)}%`);
  return 0;
}

process.exitCode = await main();
