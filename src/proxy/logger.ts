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

export function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}

export function redactingLogger(logger: ProxyLogger, secret: string): ProxyLogger {
  return {
    info: (message) => logger.info(redact(message, secret)),
    warn: (message) => logger.warn(redact(message, secret)),
    error: (message) => logger.error(redact(message, secret)),
  };
}
