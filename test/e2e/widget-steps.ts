/**
 * Steps and probes shared by the widget's e2e specs (booking, dates, loading,
 * appearance, a11y, keyboard, host errors, time zones): what a guest does, what a
 * host sees in the console, and what the network carried.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { DEMO, E2E, expect, type Widget } from './fixtures.js';

export interface GuestDetails {
  name?: string;
  email?: string;
  phone?: string;
}

/** Fills the guest form (the widget must be on the details step). */
export async function fillGuest(widget: Widget, guest: GuestDetails = {}): Promise<void> {
  await widget.field(/full name/i).fill(guest.name ?? 'Asha Rao');
  await widget.field(/e-mail/i).fill(guest.email ?? 'asha@example.com');
  if (guest.phone) await widget.field(/phone/i).fill(guest.phone);
}

/** Dates, one room, Continue: the widget ends on the guest form. */
export async function chooseStay(widget: Widget, checkIn: string, checkOut: string, room = 'Deluxe'): Promise<void> {
  await widget.pickDates(checkIn, checkOut);
  await widget.addRoom(room);
  await widget.continueButton().click();
  await expect(widget.field(/full name/i)).toBeVisible();
}

export interface SentBooking {
  url: string;
  headers: Record<string, string>;
  body: Record<string, any>;
}

/** Every booking POST the page sends (to Staymod or to the proxy), as sent. */
export function bookingPosts(page: Page): SentBooking[] {
  const posts: SentBooking[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/bookings')) {
      posts.push({ url: request.url(), headers: request.headers(), body: request.postDataJSON() as Record<string, any> });
    }
  });
  return posts;
}

export interface HostMessage {
  type: string;
  text: string;
}

/** The widget's console lines for the host (`[staymod-booking] ...`). */
export function hostMessages(page: Page): HostMessage[] {
  const messages: HostMessage[] = [];
  page.on('console', (message) => {
    if (message.text().includes('[staymod-booking]')) messages.push({ type: message.type(), text: message.text() });
  });
  return messages;
}

/** Records the widget's public events on `document` (so they must bubble and be composed). */
export async function recordEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as any).__staymodEvents = seen;
    const names = ['staymod-dates-change', 'staymod-rooms-change', 'staymod-booking-submit', 'staymod-booking-confirmed', 'staymod-booking-error'];
    for (const name of names) {
      document.addEventListener(name, (event) => {
        const e = event as CustomEvent<any>;
        const detail = e.detail ?? {};
        const error = detail.error;
        seen.push({
          type: e.type,
          bubbles: e.bubbles,
          composed: e.composed,
          cancelable: e.cancelable,
          isCustomEvent: e instanceof CustomEvent,
          fromWidget: (e.target as Element | null)?.localName,
          detail: error
            ? { stage: detail.stage, error: { name: error.name, code: error.code, message: error.message, isError: error instanceof Error, hostFixable: error.hostFixable, ambiguous: error.ambiguous, soldOutDate: error.soldOutDate } }
            : JSON.parse(JSON.stringify(detail)),
        });
      });
    }
  });
}

export async function recordedEvents(page: Page): Promise<Array<Record<string, any>>> {
  return page.evaluate(() => (window as any).__staymodEvents ?? []);
}

/** Books a room behind the widget's back, as another channel would (full key, server side). */
export async function bookBehindTheWidget(roomId: string, checkIn: string, checkOut: string): Promise<Record<string, any>> {
  const response = await fetch(`${E2E.sandboxUrl}/api/public/v1/properties/${DEMO.propertyId}/bookings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO.keys.full}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      guestName: 'Walk-in guest',
      checkIn: `${checkIn}T14:00:00.000Z`,
      checkOut: `${checkOut}T11:00:00.000Z`,
      rooms: [{ roomId, quantity: 1 }],
    }),
  });
  const body = (await response.json()) as Record<string, any>;
  if (response.status !== 201) throw new Error(`walk-in booking failed: ${response.status} ${JSON.stringify(body)}`);
  return body.booking;
}

/** The widget's failure notice on the details step (not the form's own error summary). */
export function notice(widget: Widget): Locator {
  return widget.root.locator('[part="notice"]');
}

/** The booking element's own polite live region. */
export function liveRegion(widget: Widget): Locator {
  return widget.root.locator('.base > [role="status"][aria-live="polite"]');
}

/** Text of every visible node in the widget, shadow roots included, one entry per text node or label. */
export async function visibleTexts(widget: Widget): Promise<string[]> {
  return widget.root.evaluate((host) => {
    const out: string[] = [];
    const visit = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent?.replace(/\s+/g, ' ').trim();
        const parent = node.parentElement;
        if (text && parent && parent.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) out.push(text);
        return;
      }
      if (node instanceof Element) {
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
          const value = node.getAttribute(attr);
          if (value) out.push(value.trim());
        }
        if (node.shadowRoot) node.shadowRoot.childNodes.forEach(visit);
        if (node.localName === 'style') return;
      }
      node.childNodes.forEach(visit);
    };
    visit(host);
    return out;
  });
}

/** axe-core's WCAG 2.1 A/AA violations inside the widget(s), shadow roots included, readable. */
export async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('staymod-booking')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(' | ')})`);
}
