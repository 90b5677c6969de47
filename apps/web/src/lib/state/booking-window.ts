import { closureReasonIn, type BookingSettings, type Closure } from '@tellerline/contracts';
import type { Lang } from './booking-logic.js';

/**
 * The branch's booking window on /staff/booking: how slots are offered (step, notice, days
 * ahead, bookings a customer may hold), the check-in window and the remote queue. Limits are the
 * contract's (BookingSettings), checked here first so the manager sees the problem by the field.
 */
export const WINDOW_LIMITS = {
  slotStepMin: { min: 5, max: 240 },
  minNoticeMin: { min: 0, max: 43_200 },
  maxDaysAhead: { min: 0, max: 365 },
  maxActivePerCustomer: { min: 1, max: 20 },
  checkInEarlyMin: { min: 0, max: 240 },
  checkInLateMin: { min: 0, max: 240 },
} as const;
export type WindowNumber = keyof typeof WINDOW_LIMITS;
export const WINDOW_NUMBERS = Object.keys(WINDOW_LIMITS) as WindowNumber[];

/** The form's values: a number input left empty is null. */
export type WindowForm = Record<WindowNumber, number | null> & { remoteQueue: boolean };
export type WindowErrors = Partial<Record<WindowNumber, string>>;

export function toWindowForm(s: BookingSettings): WindowForm {
  return {
    slotStepMin: s.slotStepMin,
    minNoticeMin: s.minNoticeMin,
    maxDaysAhead: s.maxDaysAhead,
    maxActivePerCustomer: s.maxActivePerCustomer,
    checkInEarlyMin: s.checkInEarlyMin,
    checkInLateMin: s.checkInLateMin,
    remoteQueue: s.remoteQueue,
  };
}

/** Whole numbers within the contract's limits; the key names the range for the field. */
export function validateWindow(form: WindowForm): WindowErrors {
  const errors: WindowErrors = {};
  for (const f of WINDOW_NUMBERS) {
    const v = form[f];
    const { min, max } = WINDOW_LIMITS[f];
    if (v === null || !Number.isInteger(v) || v < min || v > max) errors[f] = `bookingWindow.invalid.${f}`;
  }
  return errors;
}

export function sameWindow(a: WindowForm, b: WindowForm): boolean {
  return a.remoteQueue === b.remoteQueue && WINDOW_NUMBERS.every((f) => a[f] === b[f]);
}

/**
 * After STALE_SETTINGS: each field the user changed keeps their value, every other takes the
 * stored one; `differs` names the fields where the form now says other than what is stored.
 */
export function rebaseWindow(loaded: WindowForm, typed: WindowForm, stored: WindowForm): { form: WindowForm; differs: (WindowNumber | 'remoteQueue')[] } {
  const form = { ...stored };
  const differs: (WindowNumber | 'remoteQueue')[] = [];
  for (const f of [...WINDOW_NUMBERS, 'remoteQueue'] as const) {
    if (typed[f] === loaded[f]) continue;
    (form as Record<string, unknown>)[f] = typed[f];
    if (typed[f] !== stored[f]) differs.push(f);
  }
  return { form, differs };
}

// --- closures ------------------------------------------------------------------------------------

/** The add-a-closure form: whole local days in the branch's time zone, a reason per language. */
export interface ClosureDraft {
  from: string;
  to: string;
  reasonZh: string;
  reasonEn: string;
}
export type DraftField = 'from' | 'to' | 'reasonZh' | 'reasonEn';
export type DraftErrors = Partial<Record<DraftField, string>>;
export const EMPTY_DRAFT: ClosureDraft = { from: '', to: '', reasonZh: '', reasonEn: '' };
export const REASON_MAX = 200;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Today in the branch's time zone (YYYY-MM-DD), whatever the browser's own zone. */
export function branchToday(timeZone: string, now: number): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The local days a closure takes, first and last; an interval of instants by its local dates. */
export function closureDays(c: Closure, timeZone: string): { from: string; to: string } {
  if ('date' in c) return { from: c.date, to: c.until ?? c.date };
  // `to` is exclusive: an interval ending at midnight takes no time of that day.
  return { from: branchToday(timeZone, c.from), to: branchToday(timeZone, c.to - 1) };
}

