/**
 * Shared e2e helpers: a frozen clock, the sandbox's admin API, and a small page
 * object for <staymod-booking> (Playwright's CSS locators pierce open shadow roots).
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { addDays } from '../../src/domain/dates.js';
import { DEMO, DEMO_NIGHTS, DEMO_OPTIONS, DEMO_ROOMS } from '../../src/sandbox/demo-data.js';
import { E2E } from './ports.js';
import type { Fault } from '../../src/sandbox/faults.js';

export { expect, DEMO, DEMO_NIGHTS, DEMO_OPTIONS, DEMO_ROOMS, E2E };

/** The sandbox's today plus `n` days. */
export const day = (n: number) => addDays(E2E.today, n);

export type { Fault };

async function admin(path: string, method = 'POST', body?: unknown): Promise<unknown> {
  const response = await fetch(`${E2E.sandboxUrl}/__sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

export const sandbox = {
  reset: () => admin('reset'),
  fault: (fault: Fault) => admin('faults', 'POST', fault),
  clearFaults: () => admin('faults', 'DELETE'),
  stats: async () => ((await admin('stats', 'GET')) as { requests: Record<string, number> }).requests,
  /** A booking imported from an OTA e-mail: it fills the availability view, never Staymod's counter. */
  importBooking: (body: { guestName: string; checkIn: string; checkOut: string; rooms: Array<{ roomId: string; quantity: number }> }) =>
    admin('bookings/import', 'POST', body),
  /** Changes a room WITHOUT recomputing Staymod's counters (they go stale, as in Staymod). */
  updateRoom: (roomId: string, patch: { unitCount?: number; isActive?: boolean }) => admin(`rooms/${roomId}`, 'POST', patch),
  resetStats: () => admin('stats/reset'),
  /** Every booking of the demo property, read with the full key. */
  async bookings(): Promise<Array<Record<string, any>>> {
    const response = await fetch(`${E2E.sandboxUrl}/api/public/v1/properties/${DEMO.propertyId}/bookings`, {
      headers: { authorization: `Bearer ${DEMO.keys.full}` },
    });
    return ((await response.json()) as { bookings: Array<Record<string, any>> }).bookings;
  },
};

export type Mode = 'direct' | 'proxy';

/** The host page URL for a widget in direct or proxy mode, plus any attributes. */
export function hostUrl(mode: Mode, attrs: Record<string, string | number> = {}, page = '/'): string {
  const params = new URLSearchParams({ 'property-id': DEMO.propertyId });
  if (mode === 'direct') {
    // As docs/security.md advises: a key without rooms:read, and the host's room catalogue.
    params.set('api-key', DEMO.keys.widget);
    params.set('api-base', E2E.sandboxUrl);
    params.set('rooms-src', '/rooms.json');
  } else {
    params.set('proxy-url', E2E.proxyUrl);
  }
  // An empty value removes a default (e.g. `'rooms-src': ''`: no catalogue).
  for (const [k, v] of Object.entries(attrs)) if (v === '') params.delete(k);
  else params.set(k, String(v));
  return `${page}?${params}`;
}

/** What a guest sees and does, in the widget's terms. */
export class Widget {
  readonly root: Locator;
  constructor(readonly page: Page, index = 0) {
    this.root = page.locator('staymod-booking').nth(index);
  }
  day(date: string): Locator {
    return this.root.locator(`button[data-date="${date}"]`);
  }
  async pickDates(checkIn: string, checkOut: string): Promise<void> {
    await this.day(checkIn).click();
    await this.day(checkOut).click();
  }
  room(name: string): Locator {
    return this.root.locator('staymod-room-list article', { hasText: name });
  }
  async addRoom(name: string, times = 1): Promise<void> {
    const plus = this.room(name).getByRole('button', { name: new RegExp(`^Add one ${name}`) });
    for (let i = 0; i < times; i++) await plus.click();
  }
  continueButton(): Locator {
    return this.root.locator('staymod-room-list').getByRole('button', { name: /continue/i });
  }
  field(label: RegExp | string): Locator {
    return this.root.locator('staymod-guest-form').getByLabel(label);
  }
  submitButton(): Locator {
    return this.root.locator('staymod-guest-form').getByRole('button', { name: /request booking|sending/i });
  }
  confirmation(): Locator {
    return this.root.locator('staymod-confirmation');
  }
  alert(): Locator {
    return this.root.locator('[role="alert"]').first();
  }
}

/** A test with the browser clock frozen at the sandbox's today (10:00 UTC) and a fresh sandbox. */
export const test = base.extend<{ widget: Widget }>({
  page: async ({ page }, use) => {
    await page.clock.setFixedTime(new Date(`${E2E.today}T10:00:00Z`));
    await sandbox.reset();
    await use(page);
    await sandbox.clearFaults();
  },
  widget: async ({ page }, use) => {
    await use(new Widget(page));
  },
});
