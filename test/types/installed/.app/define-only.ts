// Type test (compiled, never run) of the BUILT typings, as an app that installed the package sees
// them: `staymod-booking/define` imported alone types the tags and their events (dist/lib/define.d.ts
// keeps `import './events/events.js'`, which declares them in GlobalEventHandlersEventMap).
import 'staymod-booking/define';

const widget = document.querySelector('staymod-booking')!;
widget.propertyId = '71c1cf237ed753d9d00db738';
widget.addEventListener('staymod-booking-confirmed', (e) => e.detail.booking._id.toUpperCase());
document.addEventListener('staymod-booking-error', (e) => e.detail.error.code);
// @ts-expect-error event details are typed
widget.addEventListener('staymod-dates-change', (e) => e.detail.booking);
