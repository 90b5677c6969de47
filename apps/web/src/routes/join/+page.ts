import { withWords } from '$lib/i18n/messages/index.js';
import { booking } from '$lib/i18n/messages/booking.js';
import { bookingCode } from '$lib/i18n/messages/booking-code.js';
import { join } from '$lib/i18n/messages/join.js';
import { kioskHours } from '$lib/i18n/messages/kiosk-hours.js';

// The words of this screen, beyond the shared ones (`common`): its download carries no other screen's.
export const load = withWords(join, booking, bookingCode, kioskHours);
