// Type tests (compiled, never run): the tag as Vue's type checker (vue-tsc, Volar) sees it.
import type { GlobalComponents } from 'vue';
import '../../src/jsx.js';

type Props = InstanceType<GlobalComponents['staymod-booking']>['$props'];

export const ok: Props = {
  'property-id': '71c1cf237ed753d9d00db738',
  'proxy-url': 'https://hotel.example',
  months: '1',
  onStaymodBookingConfirmed: (e) => e.detail.booking._id,
};
// @ts-expect-error theme is light, dark or auto
export const badTheme: Props = { theme: 'blue' };
// @ts-expect-error event details are typed
export const badEvent: Props = { onStaymodDatesChange: (e) => e.detail.booking };
