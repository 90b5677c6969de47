import { booking } from './booking.js';
import { bookingRules } from './booking-rules.js';
import { common } from './common.js';
import { devices } from './devices.js';
import { kiosk } from './kiosk.js';
import { phone } from './phone.js';
import { reports } from './reports.js';
import { simulation } from './simulation.js';
import { staff } from './staff.js';

export type Lang = 'zh' | 'en';

export const dictionaries: Record<Lang, Record<string, string>> = {
  zh: { ...common.zh, ...staff.zh, ...kiosk.zh, ...phone.zh, ...booking.zh, ...bookingRules.zh, ...simulation.zh, ...devices.zh, ...reports.zh },
  en: { ...common.en, ...staff.en, ...kiosk.en, ...phone.en, ...booking.en, ...bookingRules.en, ...simulation.en, ...devices.en, ...reports.en },
};
