import { addDays, nightsBetween, toWireInstant } from '../domain/dates.js';
import { equal } from './assert.js';

describe('test harness', () => {
  it('runs in a real browser', () => {
    equal(typeof document.createElement, 'function');
    equal(addDays('2026-02-28', 1), '2026-03-01');
    equal(nightsBetween('2026-03-07', '2026-03-09'), 2);
    equal(toWireInstant('2026-03-08', '14:00'), '2026-03-08T14:00:00.000Z');
  });
});
