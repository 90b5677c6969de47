import { withWords } from '$lib/i18n/messages/index.js';
import { booking } from '$lib/i18n/messages/booking.js';
import { bookingCode } from '$lib/i18n/messages/booking-code.js';
import { consent } from '$lib/i18n/messages/consent.js';
import { help } from '$lib/i18n/messages/help.js';
import { join } from '$lib/i18n/messages/join.js';

// The words of this screen, beyond the shared ones (`common`): its download carries no other screen's.
export const load = withWords(booking, bookingCode, consent, help, join);
