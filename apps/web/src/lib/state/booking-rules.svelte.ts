import type { BookingSettings, BookingSettingsView, BranchInfo, Closure, Me, PunctualityView, Role, ServiceBookingRules, ServicePunctuality } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import {
  branchToday,
  closureBookingsQuestion,
  closureKey,
  draftToClosure,
  EMPTY_DRAFT,
  rebaseClosures,
  rebaseWindow,
  sameClosures,
  sameWindow,
  toWindowForm,
  validateDraft,
  validateWindow,
  WINDOW_NUMBERS,
  type ClosureBookingsQuestion,
  type ClosureDraft,
  type DraftErrors,
  type DraftField,
  type WindowErrors,
  type WindowForm,
  type WindowNumber,
} from './booking-window.js';
import { openingFailed, openManagerScreen, type ManagerLoad } from './manager-screen.js';
import { signInAgain } from './sign-in-again.js';
import { clearDraft, keepDraft, sessionDrafts, takeDraft, type DraftStorage } from './unsaved-draft.js';
import { readSettings, staleCurrent } from './stale-settings.js';
import { AUTH_CODES, codeOf } from './staff-errors.js';

/** The share a service that takes walk-ins gets back when walk-ins are switched on again (the server's default). */
export const DEFAULT_SHARE_PCT = 25;
export const SHARE_MAX_PCT = 100;
export const BUFFER_MAX_MIN = 120;

/** One service's editable rules as the form shows them: the share in whole percent. */
export interface RuleForm {
  walkIns: boolean;
  /** null while the input is empty. */
  sharePct: number | null;
  bookable: boolean;
  bufferAfterMin: number | null;
}
export type RuleField = keyof RuleForm;
/** Field -> dictionary key of the problem. */
export type FieldErrors = Partial<Record<RuleField, string>>;

/** Who may open the screen (the PUT allows these roles only). */
export function canEditBookingRules(role: Role | undefined): boolean {
  return role === 'manager' || role === 'admin';
}

/** GET rules (share in force, 0..1) -> form values. */
export function toForm(rules: ServiceBookingRules): RuleForm {
  return {
    walkIns: rules.walkIns,
    sharePct: Math.round((rules.walkInShare ?? 0) * 100),
    bookable: rules.bookable,
    bufferAfterMin: rules.bufferAfterMin,
  };
}

/**
 * The full rules to send for a service: the GET's object with the edited fields changed (a PUT
 * replaces the service's stored rules, so nothing may be left out). An untouched percentage keeps
 * the stored share exactly (0.333 is shown as 33 but stays 0.333). Expects a valid form.
 */
export function toRules(rules: ServiceBookingRules, form: RuleForm): ServiceBookingRules {
  const before = toForm(rules);
  return {
    ...rules,
    walkIns: form.walkIns,
    walkInShare: form.sharePct === null || form.sharePct === before.sharePct ? rules.walkInShare : form.sharePct / 100,
    bookable: form.bookable,
    bufferAfterMin: form.bufferAfterMin ?? rules.bufferAfterMin,
  };
}

/** Appointment only keeps nothing for walk-ins; taking walk-ins again starts from the default if the share was 0. */
export function withWalkIns(form: RuleForm, on: boolean): RuleForm {
  if (!on) return { ...form, walkIns: false, sharePct: 0 };
  return { ...form, walkIns: true, sharePct: form.sharePct ? form.sharePct : DEFAULT_SHARE_PCT };
}

const wholeIn = (v: number | null, max: number) => v !== null && Number.isInteger(v) && v >= 0 && v <= max;

/** The browser's check (the server decides): whole numbers, share 0-100, buffer 0-120 minutes. */
export function validateForm(form: RuleForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!wholeIn(form.sharePct, SHARE_MAX_PCT)) errors.sharePct = 'bookingRules.invalid.share';
  if (!wholeIn(form.bufferAfterMin, BUFFER_MAX_MIN)) errors.bufferAfterMin = 'bookingRules.invalid.buffer';
  return errors;
}

