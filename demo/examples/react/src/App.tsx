import { useState } from 'react';
// The wrapper registers the tags and maps the widget's events to onStaymod* props.
import { StaymodBooking } from 'staymod-booking/react';

// Defaults point at `npm run sandbox` (port 8787); the query string may override them.
const params = new URLSearchParams(location.search);
const config = {
  propertyId: params.get('property-id') ?? '71c1cf237ed753d9d00db738',
  apiKey: params.get('api-key') ?? 'sk_live_411012414676e0ab25d61ce9602e736c4e708c7796b865f5',
  apiBase: params.get('api-base') ?? 'http://127.0.0.1:8787',
};

export function App() {
  const [events, setEvents] = useState<string[]>([]);
  const [reference, setReference] = useState<string | null>(null);
  const log = (line: string) => setEvents((lines) => [...lines, line]);

  return (
    <main style={{ maxWidth: 760, margin: '0 auto', fontFamily: 'system-ui, sans-serif' }}>
      <h1>Sea Breeze Residency</h1>
      <StaymodBooking
        {...config}
        locale="en-IN"
        currency="INR"
        onStaymodDatesChange={(e) => log(`dates ${e.detail.checkIn ?? '–'} → ${e.detail.checkOut ?? '–'} (${e.detail.nights} nights)`)}
        onStaymodRoomsChange={(e) => log(`rooms ${e.detail.rooms.map((r) => `${r.quantity}×${r.roomId}`).join(', ')}`)}
        onStaymodBookingSubmit={(e) => log(`submit ${e.detail.request.guestName}`)}
        onStaymodBookingConfirmed={(e) => {
          log(`confirmed ${e.detail.booking._id}`);
          setReference(e.detail.booking._id);
        }}
        onStaymodBookingError={(e) => log(`error ${e.detail.error.code}`)}
      />
      {reference && <p role="status">Thank you! Booking reference {reference}.</p>}
      <h2>Widget events</h2>
      <ol aria-label="Widget events">
        {events.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </main>
  );
}
