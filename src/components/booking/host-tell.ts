/**
 * The one door to the host's console: ./host-console.ts, with its long texts, is
 * loaded only when a widget has something to tell the host (a separate file in
 * the script build, fetched next to it).
 */
export type HostConsole = typeof import('./host-console.js');

export function tellHost(say: (console: HostConsole) => void): void {
  void import('./host-console.js').then(say, () => {});
}
