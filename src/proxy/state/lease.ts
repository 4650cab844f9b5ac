/**
 * Waiting for the booking lock: bounded, with jittered polling, so a booking
 * either gets the lease within `waitMs` or is told to retry (503, Retry-After).
 */
import type { ProxyState } from './types.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True once `owner` holds the lease; false when `waitMs` passed first. Throws when the state fails. */
export async function waitForLease(
  state: ProxyState,
  scope: string,
  key: string,
  owner: string,
  options: { leaseMs: number; waitMs: number; now: () => number },
): Promise<boolean> {
  const until = options.now() + options.waitMs;
  let pause = 5;
  for (;;) {
    if (await state.lockAcquire(scope, key, owner, options.leaseMs)) return true;
    const left = until - options.now();
    if (left <= 0) return false;
    await sleep(Math.min(left, pause * (0.5 + Math.random())));
    pause = Math.min(pause * 2, 100);
  }
}

/** Keeps renewing the lease while work under it runs (a crashed holder's lease just runs out). */
export function heartbeat(state: ProxyState, scope: string, key: string, owner: string, leaseMs: number): () => void {
  const timer = setInterval(() => void state.lockExtend(scope, key, owner, leaseMs).catch(() => {}), Math.max(50, leaseMs / 3));
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}
