import type { BookAppointmentBody, SlotsView } from '@tellerline/contracts';
import { formatPhone, HOME_COUNTRY_CODE, isEmailAddress, isPhoneNumber, isVisibleName, normalizePhone, phoneProblem } from '@tellerline/contracts/input-rules';

export type Lang = 'zh' | 'en';
export type SlotDay = SlotsView['days'][number];
export type Slot = SlotDay['slots'][number];

const intlLocale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

/** A slot's start, HH:MM in the branch's time zone (not the phone's); the server's text if Intl fails. */
export function slotTime(startsAt: number, timeZone: string, lang: Lang, fallback = ''): string {
  try {
    return new Intl.DateTimeFormat(intlLocale(lang), { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(startsAt);
  } catch {
    return fallback || new Date(startsAt).toISOString().slice(11, 16);
  }
}

/**
 * The branch's time zone as people name it, never the raw IANA id: "北京时间" for China (what
 * Chinese speakers call it), else the zone's long generic name in the page's language
 * ("Central European Time", "中欧时间"); the id only when Intl cannot name it.
 */
export function zoneName(timeZone: string, lang: Lang): string {
  if (lang === 'zh' && (timeZone === 'Asia/Shanghai' || timeZone === 'Asia/Chongqing' || timeZone === 'Asia/Harbin' || timeZone === 'PRC')) return '北京时间';
  try {
    const part = new Intl.DateTimeFormat(intlLocale(lang), { timeZone, timeZoneName: 'longGeneric' }).formatToParts(0).find((p) => p.type === 'timeZoneName');
    if (part?.value && !/^GMT|^UTC/.test(part.value)) return part.value;
    // No generic name (some zones): the standard long name, then the offset.
    const long = new Intl.DateTimeFormat(intlLocale(lang), { timeZone, timeZoneName: 'long' }).formatToParts(0).find((p) => p.type === 'timeZoneName');
    return long?.value || part?.value || timeZone;
  } catch {
    return timeZone;
  }
}

/** A local day 'YYYY-MM-DD' as "Tue 3 Mar" / "3月3日 周二" (the date is already the branch's). */
export function dayLabel(date: string, lang: Lang): string {
  const at = Date.parse(`${date}T12:00:00Z`);
  if (Number.isNaN(at)) return date;
  return new Intl.DateTimeFormat(intlLocale(lang), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(at);
}

/** Day and time of an appointment in the branch's zone, for the confirmation and manage pages. */
export function appointmentWhen(startsAt: number, timeZone: string, lang: Lang): string {
  try {
    return new Intl.DateTimeFormat(intlLocale(lang), { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(startsAt);
  } catch {
    return new Date(startsAt).toISOString().slice(0, 16).replace('T', ' ');
  }
}

/** The first day with a free slot (today when it has one), or null when nothing is free. */
export function firstOpenDay(days: readonly SlotDay[]): SlotDay | null {
  return days.find((d) => !d.closed && d.slots.length > 0) ?? null;
}

export type ContactKind = 'phone' | 'email';
export interface ContactInput {
  name: string;
  kind: ContactKind;
  value: string;
  language: Lang;
  consent: boolean;
}
export type ContactProblem = 'name' | 'empty' | 'invalid' | 'mobileDigits' | 'countryCode' | 'consent';

/**
 * The booking request's contact, or what is wrong with the form. A name and one way to reach the
 * customer are required; nothing is sent without the explicit consent tick. The checks are the
 * server's own (BookingContact), so the form never sends what the server refuses.
 */
export function bookingContact(input: ContactInput): { ok: true; contact: BookAppointmentBody['contact'] } | { ok: false; problem: ContactProblem } {
  const name = input.name.trim();
  const value = input.value.trim();
  if (!name || !isVisibleName(name)) return { ok: false, problem: 'name' };
  if (!value) return { ok: false, problem: 'empty' };
  // A mainland mobile a digit short (or long) is named as such: "enter an 11-digit mobile number";
  // a visitor's number without its country code (it would be read as +86) asks for it.
  const phone = input.kind === 'phone' ? phoneProblem(value) : null;
  if (phone === 'mobileDigits' || phone === 'countryCode') return { ok: false, problem: phone };
  if (input.kind === 'phone' ? !isPhoneNumber(value) : !isEmailAddress(value)) return { ok: false, problem: 'invalid' };
  if (!input.consent) return { ok: false, problem: 'consent' };
  const reach = input.kind === 'phone' ? { phone: value } : { email: value };
  return { ok: true, contact: { name: name.slice(0, 100), ...reach, language: input.language, consent: true } };
}

/**
 * The number the texts will go to, read back before the booking is confirmed so a mistyped digit
 * is seen while it can still be mended; null while the field holds no number the server takes.
 * In the stored form (`formatPhone`): a home mobile in its 3-4-4 groups, which Chinese readers
 * know without the +86 ("139 1234 5678"), English ones with it ("+86 139 1234 5678").
 */
export function textsTo(value: string, lang: Lang): string | null {
  if (!value.trim() || !isPhoneNumber(value)) return null;
  const shown = formatPhone(normalizePhone(value));
  const home = `+${HOME_COUNTRY_CODE} `;
  return lang === 'zh' && /^\+\d+ 1\d{2} \d{4} \d{4}$/.test(shown) ? shown.slice(home.length) : shown;
}

/** Errors that mean "this slot is gone": refresh the slots and let the customer pick again. */
export const SLOT_GONE = new Set(['SLOT_FULL', 'SLOT_UNAVAILABLE', 'SLOT_TOO_SOON', 'SLOT_TOO_FAR']);

/**
 * Failures after which the booking may or may not have been made (no answer, no connection, a
 * busy or failing server): retried with the same idempotency key. Everything else is a refusal.
 */
export function isRetryable(code: string): boolean {
  return code === 'BUSY_RETRY' || code === 'NO_CONNECTION' || code === 'INTERNAL' || code === 'generic';
}

/** Pauses before the automatic retries of a booking whose answer was lost. */
export const BOOKING_RETRY_DELAYS_MS = [400, 1200];

/** The key of a booking error's text (the dictionary has `booking.error.<code>`, else the common one). */
export function bookingErrorKey(code: string, known: (key: string) => boolean): string {
  const own = `booking.error.${code}`;
  if (known(own)) return own;
  const common = `error.${code}`;
  return known(common) ? common : 'error.generic';
}

/** Absolute manage link (what the customer keeps). */
export function manageUrl(origin: string, manageToken: string): string {
  return `${origin}/a/${encodeURIComponent(manageToken)}`;
}