export function sameForm(a: RuleForm, b: RuleForm): boolean {
  return a.walkIns === b.walkIns && a.sharePct === b.sharePct && a.bookable === b.bookable && a.bufferAfterMin === b.bufferAfterMin;
}

/** The PUT's `services`: only the services whose form differs from what was loaded, each with its full rules. */
export function changedServices(saved: Record<string, ServiceBookingRules>, forms: Record<string, RuleForm>): Record<string, ServiceBookingRules> {
  const out: Record<string, ServiceBookingRules> = {};
  for (const [id, form] of Object.entries(forms)) {
    const rules = saved[id];
    if (rules && !sameForm(form, toForm(rules))) out[id] = toRules(rules, form);
  }
  return out;
}

/** A field where what the form holds is not what is stored now (after a STALE_SETTINGS refusal). */
export interface DifferingField {
  serviceId: string;
  field: RuleField;
  /** The value stored now, as the form shows it (share in percent). */
  stored: boolean | number | null;
}

const RULE_FIELDS: readonly RuleField[] = ['walkIns', 'sharePct', 'bookable', 'bufferAfterMin'];

/**
 * After another save came first: the forms on the rules stored now, keeping what the user typed.
 * A field the user changed (from what they had loaded, `before`) keeps their value; every other
 * field takes the stored one. `differs`: the fields where the form now says something other than
 * what is stored, with the stored value, so the screen can name them before the user saves again.
 */
export function rebaseForms(
  before: Record<string, ServiceBookingRules>,
  forms: Record<string, RuleForm>,
  current: Record<string, ServiceBookingRules>,
): { forms: Record<string, RuleForm>; differs: DifferingField[] } {
  const out: Record<string, RuleForm> = {};
  const differs: DifferingField[] = [];
  for (const [id, rules] of Object.entries(current)) {
    const stored = toForm(rules);
    const loaded = before[id] ? toForm(before[id]) : stored;
    const typed = forms[id] ?? loaded;
    const form = { ...stored };
    for (const field of RULE_FIELDS) {
      if (typed[field] === loaded[field]) continue;
      (form as Record<RuleField, unknown>)[field] = typed[field];
      if (typed[field] !== stored[field]) differs.push({ serviceId: id, field, stored: stored[field] });
    }
    out[id] = form;
  }
  return { forms: out, differs };
}

/**
 * The branch setting after another save came first: what the user switched keeps their choice,
 * else the stored one; `differs` when the screen now says other than what is stored.
 */
export function rebaseSetting(loaded: boolean, typed: boolean, stored: boolean): { value: boolean; differs: boolean } {
  const value = typed === loaded ? stored : typed;
  return { value, differs: value !== stored };
}

/** The branch's switches for confirming a booking's contact by a code: one per channel. */
export const VERIFY_SETTINGS = ['verifyPhone', 'verifyEmail'] as const;
export type VerifySetting = (typeof VERIFY_SETTINGS)[number];
export type VerifySwitches = Record<VerifySetting, boolean>;
const verifySwitches = (s: { verifyPhone?: boolean; verifyEmail?: boolean } | null | undefined): VerifySwitches => ({ verifyPhone: s?.verifyPhone ?? false, verifyEmail: s?.verifyEmail ?? false });

// --- unsaved changes kept over an ended session -----------------------------------------------

/** The screen's name in its drafts' keys. */
export const BOOKING_RULES_SCREEN = 'booking-rules';

/**
 * What the manager had on the screen when a save met an ended session: the forms as typed, and
 * what they were typed against (the rules, settings and version then loaded), so that saving the
 * restored draft after a colleague's save is refused with STALE_SETTINGS and rebased like any
 * other late save, never silently overwriting it.
 */
