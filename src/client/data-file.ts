/**
 * The script build's lazy data file: the answer reader (zod and the wire schemas) and
 * query-core. One file, because both are needed at the same moment: it is asked for when
 * the first API requests start (./data-door.ts) and downloads alongside them; none of it
 * is in the script tag's first load.
 */
export { read, readCatalogue } from '../contract/read.js';
// What the widget uses of query-core, named, so the file holds only these.
export { onlineManager, QueriesObserver, QueryClient } from '@tanstack/query-core';
export { readDefaults } from '../data/read-defaults.js';
// The wire answers mapped to the domain: only ever run on what read() above has read.
export { toAvailability, toBookingOptions, toRooms } from '../domain/model.js';
