// Runs in six browser time zones: the body must carry the very dates picked.
import { deepEqual, equal } from '../../test-utils/assert.js';
import { buildBookingRequest } from './booking-request.js';
import { stayLength } from './stay.js';

const guest = { guestName: '  Asha Rao ', guestEmail: ' asha@example.com ', guestPhone: '', specialRequests: '' };
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

describe(`buildBookingRequest in ${zone}`, () => {
  for (const [checkIn, checkOut, nights] of [
    ['2026-12-31', '2027-01-01', 1], // year end
    ['2027-03-13', '2027-03-15', 2], // US DST starts 14 March
    ['2027-04-03', '2027-04-05', 2], // NZ DST ends 4 April
    ['2027-09-25', '2027-09-27', 2], // NZ DST starts 26 September
    ['2027-11-06', '2027-11-08', 2], // US DST ends 7 November
    ['2028-02-28', '2028-03-01', 2], // leap day
  ] as const) {
    it(`sends ${checkIn} -> ${checkOut} unchanged (${nights} nights)`, () => {
      const body = buildBookingRequest(guest, {
        checkIn,
        checkOut,
        checkInTime: '14:00',
        checkOutTime: '11:00',
        guests: 2,
        selection: { '65f0000000000000000000a1': 1, '65f0000000000000000000a2': 0 },
        options: [],
      });
      equal(body.checkIn, `${checkIn}T14:00:00.000Z`);
      equal(body.checkOut, `${checkOut}T11:00:00.000Z`);
      equal(stayLength(checkIn, checkOut), nights);
      deepEqual(body.rooms, [{ roomId: '65f0000000000000000000a1', quantity: 1 }]);
      equal(body.guestName, 'Asha Rao');
      equal(body.guestEmail, 'asha@example.com');
      equal('guestPhone' in body, false, 'empty optional fields are not sent');
    });
  }

  it('honours the host check-in and check-out times, late evening UTC included', () => {
    const body = buildBookingRequest(guest, {
      checkIn: '2027-01-10',
      checkOut: '2027-01-11',
      checkInTime: '23:30',
      checkOutTime: '00:15',
      guests: 1,
      selection: { '65f0000000000000000000a1': 1 },
      options: [],
    });
    equal(body.checkIn, '2027-01-10T23:30:00.000Z');
    equal(body.checkOut, '2027-01-11T00:15:00.000Z');
  });

  it('sends option units per guest or per room, never pre-multiplied by nights', () => {
    const body = buildBookingRequest(guest, {
      checkIn: '2027-01-10',
      checkOut: '2027-01-13',
      checkInTime: '14:00',
      checkOutTime: '11:00',
      guests: 3,
      selection: { '65f0000000000000000000a1': 2 },
      options: [
        { id: 'b', name: 'Breakfast', appliesTo: 'user', frequency: 'day', pricePerUnit: 350, sortOrder: 0 },
        { id: 'l', name: 'Late checkout', appliesTo: 'room', frequency: 'booking', pricePerUnit: 500, sortOrder: 1 },
      ],
    });
    deepEqual(
      body.selectedOptions?.map((o) => [o.bookingOptionId, o.quantity]),
      [
        ['b', 3],
        ['l', 2],
      ],
    );
  });
});
