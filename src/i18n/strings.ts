/**
 * Every word the widget shows, in one overridable table. Hosts pass a partial
 * `strings` object; `{name}` placeholders are filled by `fill()`. Numbers, dates,
 * money and plurals are formatted by Intl in the host's locale, never here.
 */
import { numberFormat, pluralRules } from './intl.js';

export const defaultStrings = {
  loading: 'Loading availability…',
  bookingUnavailable: 'Online booking is unavailable right now. Please contact the property directly.',
  retry: 'Try again',
  prefillInvalid: 'The dates in this link could not be used ({reason}). Please choose your dates.',
  loadFailed: 'We could not load availability. Check your connection and try again.',
  checkoutLoadFailed: 'We could not load the next step of the booking. Check your connection and try again.',
  loadServerFailed: 'We could not load availability: the booking service had a problem. Please try again in a moment.',
  loadRateLimited: 'We could not load availability: too many requests right now. Please wait {seconds} seconds and try again.',
  offlineWaiting: 'You seem to be offline. Availability will load as soon as your connection is back.',
  extrasLoadFailed: 'We could not load the extras (such as breakfast). You can book without them, or try again.',

  // Calendar
  calendarLabel: 'Choose your dates',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  checkInPrompt: 'Select a check-in date',
  checkOutPrompt: 'Select a check-out date',
  clearDates: 'Clear dates',
  soldOut: 'Sold out',
  noPrice: 'Not bookable online',
  /** A night or stay the property prices as a whole (no nightly prices online). */
  pricePerStay: 'Price confirmed by the property',
  /** On the calendar when nights have no price: the room step shows the stay's quoted price. */
  priceAfterDates: 'Price shown after you choose dates',
  pastDate: 'Date has passed',
  beyondBlocked: 'Stay cannot cross an unavailable night',
  belowMinNights: 'Minimum stay is {count} nights',
  noMinStay: 'No stay of the minimum length starts here',
  aboveMaxNights: 'Maximum stay is {count} nights',
  checkOutOnly: 'Check-out only',
  fromPrice: 'from {price}',
  /** Under the calendar: what the price in a day is. */
  pricesNote: 'Prices are per night, from the lowest available room.',
  /** With a chosen or previewed stay: the cheapest choice of rooms that fits the guests. */
  stayFrom: 'Total from {price}',
  nightsOne: '{count} night',
  nightsOther: '{count} nights',
  rangeSelected: '{checkIn} to {checkOut}, {nights}',
  selectedCheckIn: 'Check-in {date}',

  // Rooms
  roomsHeading: 'Choose your rooms',
  maxGuests: 'Up to {count} guests',
  /** After "Up to N guests" when the property published no capacity: N is the usual for the room's type. */
  capacityAssumed: 'usual for this room type',
  unitsLeftOne: 'Only {count} left',
  unitsLeftOther: '{count} left',
  unavailableForStay: 'Not available for these dates',
  perNight: 'per night',
  stayTotal: 'Total for {nights}',
  /** Read out (live region) when rooms, guests or extras change the total. */
  totalAnnounced: 'Total for {nights}: {total}',
  quantity: 'Rooms',
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
  continue: 'Continue',
  back: 'Back',
  changeDates: 'Change dates',
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
  amenities: 'Amenities',
  moreChips: '+{count} more',
  readMore: 'Read more',
  readLess: 'Show less',
  soldOutOn: 'Sold out on {date}',
  /** A room the view shows free but the property's booking system refused (its inventory count is out of date). */
  refusedForStay: "Not accepted by the property's booking system for these dates",
  roomsRefused:
    "The property's booking system did not accept {rooms} for these dates, although it shows as available. Please choose another room or other dates, or contact the property; your details are kept.",
  contactPhone: 'Phone: {phone}',
  contactEmail: 'E-mail: {email}',
  roomsFor: 'Number of {name} rooms',
  addRoomNamed: 'Add one {name}',
  unnamedRoom: 'Room',
  unnamedExtra: 'Extra',
  removeRoomNamed: 'Remove one {name}',
  addGuest: 'Add a guest',
  removeGuest: 'Remove a guest',
  optionForStay: '{price} for your stay',
  noRoomsAvailable: 'No rooms are available for these dates. Try other dates.',
  priceUnavailable: 'Price not available',

  // Guest form
  detailsHeading: 'Your details',
  guestName: 'Full name',
  guestEmail: 'E-mail',
  guestPhone: 'Phone',
  specialRequests: 'Special requests',
  required: 'required',
  nameRequired: 'Please enter your name.',
  nameTooLong: 'Please shorten your name to {count} characters.',
  emailInvalid: 'Please enter a valid e-mail address, like name@example.com.',
  phoneInvalid: 'Please enter a valid phone number (digits, spaces, + - ( ) only).',
  requestsTooLong: 'Please shorten your requests to {count} characters.',
  emailTooLong: 'Please shorten your e-mail address to {count} characters.',
  formErrorsOne: 'Please correct {count} field: {fields}.',
  formErrorsOther: 'Please correct {count} fields: {fields}.',
  optional: 'optional',
  controlCharacters: 'Please remove the unusual characters from this field.',
  emailOrPhone: 'Please give an e-mail address or a phone number so the property can reach you.',
  emailRequired: 'Please enter your e-mail address so the property can confirm your booking.',
  phoneRequired: 'Please enter your phone number so the property can confirm your booking.',
  eitherRequired: 'e-mail or phone required',
  contactWhyEmail: 'The property needs your e-mail address to confirm your booking.',
  contactWhyPhone: 'The property needs your phone number to confirm your booking.',
  contactWhyEither: 'The property needs an e-mail address or a phone number to confirm your booking.',
  contactWhyBoth: 'The property needs your e-mail address and phone number to confirm your booking.',
  submit: 'Request booking',
  submitting: 'Sending your booking…',
  total: 'Total',

  // Submit outcomes
  soldOutNight: 'Sorry, the night of {date} has just sold out. Please choose other dates; your details are kept.',
  submitFailed: 'Your booking could not be sent: {reason}',
  ambiguousFailure:
    'We lost the connection while sending your booking, so it may or may not have reached the property. Please contact the property to check before sending it again.',
  tryAgainAnyway: 'Send again',
  unconfirmedBooking:
    'Your booking may have reached the property, but it could not be confirmed. To avoid booking twice, please do not send it again: contact the property to check.',
  unconfirmedHeading: 'Booking not confirmed',
  startOver: 'Start a new booking',
  networkFailure: 'You seem to be offline. Check your connection and try again; your details are kept.',
  timeoutFailure: 'The booking service took too long to answer.',
  serverFailure: 'The booking service had a problem.',
  rateLimited: 'Too many attempts. Please wait {seconds} seconds and try again.',

  // Confirmation
  confirmedHeading: 'Booking requested',
  reference: 'Reference',
  dates: 'Dates',
  rooms: 'Rooms',
  guests: 'Guests',
  pendingNote: 'The property will confirm your booking shortly. Keep your reference for any questions.',
  bookAnother: 'Make another booking',
  copyReference: 'Copy reference',
  copied: 'Reference copied.',
  copyFailed: 'Could not copy: select the reference and copy it yourself.',
  roomLine: '{quantity} × {name}',
};