export interface BookingRulesDraft {
  version: number | null;
  saved: Record<string, ServiceBookingRules>;
  savedSettings: BookingSettings;
  forms: Record<string, RuleForm>;
  verifyPhone: boolean;
  /** Absent in a draft kept by a build before e-mail checks: off, as stored then. */
  verifyEmail?: boolean;
  window: WindowForm | null;
  closures: Closure[];
  closureDraft: ClosureDraft;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const numberOrNull = (v: unknown) => v === null || typeof v === 'number';
const isRuleForm = (v: unknown) =>
  isRecord(v) && typeof v.walkIns === 'boolean' && typeof v.bookable === 'boolean' && numberOrNull(v.sharePct) && numberOrNull(v.bufferAfterMin);

/** The shape check of a stored draft (it may come from an older build of this screen). */
export function isBookingRulesDraft(v: unknown): v is BookingRulesDraft {
  if (!isRecord(v) || !numberOrNull(v.version) || !isRecord(v.saved) || !isRecord(v.savedSettings) || !isRecord(v.forms)) return false;
  if (typeof v.verifyPhone !== 'boolean' || (v.verifyEmail !== undefined && typeof v.verifyEmail !== 'boolean') || !Array.isArray(v.closures) || !isRecord(v.closureDraft)) return false;
  if (v.window !== null && !(isRecord(v.window) && typeof v.window.remoteQueue === 'boolean' && WINDOW_NUMBERS.every((f) => numberOrNull((v.window as Record<string, unknown>)[f])))) return false;
  return Object.values(v.forms).every(isRuleForm) && Object.keys(v.forms).every((id) => isRecord((v.saved as Record<string, unknown>)[id]));
}

/** Whether the add-a-closure form holds something typed but not yet added. */
export function closureDraftTyped(draft: ClosureDraft): boolean {
  return (Object.keys(EMPTY_DRAFT) as (keyof ClosureDraft)[]).some((k) => k !== 'kind' && draft[k] !== EMPTY_DRAFT[k]);
}

const FIELD_OF: Record<string, RuleField> = { walkInShare: 'sharePct', bufferAfterMin: 'bufferAfterMin', walkIns: 'walkIns', bookable: 'bookable' };
const KEY_OF: Record<RuleField, string> = {
  sharePct: 'bookingRules.invalid.share',
  bufferAfterMin: 'bookingRules.invalid.buffer',
  // Only SERVICE_UNREACHABLE names these: the service takes neither walk-ins nor bookings.
  walkIns: 'bookingRules.invalid.unreachable',
  bookable: 'bookingRules.invalid.unreachable',
};

/** VALIDATION_FAILED issues (`services.<id>.walkInShare`) -> the fields they are about, per service. */
export function issuesByService(issues: readonly { path: string }[]): Record<string, FieldErrors> {
  const out: Record<string, FieldErrors> = {};
  for (const { path } of issues) {
    const [root, id, name] = path.split('.');
    const field = name ? FIELD_OF[name] : undefined;
    if (root !== 'services' || !id || !field) continue;
    (out[id] ??= {})[field] = KEY_OF[field];
  }
  return out;
}

/** VALIDATION_FAILED issues on the branch settings (`settings.slotStepMin`) -> the booking window fields. */
export function windowIssues(issues: readonly { path: string }[]): WindowErrors {
  const out: WindowErrors = {};
  for (const { path } of issues) {
    const [root, name] = path.split('.');
    if (root === 'settings' && (WINDOW_NUMBERS as string[]).includes(name ?? '')) out[name as WindowNumber] = `bookingWindow.invalid.${name}`;
  }
  return out;
}

// --- punctuality ---------------------------------------------------------------------------------

/** The window the screen shows: the branch's last this many business days. */
export const PUNCTUALITY_DAYS = 28;
/** Below this many booked customers a miss of the goal gets no advice: a few late calls are chance. */
export const ADVICE_MIN_APPOINTMENTS = 10;
/**
 * The shares kept for walk-ins that the simulator's booking what-if tries in turn for a service
 * that misses the goal (then buffers at 50%), in percent: the advice names the next one.
 */
export const SHARE_STEPS_PCT: readonly number[] = [25, 34, 50];

/** A dictionary key and the values it needs. */
export interface Phrase {
  key: string;
  params: Record<string, number>;
}

export interface PunctualityText {
  /** 'unknown': could not be read; 'none': no booked customers in the window. */
  status: 'meets' | 'below' | 'none' | 'unknown';
  line: Phrase;
  /** What to change, when the service misses the goal with enough booked customers to tell. */
  advice: Phrase | null;
}

/** Share called on time in whole percent, rounded down (94.9% is not shown as the 95% goal). */
export function punctualityPct(p: ServicePunctuality): number {
  return Math.floor((p.onTime * 100) / p.appointments);
}

/** On time at least `goal` of the time (95% exactly meets a 95% goal). */
export function meetsGoal(p: ServicePunctuality, goal: number): boolean {
  return p.onTime / p.appointments >= goal;
}

/** The next share the simulator would try above `sharePct`, or null when none is larger. */
export function nextSharePct(sharePct: number): number | null {
  return SHARE_STEPS_PCT.find((s) => s > sharePct) ?? null;
}

/**
 * The punctuality line of one service and, when it misses the goal over at least
 * ADVICE_MIN_APPOINTMENTS booked customers, the advice: keep more staff for walk-ins (the next
 * share step), then add a buffer; a service by appointment only, or already at the largest
 * step, is advised the buffer. `view` null: punctuality could not be read.
 */
export function punctualityText(view: PunctualityView | null, serviceId: string, rules: Pick<ServiceBookingRules, 'walkIns' | 'walkInShare'>): PunctualityText {
  if (!view) return { status: 'unknown', line: { key: 'bookingRules.punctuality.unavailable', params: {} }, advice: null };
  const p = view.services[serviceId];
  if (!p || p.appointments === 0) return { status: 'none', line: { key: 'bookingRules.punctuality.none', params: { days: view.days } }, advice: null };
  const line = { key: 'bookingRules.punctuality.line', params: { days: view.days, pct: punctualityPct(p), n: p.appointments } };
  if (meetsGoal(p, view.goal)) return { status: 'meets', line, advice: null };
  if (p.appointments < ADVICE_MIN_APPOINTMENTS) return { status: 'below', line, advice: null };
  const goal = Math.round(view.goal * 100);
  const share = rules.walkIns ? nextSharePct(Math.round((rules.walkInShare ?? 0) * 100)) : null;
  const advice: Phrase = share === null ? { key: 'bookingRules.punctuality.adviceBuffer', params: { goal } } : { key: 'bookingRules.punctuality.adviceShare', params: { goal, share } };
  return { status: 'below', line, advice };
}

/**
 * The booking rules screen (/staff/booking): loads who I am, the branch's services and their
 * rules; keeps one form per service; saves only the services changed, then shows the server's
 * answer. Errors and notices are codes / dictionary keys, translated by the page.
 */
export class BookingRulesEditor {
  load = $state<ManagerLoad>('loading');
  me = $state<Me | null>(null);
  branch = $state<BranchInfo | null>(null);
  /** The rules as last loaded or saved (share in force). */
  saved = $state<Record<string, ServiceBookingRules>>({});
  forms = $state<Record<string, RuleForm>>({});
  errors = $state<Record<string, FieldErrors>>({});
  busy = $state(false);
  /** Every branch, for an admin (no branch of their own) to choose from; empty for a manager. */
  branches = $state<{ id: string; name: BranchInfo['name'] }[]>([]);
  /** Booked customers called on time per service; null when it could not be read (the rules still show). */
  punctuality = $state<PunctualityView | null>(null);
  /** The last save's refusal code (VALIDATION_FAILED for the browser's own check too). */
  error = $state<string | null>(null);
  notice = $state<'saved' | 'nothing' | null>(null);
  /** The version of the rules the forms started from; sent with a save (STALE_SETTINGS when another came first). */
  version = $state<number | null>(null);
  /** After STALE_SETTINGS: the fields where the form (what the user typed) differs from what is stored now. */
  differs = $state<DifferingField[]>([]);
  /** The branch's settings as last loaded or saved; a save that changes a switch sends them whole with it. */
  savedSettings = $state<BookingSettings | null>(null);
  /** Bookings with a phone number need a texted code, with an e-mail address a mailed one (the branch settings, as the form shows them). */
  verify = $state<VerifySwitches>(verifySwitches(null));
  /** After STALE_SETTINGS: the stored value of each switch where the form says otherwise. */
  verifyStored = $state<Partial<VerifySwitches>>({});

