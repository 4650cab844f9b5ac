/**
 * The browser tests' sandboxes (test/wtr-sandbox-plugin.mjs). SANDBOX_URL is shared by
 * files running side by side: read it and book on it, never reset or fault it. The admin
 * helpers below drive FAULT_SANDBOX_URL, a second sandbox that one file owns.
 */
// @ts-expect-error served by test/wtr-sandbox-plugin.mjs at test time
import { SANDBOX_URL as url, FAULT_SANDBOX_URL as faultUrl, DEMO as demo } from '/__sandbox.js';
import type { Fault } from '../sandbox/faults.js';

export interface DemoInfo {
  propertyId: string;
  otherPropertyId: string;
  today?: string;
  keys: Record<
    'full' | 'widget' | 'readOnly' | 'noOptions' | 'foreignOrigin' | 'ipRestricted' | 'expired' | 'inactive' | 'otherProperty',
    string
  >;
}

export const SANDBOX_URL = url as string;
export const FAULT_SANDBOX_URL = faultUrl as string;
export const DEMO = demo as DemoInfo;

async function admin(path: string, method = 'POST', body?: unknown): Promise<unknown> {
  const response = await fetch(`${FAULT_SANDBOX_URL}/__sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${path}: ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

export type { Fault };

/** The fault sandbox's admin API: reset, faults, request counts, today, stored bookings. */
export const faultSandbox = {
  reset: () => admin('reset'),
  fault: (fault: Fault) => admin('faults', 'POST', fault),
  clearFaults: () => admin('faults', 'DELETE'),
  stats: async () => ((await admin('stats', 'GET')) as { requests: Record<string, number> }).requests,
  resetStats: () => admin('stats/reset'),
  setToday: (today: string) => admin('today', 'POST', { today }),
  state: () => admin('state', 'GET'),
  async bookings(): Promise<Array<Record<string, unknown>>> {
    const response = await fetch(`${FAULT_SANDBOX_URL}/api/public/v1/properties/${DEMO.propertyId}/bookings`, {
      headers: { Authorization: `Bearer ${DEMO.keys.full}` },
    });
    return ((await response.json()) as { bookings: Array<Record<string, unknown>> }).bookings;
  },
};
