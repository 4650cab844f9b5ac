import { deepEqual } from '../../test-utils/assert.js';
import { neededMonths } from './booking-data.js';

describe('neededMonths', () => {
  it('asks for the visible months, and for every month of a chosen stay', () => {
    deepEqual(neededMonths('2027-07', 2, null, null), ['2027-07', '2027-08']);
    deepEqual(neededMonths('2027-09', 1, '2027-07-30', '2027-08-02'), ['2027-07', '2027-08', '2027-09']);
  });

  it('keeps the check-in month while the guest pages on to pick a check-out', () => {
    // Without July's nights, every August day would wait on "loading" as a check-out.
    deepEqual(neededMonths('2027-08', 2, '2027-07-05', null), ['2027-07', '2027-08', '2027-09']);
    deepEqual(neededMonths('2027-05', 1, '2027-07-05', null), ['2027-05'], 'a check-in after the visible months needs nothing more');
  });
});
