/**
 * The host's static room catalogue (`rooms-src`): a plain JSON file next to their site,
 * made by `npx staymod-booking rooms-snapshot`. A file that cannot be used is the host's
 * to fix, never the guest's problem: it reads as a `problem` and the rooms then come
 * from the availability rows alone.
 */
import { timeoutSignal } from './abort.js';
import { loadDataFile } from './data-door.js';
import type { WireRoomCatalogue } from '../contract/schemas.js';

export type CatalogueResult = { catalogue: WireRoomCatalogue; problem?: string } | { catalogue: null; problem: string };

/** Checks a catalogue already in memory (set by code, or fetched), with the reader's file (zod). */
export async function readCatalogue(value: unknown, propertyId: string, where: string): Promise<CatalogueResult> {
  return (await loadDataFile()).readCatalogue(value, propertyId, where);
}

/** Fetches `url` (relative to the page) and reads it; never throws but for a cancel. */
export async function fetchCatalogue(url: string, propertyId: string, options: { signal?: AbortSignal; timeoutMs: number }): Promise<CatalogueResult> {
  const where = `rooms-src "${url}"`;
  // The reader's file downloads while the catalogue does.
  loadDataFile().catch(() => {});
  const timeout = timeoutSignal(options.signal, options.timeoutMs);
  let response: Response;
  try {
    // A static file on the host's site: no credentials, and the browser's cache may serve it.
    response = await fetch(url, { signal: timeout.signal, credentials: 'omit' });
  } catch (error) {
    timeout.done();
    if (options.signal?.aborted) throw error;
    return { catalogue: null, problem: `${where} could not be loaded (${timeout.timedOut() ? 'timed out' : 'network error'}); showing rooms without photos or details.` };
  }
  if (!response.ok) {
    timeout.done();
    return { catalogue: null, problem: `${where} answered HTTP ${response.status}; showing rooms without photos or details. Check the file's path (it is resolved against this page's URL) and, on another origin, its CORS headers.` };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { catalogue: null, problem: `${where} is not valid JSON; showing rooms without photos or details.` };
  } finally {
    timeout.done();
  }
  return readCatalogue(json, propertyId, where);
}
