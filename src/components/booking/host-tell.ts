/**
 * The one door to the host's console: ./host-console.ts, with its long texts, is
 * loaded only when a widget has something to tell the host (a separate file in
 * the script build, fetched next to it).
 */
export type HostConsole = typeof import('./host-console.js');

let loaded: Promise<HostConsole> | undefined;

export function tellHost(say: (console: HostConsole) => void): void {
  // Asked once: a widget with something to tell re-tells it on every update (the console says it once).
  loaded ??= import('./host-console.js');
  loaded.then(say, () => {
    loaded = undefined;
  });
}
