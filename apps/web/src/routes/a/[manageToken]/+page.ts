import { withWords } from '$lib/i18n/messages/index.js';
import { booking } from '$lib/i18n/messages/booking.js';
import { bookingCode } from '$lib/i18n/messages/booking-code.js';
import { consent } from '$lib/i18n/messages/consent.js';
import { help } from '$lib/i18n/messages/help.js';
import { kiosk } from '$lib/i18n/messages/kiosk.js';
import { phone } from '$lib/i18n/messages/phone.js';

// The words of this screen, beyond the shared ones (`common`): its download carries no other screen's.
// `phone`: once checked in, the page follows its queue ticket through the ticket page's PhoneTicket,
// whose place-in-queue and wait words are the phone screen's.
export const load = withWords(booking, bookingCode, consent, help, kiosk, phone);
