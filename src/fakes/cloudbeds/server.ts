/**
 * A local fake of Cloudbeds' PMS API v1.3 (shared/cloudbeds-contract.md), with its
 * traps: form-encoded POST bodies with bracketed arrays, `success:false` on HTTP 200
 * for business errors, availability as a count per room type (`roomsAvailable`), a
 * derived rate plan beside the base one, room types and rooms paged (20 a page unless
 * asked), a room type whose features are an object,
 * 401 `access_denied` for a bad key, a plan that does not apply answered with zero
 * rates while units stay free (`/__sandbox/rates`), `totalRate` with extra-adult
 * charges beside the base occupancy's `rateBase`, and (an option) exclusive taxes
 * left out of the rates: in getRoomsFeesAndTaxes and postReservation's `grandTotal`. Texts Cloudbeds does not document
 * (its sold-out message) are made up and marked so.
 */
import { addDays, isDateKey, nightsBetween, type DateKey } from '../../domain/dates.js';
import type { NodeRequestContext } from '../../server/node-adapter.js';
import { FaultList, formList, handleAdmin, json, listenFake, parseForm, playFault, todayOf, type RunningFake } from '../common.js';
import { CLOUDBEDS_DEMO, CLOUDBEDS_ITEMS, CLOUDBEDS_ROOM_TYPES, CLOUDBEDS_SEED_RESERVATIONS, type FakeRoomType } from './data.js';

export interface CloudbedsReservation {
  reservationID: string;
  status: 'not_confirmed' | 'confirmed' | 'canceled';
  startDate: DateKey;
  endDate: DateKey;
  guestFirstName: string;
  guestLastName: string;
  guestEmail: string;
  guestPhone: string;
  guestCountry: string;
  rooms: Array<{ roomTypeID: string; quantity: number; adults: number; children: number }>;
  items: Array<{ itemID: string; itemQuantity: number; itemPrice: number }>;
  source: string;
}

export interface CloudbedsFakeOptions {
  port?: number;
  host?: string;
  /** Freeze today (YYYY-MM-DD). */
  today?: string;
  /** Delay between postReservation's availability check and its insert. Default 5 ms. */
  raceWindowMs?: number;
  /**
   * Exclusive taxes on rooms, in percent (a Mexican property: 16% IVA + 3% lodging tax = 19). As in
   * Cloudbeds, never in the rates: getTaxesAndFees lists them as exclusive, getRoomsFeesAndTaxes and
   * postReservation's `grandTotal` add them. Default 0.
   */
  exclusiveTaxPercent?: number;
  /** The property's room types and their units. Default CLOUDBEDS_ROOM_TYPES. */
  roomTypes?: FakeRoomType[];
}

const DENIED = { error: 'access_denied', message: 'The resource owner or authorization server denied the request.' };
const WRONG_PROPERTY = "None of the included property id's match the access_token user's property id";
/** Made up: Cloudbeds documents no sold-out text. */
export const CLOUDBEDS_SOLD_OUT = 'Some of the selected rooms are no longer available for the selected dates';

const WRITES = new Set(['postReservation', 'postItem']);

