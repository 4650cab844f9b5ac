/**
 * Which files of the script build a page fetches, read from the built files themselves:
 * the script plus everything it imports statically is the first load (nothing shows
 * before all of it is in); the checkout file, reached by import(), plus what it imports
 * and the first load lacks, is the rest of a whole English booking. Language files
 * (other languages) and the host-console file (only when something is wrong) are not
 * part of either. The data file (zod, the wire schemas and query-core) is fetched
 * alongside the first API requests, in parallel (the requests do not wait for it):
 * reported apart, so the first load reads both ways.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// Minified code quotes with ", ' or ` alike.
const STATIC_IMPORT = /\bimport\s*(?:[^"'`();]*?\bfrom\s*)?["'`](\.\.?\/[^"'`$]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.\.?\/[^"'`$]+\.js)["'`]\s*\)/g;

function imports(file: string, pattern: RegExp): string[] {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(pattern)].map((m) => join(dirname(file), m[1]!));
}

/** The file and everything it imports statically, transitively. */
function withStaticImports(file: string, into = new Set<string>()): Set<string> {
  if (into.has(file)) return into;
  into.add(file);
  for (const next of imports(file, STATIC_IMPORT)) withStaticImports(next, into);
  return into;
}

export interface ScriptFiles {
  firstLoad: string[];
  /** Fetched in parallel with the first API requests (the data file: the answer reader, query-core), beyond the first load. */
  alongside: string[];
  /** Fetched later in a whole English booking (the checkout), beyond the first load. */
  later: string[];
}

export function scriptFiles(script: string): ScriptFiles {
  const first = withStaticImports(script);
  const lazy = (name: string) => [...first].flatMap((file) => imports(file, DYNAMIC_IMPORT)).filter((file) => new RegExp(`/${name}-[\\w-]+\\.js$`).test(file));
  const beyond = (files: string[], known: Set<string>) => {
    const out = new Set<string>();
    for (const file of files) for (const needed of withStaticImports(file)) if (!known.has(needed)) out.add(needed);
    return out;
  };
  const alongside = beyond(lazy('data-file'), first);
  const later = beyond(lazy('checkout-views'), new Set([...first, ...alongside]));
  const rel = (file: string) => relative('.', file);
  return { firstLoad: [...first].map(rel), alongside: [...alongside].map(rel), later: [...later].map(rel) };
}
