/**
 * `node --import tsx bench/attribute.ts [dist/file.js]`: which sources the bytes of a built
 * file come from, read from its sourcemap. Minified bytes are exact; the gzip column
 * compresses each source's bytes alone, so it over-counts a little (no shared dictionary).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';

const file = process.argv[2] ?? 'dist/staymod-booking.js';
const code = readFileSync(file, 'utf8');
const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
const lines = code.split('\n');
const bySource = new Map<string, string[]>();
decode(map.mappings).forEach((segments, line) => {
  const text = lines[line] ?? '';
  segments.forEach((segment, i) => {
    const end = segments[i + 1]?.[0] ?? text.length;
    const source = segment.length > 1 ? map.sources[segment[1]!]! : '(unmapped)';
    const name = source.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1').replace(/^(\.\.\/)+/, '');
    (bySource.get(name) ?? bySource.set(name, []).get(name)!).push(text.slice(segment[0], end));
  });
});
const rows = [...bySource].map(([name, parts]) => {
  const bytes = Buffer.from(parts.join(''));
  return { name, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
rows.sort((a, b) => b.min - a.min);
const total = rows.reduce((sum, r) => sum + r.min, 0);
console.log(`${file}: ${(total / 1000).toFixed(1)} kB mapped, ${(Buffer.byteLength(code) / 1000).toFixed(1)} kB in file`);
for (const r of rows) console.log(`${(r.min / 1000).toFixed(1).padStart(7)} kB  gz~${(r.gzip / 1000).toFixed(1).padStart(5)}  ${r.name}`);
