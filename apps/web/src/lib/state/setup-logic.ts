import {
  BRANCH_ADDRESS_MAX,
  BRANCH_CODE_MAX,
  BRANCH_CODE_PATTERN,
  BRANCH_NAME_MAX,
  COUNTER_LABEL_MAX,
  DOCUMENT_MAX,
  DOCUMENTS_MAX,
  INTERVALS_PER_DAY_MAX,
  intervalsOverlap,
  isPlainText,
  isVisibleName,
  isTimeZone,
  SERVICE_CODE_PATTERN,
  SERVICE_MINUTES_MAX,
  SERVICE_NAME_MAX,
  type CounterSetupView,
  type NewServiceBody,
  type BranchReadiness,
  type OpeningHoursBody,
  type ReadinessItem,
  type Role,
  type ServicePatchBody,
  type ServiceSetupView,
} from '@tellerline/contracts';
import { errorKey } from './staff-errors.js';

/**
 * The set-up screens' rules, checked in the browser before sending (the server checks the same:
 * `@tellerline/contracts` setup-rules), and their wording as dictionary keys. No state here.
 */

/** A dictionary key and the values it needs. */
export interface Phrase {
  key: string;
  params: Record<string, string | number>;
}

/** Who may open /staff/setup: a branch's managers (their own branch) and admins (any). */
export function canSetUp(role: Role | undefined): boolean {
  return role === 'manager' || role === 'admin';
}

