import { booking } from './booking.js';
import { bookingCode } from './booking-code.js';
import { common } from './common.js';
import { consent } from './consent.js';
import { help } from './help.js';
import { kiosk } from './kiosk.js';
import { kioskHours } from './kiosk-hours.js';
import { phone } from './phone.js';
import { phoneSurvey } from './phone-survey.js';
import type { Messages } from './lang.js';

/**
 * The words of every screen outside /staff: the home page, the kiosk, the phone's ticket page and
 * its survey, booking, managing an appointment, consent and help. They are in every screen's first
 * download, so a customer on a phone gets only these (`customer-screens.test.ts` checks that these
 * screens use no other key).
 */
export const customerScreens: Messages = {
  zh: { ...common.zh, ...kiosk.zh, ...kioskHours.zh, ...phone.zh, ...phoneSurvey.zh, ...booking.zh, ...bookingCode.zh, ...consent.zh, ...help.zh },
  en: { ...common.en, ...kiosk.en, ...kioskHours.en, ...phone.en, ...phoneSurvey.en, ...booking.en, ...bookingCode.en, ...consent.en, ...help.en },
};