  /** The booking window as the form shows it; null until loaded. */
  window = $state<WindowForm | null>(null);
  windowErrors = $state<WindowErrors>({});
  /** After STALE_SETTINGS: the booking window fields where the form differs from what is stored now. */
  windowDiffers = $state<(WindowNumber | 'remoteQueue')[]>([]);
  /** The closures the next save sends: the stored ones with the manager's additions and removals. */
  closures = $state<Closure[]>([]);
  /** The add-a-closure form and its problems (checked when adding). */
  draft = $state<ClosureDraft>({ ...EMPTY_DRAFT });
  draftErrors = $state<DraftErrors>({});
  /** The closure just added or removed, for the page to move focus and announce it. */
  lastClosureChange = $state<{ kind: 'added' | 'removed'; key: string } | null>(null);
  /** Epoch ms of "now" (tests set it); the closures' "today" is in the branch's time zone. */
  now: () => number = () => Date.now();
  /**
   * After CLOSURE_HAS_BOOKINGS: the bookings the closures added would cancel, per closure (its
   * row in this screen's list), for the page to ask before saving again with `cancelBookings`.
   */
  closureBookings = $state<ClosureBookingsQuestion | null>(null);
  /** How many bookings the last save cancelled (confirmed in the question); null when none. */
  cancelledBookings = $state<number | null>(null);
  /** The forms are a draft kept when the session ended, restored after signing in again (the page says so). */
  restored = $state(false);
  /** The screen has handed over to sign-in (its changes kept as a draft, or lost with the account): leaving is no loss to warn of. */
  handedOver = $state(false);
  /** Where drafts are kept (tests give their own); null: nowhere, the changes are lost with the session. */
  drafts: DraftStorage | null = sessionDrafts();