/**
 * The browser's check of a new closure (the server checks again, CLOSURE_IN_PAST and
 * CLOSURES_OVERLAP): real dates, last day on or after the first, not before today, no day that
 * another closure already takes, reasons within the length the contract allows.
 */
export function validateDraft(d: ClosureDraft, closures: readonly Closure[], today: string, timeZone: string): DraftErrors {
  const errors: DraftErrors = {};
  const real = (s: string) => DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
  if (!real(d.from)) errors.from = 'bookingWindow.closure.invalid.date';
  else if (d.from < today) errors.from = 'bookingWindow.closure.invalid.past';
  const to = d.to.trim() === '' ? d.from : d.to;
  if (d.to.trim() !== '' && !real(to)) errors.to = 'bookingWindow.closure.invalid.date';
  else if (!errors.from && to < d.from) errors.to = 'bookingWindow.closure.invalid.order';
  if (!errors.from && !errors.to && closures.some((c) => overlaps(closureDays(c, timeZone), { from: d.from, to }))) errors.from = 'bookingWindow.closure.invalid.overlap';
  if (d.reasonZh.trim().length > REASON_MAX) errors.reasonZh = 'bookingWindow.closure.invalid.reason';
  if (d.reasonEn.trim().length > REASON_MAX) errors.reasonEn = 'bookingWindow.closure.invalid.reason';
  return errors;
}

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from <= b.to && b.from <= a.to;

/** A valid draft as stored: whole days, the reason in the languages given (none: no reason). */
export function draftToClosure(d: ClosureDraft): Closure {
  const zh = d.reasonZh.trim();
  const en = d.reasonEn.trim();
  const to = d.to.trim() === '' ? d.from : d.to;
  const reason = zh || en ? { ...(zh ? { zh } : {}), ...(en ? { en } : {}) } : undefined;
  return { date: d.from, ...(to !== d.from ? { until: to } : {}), ...(reason ? { reason } : {}) };
}

/** One row of the closures list. `index`: its place in the settings' array (removal). */
export interface ClosureRow {
  index: number;
  key: string;
  from: string;
  to: string;
  reason: string | null;
  /** Ended before today: shown greyed, kept as a record. */
  past: boolean;
}

/** Same key, same closure (days or instants; the reason aside). */
export function closureKey(c: Closure): string {
  return 'date' in c ? `d:${c.date}:${c.until ?? c.date}` : `i:${c.from}:${c.to}`;
}

/** The closures in date order, the reason in the screen's language, ended ones marked. */
export function closureRows(closures: readonly Closure[], today: string, timeZone: string, lang: Lang): ClosureRow[] {
  return closures
    .map((c, index) => ({ index, key: closureKey(c), ...closureDays(c, timeZone), reason: closureReasonIn(c.reason, lang), past: closureDays(c, timeZone).to < today }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export function sameClosures(a: readonly Closure[], b: readonly Closure[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * After STALE_SETTINGS: the closures stored now, with the user's own additions and removals (by
 * key, against what they had loaded) applied on top, so neither save's closures are lost.
 */
export function rebaseClosures(loaded: readonly Closure[], typed: readonly Closure[], stored: readonly Closure[]): Closure[] {
  const loadedKeys = new Set(loaded.map(closureKey));
  const typedKeys = new Set(typed.map(closureKey));
  const removed = new Set([...loadedKeys].filter((k) => !typedKeys.has(k)));
  const kept = stored.filter((c) => !removed.has(closureKey(c)));
  const keptKeys = new Set(kept.map(closureKey));
  return [...kept, ...typed.filter((c) => !loadedKeys.has(closureKey(c)) && !keptKeys.has(closureKey(c)))];
}
