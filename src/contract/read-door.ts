/**
 * The one door to ./read.ts (zod and the wire schemas): its own file in the script
 * build, asked for when the first request starts so it downloads alongside it. A
 * failed load is tried once more at once, then forgotten: the query layer's retry asks again.
 */
import { importTwice } from '../client/import-twice.js';

export type Reader = typeof import('./read.js');

let pending: Promise<Reader> | undefined;

export function loadReader(): Promise<Reader> {
  pending ??= importTwice(() => import('./read.js')).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
