/**
 * The one door to ./data-file.ts (the answer reader and query-core). A failed load is
 * tried once more at once (import-twice.ts), then forgotten: the next ask (a query's
 * retry, the guest's "Try again") loads again.
 */
import { lazyFile } from './import-twice.js';

export type DataFile = typeof import('./data-file.js');

const door = lazyFile<DataFile>(() => import('./data-file.js'));

/** The data file, if it has loaded. */
export const dataFileNow = door.now;

export const loadDataFile = door.load;
