/**
 * Where the e2e stack listens, on loopback: the host, the sandbox and its proxy, and
 * the Cloudbeds and Guesty fakes with a proxy each. E2E_PORT_OFFSET shifts them all
 * (e.g. 100 -> 4273, 8890, 8891, ...), so two runs on one machine do not share, or
 * reuse, each other's stack.
 */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;
const at = (port: number) => `http://127.0.0.1:${port + offset}`;

export const E2E = {
  hostUrl: at(4173),
  sandboxUrl: at(8790),
  proxyUrl: at(8791),
  cloudbedsUrl: at(8792),
  guestyUrl: at(8793),
  /** A proxy speaking to the Cloudbeds fake. */
  cloudbedsProxyUrl: at(8794),
  /** A proxy speaking to the Guesty fake (per-night prices from its Open API calendar). */
  guestyProxyUrl: at(8795),
  /** A proxy speaking to the Guesty fake without the Open API: no nightly prices, stays priced by Guesty's quote. */
  guestyPerStayProxyUrl: at(8796),
  /** Where the visual tests' setup builds the playground, and the host serves it from: one per run. */
  demoDist: offset ? `demo/dist-e2e-${offset}` : 'demo/dist',
  /** Playwright's output (traces, diffs), cleared at the start of a run: one per run too. */
  outputDir: offset ? `test-results-${offset}` : 'test-results',
  /** The sandbox's frozen "today" (UTC); tests freeze the browser clock to it too. */
  today: '2027-01-15',
} as const;
