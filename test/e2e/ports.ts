/**
 * Where the e2e stack listens: three origins on loopback. E2E_PORT_OFFSET shifts
 * all three (e.g. 100 -> 4273, 8890, 8891), so two runs on one machine do not
 * share, or reuse, each other's stack.
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;
const at = (port: number) => `http://127.0.0.1:${port + offset}`;

export const E2E = {
  hostUrl: at(4173),
  sandboxUrl: at(8790),
  proxyUrl: at(8791),
  /** The sandbox's frozen "today" (UTC); tests freeze the browser clock to it too. */
  today: '2027-01-15',
} as const;
