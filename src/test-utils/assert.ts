/** Small assertions for browser tests (no chai in this project). */

function show(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function ok(condition: unknown, message = 'expected a truthy value'): asserts condition {
  if (!condition) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
  }
}

function deepEqualValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqualValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function deepEqual(actual: unknown, expected: unknown, message?: string): void {
  if (!deepEqualValue(actual, expected)) {
    throw new Error(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function match(actual: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(actual)) {
    throw new Error(`${message ? `${message}: ` : ''}expected ${show(actual)} to match ${pattern}`);
  }
}

/** Awaits a promise expected to reject, and returns the error for further checks. */
export async function rejects(promise: Promise<unknown>, message = 'expected a rejection'): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error(message);
}

export function throws(fn: () => unknown, message = 'expected a throw'): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error(message);
}

/** Polls until `check` returns a truthy value (or throws after `timeout`). */
export async function waitFor<T>(check: () => T | Promise<T>, timeout = 3000, what = 'condition'): Promise<T> {
  const start = performance.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (performance.now() - start > timeout) {
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