/** Who may open /staff/branches: admins only. */
export function canManageBranches(role: Role | undefined): boolean {
  return role === 'admin';
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Interval = { open: string; close: string };
export type HoursForm = Record<Weekday, Interval[]>;

/** Field -> dictionary key of its problem. */
export type FieldErrors = Record<string, string>;

// --- text fields ---------------------------------------------------------------------------------

/** A required one-line text of at most `max` characters (trimmed, as the server counts): its problem or null. */
function textProblem(text: string, max: number): string | null {
  const t = text.trim();
  if (t === '') return 'setup.invalid.required';
  if (t.length > max) return 'setup.invalid.tooLong';
  if (!isVisibleName(t)) return 'setup.invalid.chars';
  return null;
}

/** Whole minutes 1..SERVICE_MINUTES_MAX typed in a number field ('' is missing). */
function minutesProblem(text: string): string | null {
  if (text.trim() === '') return 'setup.invalid.required';
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= SERVICE_MINUTES_MAX ? null : 'setup.invalid.minutes';
}

/** One document per line; blank lines do not count. */
export function documentLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function documentsProblem(text: string): string | null {
  const lines = documentLines(text);
  if (lines.length > DOCUMENTS_MAX) return 'setup.invalid.tooManyDocuments';
  if (lines.some((l) => l.length > DOCUMENT_MAX)) return 'setup.invalid.documentLong';
  if (lines.some((l) => !isVisibleName(l))) return 'setup.invalid.chars';
  return null;
}

// --- services --------------------------------------------------------------------------------------

/** The add / edit service dialog, as typed. */
export interface ServiceForm {
  code: string;
  nameZh: string;
  nameEn: string;
  targetMin: string;
  defaultDurationMin: string;
  /** One document per line. */
  documentsZh: string;
  documentsEn: string;
}

export function emptyServiceForm(): ServiceForm {
  return { code: '', nameZh: '', nameEn: '', targetMin: '10', defaultDurationMin: '5', documentsZh: '', documentsEn: '' };
}

export function serviceFormOf(s: ServiceSetupView): ServiceForm {
  return {
    code: s.code,
    nameZh: s.name.zh,
    nameEn: s.name.en,
    targetMin: String(s.targetMin),
    defaultDurationMin: String(s.defaultDurationMin),
    documentsZh: s.documents.zh.join('\n'),
    documentsEn: s.documents.en.join('\n'),
  };
}

/** Ticket numbers start with the code: typed in capitals, whatever the keyboard sends. */
export function normalizeServiceCode(text: string): string {
  return text.trim().toUpperCase();
}

/** A service name's problem: too long says the limit and the count (serviceFieldErrorParams), as a branch name does. */
function serviceNameProblem(text: string): string | null {
  const problem = textProblem(text, SERVICE_NAME_MAX);
  return problem === 'setup.invalid.tooLong' ? 'setup.invalid.serviceNameTooLong' : problem;
}

/** The numbers a service form field's problem is worded with: a name's limit and its length now (trimmed, as counted). */
export function serviceFieldErrorParams(form: Pick<ServiceForm, 'nameZh' | 'nameEn'>, field: string): Record<string, number> {
  return field === 'nameZh' || field === 'nameEn' ? { max: SERVICE_NAME_MAX, n: form[field].trim().length } : {};
}

/**
 * The form's problems, field by field (empty: fine). `others`: the branch's other services, active
 * or not, whose codes are taken.
 */
export function serviceFormErrors(form: ServiceForm, others: readonly Pick<ServiceSetupView, 'code'>[]): FieldErrors {
  const out: FieldErrors = {};
  const code = normalizeServiceCode(form.code);
  if (code === '') out.code = 'setup.invalid.required';
  else if (!SERVICE_CODE_PATTERN.test(code)) out.code = 'setup.invalid.serviceCode';
  else if (others.some((s) => s.code === code)) out.code = 'setup.invalid.serviceCodeTaken';
  const checks: [keyof ServiceForm, string | null][] = [
    ['nameZh', serviceNameProblem(form.nameZh)],
    ['nameEn', serviceNameProblem(form.nameEn)],
    ['targetMin', minutesProblem(form.targetMin)],
    ['defaultDurationMin', minutesProblem(form.defaultDurationMin)],
    ['documentsZh', documentsProblem(form.documentsZh)],
    ['documentsEn', documentsProblem(form.documentsEn)],
  ];
  for (const [field, problem] of checks) if (problem) out[field] = problem;
  return out;
}

/** The new service's body (the form checked first). */
export function newServiceBody(form: ServiceForm): NewServiceBody {
  return {
    code: normalizeServiceCode(form.code),
    name: { zh: form.nameZh.trim(), en: form.nameEn.trim() },
    targetMin: Number(form.targetMin),
    defaultDurationMin: Number(form.defaultDurationMin),
    documents: { zh: documentLines(form.documentsZh), en: documentLines(form.documentsEn) },
  };
}

/** Only what the form changed of `before` (the server audits what changed); null when nothing did. */
export function servicePatch(before: ServiceSetupView, form: ServiceForm): ServicePatchBody | null {
  const after = newServiceBody(form);
  const patch: Record<string, unknown> = {};
  if (after.code !== before.code) patch.code = after.code;
  if (after.name.zh !== before.name.zh || after.name.en !== before.name.en) patch.name = after.name;
  if (after.targetMin !== before.targetMin) patch.targetMin = after.targetMin;
  if (after.defaultDurationMin !== before.defaultDurationMin) patch.defaultDurationMin = after.defaultDurationMin;
  if (JSON.stringify(after.documents) !== JSON.stringify(before.documents)) patch.documents = after.documents;
  return Object.keys(patch).length > 0 ? (patch as ServicePatchBody) : null;
}

// --- counters --------------------------------------------------------------------------------------

/** A counter label's problem, or null. `others`: the branch's other counters, active or not. */
export function counterLabelProblem(label: string, others: readonly Pick<CounterSetupView, 'label'>[]): string | null {
  const problem = textProblem(label, COUNTER_LABEL_MAX);
  if (problem) return problem;
  return others.some((c) => c.label === label.trim()) ? 'setup.invalid.counterLabelTaken' : null;
}

// --- opening hours ---------------------------------------------------------------------------------

export function hoursFormOf(hours: Partial<Record<Weekday, readonly Interval[]>>): HoursForm {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, (hours[d] ?? []).map((w) => ({ ...w }))])) as HoursForm;
}

