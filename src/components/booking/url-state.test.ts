import { deepEqual, equal } from '../../test-utils/assert.js';
import { readUrlStay, writeUrlStay } from './url-state.js';

describe('url state', () => {
  it('writes the stay next to the page’s own parameters and hash, and reads it back', () => {
    const href = writeUrlStay('https://hotel.example/book?utm_source=mail#rooms', {
      checkIn: '2027-02-01',
      checkOut: '2027-02-03',
      guests: 3,
      rooms: { '7915373985207e52aa17c6bd': 1, b253d2195807450f0b685227: 2, gone: 0 },
    });
    const url = new URL(href);
    equal(url.searchParams.get('utm_source'), 'mail');
    equal(url.hash, '#rooms');
    deepEqual(readUrlStay(url.search), {
      checkIn: '2027-02-01',
      checkOut: '2027-02-03',
      guests: 3,
      rooms: { '7915373985207e52aa17c6bd': 1, b253d2195807450f0b685227: 2 },
    });
  });

  it('removes what is unset, and never writes a check-out without a check-in', () => {
    const href = writeUrlStay('https://hotel.example/?staymod-check-in=2027-02-01&staymod-rooms=a:1&x=1', { checkOut: '2027-02-03', rooms: {} });
    equal(new URL(href).search, '?x=1');
  });

  it('ignores anything malformed in a link', () => {
    deepEqual(
      readUrlStay('?staymod-check-in=tomorrow&staymod-check-out=2027-13-99x&staymod-guests=-4&staymod-rooms=%3Cscript%3E:1,ok:2,bad:0,also:1.5'),
      { rooms: { ok: 2 } },
    );
  });
});
