/**
 * Starts the Staymod-compatible sandbox on node:http.
 *
 *   const sandbox = await startSandbox({ port: 0, today: '2026-05-01' });
 *   fetch(`${sandbox.url}/api/public/v1/properties/${sandbox.demo.propertyId}/rooms`, {
 *     headers: { Authorization: `Bearer ${sandbox.demo.keys.full}` },
 *   });
 *   await sandbox.close();
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDateKey } from '../domain/dates.js';
import { toNodeListener } from '../server/node-adapter.js';
import { checkTimeZone } from './booking-input.js';
import { DEMO, DEMO_API_KEYS, type DemoInfo } from './demo-data.js';
import { FaultQueue } from './faults.js';
import { createSandboxHandler } from './handler.js';
import { errorJson } from './http.js';
import { RequestStats } from './stats.js';
import { SandboxStore } from './store.js';

export type { DemoInfo } from './demo-data.js';

export interface SandboxOptions {
  /** 0 = any free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Load the state from this JSON file (if it exists) and save every change to it. */
  dataFile?: string;
  /** YYYY-MM-DD: freeze the sandbox's "today" (UTC). */
  today?: string;
  /** Delay between a booking's availability check and its insert (Staymod's race). Default 5 ms; 0 = atomic. */
  raceWindowMs?: number;
  /**
   * IANA time zone of the (simulated) Staymod process: zone-less date-times such as
   * `2027-01-20T14:00:00` are read in it. Default `UTC`, as on a cloud host.
   */
  timeZone?: string;
  /** Largest accepted request body. Default 64 kB. */
  maxBodyBytes?: number;
}

export interface RunningSandbox {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  demo: DemoInfo;
  store: SandboxStore;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  if (options.today !== undefined && !isDateKey(options.today)) {
    throw new RangeError(`today must be a YYYY-MM-DD date, got "${options.today}".`);
  }
  if (options.timeZone !== undefined) checkTimeZone(options.timeZone);
  const host = options.host ?? '127.0.0.1';
  const store = new SandboxStore({
    dataFile: options.dataFile,
    today: options.today,
    raceWindowMs: options.raceWindowMs,
    timeZone: options.timeZone,
  });
  const handler = createSandboxHandler({ store, keys: DEMO_API_KEYS, faults: new FaultQueue(), stats: new RequestStats() });
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const server = createServer(
    toNodeListener(handler, {
      maxBodyBytes,
      tooLarge: (request, max) => errorJson(request, 413, `Request body exceeds ${max} bytes.`),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    demo: { ...DEMO, keys: { ...DEMO.keys }, today: store.today() },
    store,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets and requests held by a `hang` fault would keep close() waiting.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