export type Strings = typeof defaultStrings;
export type StringKey = keyof Strings;

/** What a room or extra is called on screen: its name, or `fallback` when the property left it blank. */
export function displayName(name: string, fallback: string): string {
  return name.trim() ? name : fallback;
}

/** Splits `template` around one `{name}` whose value is markup (a link): the words around it stay text. */
export function fillParts<T>(template: string, name: string, value: T): Array<string | T> {
  const token = `{${name}}`;
  const at = template.indexOf(token);
  return at < 0 ? [template, ' ', value] : [template.slice(0, at), value, template.slice(at + token.length)];
}

/** Fills `{name}` placeholders. Unknown placeholders are left as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** Picks `<key>One` or `<key>Other` by the locale's plural rules, then fills `{count}`. */
/** Base names of `<base>One` / `<base>Other` string pairs, e.g. `nights`, `unitsLeft`, `beds`. */
export type PluralKey = {
  [K in StringKey]: K extends `${infer B}One` ? (`${B}Other` extends StringKey ? B : never) : never;
}[StringKey];

export function plural(
  strings: Strings,
  key: PluralKey,
  count: number,
  locale: string,
  values: Record<string, string | number> = {},
): string {
  const category = pluralRules(locale).select(count);
  // A language's own forms (`nightsFew`...) when it has them; English has One and Other.
  const forms = strings as unknown as Record<string, string | undefined>;
  const own = forms[`${key}${category[0]!.toUpperCase()}${category.slice(1)}`];
  const template = own ?? (category === 'one' ? strings[`${key}One`] : strings[`${key}Other`]);
  return fill(template, { count: numberFormat(locale).format(count), ...values });
}

/**
 * The table in use: English, then the built-in language (`base`, with its extra plural
 * forms), then the host's overrides, which always win.
 */
export function mergeStrings(overrides: Partial<Strings> | undefined, base?: Readonly<Record<string, string>>): Strings {
  if (!overrides && !base) return defaultStrings;
  const merged: Record<string, string> = { ...defaultStrings, ...base };
  if (overrides) {
    for (const key of Object.keys(defaultStrings) as StringKey[]) {
      const value = overrides[key];
      if (typeof value === 'string') merged[key] = value;
    }
  }
  return merged as Strings;
}
