/** Registers <staymod-calendar>; safe to import more than once (or next to another copy). */
import { StaymodCalendar } from './calendar.js';

export { StaymodCalendar };

if (!customElements.get('staymod-calendar')) customElements.define('staymod-calendar', StaymodCalendar);