  /** The services that have rules, in the branch's order. */
  services = $derived(this.branch ? this.branch.services.filter((s) => s.id in this.saved) : []);
  dirty = $derived(Object.keys(changedServices(this.saved, this.forms)).length > 0 || this.settingsChanged);
  /** Leaving now would lose something: a change not saved, or a closure typed but not added. */
  unsaved = $derived(!this.handedOver && (this.dirty || closureDraftTyped(this.draft)));
  /** The branch settings to send: only when the toggle differs from what is stored (a PUT replaces them whole). */
  private get settingsChanged(): boolean {
    const s = this.savedSettings;
    if (s === null) return false;
    const stored = verifySwitches(s);
    return VERIFY_SETTINGS.some((k) => stored[k] !== this.verify[k]) || (this.window !== null && !sameWindow(this.window, toWindowForm(s))) || !sameClosures(this.closures, s.closures ?? []);
  }

  private get windowChanged(): boolean {
    return this.savedSettings !== null && this.window !== null && !sameWindow(this.window, toWindowForm(this.savedSettings));
  }

  /** Today in the branch's time zone: closures before it are past. */
  today(): string {
    return branchToday(this.branch?.timezone ?? 'Asia/Shanghai', this.now());
  }

  /** A booking window number input's text: '' is empty (null); the problem shows at once. */
  setWindowNumber(field: WindowNumber, text: string): void {
    if (!this.window) return;
    const empty = text.trim() === '';
    const value = empty ? null : Number(text);
    this.window = { ...this.window, [field]: value === null || Number.isNaN(value) ? null : value };
    this.windowErrors = { ...this.windowErrors, [field]: empty ? undefined : validateWindow(this.window)[field] };
    this.notice = null;
  }

  setRemoteQueue(on: boolean): void {
    if (this.window) this.window = { ...this.window, remoteQueue: on };
    this.notice = null;
  }

  setDraft(field: DraftField, value: string): void {
    this.draft = { ...this.draft, [field]: value };
    // A problem already shown is re-checked as the manager corrects it.
    if (this.draftErrors[field]) this.draftErrors = validateDraft(this.draft, this.closures, this.today(), this.timeZone, this.now());
  }

