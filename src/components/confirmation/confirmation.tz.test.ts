// Runs once per time zone (see web-test-runner.config.mjs): the dates shown must be
// the booking's own calendar dates wherever the guest's browser is.
import { html } from 'lit';
import type { WireBooking } from '../../contract/schemas.js';
import { equal } from '../../test-utils/assert.js';
import { cleanup, fixture } from '../../test-utils/fixture.js';
import { bookingDate, StaymodConfirmation } from './confirmation.js';

if (!customElements.get('staymod-confirmation')) customElements.define('staymod-confirmation', StaymodConfirmation);

function booking(checkIn: string, checkOut: string): WireBooking {
  return { _id: 'r1', guestName: 'Asha', checkIn, checkOut, selectedOptions: [], status: 'pending', rooms: {} };
}

async function datesShown(checkIn: string, checkOut: string): Promise<string> {
  const el = await fixture<StaymodConfirmation>(html`<staymod-confirmation .booking=${booking(checkIn, checkOut)} locale="en-GB"></staymod-confirmation>`);
  const dd = el.shadowRoot!.querySelectorAll('dd')[1]!;
  return dd.textContent!.replace(/\s+/g, ' ').trim();
}

describe(`<staymod-confirmation> dates in ${Intl.DateTimeFormat().resolvedOptions().timeZone}`, () => {
  afterEach(cleanup);

  it('shows the stay dates of Staymod\'s default times', async () => {
    equal(await datesShown('2026-05-01T14:00:00.000Z', '2026-05-03T11:00:00.000Z'), 'Fri, 1 May 2026 to Sun, 3 May 2026, 2 nights');
  });

  it('keeps the date at the very edges of the UTC day, where a local conversion would move it', async () => {
    equal(await datesShown('2026-12-31T00:00:00.000Z', '2027-01-01T23:59:59.999Z'), 'Thu, 31 Dec 2026 to Fri, 1 Jan 2027, 1 night');
  });

  it('crosses a DST change as whole nights', async () => {
    // Europe and the US change clocks in late March / early November; Auckland in April.
    equal(await datesShown('2026-03-28T14:00:00.000Z', '2026-03-30T11:00:00.000Z'), 'Sat, 28 Mar 2026 to Mon, 30 Mar 2026, 2 nights');
    equal(await datesShown('2026-04-04T14:00:00.000Z', '2026-04-06T11:00:00.000Z'), 'Sat, 4 Apr 2026 to Mon, 6 Apr 2026, 2 nights');
  });

  it('reads the date part only', () => {
    equal(bookingDate('2026-05-01T23:30:00-05:00'), '2026-05-01');
    equal(bookingDate('2026-05-01'), '2026-05-01');
    equal(bookingDate('2026-02-30T00:00:00.000Z'), undefined);
    equal(bookingDate(undefined), undefined);
  });
});
