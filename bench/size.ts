/**
 * `npm run size`: what the widget costs a visitor, measured the way they pay it.
 *
 * - dist/staymod-booking.js (the script-tag build, everything included), as built;
 * - each npm entry bundled the way a host app's bundler would (esbuild, minified),
 *   with the shared libraries external because the app dedupes them;
 * - "lit alone" as the yardstick, and what each library weighs inside the script.
 *
 * `npm run size -- --check` exits 1 when the script-tag build's gzip size is above
 * package.json `staymod.sizeBudgetGzip` (kB, 1 kB = 1000 bytes): a ratchet, so the
 * bundle can shrink but never silently grow. Run `npm run build` first.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { Metafile } from 'esbuild';
import { bundle, ENTRIES, SHARED, sizes } from './lib/bundle.js';

const TARGET_GZIP_KB = 30;
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

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { staymod?: { sizeBudgetGzip?: number } };
  const budgetKb = pkg.staymod?.sizeBudgetGzip;
  if (!existsSync(SCRIPT)) {
    console.error(`${SCRIPT} is missing: run \`npm run build\` first.`);
    return 1;
  }
  const script = measure(`${SCRIPT} (script tag, all included)`, readFileSync(SCRIPT));
  if (check) {
    if (typeof budgetKb !== 'number' || !(budgetKb > 0)) {
      console.error('package.json has no staymod.sizeBudgetGzip (kB): set it to the measured gzip size rounded up.');
      return 1;
    }
    const over = script.gzip > budgetKb * 1000;
    console.log(`${SCRIPT}: ${kB(script.gzip)} kB gzip, budget ${budgetKb} kB${over ? ' — OVER BUDGET' : ''} (target ${TARGET_GZIP_KB} kB).`);
    if (over) console.error('The script-tag build grew past its budget. Shrink it, or raise staymod.sizeBudgetGzip in package.json with a reason in the commit.');
    return over ? 1 : 0;
  }

  const rows: Row[] = [script];
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

  console.log(`\nTarget: ${TARGET_GZIP_KB} kB gzip for the script tag; now ${kB(script.gzip)} kB, gap ${kB(Math.max(0, script.gzip - TARGET_GZIP_KB * 1000))} kB.`);
  if (typeof budgetKb === 'number') console.log(`Budget (CI ratchet, package.json staymod.sizeBudgetGzip): ${budgetKb} kB gzip.`);

  const parts = await composition();
  const total = parts.reduce((sum, [, n]) => sum + n, 0);
  console.log('\nInside the script build (minified bytes before compression, by package):');
  for (const [name, bytes] of parts) console.log(`  ${name.padEnd(24)} ${kB(bytes).padStart(6)} kB  ${((100 * bytes) / total).toFixed(0).padStart(3)}%`);
  return 0;
}

process.exitCode = await main();
