/**
 * The proxy's logger, wrapped so the API key can never reach a log line even if
 * an upstream error message happened to contain it.
 */
export interface ProxyLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Default: warnings and errors to the console, no per-request chatter. */
export const consoleLogger: ProxyLogger = {
  info() {},
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/** Anything shaped like a Staymod key, whole or cut short (`sk_live_3f2a...`). */
const KEY_LIKE = /sk_(?:live|test)_[0-9a-f]+/gi;

/** The secret and anything key-shaped replaced. Run it BEFORE any truncation, so no cut can leave a partial key. */
export function redact(text: string, secret: string): string {
  const whole = secret ? text.split(secret).join('[redacted]') : text;
  return whole.replace(KEY_LIKE, '[redacted]');
}

export function redactingLogger(logger: ProxyLogger, secret: string): ProxyLogger {
  return {
    info: (message) => logger.info(redact(message, secret)),
    warn: (message) => logger.warn(redact(message, secret)),
    error: (message) => logger.error(redact(message, secret)),
  };
}

/**
 * At most one line per `intervalMs` (default 10 s) for a noisy kind of event;
 * the lines held back are counted and the count is added to the next line written.
 */
export class ThrottledLog {
  readonly #write: (line: string) => void;
  readonly #now: () => number;
  readonly #intervalMs: number;
  #last = Number.NEGATIVE_INFINITY;
  #held = 0;

  constructor(write: (line: string) => void, options: { now?: () => number; intervalMs?: number } = {}) {
    this.#write = write;
    this.#now = options.now ?? Date.now;
    this.#intervalMs = options.intervalMs ?? 10_000;
  }

  note(line: string): void {
    const now = this.#now();
    if (now - this.#last < this.#intervalMs) {
      this.#held += 1;
      return;
    }
    const held = this.#held ? ` (${this.#held} more like this in the last ${Math.round((now - this.#last) / 1000)} s, not logged)` : '';
    this.#last = now;
    this.#held = 0;
    this.#write(line + held);
  }
}