  /** Whole days or part of one day: the other kind's problems no longer apply. */
  setDraftKind(kind: ClosureDraft['kind']): void {
    this.draft = { ...this.draft, kind };
    this.draftErrors = {};
  }

  /** The branch's time zone: closures' days and times are in it, whatever the browser's. */
  get timeZone(): string {
    return this.branch?.timezone ?? 'Asia/Shanghai';
  }

  /** Adds the draft to the closures the next save sends; false (with the problems) when it is not valid. */
  addClosure(): boolean {
    const errors = validateDraft(this.draft, this.closures, this.today(), this.timeZone, this.now());
    this.draftErrors = errors;
    if (Object.keys(errors).length > 0) return false;
    const c = draftToClosure(this.draft, this.timeZone);
    this.closures = [...this.closures, c];
    // The next one is likely of the same kind (several afternoons).
    this.draft = { ...EMPTY_DRAFT, kind: this.draft.kind };
    this.lastClosureChange = { kind: 'added', key: closureKey(c) };
    this.notice = null;
    return true;
  }

  /** "Cancel them and save": saves again, confirming the bookings the question named cancelled. */
  async confirmCancelBookings(): Promise<boolean> {
    const count = this.closureBookings?.count ?? null;
    const saved = await this.save(true);
    if (saved) this.cancelledBookings = count;
    return saved;
  }

  /** "Go back": nothing saved, nothing cancelled; the form stays as typed, the refusal still shown. */
  dismissClosureBookings(): void {
    this.closureBookings = null;
  }

  /** Drops a closure (by `closureKey`) from what the next save sends. */
  removeClosure(key: string): void {
    this.closures = this.closures.filter((c) => closureKey(c) !== key);
    this.lastClosureChange = { kind: 'removed', key };
    this.notice = null;
  }

  /** `branchId`: an admin (no branch of their own) may name one; else the first branch. */
  async start(branchId: string | null = null): Promise<void> {
    this.load = 'loading';
    try {
      const opened = await openManagerScreen<{ id: string; name: BranchInfo['name'] }>(canEditBookingRules, branchId);
      this.me = opened.me;
      this.branches = opened.branches;
      if ('load' in opened) {
        this.load = opened.load;
        return;
      }
      const id = opened.branchId;
      const [branch, view, punctuality] = await Promise.all([
        api<BranchInfo>('GET', `/api/v1/branches/${encodeURIComponent(id)}`),
        api<BookingSettingsView>('GET', `/api/v1/branches/${encodeURIComponent(id)}/booking/settings`),
        // Only shown beside the rules: failing to read it must not keep the manager from them.
        api<PunctualityView>('GET', `/api/v1/branches/${encodeURIComponent(id)}/booking/punctuality?days=${PUNCTUALITY_DAYS}`).catch(() => null),
      ]);
      this.branch = branch;
      this.punctuality = punctuality;
      this.apply(view);
      this.restoreDraft();
      this.load = 'ready';
    } catch (err) {
      this.load = (await openingFailed(err)) ?? this.load;
    }
  }

  /** The service's punctuality line and advice, from the rules in force (as saved). */
  punctualityOf(serviceId: string): PunctualityText {
    return punctualityText(this.punctuality, serviceId, this.saved[serviceId] ?? { walkIns: true });
  }

  setWalkIns(serviceId: string, on: boolean): void {
    const form = this.forms[serviceId];
    if (!form) return;
    this.edit(serviceId, withWalkIns(form, on));
    // The share was just set by the rule: a complaint about the old value no longer applies.
    this.errors[serviceId] = { ...this.errors[serviceId], sharePct: validateForm(this.forms[serviceId]!).sharePct };
    this.reachable(serviceId);
  }

  setBookable(serviceId: string, on: boolean): void {
    const form = this.forms[serviceId];
    if (form) this.edit(serviceId, { ...form, bookable: on });
    this.reachable(serviceId);
  }

