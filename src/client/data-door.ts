/**
 * The one door to ./data-file.ts (the answer reader and query-core). A failed load is
 * tried once more at once (import-twice.ts), then forgotten: the next ask (a query's
 * retry, the guest's "Try again") loads again.
 */
import { importTwice } from './import-twice.js';

export type DataFile = typeof import('./data-file.js');

let loaded: DataFile | undefined;
let pending: Promise<DataFile> | undefined;

/** The data file, if it has loaded. */
export function dataFileNow(): DataFile | undefined {
  return loaded;
}

export function loadDataFile(): Promise<DataFile> {
  pending ??= importTwice(() => import('./data-file.js')).then(
    (file) => (loaded = file),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}
