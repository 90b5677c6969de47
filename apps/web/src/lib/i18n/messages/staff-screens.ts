import { account } from './account.js';
import { admins } from './admins.js';
import { audit } from './audit.js';
import { booking } from './booking.js';
import { bookingCode } from './booking-code.js';
import { bookingRules } from './booking-rules.js';
import { bookingWindow } from './booking-window.js';
import { consent } from './consent.js';
import { devices } from './devices.js';
import { help } from './help.js';
import { join } from './join.js';
import { kiosk } from './kiosk.js';
import { kioskHours } from './kiosk-hours.js';
import { lobby } from './lobby.js';
import { phone } from './phone.js';
import { phoneSurvey } from './phone-survey.js';
import { readiness } from './readiness.js';
import { reportHours } from './report-hours.js';
import { reports } from './reports.js';
import { roster } from './roster.js';
import { serviceRecord } from './service-record.js';
import { setup } from './setup.js';
import { simulation } from './simulation.js';
import { staff } from './staff.js';
import { team } from './team.js';
import { unsaved } from './unsaved.js';
import type { Messages } from './lang.js';

/**
 * Every word of the staff and manager screens (/staff/...): their own, and the customer screens'
 * they show too (ticket states, bookings, consent, the kiosk's and the phone's). Registered by the
 * /staff layout (`routes/staff/+layout.ts`), in a chunk that customers never download.
 */
export const staffScreens: Messages = {
  zh: { ...kiosk.zh, ...kioskHours.zh, ...phone.zh, ...phoneSurvey.zh, ...booking.zh, ...bookingCode.zh, ...consent.zh, ...help.zh, ...join.zh, ...staff.zh, ...bookingRules.zh, ...bookingWindow.zh, ...simulation.zh, ...devices.zh, ...serviceRecord.zh, ...reports.zh, ...reportHours.zh, ...audit.zh, ...team.zh, ...roster.zh, ...admins.zh, ...account.zh, ...setup.zh, ...lobby.zh, ...unsaved.zh, ...readiness.zh },
  en: { ...kiosk.en, ...kioskHours.en, ...phone.en, ...phoneSurvey.en, ...booking.en, ...bookingCode.en, ...consent.en, ...help.en, ...join.en, ...staff.en, ...bookingRules.en, ...bookingWindow.en, ...simulation.en, ...devices.en, ...serviceRecord.en, ...reports.en, ...reportHours.en, ...audit.en, ...team.en, ...roster.en, ...admins.en, ...account.en, ...setup.en, ...lobby.en, ...unsaved.en, ...readiness.en },
};
