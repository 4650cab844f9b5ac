/**
 * Builds the exact POST body from what the guest chose. Pure, so tests can check it in every time
 * zone. Only the submit flow (the checkout's file) needs it: the calendar step's part is ./stay.ts.
 */
import type { BookingRequest } from '../../contract/request-schema.js';
import { toWireInstant, type DateKey } from '../../domain/dates.js';
import type { BookingOption } from '../../domain/model.js';
import { optionQuantity } from '../../domain/pricing.js';
import { roomCount, type GuestValue } from './stay.js';

export interface StayChoice {
  checkIn: DateKey;
  checkOut: DateKey;
  checkInTime: string;
  checkOutTime: string;
  guests: number;
  selection: Record<string, number>;
  options: BookingOption[];
}

export function buildBookingRequest(guest: GuestValue, stay: StayChoice): BookingRequest {
  const rooms = Object.entries(stay.selection)
    .filter(([, quantity]) => quantity > 0)
    .map(([roomId, quantity]) => ({ roomId, quantity }));
  const request: BookingRequest = {
    guestName: guest.guestName.trim(),
    checkIn: toWireInstant(stay.checkIn, stay.checkInTime),
    checkOut: toWireInstant(stay.checkOut, stay.checkOutTime),
    numberOfGuests: stay.guests,
    rooms,
  };
  const email = guest.guestEmail.trim();
  const phone = guest.guestPhone.trim();
  const requests = guest.specialRequests.trim();
  if (email) request.guestEmail = email;
  if (phone) request.guestPhone = phone;
  if (requests) request.specialRequests = requests;
  if (stay.options.length) {
    const count = roomCount(stay.selection);
    request.selectedOptions = stay.options.map((option) => ({
      bookingOptionId: option.id,
      name: option.name,
      appliesTo: option.appliesTo,
      frequency: option.frequency,
      pricePerUnit: option.pricePerUnit,
      quantity: optionQuantity(option, stay.guests, count),
    }));
  }
  return request;
}