  /** Walk-ins or bookings on again: "takes neither" (SERVICE_UNREACHABLE) no longer applies. */
  private reachable(serviceId: string): void {
    const form = this.forms[serviceId];
    if (!form || !(form.walkIns || form.bookable) || !this.errors[serviceId]) return;
    this.errors[serviceId] = { ...this.errors[serviceId], walkIns: undefined, bookable: undefined };
  }

  setVerify(setting: VerifySetting, on: boolean): void {
    this.verify = { ...this.verify, [setting]: on };
    this.notice = null;
  }

  /** A number input's text: '' is "empty" (null); the problem, if any, shows at once. */
  setNumber(serviceId: string, field: 'sharePct' | 'bufferAfterMin', text: string): void {
    const form = this.forms[serviceId];
    if (!form) return;
    const empty = text.trim() === '';
    const value = empty ? null : Number(text);
    this.edit(serviceId, { ...form, [field]: value === null || Number.isNaN(value) ? null : value });
    // An emptied input is not scolded while typing; saving still refuses it.
    const problem = empty ? undefined : validateForm(this.forms[serviceId]!)[field];
    this.errors[serviceId] = { ...this.errors[serviceId], [field]: problem };
  }

  /** Checks every form, then sends the changed services. Resolves true when saved (or nothing to save). */
  async save(cancelBookings = false): Promise<boolean> {
    if (this.busy || !this.branch) return false;
    this.closureBookings = null;
    this.cancelledBookings = null;
    this.error = null;
    this.notice = null;
    this.differs = [];
    this.windowDiffers = [];
    this.verifyStored = {};
    const errors: Record<string, FieldErrors> = {};
    for (const [id, form] of Object.entries(this.forms)) {
      const e = validateForm(form);
      if (Object.keys(e).length) errors[id] = e;
    }
    this.errors = errors;
    // Only a window the manager changed is checked: the stored one is the server's own.
    this.windowErrors = this.windowChanged ? validateWindow(this.window!) : {};
    if (Object.keys(errors).length || Object.keys(this.windowErrors).length) {
      this.error = 'VALIDATION_FAILED';
      return false;
    }
    const services = changedServices(this.saved, this.forms);
    const settings = this.settingsChanged && this.savedSettings ? { settings: this.settingsToSend(this.savedSettings) } : {};
    if (Object.keys(services).length === 0 && !('settings' in settings)) {
      this.notice = 'nothing';
      return true;
    }
    this.busy = true;
    try {
      if (this.version === null) {
        // No version to save against (a draft kept without one): the server would refuse the save.
        // What is stored now comes beside what was typed, as after a colleague's save.
        this.rebase(await readSettings(this.branch.id));
        this.error = 'STALE_SETTINGS';
        return false;
      }
      const body = { version: this.version, services, ...settings, ...(cancelBookings ? { cancelBookings: true } : {}) };
      this.apply(await api<BookingSettingsView>('PUT', `/api/v1/branches/${encodeURIComponent(this.branch.id)}/booking/settings`, body));
      this.notice = 'saved';
      this.restored = false;
      clearDraft(this.drafts, { screen: BOOKING_RULES_SCREEN, branchId: this.branch.id });
      return true;
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) {
        // The session ended while the manager was editing: keep what they typed for after signing in again.
        const kept = code === 'SESSION_EXPIRED' || code === 'UNAUTHENTICATED' ? this.keepDraft() : false;
        this.handedOver = true;
        await signInAgain(code, kept ? this.address() : null);
        return false;
      }
      this.error = code;
      const issues = err instanceof ApiFailure ? (err.issues ?? []) : [];
      this.errors = issuesByService(issues);
      this.windowErrors = windowIssues(issues);
      const current = staleCurrent(err);
      if (current) this.rebase(current);
      this.closureBookings = closureBookingsQuestion(err, this.closures, this.timeZone);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** This screen's address for the branch shown (an admin's choice of branch goes along). */
  address(): string {
    return this.branch ? `/staff/booking?branch=${encodeURIComponent(this.branch.id)}` : '/staff/booking';
  }

