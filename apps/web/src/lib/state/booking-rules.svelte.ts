import { goto } from '$app/navigation';
import type { BookingSettingsView, BranchInfo, Me, Role, ServiceBookingRules } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
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

const FIELD_OF: Record<string, RuleField> = { walkInShare: 'sharePct', bufferAfterMin: 'bufferAfterMin', walkIns: 'walkIns', bookable: 'bookable' };
const KEY_OF: Record<RuleField, string> = {
  sharePct: 'bookingRules.invalid.share',
  bufferAfterMin: 'bookingRules.invalid.buffer',
  walkIns: 'bookingRules.invalid.value',
  bookable: 'bookingRules.invalid.value',
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

/** Back to sign-in (as the staff panel does), saying so when the session expired. */
function toLogin(code: string): Promise<void> {
  return goto(`/staff/login${code === 'SESSION_EXPIRED' ? '?expired=1' : ''}`, { replaceState: true });
}

/**
 * The booking rules screen (/staff/booking): loads who I am, the branch's services and their
 * rules; keeps one form per service; saves only the services changed, then shows the server's
 * answer. Errors and notices are codes / dictionary keys, translated by the page.
 */
export class BookingRulesEditor {
  load = $state<'loading' | 'ready' | 'forbidden' | 'no-branch' | 'error'>('loading');
  me = $state<Me | null>(null);
  branch = $state<BranchInfo | null>(null);
  /** The rules as last loaded or saved (share in force). */
  saved = $state<Record<string, ServiceBookingRules>>({});
  forms = $state<Record<string, RuleForm>>({});
  errors = $state<Record<string, FieldErrors>>({});
  busy = $state(false);
  /** The last save's refusal code (VALIDATION_FAILED for the browser's own check too). */
  error = $state<string | null>(null);
  notice = $state<'saved' | 'nothing' | null>(null);

  /** The services that have rules, in the branch's order. */
  services = $derived(this.branch ? this.branch.services.filter((s) => s.id in this.saved) : []);
  dirty = $derived(Object.keys(changedServices(this.saved, this.forms)).length > 0);

  /** `branchId`: an admin (no branch of their own) may name one; else the first branch. */
  async start(branchId: string | null = null): Promise<void> {
    this.load = 'loading';
    try {
      this.me = await api<Me>('GET', '/api/v1/auth/me');
      if (!canEditBookingRules(this.me.role)) {
        this.load = 'forbidden';
        return;
      }
      const id = this.me.branchId ?? branchId ?? (await api<{ id: string }[]>('GET', '/api/v1/branches'))[0]?.id;
      if (!id) {
        this.load = 'no-branch';
        return;
      }
      const [branch, view] = await Promise.all([
        api<BranchInfo>('GET', `/api/v1/branches/${encodeURIComponent(id)}`),
        api<BookingSettingsView>('GET', `/api/v1/branches/${encodeURIComponent(id)}/booking/settings`),
      ]);
      this.branch = branch;
      this.apply(view);
      this.load = 'ready';
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) await toLogin(code);
      else this.load = code === 'FORBIDDEN' ? 'forbidden' : 'error';
    }
  }

  setWalkIns(serviceId: string, on: boolean): void {
    const form = this.forms[serviceId];
    if (!form) return;
    this.edit(serviceId, withWalkIns(form, on));
    // The share was just set by the rule: a complaint about the old value no longer applies.
    this.errors[serviceId] = { ...this.errors[serviceId], sharePct: validateForm(this.forms[serviceId]!).sharePct };
  }

  setBookable(serviceId: string, on: boolean): void {
    const form = this.forms[serviceId];
    if (form) this.edit(serviceId, { ...form, bookable: on });
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
  async save(): Promise<boolean> {
    if (this.busy || !this.branch) return false;
    this.error = null;
    this.notice = null;
    const errors: Record<string, FieldErrors> = {};
    for (const [id, form] of Object.entries(this.forms)) {
      const e = validateForm(form);
      if (Object.keys(e).length) errors[id] = e;
    }
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.error = 'VALIDATION_FAILED';
      return false;
    }
    const services = changedServices(this.saved, this.forms);
    if (Object.keys(services).length === 0) {
      this.notice = 'nothing';
      return true;
    }
    this.busy = true;
    try {
      this.apply(await api<BookingSettingsView>('PUT', `/api/v1/branches/${encodeURIComponent(this.branch.id)}/booking/settings`, { services }));
      this.notice = 'saved';
      return true;
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) {
        await toLogin(code);
        return false;
      }
      this.error = code;
      this.errors = issuesByService(err instanceof ApiFailure ? (err.issues ?? []) : []);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private edit(serviceId: string, form: RuleForm): void {
    this.forms[serviceId] = form;
    this.notice = null;
  }

  private apply(view: BookingSettingsView): void {
    this.saved = view.services;
    this.forms = Object.fromEntries(Object.entries(view.services).map(([id, rules]) => [id, toForm(rules)]));
    this.errors = {};
  }
}
