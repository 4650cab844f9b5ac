/**
 * Why a booking was not made, in words. Said only on the checkout's steps, so it travels
 * in the checkout's file with the texts it uses.
 */
import { StaymodError } from '../../contract/errors.js';
import type { Context } from '../../i18n/context.js';
import '../../i18n/checkout-strings.js';
import { fill } from '../../i18n/strings.js';
import { formatDate } from './booking-text.js';

export function failureText(ctx: Context, error: StaymodError): string {
  const ui = ctx.strings;
  if (error.hostFixable) return ui.bookingUnavailable;
  switch (error.code) {
    case 'sold-out':
      return fill(ui.soldOutNight, { date: error.soldOutDate ? formatDate(ctx, error.soldOutDate, 'long') : '' });
    case 'rate-limited':
      return fill(ui.rateLimited, { seconds: error.retryAfter ?? 30 });
    case 'invalid-input':
      // One reason may be given for several fields (e.g. checkIn and the room): said once.
      return fill(ui.submitFailed, { reason: error.fields ? [...new Set(Object.values(error.fields))].join(' ') : error.message });
    case 'unconfirmed':
      return ui.unconfirmedBooking;
    default:
      if (error.ambiguous) return ui.ambiguousFailure;
      if (error.code === 'network') return ui.networkFailure;
      if (error.code === 'timeout') return fill(ui.submitFailed, { reason: ui.timeoutFailure });
      return fill(ui.submitFailed, { reason: ui.serverFailure });
  }
}
