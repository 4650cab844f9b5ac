/**
 * The script build's lazy files (checkout, reader, languages) import the script back by its
 * plain name, `./staymod-booking.js`. Loaded as `staymod-booking.js?v=3`, or under another
 * name (`staymod-booking.min.js`, a fingerprinted `staymod-booking.3f9a1c.js`), the browser
 * then fetches and runs a second copy with its own state (or finds no such file): the host is
 * told once, in the console.
 */
import { tellHost } from './host-tell.js';

/**
 * Why the lazy files would not get this very script back: `query` (a query string or hash on
 * the right name), `name` (another file name), or undefined when they would.
 */
export function scriptUrlProblem(url: string): 'query' | 'name' | undefined {
  let theirs: string;
  try {
    theirs = new URL('./staymod-booking.js', url).href;
  } catch {
    return;
  }
  if (theirs == url) return;
  return theirs == url.replace(/[?#].*$/, '') ? 'query' : 'name';
}

export function checkScriptUrl(url: string): void {
  const problem = scriptUrlProblem(url);
  if (problem == 'query') tellHost((c) => c.scriptUrlWithQuery(url));
  else if (problem) tellHost((c) => c.scriptRenamed(url));
}
