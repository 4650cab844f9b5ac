// Type tests (compiled, never run): <staymod-booking> in React JSX and the React wrapper.
import '../../src/jsx.js';
import { StaymodBooking } from '../../src/react/index.js';

export const tag = (
  <staymod-booking
    property-id="71c1cf237ed753d9d00db738"
    api-key="sk_live_x"
    proxy-url="https://hotel.example/api/staymod"
    locale="en-IN"
    currency="INR"
    months={2}
    min-nights={2}
    max-nights="14"
    check-in-time="14:00"
    theme="dark"
    className="booking"
    onstaymod-booking-confirmed={(e) => e.detail.booking._id.toUpperCase()}
  />
);

// @ts-expect-error months is 1 or 2
export const badMonths = <staymod-booking months={3} />;
// @ts-expect-error theme is light, dark or auto
export const badTheme = <staymod-booking theme="blue" />;
// @ts-expect-error no such attribute
export const typo = <staymod-booking property_id="x" />;

export const flags = <staymod-booking analytics url-state="" />;
// @ts-expect-error React 18 would write analytics="false": leave the attribute out instead
export const analyticsOff = <staymod-booking analytics={false} />;
// @ts-expect-error the same for url-state
export const urlStateOff = <staymod-booking url-state={false} />;

export const wrapped = (
  <StaymodBooking
    propertyId="71c1cf237ed753d9d00db738"
    proxyUrl="https://hotel.example"
    minNights={2}
    onStaymodDatesChange={(e) => e.detail.nights.toFixed()}
    onStaymodRoomsChange={(e) => e.detail.rooms.map((r) => r.roomId)}
    onStaymodBookingSubmit={(e) => e.preventDefault()}
    onStaymodBookingConfirmed={(e) => e.detail.booking._id}
    onStaymodBookingError={(e) => e.detail.error.code}
  />
);

// @ts-expect-error the wrapper takes properties (camelCase), typed
export const badWrapped = <StaymodBooking minNights="2" />;
// @ts-expect-error event details are typed
export const badHandler = <StaymodBooking onStaymodBookingConfirmed={(e) => e.detail.nights} />;
