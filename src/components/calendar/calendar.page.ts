/**
 * Page object for <staymod-calendar> in browser tests: find, click, hover and
 * type like a guest, read what a guest (or a screen reader) would. Keys and the
 * mouse are real (Playwright, through @web/test-runner-commands).
 */
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { DateKey, MonthKey } from '../../domain/dates.js';
import { settled } from '../../test-utils/fixture.js';
import type { StaymodCalendar } from './calendar.js';

export class CalendarPage {
  constructor(readonly element: StaymodCalendar) {}

  get root(): ShadowRoot {
    const root = this.element.shadowRoot;
    if (!root) throw new Error('staymod-calendar has no shadow root: is it defined?');
    return root;
  }

  settled(): Promise<void> {
    return settled(this.element);
  }

  dayButton(date: DateKey): HTMLButtonElement {
    const button = this.root.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`);
    if (!button) throw new Error(`No day ${date} in the calendar; visible months: ${this.visibleMonths().join(', ')}`);
    return button;
  }

  hasDay(date: DateKey): boolean {
    return this.root.querySelector(`button[data-date="${date}"]`) !== null;
  }

  /** The accessible name of a day. */
  label(date: DateKey): string {
    return this.dayButton(date).getAttribute('aria-label') ?? '';
  }

  isDisabled(date: DateKey): boolean {
    return this.dayButton(date).getAttribute('aria-disabled') === 'true';
  }

  isSelected(date: DateKey): boolean {
    const button = this.dayButton(date);
    return button.getAttribute('aria-pressed') === 'true' && button.closest('[role="gridcell"]')?.getAttribute('aria-selected') === 'true';
  }

  isPreviewed(date: DateKey): boolean {
    return this.dayButton(date).classList.contains('preview');
  }

  /** The visible price or mark under a day number. */
  mark(date: DateKey): string {
    return this.dayButton(date).parentElement?.querySelector('.mark')?.textContent?.trim() ?? '';
  }

  /** The line under the grid that says what the prices are, or '' when it is not visible. */
  priceNote(): string {
    const note = this.root.querySelector<HTMLElement>('[part="price-note"]');
    return note && getComputedStyle(note).visibility === 'visible' ? (note.textContent?.trim() ?? '') : '';
  }

  async click(date: DateKey): Promise<void> {
    this.dayButton(date).click();
    await this.settled();
  }

  /** Real mouse move onto a day (hover preview). */
  async hover(date: DateKey): Promise<void> {
    const box = this.dayButton(date).getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
    await this.settled();
  }

  async focus(date: DateKey): Promise<void> {
    this.dayButton(date).focus();
    await this.settled();
  }

  /** A real key press on whatever has focus, e.g. `ArrowRight`, `Shift+PageDown`, `Enter`. */
  async press(key: string): Promise<void> {
    await sendKeys({ press: key });
    await this.settled();
  }

  /** The date of the focused day, or `null` when focus is elsewhere. */
  focusedDate(): DateKey | null {
    const active = this.root.activeElement;
    return active instanceof HTMLElement ? (active.dataset.date ?? null) : null;
  }

  /** Days in the tab order: exactly one, with a roving tabindex. */
  tabbableDates(): DateKey[] {
    return [...this.root.querySelectorAll<HTMLButtonElement>('button[data-date]')].filter((b) => b.tabIndex === 0).map((b) => b.dataset.date!);
  }

  visibleMonths(): MonthKey[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part="month"]')].map((m) => m.dataset.month!);
  }

  monthTitles(): string[] {
    return [...this.root.querySelectorAll('.title')].map((t) => t.textContent?.trim() ?? '');
  }

  weekdayHeaders(): string[] {
    const first = this.root.querySelector('[role="grid"] [role="row"]');
    return [...(first?.querySelectorAll('[role="columnheader"] .visually-hidden') ?? [])].map((h) => h.textContent?.trim() ?? '');
  }

  navButton(which: 'prev' | 'next'): HTMLButtonElement {
    const button = this.root.querySelector<HTMLButtonElement>(`button.nav.${which}`);
    if (!button) throw new Error(`No ${which} button`);
    return button;
  }

  navDisabled(which: 'prev' | 'next'): boolean {
    return this.navButton(which).getAttribute('aria-disabled') === 'true';
  }

  async next(): Promise<void> {
    this.navButton('next').click();
    await this.settled();
  }

  async prev(): Promise<void> {
    this.navButton('prev').click();
    await this.settled();
  }

  async clear(): Promise<void> {
    const button = this.root.querySelector<HTMLButtonElement>('button.clear');
    if (!button) throw new Error('No "Clear dates" button: no dates are selected');
    button.click();
    await this.settled();
  }

  /** Pages forward with the "Next month" button. */
  async nextMonth(): Promise<void> {
    const button = this.root.querySelector<HTMLButtonElement>('button.nav.next');
    if (!button) throw new Error('No "Next month" button');
    button.click();
    await this.settled();
  }

  /** The visible status line under the months. */
  status(): string {
    return (this.root.querySelector('[part="status"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** The polite live region's text. */
  announcement(): string {
    return this.root.querySelector('[aria-live="polite"]')?.textContent?.trim() ?? '';
  }
}
