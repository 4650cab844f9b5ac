/**
 * The one door to the host's console: ./host-console.ts, with its long texts, is
 * loaded only when a widget has something to tell the host (a separate file in
 * the script build, fetched next to it), and only once the page is idle: the
 * message is for the host's developer, and its file must not share the guest's
 * bandwidth and main thread with the first priced calendar (direct mode always
 * has something to say).
 */
export type HostConsole = typeof import('./host-console.js');

/** At most this long after the first message, even on a page that never idles. */
const IDLE_TIMEOUT_MS = 1500;

let loaded: Promise<HostConsole> | undefined;

function whenIdle(run: () => void): void {
  const idle = (globalThis as { requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number }).requestIdleCallback;
  if (idle) idle(run, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(run, 200);
}

export function tellHost(say: (console: HostConsole) => void): void {
  // Asked once: a widget with something to tell re-tells it on every update (the console says it once).
  loaded ??= new Promise<void>((resolve) => whenIdle(resolve)).then(() => import('./host-console.js'));
  loaded.then(say, () => {
    loaded = undefined;
  });
}
