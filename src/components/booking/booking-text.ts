/** What the booking says in words on the calendar step: dates and load failures, in the resolved locale and strings. */
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
