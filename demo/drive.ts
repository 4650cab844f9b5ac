/**
 * Drives the live widget the way a guest would (clicks and typing inside its
 * shadow roots), so the states gallery shows real states, not mock-ups.
 */

const TIMEOUT_MS = 8000;

/** Waits until `find` returns an element (polling each frame), or throws a clear error. */
export async function waitFor<T>(what: string, find: () => T | null | undefined, timeoutMs = TIMEOUT_MS): Promise<T> {
  const started = performance.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (performance.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Updatable = { updateComplete?: Promise<unknown> };

/** Waits for pending Lit renders of these elements, then one frame. */
async function settle(...elements: Element[]): Promise<void> {
  for (const el of elements) await (el as Updatable).updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  for (const el of elements) await (el as Updatable).updateComplete;
}

const inner = (host: Element | null | undefined, selector: string) => host?.shadowRoot?.querySelector(selector) ?? null;

export class WidgetDriver {
  constructor(private readonly widget: HTMLElement) {}

  private part(tag: string): Element | null {
    return inner(this.widget, tag);
  }

  /** Clicks a day once its night has loaded, paging the calendar forward (at most 12 months) until it is shown. */
  async clickDay(date: string): Promise<void> {
    // Re-found each round: the widget may render a new calendar while it loads.
    const calendarNow = () => waitFor('the calendar', () => this.part('staymod-calendar'));
    let calendar = await calendarNow();
    const root = () => calendar.shadowRoot;
    const deadline = performance.now() + TIMEOUT_MS;
    let pages = 0;
    // Re-query each round: the widget may re-render (or move the calendar) while loading.
    while (performance.now() < deadline) {
      await settle(this.widget, calendar);
      calendar = await calendarNow();
      const target = root()?.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`);
      if (target) {
        // Nights still loading cannot be picked yet (a guest would wait for the prices too).
        if (target.parentElement?.querySelector('.shimmer')) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        target.click();
        // A guest's next click comes after the widget re-rendered: so do ours.
        await settle(this.widget, calendar);
        return;
      }
      const next = root()?.querySelector<HTMLButtonElement>('button.nav.next');
      if (next && next.getAttribute('aria-disabled') !== 'true' && root()?.querySelector('button[data-date]') && pages < 12) {
        const first = root()?.querySelector<HTMLButtonElement>('button[data-date]')?.dataset.date ?? '';
        if (first > date) throw new Error(`Day ${date} is before the calendar's first month.`);
        next.click();
        pages += 1;
      } else {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    throw new Error(`Timed out waiting for day ${date} in the calendar.`);
  }

  async pickDates(checkIn: string, checkOut: string): Promise<void> {
    await this.clickDay(checkIn);
    await this.clickDay(checkOut);
  }

  private async roomList(): Promise<Element> {
    return waitFor('the room list', () => this.part('staymod-room-list'));
  }

  async addRoom(name: string): Promise<void> {
    const list = await this.roomList();
    const plus = await waitFor(`the "add" button of ${name}`, () =>
      [...(list.shadowRoot?.querySelectorAll<HTMLButtonElement>('article button[aria-label]') ?? [])].find((b) =>
        (b.getAttribute('aria-label') ?? '').startsWith(`Add one ${name}`),
      ),
    );
    plus.click();
    await settle(this.widget, list);
  }

  async continue(): Promise<void> {
    const list = await this.roomList();
    const button = await waitFor('the Continue button', () => list.shadowRoot?.querySelector<HTMLButtonElement>('[part~="continue"]'));
    await waitFor('Continue to be enabled', () => !button.disabled && button.getAttribute('aria-disabled') !== 'true');
    button.click();
  }

  private async form(): Promise<Element> {
    return waitFor('the guest form', () => this.part('staymod-guest-form'));
  }

  async fill(field: 'guestName' | 'guestEmail' | 'guestPhone' | 'specialRequests', value: string): Promise<void> {
    const form = await this.form();
    const input = await waitFor(`the ${field} field`, () => form.shadowRoot?.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${field}"]`));
    input.focus();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await settle(this.widget, form);
  }

  async submit(): Promise<void> {
    const form = await this.form();
    const button = await waitFor('the submit button', () => form.shadowRoot?.querySelector<HTMLButtonElement>('button[type="submit"]'));
    button.click();
  }

  /** Dates -> a room -> Continue: the guest form is on screen. */
  async toDetails(checkIn: string, checkOut: string, room = 'Deluxe'): Promise<void> {
    await this.pickDates(checkIn, checkOut);
    await this.addRoom(room);
    await this.continue();
    await this.form();
  }
}
