import { account } from './account.js';
import { admins } from './admins.js';
import { audit } from './audit.js';
import { bookingRules } from './booking-rules.js';
import { bookingWindow } from './booking-window.js';
import { devices } from './devices.js';
import { lobby } from './lobby.js';
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
 * The words only the staff and manager screens (/staff/...) use, on top of the customer screens'
 * (which they share: ticket states, error codes). Registered by the /staff layout (`routes/staff/+layout.ts`),
 * in a chunk of its own that customers never download.
 */
export const staffScreens: Messages = {
  zh: { ...staff.zh, ...bookingRules.zh, ...bookingWindow.zh, ...simulation.zh, ...devices.zh, ...serviceRecord.zh, ...reports.zh, ...reportHours.zh, ...audit.zh, ...team.zh, ...roster.zh, ...admins.zh, ...account.zh, ...setup.zh, ...lobby.zh, ...unsaved.zh, ...readiness.zh },
  en: { ...staff.en, ...bookingRules.en, ...bookingWindow.en, ...simulation.en, ...devices.en, ...serviceRecord.en, ...reports.en, ...reportHours.en, ...audit.en, ...team.en, ...roster.en, ...admins.en, ...account.en, ...setup.en, ...lobby.en, ...unsaved.en, ...readiness.en },
};
