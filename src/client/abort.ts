/**
 * A signal that aborts when `outer` does or after `ms`, by hand: `AbortSignal.any` arrived in
 * Safari 17.4 and Chrome 116, and query-core passes a signal to every read, so with it no
 * request left those browsers at all. `timedOut` tells the two apart; `done` stops the clock.
 */
export function timeoutSignal(outer: AbortSignal | undefined, ms: number): { signal: AbortSignal; timedOut(): boolean; done(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, ms);
  if (outer?.aborted) abort();
  else outer?.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => controller.signal.aborted && !outer?.aborted,
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', abort);
    },
  };
}
