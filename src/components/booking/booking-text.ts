/** What the booking says in words: dates and failures, in the resolved locale and strings. */
import { StaymodError } from '../../contract/errors.js';
import { toLocalNoon, type DateKey } from '../../domain/dates.js';
import type { Context } from '../../i18n/context.js';
import { fill } from '../../i18n/strings.js';

export function formatDate(ctx: Context, date: DateKey, style: 'medium' | 'long' = 'medium'): string {
  return ctx.date(toLocalNoon(date), { dateStyle: style });
}

/** Why availability did not load: the connection, the booking service, too many requests or the site's set-up. */
export function loadFailureText(ctx: Context, error: unknown): string {
  const ui = ctx.strings;
  if (!(error instanceof StaymodError) || error.code === 'network' || error.code === 'aborted') return ui.loadFailed;
  if (error.hostFixable) return ui.bookingUnavailable;
  if (error.code === 'rate-limited') return fill(ui.loadRateLimited, { seconds: error.retryAfter ?? 30 });
  return ui.loadServerFailed;
}

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
