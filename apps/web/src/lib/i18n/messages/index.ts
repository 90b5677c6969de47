import { admins } from './admins.js';
import { audit } from './audit.js';
import { account } from './account.js';
import { booking } from './booking.js';
import { bookingRules } from './booking-rules.js';
import { bookingWindow } from './booking-window.js';
import { bookingCode } from './booking-code.js';
import { common } from './common.js';
import { consent } from './consent.js';
import { devices } from './devices.js';
import { help } from './help.js';
import { kiosk } from './kiosk.js';
import { lobby } from './lobby.js';
import { kioskHours } from './kiosk-hours.js';
import { phone } from './phone.js';
import { phoneSurvey } from './phone-survey.js';
import { serviceRecord } from './service-record.js';
import { setup } from './setup.js';
import { reports } from './reports.js';
import { reportHours } from './report-hours.js';
import { readiness } from './readiness.js';
import { roster } from './roster.js';
import { simulation } from './simulation.js';
import { staff } from './staff.js';
import { team } from './team.js';
import { unsaved } from './unsaved.js';

export type Lang = 'zh' | 'en';

export const dictionaries: Record<Lang, Record<string, string>> = {
  zh: { ...common.zh, ...staff.zh, ...kiosk.zh, ...kioskHours.zh, ...phone.zh, ...booking.zh, ...bookingCode.zh, ...bookingRules.zh, ...bookingWindow.zh, ...simulation.zh, ...devices.zh, ...phoneSurvey.zh, ...serviceRecord.zh, ...help.zh, ...reports.zh, ...reportHours.zh, ...consent.zh, ...audit.zh, ...team.zh, ...roster.zh, ...admins.zh, ...account.zh, ...setup.zh, ...lobby.zh, ...unsaved.zh, ...readiness.zh },
  en: { ...common.en, ...staff.en, ...kiosk.en, ...kioskHours.en, ...phone.en, ...booking.en, ...bookingCode.en, ...bookingRules.en, ...bookingWindow.en, ...simulation.en, ...devices.en, ...phoneSurvey.en, ...serviceRecord.en, ...help.en, ...reports.en, ...reportHours.en, ...consent.en, ...audit.en, ...team.en, ...roster.en, ...admins.en, ...account.en, ...setup.en, ...lobby.en, ...unsaved.en, ...readiness.en },
};
