/**
 * The script build's lazy files (checkout, reader, languages) import the script back by its
 * plain name, `./staymod-booking.js`. Loaded as `staymod-booking.js?v=3`, the browser then
 * fetches and runs a second copy with its own state: the host is told once, in the console.
 */
import { tellHost } from './host-tell.js';

export function checkScriptUrl(url: string): void {
  let search: string;
  try {
    search = new URL(url).search;
  } catch {
    return;
  }
  if (search) tellHost((c) => c.scriptUrlWithQuery(url));
}