/**
 * A new interval for a day: a usual 09:00-17:00 on a closed day, else from an hour after the day's
 * last one closes (a lunch break) to 17:00, or for an hour when that is later; null when the day
 * is full or ends too late for another.
 */
export function nextInterval(day: readonly Interval[]): Interval | null {
  if (day.length >= INTERVALS_PER_DAY_MAX) return null;
  const last = [...day].sort((a, b) => (a.close < b.close ? -1 : 1)).at(-1);
  if (!last) return { open: '09:00', close: '17:00' };
  const [h, m] = last.close.split(':').map(Number) as [number, number];
  const open = h + 1;
  if (!(open <= 22)) return null;
  const hm = (x: number, min: number) => `${String(x).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
  return open < 17 ? { open: hm(open, m), close: '17:00' } : { open: hm(open, m), close: hm(open + 1, m) };
}

/** The week with `from`'s intervals on each of `to` as well (what those days had is replaced). */
export function copyDay(form: HoursForm, from: Weekday, to: readonly Weekday[]): HoursForm {
  const out = hoursFormOf(form);
  for (const d of to) if (d !== from) out[d] = form[from].map((w) => ({ ...w }));
  return out;
}

/** A whole 'HH:MM' time of day (00:00-23:59), as the server takes it. */
export const HM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Each day's problem (a dictionary key), for the days that have one. */
export function hoursErrors(hours: HoursForm): Partial<Record<Weekday, string>> {
  const out: Partial<Record<Weekday, string>> = {};
  for (const d of WEEKDAYS) {
    const day = hours[d];
    if (day.some((w) => !HM.test(w.open) || !HM.test(w.close))) out[d] = 'setup.invalid.time';
    else if (day.some((w) => w.close <= w.open)) out[d] = 'setup.invalid.closeBeforeOpen';
    else if (intervalsOverlap(day)) out[d] = 'setup.invalid.overlap';
    else if (day.length > INTERVALS_PER_DAY_MAX) out[d] = 'setup.invalid.tooManyIntervals';
  }
  return out;
}

/** The hours as the server takes them, each day in time order. */
export function hoursBody(hours: HoursForm): OpeningHoursBody {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, [...hours[d]].sort((a, b) => (a.open < b.open ? -1 : 1))])) as OpeningHoursBody;
}

// --- branches --------------------------------------------------------------------------------------

export interface BranchForm {
  code: string;
  nameZh: string;
  nameEn: string;
  timezone: string;
  /** Street address per language; '' is not set (customers then see the other language's, or none). */
  addressZh: string;
  addressEn: string;
  pilot: boolean;
}

/** An optional address line: empty is fine, else at most BRANCH_ADDRESS_MAX plain characters. */
export function addressProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (t.length > BRANCH_ADDRESS_MAX) return 'branches.invalid.addressTooLong';
  return isPlainText(t) ? null : 'setup.invalid.chars';
}

/**
 * The numbers a branch form field's problem is worded with: an address too long says the limit and
 * how many characters it has now (counted trimmed, as the server does), so the admin knows how much to cut.
 */
export function branchFieldErrorParams(form: Pick<BranchForm, 'addressZh' | 'addressEn'> & Partial<Pick<BranchForm, 'nameZh' | 'nameEn'>>, field: string): Record<string, number> {
  if (field === 'nameZh' || field === 'nameEn') return { max: BRANCH_NAME_MAX, n: (form[field] ?? '').trim().length };
  if (field !== 'addressZh' && field !== 'addressEn') return {};
  return { max: BRANCH_ADDRESS_MAX, n: form[field].trim().length };
}

/** A branch name's problem: too long says the limit and the count, as the address does. */
function branchNameProblem(text: string): string | null {
  const problem = textProblem(text, BRANCH_NAME_MAX);
  return problem === 'setup.invalid.tooLong' ? 'branches.invalid.nameTooLong' : problem;
}

export function branchFormErrors(form: BranchForm, creating: boolean, takenCodes: readonly string[]): FieldErrors {
  const out: FieldErrors = {};
  if (creating) {
    const code = form.code.trim();
    if (code === '') out.code = 'setup.invalid.required';
    else if (code.length < 2 || code.length > BRANCH_CODE_MAX || !BRANCH_CODE_PATTERN.test(code)) out.code = 'branches.invalid.code';
    else if (takenCodes.includes(code)) out.code = 'branches.invalid.codeTaken';
  }
  const zh = branchNameProblem(form.nameZh);
  if (zh) out.nameZh = zh;
  const en = branchNameProblem(form.nameEn);
  if (en) out.nameEn = en;
  if (form.timezone.trim() === '') out.timezone = 'setup.invalid.required';
  else if (!isTimeZone(form.timezone.trim())) out.timezone = 'branches.invalid.timezone';
  for (const field of ['addressZh', 'addressEn'] as const) {
    const problem = addressProblem(form[field]);
    if (problem) out[field] = problem;
  }
  return out;
}

/**
 * The code of another branch with the same Chinese or English name as the form (case and spaces
 * aside), or null. Only a warning: two branches may share a name, but a twin is more often one
 * created by mistake, which cannot be removed and would be offered to customers beside the first.
 */
export function sameNamedBranch(form: Pick<BranchForm, 'nameZh' | 'nameEn'>, branches: readonly { id: string; code: string; name: { zh: string; en: string } }[], exceptId: string | null): string | null {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const zh = norm(form.nameZh);
  const en = norm(form.nameEn);
  const twin = branches.find((b) => b.id !== exceptId && ((zh !== '' && norm(b.name.zh) === zh) || (en !== '' && norm(b.name.en) === en)));
  return twin?.code ?? null;
}

// --- refusals --------------------------------------------------------------------------------------

/**
 * The sentence for a set-up refusal from its details (never the server's English message):
 * SERVICE_IN_USE and SERVICE_CODE_IN_USE by how many wait and how many are at counters, COUNTER_IN_USE by who sits there;
 * anything else, or details that do not read right, by its code alone.
 */
export function conflictPhrase(code: string, details: Record<string, string | number | boolean> | null): Phrase | null {
  const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
  if (code === 'SERVICE_IN_USE' || code === 'SERVICE_CODE_IN_USE') {
    const key = `setup.error.${code}`;
    const waiting = count(details?.waiting);
    const held = count(details?.called) !== null && count(details?.serving) !== null ? (details!.called as number) + (details!.serving as number) : null;
    if (waiting === null || held === null || waiting + held === 0) return { key, params: {} };
    if (held === 0) return { key: `${key}.waiting${waiting === 1 ? '.one' : ''}`, params: { n: waiting } };
    if (waiting === 0) return { key: `${key}.held${held === 1 ? '.one' : ''}`, params: { n: held } };
    return { key: `${key}.mixed`, params: { waiting, held } };
  }
  if (code === 'BRANCH_IN_USE') {
    const total = count(details?.count);
    const name = typeof details?.staffName === 'string' ? details.staffName : null;
    if (total === null || total === 0) return { key: 'branches.error.BRANCH_IN_USE', params: {} };
    if (name) return total === 1 ? { key: 'branches.error.BRANCH_IN_USE.named', params: { name } } : { key: 'branches.error.BRANCH_IN_USE.namedOthers', params: { name, total } };
    return total === 1 ? { key: 'branches.error.BRANCH_IN_USE', params: {} } : { key: 'branches.error.BRANCH_IN_USE.count', params: { total } };
  }
  if (code === 'BRANCH_HAS_CUSTOMERS') {
    const waiting = count(details?.waiting);
    const held = count(details?.called) !== null && count(details?.serving) !== null ? (details!.called as number) + (details!.serving as number) : null;
    if (waiting === null || held === null) return { key: 'branches.error.BRANCH_HAS_CUSTOMERS', params: {} };
    return { key: 'branches.error.BRANCH_HAS_CUSTOMERS.counts', params: { waiting, held } };
  }
  if (code === 'COUNTER_IN_USE') {
    const label = typeof details?.counterLabel === 'string' ? details.counterLabel : null;
    const name = typeof details?.staffName === 'string' ? details.staffName : null;
    if (label === null) return { key: 'setup.error.COUNTER_IN_USE', params: {} };
    return name ? { key: 'setup.error.COUNTER_IN_USE.named', params: { label, name } } : { key: 'setup.error.COUNTER_IN_USE.label', params: { label } };
  }
  return null;
}

/** The sentence for any refusal on the set-up screens: a conflict by its details, else `<screen>.error.<code>` and the shared ones. */
export function refusalPhrase(refusal: { code: string; details: Record<string, string | number | boolean> | null }, known: (key: string) => boolean, screen: 'setup' | 'branches'): Phrase {
  return conflictPhrase(refusal.code, refusal.details) ?? { key: errorKey(refusal.code, known, screen), params: {} };
}

/** A deactivation the manager must confirm: the service's bookings (SERVICE_HAS_BOOKINGS details). */
export interface BookingsQuestion {
  serviceId: string;
  code: string;
  count: number;
  firstAt: number;
}

/** SERVICE_HAS_BOOKINGS details as a question, or null when they are not usable (then the plain refusal is shown). */
export function bookingsQuestion(service: { id: string; code: string }, details: Record<string, string | number | boolean> | null): BookingsQuestion | null {
  const count = details?.count;
  const firstAt = details?.firstAt;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || typeof firstAt !== 'number' || !Number.isFinite(firstAt)) return null;
  return { serviceId: service.id, code: service.code, count, firstAt };
}

/** "12 booked visits from Thu 3 Dec; cancel them...": the day in the branch's zone and the screen's language. */
export function bookingsQuestionPhrase(q: BookingsQuestion, timezone: string, lang: 'zh' | 'en'): Phrase {
  const date = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short' }).format(q.firstAt);
  return { key: q.count === 1 ? 'setup.bookings.body.one' : 'setup.bookings.body', params: { n: q.count, date } };
}

/**
 * What taking a branch out of service cancels, for its confirmation dialog: none, or how many
 * booked visits from which day (YYYY-MM-DD, already the branch's own) in the screen's language.
 */
export function deactivationPhrase(bookings: number, firstDate: string | null, lang: 'zh' | 'en'): Phrase {
  if (bookings === 0 || firstDate === null) return { key: 'branches.offDialog.noBookings', params: {} };
  // The day is the branch's already: formatted as a calendar date, in no zone of its own.
  const date = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(Date.parse(`${firstDate}T00:00:00Z`));
  return { key: bookings === 1 ? 'branches.offDialog.bookings.one' : 'branches.offDialog.bookings', params: { n: bookings, date } };
}

/** Branches as the admin reads the list: in service first, then those taken out of it; each by code. */
export function branchOrder<B extends { code: string; active: boolean }>(branches: readonly B[]): B[] {
  return [...branches].sort((x, y) => Number(y.active) - Number(x.active) || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
}

/**
 * The kiosk's early window in words: "from N minutes before opening", but 0 is "from opening
 * time" ("from 0 minutes before opening" reads as a mistake). `saved`: the notice after saving.
 */
export function earlyWindowPhrase(n: number, saved = false): Phrase {
  const key = saved ? 'setup.notice.earlySaved' : 'setup.early.now';
  return n === 0 ? { key: `${key}.atOpening`, params: {} } : { key, params: { n } };
}

/** The readiness items that keep a branch from going live (`missing`; warnings do not), in the check's order. */
export function unmetItems(readiness: Pick<BranchReadiness, 'items'>): ReadinessItem[] {
  return readiness.items.filter((i) => i.status === 'missing');
}
