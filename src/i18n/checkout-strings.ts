/**
 * What the checkout says (rooms, guest form, submit outcomes, confirmation), in English.
 * Added to the table (./strings.ts) when this module loads: each panel that says these
 * imports it, so in the script build they travel in the checkout's file.
 */
import { addStrings } from './strings.js';

export const checkoutStrings = {
  // Said only once the checkout is open (the room list's total, the form, the confirmation).
  soldOutNight: 'Sorry, the night of {date} has just sold out. Please choose other dates; your details are kept.',
  submitFailed: 'Your booking could not be sent: {reason}',
  ambiguousFailure:
    'We lost the connection while sending your booking, so it may or may not have reached the property. Please contact the property to check before sending it again.',
  unconfirmedBooking:
    'Your booking may have reached the property, but it could not be confirmed. To avoid booking twice, please do not send it again: contact the property to check.',
  startOver: 'Start a new booking',
  // Only the submit flow finds rooms refused (a stale counter), and only the checkout names a room.
  roomsRefused:
    "The property's booking system did not accept {rooms} for these dates, although it shows as available. Please choose another room or other dates, or contact the property; your details are kept.",
  unnamedRoom: 'Room',
  networkFailure: 'You seem to be offline. Check your connection and try again; your details are kept.',
  timeoutFailure: 'The booking service took too long to answer.',
  serverFailure: 'The booking service had a problem.',
  rateLimited: 'Too many attempts. Please wait {seconds} seconds and try again.',
  guestName: 'Full name',
  guestEmail: 'E-mail',
  guestPhone: 'Phone',
  specialRequests: 'Special requests',
  optional: 'optional',
  submit: 'Request booking',
  total: 'Total',
  dates: 'Dates',
  rooms: 'Rooms',
  guests: 'Guests',
  maxGuests: 'Up to {count} guests',
  /** After "Up to N guests" when the property published no capacity: N is the usual for the room's type. */
  capacityAssumed: 'usual for this room type',
  quantity: 'Rooms',
  continue: 'Continue',
  back: 'Back',
  changeDates: 'Change dates',
  amenities: 'Amenities',
  stayTotal: 'Total for {nights}',
  /** Read out (live region) when rooms, guests or extras change the total. */
  totalAnnounced: 'Total for {nights}: {total}',
  unnamedExtra: 'Extra',
  required: 'required',
  reference: 'Reference',
  copied: 'Reference copied.',
  /** A night or stay the property prices as a whole (no nightly prices online). */
  pricePerStay: 'Price confirmed by the property',
  /** While the property's system is asked for the stay's price. */
  gettingPrice: 'Getting the price…',

  // Rooms
  roomsHeading: 'Choose your rooms',
  unitsLeftOne: 'Only {count} left',
  unitsLeftOther: '{count} left',
  unavailableForStay: 'Not available for these dates',
  perNight: 'per night',
  addRoom: 'Add',
  removeRoom: 'Remove',
  guestsLabel: 'Guests',
  tooManyGuests: 'The selected rooms sleep up to {count} guests: add a room or reduce guests.',
  noRoomsSelected: 'Choose at least one room.',
  extrasHeading: 'Extras',
  perGuestPerNight: 'per guest per night',
  perGuestPerStay: 'per guest',
  perRoomPerNight: 'per room per night',
  perRoomPerStay: 'per room',
  nightlyBreakdown: 'Price per night',
  maxGuestsOne: 'Up to {count} guest',
  maxGuestsOther: 'Up to {count} guests',
  bedsOne: '{count} bed',
  bedsOther: '{count} beds',
  bedsWithSize: '{beds} ({size})',
  photosOne: '{count} photo',
  photosOther: '{count} photos',
  photoPosition: 'Photo {index} of {count}',
  previousPhoto: 'Previous photo',
  nextPhoto: 'Next photo',
  moreChips: '+{count} more',
  readMore: 'Read more',
  readLess: 'Show less',
  soldOutOn: 'Sold out on {date}',
  /** A room the view shows free but the property's booking system refused (its inventory count is out of date). */
  refusedForStay: "Not accepted by the property's booking system for these dates",
  roomsFor: 'Number of {name} rooms',
  addRoomNamed: 'Add one {name}',
  removeRoomNamed: 'Remove one {name}',
  addGuest: 'Add a guest',
  removeGuest: 'Remove a guest',
  optionForStay: '{price} for your stay',
  noRoomsAvailable: 'No rooms are available for these dates. Try other dates.',
  priceUnavailable: 'Price not available',

  // Guest form
  detailsHeading: 'Your details',
  nameRequired: 'Please enter your name.',
  nameTooLong: 'Please shorten your name to {count} characters.',
  emailInvalid: 'Please enter a valid e-mail address, like name@example.com.',
  phoneInvalid: 'Please enter a valid phone number (digits, spaces, + - ( ) . / only).',
  requestsTooLong: 'Please shorten your requests to {count} characters.',
  emailTooLong: 'Please shorten your e-mail address to {count} characters.',
  formErrorsOne: 'Please correct {count} field: {fields}.',
  formErrorsOther: 'Please correct {count} fields: {fields}.',
  controlCharacters: 'Please remove the unusual characters from this field.',
  emailOrPhone: 'Please give an e-mail address or a phone number so the property can reach you.',
  emailRequired: 'Please enter your e-mail address so the property can confirm your booking.',
  phoneRequired: 'Please enter your phone number so the property can confirm your booking.',
  eitherRequired: 'e-mail or phone required',
  contactWhyEmail: 'The property needs your e-mail address to confirm your booking.',
  contactWhyPhone: 'The property needs your phone number to confirm your booking.',
  contactWhyEither: 'The property needs an e-mail address or a phone number to confirm your booking.',
  contactWhyBoth: 'The property needs your e-mail address and phone number to confirm your booking.',
  submitting: 'Sending your booking…',
  tryAgainAnyway: 'Send again',
  unconfirmedHeading: 'Booking not confirmed',

  // Confirmation
  confirmedHeading: 'Booking requested',
  pendingNote: 'The property will confirm your booking shortly. Keep your reference for any questions.',
  bookAnother: 'Make another booking',
  copyReference: 'Copy reference',
  copyFailed: 'Could not copy: select the reference and copy it yourself.',
  roomLine: '{quantity} × {name}',
};

addStrings(checkoutStrings);
