/**
 * The one door to the host's console: ./host-console.ts, with its long texts, is
 * loaded only when a widget has something to tell the host (a separate file in
 * the script build, fetched next to it), and only once the page is idle (at most
 * 1.5 s later): the message is for the host's developer, and its file must not take
 * the guest's bandwidth and main thread from the first priced calendar (direct
 * mode always has something to say).
 */
export type HostConsole = typeof import('./host-console.js');

let loaded: Promise<HostConsole> | undefined;

export function tellHost(say: (console: HostConsole) => void): void {
  // Asked once: a widget with something to tell re-tells it on every update (the console says it once).
  loaded ??= new Promise((idle) => (typeof requestIdleCallback == 'function' ? requestIdleCallback(idle, { timeout: 1500 }) : setTimeout(idle, 200))).then(
    () => import('./host-console.js'),
  );
  loaded.then(say, () => {
    loaded = undefined;
  });
}
