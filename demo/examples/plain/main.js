// Registers <staymod-booking> (and its inner elements) from the npm package.
import 'staymod-booking/define';

const widget = document.querySelector('staymod-booking');
// ?api-base=...&property-id=...&api-key=... point the example at another sandbox or property.
for (const [name, value] of new URLSearchParams(location.search)) widget.setAttribute(name, value);

widget.addEventListener('staymod-booking-confirmed', (event) => {
  document.getElementById('thanks').textContent = `Thank you! Booking reference ${event.detail.booking._id}.`;
});
