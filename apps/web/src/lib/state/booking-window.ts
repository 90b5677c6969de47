import { ClosureHasBookingsDetails, closureReasonIn, type BookingSettings, type Closure } from '@tellerline/contracts';
import { addDays, formatHm, localTimeOf, zonedInstant } from '@tellerline/engine';
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

/**
 * The add-a-closure form: whole local days (`from`, `to`), or part of one day (`day`, `fromTime`,
 * `toTime`, branch time), a reason per language. `kind` says which the manager chose.
 */
export interface ClosureDraft {
  kind: 'days' | 'hours';
  from: string;
  to: string;
  day: string;
  fromTime: string;
  toTime: string;
  reasonZh: string;
  reasonEn: string;
}
export type DraftField = 'from' | 'to' | 'day' | 'fromTime' | 'toTime' | 'reasonZh' | 'reasonEn';
export type DraftErrors = Partial<Record<DraftField, string>>;
export const EMPTY_DRAFT: ClosureDraft = { kind: 'days', from: '', to: '', day: '', fromTime: '', toTime: '', reasonZh: '', reasonEn: '' };
export const REASON_MAX = 200;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

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

/** A closure's span as instants [from, to): whole days from their local midnights (as the server reads it). */
export function closureSpan(c: Closure, timeZone: string): [number, number] {
  if ('from' in c) return [c.from, c.to];
  return [zonedInstant(timeZone, c.date, 0, 'boundary') ?? 0, zonedInstant(timeZone, addDays(c.until ?? c.date, 1), 0, 'boundary') ?? 0];
}

const minutesOf = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/**
 * A part-day draft's instants: `fromTime` and `toTime` on `day` in the branch's time zone (a
 * time the clocks skip counts from the jump, as the server's opening hours do); null when the
 * day or a time is not valid.
 */
export function draftInstants(d: Pick<ClosureDraft, 'day' | 'fromTime' | 'toTime'>, timeZone: string): { from: number; to: number } | null {
  if (!realDate(d.day) || !TIME_RE.test(d.fromTime) || !TIME_RE.test(d.toTime)) return null;
  const from = zonedInstant(timeZone, d.day, minutesOf(d.fromTime), 'boundary');
  const to = zonedInstant(timeZone, d.day, minutesOf(d.toTime), 'boundary');
  return from === null || to === null ? null : { from, to };
}

const realDate = (s: string) => DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/**
 * The browser's check of a new closure (the server checks again, CLOSURE_IN_PAST and
 * CLOSURES_OVERLAP). Whole days: real dates, last day on or after the first, not before today, no
 * day that another closure already takes. Part of a day: a real day not before today, two times
 * with the end after the start and not already past at `now`, no time another closure takes.
 * Both: reasons within the length the contract allows.
 */
export function validateDraft(d: ClosureDraft, closures: readonly Closure[], today: string, timeZone: string, now: number): DraftErrors {
  const errors: DraftErrors = d.kind === 'hours' ? hoursErrors(d, closures, today, timeZone, now) : daysErrors(d, closures, today, timeZone);
  if (d.reasonZh.trim().length > REASON_MAX) errors.reasonZh = 'bookingWindow.closure.invalid.reason';
  if (d.reasonEn.trim().length > REASON_MAX) errors.reasonEn = 'bookingWindow.closure.invalid.reason';
  return errors;
}

function daysErrors(d: ClosureDraft, closures: readonly Closure[], today: string, timeZone: string): DraftErrors {
  const errors: DraftErrors = {};
  if (!realDate(d.from)) errors.from = 'bookingWindow.closure.invalid.date';
  else if (d.from < today) errors.from = 'bookingWindow.closure.invalid.past';
  const to = d.to.trim() === '' ? d.from : d.to;
  if (d.to.trim() !== '' && !realDate(to)) errors.to = 'bookingWindow.closure.invalid.date';
  else if (!errors.from && to < d.from) errors.to = 'bookingWindow.closure.invalid.order';
  if (!errors.from && !errors.to && closures.some((c) => overlaps(closureDays(c, timeZone), { from: d.from, to }))) errors.from = 'bookingWindow.closure.invalid.overlap';
  return errors;
}

