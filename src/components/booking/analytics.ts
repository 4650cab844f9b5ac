/**
 * Opt-in funnel events for analytics (`analytics` attribute): the widget's own DOM
 * events, also pushed to `window.dataLayer` (Google Tag Manager's convention) under
 * stable names. Counts, dates and money only: never a name, e-mail, phone, request
 * or booking id.
 */
import type { StaymodError } from '../../contract/errors.js';

export type FunnelStep =
  | 'staymod_dates_selected'
  | 'staymod_room_added'
  | 'staymod_details_started'
  | 'staymod_booking_sent'
  | 'staymod_booking_confirmed'
  | 'staymod_booking_failed';

export interface FunnelData {
  check_in?: string;
  check_out?: string;
  nights?: number;
  rooms?: number;
  guests?: number;
  /** Major units, as analytics tools expect `value`. */
  value?: number;
  currency?: string;
  /** The error's code (`sold-out`, `network`...), never its text. */
  error_code?: StaymodError['code'];
}

/** Pushes one step; a page without a dataLayer gets one (GTM reads it when it loads). */
export function pushFunnel(step: FunnelStep, data: FunnelData): void {
  const w = globalThis as { dataLayer?: unknown[] };
  if (!Array.isArray(w.dataLayer)) w.dataLayer = [];
  const clean: Record<string, unknown> = { event: step };
  for (const [key, value] of Object.entries(data)) if (value !== undefined && value !== null) clean[key] = value;
  w.dataLayer.push(clean);
}
