/** Where the e2e stack listens: three origins on loopback. */
export const E2E = {
  hostUrl: 'http://127.0.0.1:4173',
  sandboxUrl: 'http://127.0.0.1:8790',
  proxyUrl: 'http://127.0.0.1:8791',
  /** The sandbox's frozen "today" (UTC); tests freeze the browser clock to it too. */
  today: '2027-01-15',
} as const;