export function createCloudbedsFake(options: CloudbedsFakeOptions = {}) {
  const faults = new FaultList();
  let reservations: CloudbedsReservation[] = [];
  let requests: Record<string, number> = {};
  /** Calls past 5 in a second: where Cloudbeds "may" suspend the key (it answers them all the same here). */
  let overRate = 0;
  let recent: number[] = [];
  let nextId = 0;
  /** Base-plan rates set by `POST /__sandbox/rates`, by `<roomTypeID>|<date>`: 0 is a plan that does not apply. */
  let rates = new Map<string, number>();
  const today = () => todayOf(options.today) as DateKey;
  const roomTypes = options.roomTypes ?? CLOUDBEDS_ROOM_TYPES;

  function reset(): void {
    reservations = [];
    requests = {};
    overRate = 0;
    recent = [];
    nextId = 0;
    rates = new Map();
    for (const seed of CLOUDBEDS_SEED_RESERVATIONS) {
      reservations.push(reservationOf({ roomTypeID: seed.roomTypeID, quantity: seed.quantity, adults: seed.quantity, children: 0 }, addDays(today(), seed.from), addDays(today(), seed.to), seed.name));
    }
  }
  function reservationOf(room: CloudbedsReservation['rooms'][number], start: DateKey, end: DateKey, name: string): CloudbedsReservation {
    const [first, ...rest] = name.split(' ');
    return {
      reservationID: String(8_412_345_678_900 + ++nextId), status: 'confirmed', startDate: start, endDate: end,
      guestFirstName: first ?? '', guestLastName: rest.join(' '), guestEmail: '', guestPhone: '', guestCountry: 'MX',
      rooms: [room], items: [], source: 'Front desk',
    };
  }
  reset();

  const typeById = (id: string) => roomTypes.find((t) => t.roomTypeID === id);
  function free(type: FakeRoomType, date: DateKey): number {
    let taken = 0;
    for (const r of reservations) {
      if (r.status === 'canceled' || date < r.startDate || date >= r.endDate) continue;
      for (const room of r.rooms) if (room.roomTypeID === type.roomTypeID) taken += room.quantity;
    }
    return Math.max(0, type.units.length - taken);
  }
  function rateOn(type: FakeRoomType, date: DateKey): number {
    const set = rates.get(`${type.roomTypeID}|${date}`);
    if (set !== undefined) return set;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday === 5 || weekday === 6 ? type.weekend : type.weekday;
  }
  /** `adults`: the party asked about; `totalRate` adds its extra-adult charge to the base occupancy's `rateBase`. */
  function dailyFacts(type: FakeRoomType, date: DateKey, factor: number, adults: number) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const rate = Math.round(rateOn(type, date) * factor);
    const extra = rate > 0 ? Math.max(0, adults - type.adultsIncluded) * type.extraAdult : 0;
    return {
      date, rateBase: rate, rate, totalRate: rate + extra, roomsAvailable: free(type, date),
      closedToArrival: type.closedToArrivalDays.includes(weekday), closedToDeparture: false, blocked: false,
      minLos: type.minLos, maxLos: 0, cutOff: 0, lastMinuteBooking: 0,
    };
  }

  function checkAuth(request: Request): Response | undefined {
    const key = request.headers.get('x-api-key') ?? /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    return key === CLOUDBEDS_DEMO.apiKey ? undefined : json(401, DENIED);
  }

  async function api(request: Request, method: string): Promise<Response> {
    const url = new URL(request.url);
    const verb = request.method;
    let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    if (verb === 'POST') {
      const type = request.headers.get('content-type') ?? '';
      // Cloudbeds reads POST bodies as forms: a JSON body carries no parameters.
      params = /application\/x-www-form-urlencoded/i.test(type) ? parseForm(await request.text()) : {};
    }
    const property = String(request.headers.get('x-property-id') ?? params['propertyID'] ?? params['propertyIDs'] ?? CLOUDBEDS_DEMO.propertyId);
    if (property.split(',').some((id) => id !== CLOUDBEDS_DEMO.propertyId)) return json(200, { success: false, message: WRONG_PROPERTY });
    const missing = (...names: string[]) => {
      const absent = names.find((n) => params[n] === undefined || params[n] === '');
      return absent ? json(400, { success: false, message: `Parameter ${absent} is required` }) : undefined;
    };
    const dates = (): { start: DateKey; end: DateKey } | Response => {
      const start = String(params['startDate']);
      const end = String(params['endDate']);
      if (!isDateKey(start) || !isDateKey(end) || end < start) return json(400, { success: false, message: 'Invalid startDate or endDate' });
      return { start, end };
    };

    switch (`${verb} ${method}`) {
      case 'GET getHotels':
        return json(200, {
          success: true, count: 1, total: 1,
          data: [{ propertyID: CLOUDBEDS_DEMO.propertyId, propertyName: CLOUDBEDS_DEMO.name, propertyTimezone: CLOUDBEDS_DEMO.timezone, propertyCurrency: [{ currencyCode: CLOUDBEDS_DEMO.currency, currencySymbol: '$', currencyPosition: 'before' }] }],
        });
      case 'GET getHotelDetails':
        return json(200, {
          success: true,
          data: { propertyID: CLOUDBEDS_DEMO.propertyId, propertyName: CLOUDBEDS_DEMO.name, propertyTimezone: CLOUDBEDS_DEMO.timezone, propertyCurrency: { currencyCode: CLOUDBEDS_DEMO.currency } },
        });
      case 'GET getRoomTypes': {
        const size = Math.min(100, Number(params['pageSize']) || 20);
        const page = Math.max(1, Number(params['pageNumber']) || 1);
        const all = roomTypes.map((t) => ({
          roomTypeID: t.roomTypeID, propertyID: CLOUDBEDS_DEMO.propertyId, roomTypeName: t.roomTypeName, roomTypeNameShort: t.roomTypeNameShort,
          roomTypeDescription: t.roomTypeDescription, isPrivate: true, maxGuests: t.maxGuests, adultsIncluded: t.adultsIncluded, childrenIncluded: 0,
          roomTypeUnits: t.units.length, roomTypePhotos: t.photos.map((image) => ({ thumb: image.replace('.jpg', '-thumb.jpg'), image })), roomTypeFeatures: t.features,
        }));
        return json(200, { success: true, data: all.slice((page - 1) * size, page * size), count: Math.min(size, Math.max(0, all.length - (page - 1) * size)), total: all.length });
      }
      case 'GET getRooms': {
        // Paged per room, as getRoomTypes is per type: 20 a page unless asked.
        const size = Math.min(100, Number(params['pageSize']) || 20);
        const page = Math.max(1, Number(params['pageNumber']) || 1);
        const all = roomTypes.flatMap((t) => t.units.map((u) => ({ ...u, roomTypeID: t.roomTypeID, isVirtual: false, roomBlocked: false })));
        const rooms = all.slice((page - 1) * size, page * size);
        return json(200, { success: true, data: [{ propertyID: CLOUDBEDS_DEMO.propertyId, rooms }], count: rooms.length, total: all.length });
      }
      case 'GET getRatePlans': {
        const bad = missing('startDate', 'endDate');
        if (bad) return bad;
        const range = dates();
        if (range instanceof Response) return range;
        // Nights from startDate up to (not including) endDate: the check-out.
        const nights = Array.from({ length: Math.max(1, nightsBetween(range.start, range.end)) }, (_, i) => addDays(range.start, i));
        const detailed = params['detailedRates'] === 'true' || params['detailedRates'] === '1';
        // Without a party, the base occupancy: totalRate = rateBase.
        const adults = Number(params['adults']) || 0;
        const plans = roomTypes.flatMap((t) => {
          const plan = (factor: number, extra: Record<string, unknown>) => {
            const days = nights.map((d) => dailyFacts(t, d, factor, adults));
            return {
              rateID: `${t.roomTypeID}${factor === 1 ? '00' : '10'}`, roomTypeID: t.roomTypeID, isDerived: factor !== 1,
              roomRate: days.reduce((s, d) => s + d.rateBase, 0), totalRate: days.reduce((s, d) => s + d.totalRate, 0),
              roomsAvailable: Math.min(...days.map((d) => d.roomsAvailable)), addOns: [],
              ...(detailed ? { roomRateDetailed: days.map((d) => ({ ...d, rate: undefined })) } : {}), ...extra,
            };
          };
          // The derived plan comes first: an adapter must pick the base one (no ratePlanID), not the first.
          return [plan(0.9, { ratePlanID: `${t.roomTypeID}NR`, ratePlanNamePublic: 'Non-refundable' }), plan(1, {})];
        });
        return json(200, { success: true, data: plans });
      }
      case 'GET getTaxesAndFees': {
        // The property's taxes and fees and whether each is in the rates (inclusive) or on top (exclusive).
        const pct = options.exclusiveTaxPercent ?? 0;
        const data = pct > 0 ? [{ feeID: '71', type: 'tax', name: 'IVA and lodging tax', amountType: 'percentage', amount: String(pct), inclusiveOrExclusive: 'exclusive' }] : [];
        return json(200, { success: true, data });
      }
      case 'GET getRoomsFeesAndTaxes': {
        // "On checkout to display to the guest": the stay's taxes and fees on `roomsTotal` (taxes included in it are not added).
        const bad = missing('startDate', 'endDate', 'roomsTotal', 'roomsCount');
        if (bad) return bad;
        const roomsTotal = Number(params['roomsTotal']);
        if (!(roomsTotal >= 0)) return json(200, { success: false, message: 'Invalid roomsTotal' });
        const grandTotal = Math.round(roomsTotal * (100 + (options.exclusiveTaxPercent ?? 0))) / 100;
        const totalTaxes = Math.round((grandTotal - roomsTotal) * 100) / 100;
        return json(200, {
          success: true,
          data: { fees: [], totalFees: 0, taxes: totalTaxes ? [{ taxName: 'IVA and lodging tax', taxValue: totalTaxes }] : [], totalTaxes, roomsTotalWithoutTaxes: roomsTotal, grandTotal },
        });
      }
      case 'GET getItems':
        return json(200, { success: true, data: CLOUDBEDS_ITEMS.map((i) => ({ ...i, taxes: 0, fees: 0, grandTotal: i.price })) });
      case 'GET getReservation': {
        const found = reservations.find((r) => r.reservationID === params['reservationID']);
        return found ? json(200, { success: true, data: found }) : json(200, { success: false, message: 'Reservation not found' });
      }
      case 'POST postReservation':
        return postReservation(params);
      case 'POST postItem': {
        const bad = missing('reservationID', 'itemID', 'itemQuantity');
        if (bad) return bad;
        const reservation = reservations.find((r) => r.reservationID === params['reservationID']);
        const item = CLOUDBEDS_ITEMS.find((i) => i.itemID === params['itemID']);
        if (!reservation) return json(200, { success: false, message: 'Reservation not found' });
        if (!item) return json(200, { success: false, message: 'Item not found' });
        const itemQuantity = Number(params['itemQuantity']);
        const itemPrice = params['itemPrice'] !== undefined ? Number(params['itemPrice']) : item.price;
        reservation.items.push({ itemID: item.itemID, itemQuantity, itemPrice });
        return json(200, { success: true, data: { soldProductID: `${reservation.reservationID}-${reservation.items.length}`, itemID: item.itemID } });
      }
    }
    return json(404, { success: false, message: `Unknown method ${method}` });
  }

  async function postReservation(params: Record<string, unknown>): Promise<Response> {
    const required = ['startDate', 'endDate', 'guestFirstName', 'guestLastName', 'guestEmail', 'guestCountry', 'rooms', 'adults', 'children', 'paymentMethod'];
    const absent = required.find((n) => params[n] === undefined || params[n] === '');
    if (absent) return json(400, { success: false, message: `Parameter ${absent} is required` });
    if (!/^[A-Z]{2}$/.test(String(params['guestCountry']))) return json(200, { success: false, message: 'Invalid guestCountry' });
    const start = String(params['startDate']);
    const end = String(params['endDate']);
    if (!isDateKey(start) || !isDateKey(end) || end <= start) return json(200, { success: false, message: 'Invalid reservation dates' });
    if (start < today()) return json(200, { success: false, message: 'Reservation start date cannot be in the past' });
    const lines = formList(params['rooms']);
    const adults = formList(params['adults']);
    const children = formList(params['children']);
    if (!lines.length || lines.length !== adults.length || lines.length !== children.length) {
      return json(200, { success: false, message: 'rooms, adults and children must have one entry per room type' });
    }
    const rooms: CloudbedsReservation['rooms'] = [];
    for (const [i, line] of lines.entries()) {
      const type = typeById(String(line['roomTypeID']));
      if (!type || adults[i]!['roomTypeID'] !== line['roomTypeID']) return json(200, { success: false, message: `Invalid roomTypeID ${String(line['roomTypeID'])}` });
      const quantity = Number(line['quantity']);
      const adultCount = Number(adults[i]!['quantity']);
      const childCount = Number(children[i]!['quantity']);
      if (!Number.isInteger(quantity) || quantity < 1 || !Number.isInteger(adultCount) || adultCount < 1) {
        return json(200, { success: false, message: 'Invalid room quantity or number of adults' });
      }
      if (adultCount + childCount > type.maxGuests * quantity) return json(200, { success: false, message: `Too many guests for ${type.roomTypeName}` });
      rooms.push({ roomTypeID: type.roomTypeID, quantity, adults: adultCount, children: childCount });
    }
    const nights = Array.from({ length: nightsBetween(start, end) }, (_, i) => addDays(start, i));
    const check = () => rooms.every((room) => nights.every((d) => free(typeById(room.roomTypeID)!, d) >= room.quantity));
    if (!check()) return json(200, { success: false, message: CLOUDBEDS_SOLD_OUT });
    // Like many booking systems: the check and the insert are not one step.
    const window = options.raceWindowMs ?? 5;
    if (window > 0) await new Promise((resolve) => setTimeout(resolve, window));
    if (!check()) return json(200, { success: false, message: CLOUDBEDS_SOLD_OUT });
    const reservation: CloudbedsReservation = {
      reservationID: String(8_412_345_678_900 + ++nextId), status: 'not_confirmed', startDate: start, endDate: end,
      guestFirstName: String(params['guestFirstName']), guestLastName: String(params['guestLastName']), guestEmail: String(params['guestEmail']),
      guestPhone: String(params['guestPhone'] ?? ''), guestCountry: String(params['guestCountry']), rooms, items: [], source: 'Website / Booking engine',
    };
    reservations.push(reservation);
    const unassigned = rooms.map((room, i) => {
      const type = typeById(room.roomTypeID)!;
      // A line's nights: its units at the rate, plus the adults past those included (Cloudbeds' extra-guest charge).
      const extraAdults = Math.max(0, room.adults - type.adultsIncluded * room.quantity);
      const dailyRates = nights.map((date) => ({ date, rate: rateOn(type, date) * room.quantity + (rateOn(type, date) > 0 ? extraAdults * type.extraAdult : 0) }));
      return { subReservationID: `${reservation.reservationID}-${i + 1}`, roomTypeID: room.roomTypeID, adults: room.adults, children: room.children, dailyRates, roomTotal: dailyRates.reduce((s, r) => s + r.rate, 0) };
    });
    const roomsTotal = unassigned.reduce((s, u) => s + u.roomTotal, 0);
    return json(200, {
      success: true, reservationID: reservation.reservationID, status: reservation.status, guestID: `g${reservation.reservationID}`,
      startDate: start, endDate: end, dateCreated: new Date().toISOString().replace('T', ' ').slice(0, 19),
      // What the guest will be charged: rooms plus the exclusive taxes the rates leave out.
      grandTotal: Math.round(roomsTotal * (100 + (options.exclusiveTaxPercent ?? 0))) / 100, unassigned,
    });
  }

  const hooks = {
    faults,
    reset,
    state: () => ({ today: today(), propertyId: CLOUDBEDS_DEMO.propertyId, reservations, requests, overRate }),
    /**
     * `POST /__sandbox/reservations {roomTypeID, startDate, endDate, quantity}`: a booking from another channel.
     * `POST /__sandbox/rates {roomTypeID, startDate, endDate, rate}`: the base plan's rate on nights startDate..endDate-1
     * (0: a plan that does not apply, which Cloudbeds answers with zeros while units stay free).
     */
    async extra(request: Request, path: string) {
      if (request.method !== 'POST' || (path !== '/__sandbox/reservations' && path !== '/__sandbox/rates')) return undefined;
      const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
      if (path === '/__sandbox/rates') {
        const type = typeById(String(body['roomTypeID']));
        const rate = Number(body['rate']);
        if (!type || !isDateKey(body['startDate']) || !isDateKey(body['endDate']) || !Number.isFinite(rate) || rate < 0) {
          return json(400, { error: 'roomTypeID, startDate, endDate and a rate >= 0 are required.' });
        }
        for (let d: DateKey = body['startDate']; d < body['endDate']; d = addDays(d, 1)) rates.set(`${type.roomTypeID}|${d}`, rate);
        return json(200, { ok: true });
      }
      const type = typeById(String(body['roomTypeID']));
      if (!type || !isDateKey(body['startDate']) || !isDateKey(body['endDate'])) return json(400, { error: 'roomTypeID, startDate and endDate are required.' });
      const quantity = Number(body['quantity'] ?? 1);
      const made = reservationOf({ roomTypeID: type.roomTypeID, quantity, adults: quantity, children: 0 }, body['startDate'], body['endDate'], 'Walk In');
      reservations.push(made);
      return json(201, { reservation: made });
    },
  };

  return async (request: Request, context: NodeRequestContext): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/__sandbox/')) return handleAdmin(request, path, hooks);
    const match = /^\/api\/v1\.[23]\/(\w+)$/.exec(path);
    if (!match) return json(404, { success: false, message: 'Not found. The API is under /api/v1.3/{method}.' });
    const method = match[1]!;
    requests[method] = (requests[method] ?? 0) + 1;
    const now = Date.now();
    recent = [...recent.filter((t) => now - t < 1000), now];
    if (recent.length > 5) overRate++;
    const denied = checkAuth(request);
    if (denied) return denied;
    const proceed = () => api(request, method);
    const fault = faults.take(method);
    return fault ? playFault(fault, WRITES.has(method), context, proceed) : proceed();
  };
}

export interface RunningCloudbedsFake extends RunningFake {
  /** The API base to configure: `${url}/api/v1.3`. */
  apiBase: string;
  demo: typeof CLOUDBEDS_DEMO;
}

export async function startCloudbedsFake(options: CloudbedsFakeOptions = {}): Promise<RunningCloudbedsFake> {
  const running = await listenFake(createCloudbedsFake(options), options.port ?? 0, options.host);
  return { ...running, apiBase: `${running.url}/api/v1.3`, demo: CLOUDBEDS_DEMO };
}