  /** Keeps the forms as a draft for this branch and staff member; false when there is nothing to keep or nowhere to keep it. */
  private keepDraft(): boolean {
    if (!this.branch || !this.me || !this.savedSettings) return false;
    const draft: BookingRulesDraft = {
      version: this.version,
      saved: this.saved,
      savedSettings: this.savedSettings,
      forms: this.forms,
      ...this.verify,
      window: this.window,
      closures: this.closures,
      closureDraft: this.draft,
    };
    return keepDraft(this.drafts, { screen: BOOKING_RULES_SCREEN, branchId: this.branch.id, userId: this.me.userId }, $state.snapshot(draft), this.now());
  }

  /** Just loaded: a draft kept for this branch and staff member when their session ended comes back on the form. */
  private restoreDraft(): void {
    if (!this.branch || !this.me) return;
    const d = takeDraft(this.drafts, { screen: BOOKING_RULES_SCREEN, branchId: this.branch.id, userId: this.me.userId }, this.now(), isBookingRulesDraft);
    if (!d) return;
    // Each service keeps the rules loaded with the draft; one that has gone since is dropped, one added since is as loaded.
    const here = ([id]: [string, unknown]) => id in this.saved;
    const forms = Object.fromEntries(Object.entries(d.forms).filter(here));
    this.version = d.version;
    this.saved = { ...this.saved, ...Object.fromEntries(Object.entries(d.saved).filter(here)) };
    this.savedSettings = d.savedSettings;
    this.forms = { ...this.forms, ...forms };
    this.verify = verifySwitches(d);
    this.window = d.window;
    this.closures = d.closures;
    this.draft = d.closureDraft;
    this.restored = true;
  }

  /** The branch settings whole (a PUT replaces them): as stored, with the form's changes. */
  private settingsToSend(stored: BookingSettings): BookingSettings {
    const w = this.windowChanged ? this.window : null;
    const numbers = w ? Object.fromEntries(WINDOW_NUMBERS.map((f) => [f, w[f]])) : {};
    const closures = sameClosures(this.closures, stored.closures ?? []) ? {} : { closures: this.closures };
    return { ...stored, ...this.verify, ...numbers, ...(w ? { remoteQueue: w.remoteQueue } : {}), ...closures };
  }

  private edit(serviceId: string, form: RuleForm): void {
    this.forms[serviceId] = form;
    this.notice = null;
  }

  /** Another save came first: show what is stored now, keeping what the user typed (`rebaseForms`). */
  private rebase(current: BookingSettingsView): void {
    const { forms, differs } = rebaseForms(this.saved, this.forms, current.services);
    const loaded = verifySwitches(this.savedSettings);
    const now = verifySwitches(current.settings);
    const switches = VERIFY_SETTINGS.map((k) => [k, rebaseSetting(loaded[k], this.verify[k], now[k])] as const);
    const stored = toWindowForm(current.settings);
    const win = this.savedSettings && this.window ? rebaseWindow(toWindowForm(this.savedSettings), this.window, stored) : { form: stored, differs: [] };
    this.window = win.form;
    this.windowDiffers = win.differs;
    this.closures = rebaseClosures(this.savedSettings?.closures ?? [], this.closures, current.settings.closures);
    this.savedSettings = current.settings;
    this.verify = Object.fromEntries(switches.map(([k, r]) => [k, r.value])) as VerifySwitches;
    this.verifyStored = Object.fromEntries(switches.filter(([, r]) => r.differs).map(([k, r]) => [k, !r.value]));
    this.saved = current.services;
    this.version = current.version;
    this.forms = forms;
    this.differs = differs;
  }

  private apply(view: BookingSettingsView): void {
    this.version = view.version;
    this.savedSettings = view.settings;
    this.verify = verifySwitches(view.settings);
    this.verifyStored = {};
    this.window = toWindowForm(view.settings);
    this.windowErrors = {};
    this.windowDiffers = [];
    this.closures = view.settings.closures ?? [];
    this.saved = view.services;
    this.forms = Object.fromEntries(Object.entries(view.services).map(([id, rules]) => [id, toForm(rules)]));
    this.errors = {};
  }
}