function hoursErrors(d: ClosureDraft, closures: readonly Closure[], today: string, timeZone: string, now: number): DraftErrors {
  const errors: DraftErrors = {};
  if (!realDate(d.day)) errors.day = 'bookingWindow.closure.invalid.date';
  else if (d.day < today) errors.day = 'bookingWindow.closure.invalid.past';
  if (!TIME_RE.test(d.fromTime)) errors.fromTime = 'bookingWindow.closure.invalid.time';
  if (!TIME_RE.test(d.toTime)) errors.toTime = 'bookingWindow.closure.invalid.time';
  if (Object.keys(errors).length > 0) return errors;
  const span = draftInstants(d, timeZone);
  if (!span || span.to <= span.from) errors.toTime = 'bookingWindow.closure.invalid.timeOrder';
  else if (span.to <= now) errors.toTime = 'bookingWindow.closure.invalid.pastTime';
  else if (closures.some((c) => {
    const [f, t] = closureSpan(c, timeZone);
    return f < span.to && span.from < t;
  })) errors.fromTime = 'bookingWindow.closure.invalid.overlapTime';
  return errors;
}

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from <= b.to && b.from <= a.to;

/** A valid draft as stored: whole days, or the part-day's instants; the reason in the languages given (none: no reason). */
export function draftToClosure(d: ClosureDraft, timeZone: string): Closure {
  const zh = d.reasonZh.trim();
  const en = d.reasonEn.trim();
  const reason = zh || en ? { ...(zh ? { zh } : {}), ...(en ? { en } : {}) } : undefined;
  if (d.kind === 'hours') {
    const span = draftInstants(d, timeZone);
    if (!span) throw new Error('draftToClosure: the part-day draft is not valid (validateDraft first)');
    return { from: span.from, to: span.to, ...(reason ? { reason } : {}) };
  }
  const to = d.to.trim() === '' ? d.from : d.to;
  return { date: d.from, ...(to !== d.from ? { until: to } : {}), ...(reason ? { reason } : {}) };
}

/** One row of the closures list. `index`: its place in the settings' array (removal). */
export interface ClosureRow {
  index: number;
  key: string;
  from: string;
  to: string;
  /** A part-day closure's local times (branch time, HH:MM; an end at midnight is 24:00); absent for whole days. */
  fromTime?: string;
  toTime?: string;
  reason: string | null;
  /** Ended before today: shown greyed, kept as a record. */
  past: boolean;
}

/** Same key, same closure (days or instants; the reason aside). */
export function closureKey(c: Closure): string {
  return 'date' in c ? `d:${c.date}:${c.until ?? c.date}` : `i:${c.from}:${c.to}`;
}

/** A part-day closure's local start and end times in the branch's zone. */
export function closureTimes(c: Closure, timeZone: string): { fromTime?: string; toTime?: string } {
  if (!('from' in c)) return {};
  const end = localTimeOf(c.to, timeZone);
  // Ending at the midnight after its last day: "until 24:00" on that day, not "00:00".
  const toTime = end.minutes === 0 && end.date > branchToday(timeZone, c.to - 1) ? '24:00' : formatHm(end.minutes);
  return { fromTime: formatHm(localTimeOf(c.from, timeZone).minutes), toTime };
}

/** The closures in date order, the reason in the screen's language, ended ones marked. */
export function closureRows(closures: readonly Closure[], today: string, timeZone: string, lang: Lang): ClosureRow[] {
  return closures
    .map((c, index) => ({ index, key: closureKey(c), ...closureDays(c, timeZone), ...closureTimes(c, timeZone), reason: closureReasonIn(c.reason, lang), past: closureDays(c, timeZone).to < today, start: closureSpan(c, timeZone)[0] }))
    .sort((a, b) => a.start - b.start)
    .map(({ start: _start, ...row }) => row);
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

/** One closure the save would add over booked visits: its days (and times) as the list shows them, and how many. */
export type ClosureBookingsRow = Pick<ClosureRow, 'key' | 'from' | 'to' | 'fromTime' | 'toTime'> & { count: number };

/** What the "cancel these bookings?" question says: the bookings in all, and per closure added. */
export interface ClosureBookingsQuestion {
  count: number;
  closures: ClosureBookingsRow[];
}

/**
 * The question after a CLOSURE_HAS_BOOKINGS refusal of a save that sent `sent` (the details name
 * closures by their index there); null for any other refusal, or details that do not parse.
 */
export function closureBookingsQuestion(failure: unknown, sent: readonly Closure[], timeZone: string): ClosureBookingsQuestion | null {
  if (!failure || typeof failure !== 'object') return null;
  const { code, details } = failure as { code?: unknown; details?: unknown };
  if (code !== 'CLOSURE_HAS_BOOKINGS') return null;
  const parsed = ClosureHasBookingsDetails.safeParse(details);
  if (!parsed.success) return null;
  const closures = Object.entries(parsed.data.closures).flatMap(([index, x]) => {
    const c = sent[Number(index)];
    return c ? [{ key: closureKey(c), ...closureDays(c, timeZone), ...closureTimes(c, timeZone), count: x.count }] : [];
  });
  return { count: parsed.data.count, closures };
}
