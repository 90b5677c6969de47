import type { BookingSettingsView, BranchListItem, BranchSetupView, CounterSetupView, Me, OpeningHoursBody, OpeningHoursUpdateBody, ServiceSetupView } from '@tellerline/contracts';
import { staleBranch } from './branch-edit.js';
import { readSettings, staleCurrent } from './stale-settings.js';
import { api } from '$lib/api.js';
import { HoursEditor } from './hours-editor.svelte.js';
import { managerRequest, openingFailed, openManagerScreen, type ManagerLoad, type Refusal } from './manager-screen.js';
import {
  bookingsQuestion,
  canSetUp,
  counterLabelProblem,
  emptyServiceForm,
  newServiceBody,
  serviceFormErrors,
  serviceFormOf,
  servicePatch,
  type BookingsQuestion,
  type FieldErrors,
  type ServiceForm,
} from './setup-logic.js';

type BranchChoice = { id: string; code: string; name: BranchListItem['name'] };

/** Where a refusal is shown: in the service dialog, beside the services or counters, or under the hours. */
export type SetupArea = 'dialog' | 'services' | 'counters' | 'hours' | 'early';

/** What the screen last did, for the live region: a dictionary key under `setup.notice.` and its values. */
export type SetupNotice = { key: string; params: Record<string, string> };

/** Server field paths (VALIDATION_FAILED issues) -> the service form's fields. */
const SERVICE_FIELDS: [RegExp, keyof ServiceForm][] = [
  [/^code/, 'code'],
  [/^name\.zh/, 'nameZh'],
  [/^name\.en/, 'nameEn'],
  [/^targetMin/, 'targetMin'],
  [/^defaultDurationMin/, 'defaultDurationMin'],
  [/^documents\.zh/, 'documentsZh'],
  [/^documents\.en/, 'documentsEn'],
];

/**
 * The set-up screen (/staff/setup): a manager's branch, or for an admin the branch chosen; its
 * services (add and edit in a dialog, deactivate and reactivate), counters (add, rename,
 * deactivate, reactivate) and weekly opening hours. Each change is sent at once and the screen
 * shows the server's answer; refusals are codes (with their details) translated by the page.
 */
export class SetupScreen {
  load = $state<ManagerLoad>('loading');
  me = $state<Me | null>(null);
  /** Every branch, for an admin to choose from; empty for a manager. */
  branches = $state<BranchChoice[]>([]);
  setup = $state<BranchSetupView | null>(null);
  busy = $state(false);
  /** The last refusal and where it belongs. */
  error = $state<(Refusal & { area: SetupArea }) | null>(null);
  notice = $state<SetupNotice | null>(null);
  /** A deactivation waiting for the manager's answer: the service's bookings (SERVICE_HAS_BOOKINGS). */
  question = $state<BookingsQuestion | null>(null);

  /** The add / edit service dialog: open while set (`id` null: a new service). */
  dialog = $state<{ id: string | null } | null>(null);
  form = $state<ServiceForm>(emptyServiceForm());
  formErrors = $state<FieldErrors>({});

  /** The add counter field, and the counter being renamed. */
  newLabel = $state('');
  newLabelError = $state<string | null>(null);
  renaming = $state<{ id: string; label: string; error: string | null } | null>(null);

  hours = new HoursEditor();

  /**
   * The kiosk's early window (`walkInEarlyMin`, a booking setting): walk-in tickets from this many
   * minutes before each opening. `earlyMin` is the field's text; `savedEarlyMin` what is stored
   * (null: not read, the field is not shown).
   */
  earlyMin = $state('');
  savedEarlyMin = $state<number | null>(null);
  earlyError = $state<string | null>(null);

  /** The service dialog's form as it opened: a look is not a change. */
  private formOpened: ServiceForm | null = null;

  /**
   * Leaving now would lose something typed and not sent: the service dialog changed, a counter
   * name being added or renamed, opening hours edited, the early window changed.
   */
  get unsaved(): boolean {
    if (!this.setup) return false;
    const start = this.formOpened;
    const dialogChanged = this.dialog !== null && start !== null && (Object.keys(start) as (keyof ServiceForm)[]).some((k) => this.form[k] !== start[k]);
    const r = this.renaming;
    const renameChanged = r !== null && r.label.trim() !== (this.setup.counters.find((c) => c.id === r.id)?.label ?? '');
    const earlyChanged = this.savedEarlyMin !== null && this.earlyMin.trim() !== String(this.savedEarlyMin);
    return dialogChanged || renameChanged || earlyChanged || this.hours.dirty || this.newLabel.trim() !== '';
  }

  private branchPath = (rest: string) => `/api/v1/branches/${encodeURIComponent(this.setup!.branch.id)}${rest}`;

  /** Where to give staff a new service's skill: the team screen of this branch, after a service was added. */
  get teamLink(): string | null {
    return this.notice?.key === 'serviceAddedNoStaff' && this.setup ? `/staff/team?branch=${encodeURIComponent(this.setup.branch.id)}` : null;
  }

  /** `branchId`: an admin may name one (else the first branch). */
  async start(branchId: string | null = null): Promise<void> {
    this.load = 'loading';
    this.error = null;
    this.notice = null;
    this.dialog = null;
    try {
      const opened = await openManagerScreen<BranchChoice>(canSetUp, branchId);
      this.me = opened.me;
      this.branches = opened.branches;
      if ('load' in opened) {
        this.load = opened.load;
        return;
      }
      this.show(await api<BranchSetupView>('GET', `/api/v1/branches/${encodeURIComponent(opened.branchId)}/setup`));
      await this.readEarly();
      this.load = 'ready';
    } catch (err) {
      this.load = (await openingFailed(err)) ?? this.load;
    }
  }

  // --- services ----------------------------------------------------------------------------------

  openService(service: ServiceSetupView | null): void {
    this.dialog = { id: service?.id ?? null };
    this.form = service ? serviceFormOf(service) : emptyServiceForm();
    this.formOpened = { ...this.form };
    this.formErrors = {};
    this.error = null;
  }

  closeService(): void {
    this.dialog = null;
  }

  setField(field: keyof ServiceForm, value: string): void {
    this.form = { ...this.form, [field]: value };
    // A field already marked follows the text; others wait for saving.
    if (this.formErrors[field]) {
      const problem = serviceFormErrors(this.form, this.otherServices())[field];
      const { [field]: _, ...rest } = this.formErrors;
      this.formErrors = problem ? { ...rest, [field]: problem } : rest;
    }
  }

  /** Checks and sends the dialog. Resolves true when saved (the dialog then closes). */
  async saveService(): Promise<boolean> {
    if (this.busy || !this.setup || !this.dialog) return false;
    this.formErrors = serviceFormErrors(this.form, this.otherServices());
    if (Object.keys(this.formErrors).length > 0) {
      this.error = { area: 'dialog', code: 'VALIDATION_FAILED', details: null, issues: [] };
      return false;
    }
    const before = this.setup.services.find((s) => s.id === this.dialog!.id);
    const patch = before ? servicePatch(before, this.form) : null;
    if (before && !patch) {
      this.dialog = null;
      this.notice = { key: 'nothing', params: {} };
      return true;
    }
    const saved = await this.send('dialog', () =>
      before
        ? api<ServiceSetupView>('PATCH', this.branchPath(`/services/${encodeURIComponent(before.id)}`), patch)
        : api<ServiceSetupView>('POST', this.branchPath('/services'), newServiceBody(this.form)),
    );
    if (!saved) {
      const code = this.error?.code;
      if (code === 'SERVICE_CODE_TAKEN') this.formErrors = { code: 'setup.invalid.serviceCodeTaken' };
      else if (code === 'VALIDATION_FAILED') this.formErrors = serviceIssues(this.error!.issues);
      return false;
    }
    this.withService(saved);
    this.dialog = null;
    // A new service is on the kiosk at once, but nobody has its skill yet (skills are set on the
    // team screen): said so, with the way there, rather than leaving its tickets unserved.
    this.notice = { key: before ? 'serviceSaved' : 'serviceAddedNoStaff', params: { code: saved.code } };
    return true;
  }

  /** Deactivates or reactivates a service. Resolves true when done. */
  /**
   * Deactivates or reactivates a service. A service customers have booked is not deactivated at
   * first: `question` then holds how many and from when, for the manager to confirm with
   * `cancelBookings` (the server cancels them and tells each customer) or to keep the service.
   */
  async setServiceActive(service: ServiceSetupView, active: boolean, cancelBookings = false): Promise<boolean> {
    this.question = null;
    const body = cancelBookings && !active ? { active, cancelBookings: true } : { active };
    const saved = await this.send('services', () => api<ServiceSetupView>('PATCH', this.branchPath(`/services/${encodeURIComponent(service.id)}`), body));
    if (!saved) {
      const asked = this.error?.code === 'SERVICE_HAS_BOOKINGS' ? bookingsQuestion(service, this.error.details) : null;
      if (asked) {
        this.error = null;
        this.question = asked;
      }
      return false;
    }
    this.withService(saved);
    this.notice = { key: active ? 'serviceOn' : cancelBookings ? 'serviceOffCancelled' : 'serviceOff', params: { code: saved.code } };
    return true;
  }

  /** The manager kept the service after all. */
  keepService(): void {
    this.question = null;
  }

  // --- counters ----------------------------------------------------------------------------------

  setNewLabel(text: string): void {
    this.newLabel = text;
    this.movedOn('counters');
    if (this.newLabelError) this.newLabelError = counterLabelProblem(text, this.setup?.counters ?? []);
  }

  async addCounter(): Promise<boolean> {
    if (this.busy || !this.setup) return false;
    this.newLabelError = counterLabelProblem(this.newLabel, this.setup.counters);
    if (this.newLabelError) return false;
    const made = await this.send('counters', () => api<CounterSetupView>('POST', this.branchPath('/counters'), { label: this.newLabel.trim() }));
    if (!made) {
      if (this.error?.code === 'COUNTER_LABEL_TAKEN') this.newLabelError = 'setup.invalid.counterLabelTaken';
      return false;
    }
    this.withCounter(made);
    this.newLabel = '';
    this.notice = { key: 'counterAdded', params: { label: made.label } };
    return true;
  }

  startRename(counter: CounterSetupView | null): void {
    this.renaming = counter ? { id: counter.id, label: counter.label, error: null } : null;
    this.movedOn('counters');
  }

  /** The manager acts on the list again: a refusal about it (a counter in use, say) is over. */
  private movedOn(area: SetupArea): void {
    if (this.error?.area === area) this.error = null;
  }

  async saveRename(): Promise<boolean> {
    if (this.busy || !this.setup || !this.renaming) return false;
    const { id, label } = this.renaming;
    const before = this.setup.counters.find((c) => c.id === id)!;
    if (label.trim() === before.label) {
      this.renaming = null;
      return true;
    }
    const error = counterLabelProblem(label, this.setup.counters.filter((c) => c.id !== id));
    if (error) {
      this.renaming = { id, label, error };
      return false;
    }
    const saved = await this.send('counters', () => api<CounterSetupView>('PATCH', this.branchPath(`/counters/${encodeURIComponent(id)}`), { label: label.trim() }));
    if (!saved) {
      if (this.error?.code === 'COUNTER_LABEL_TAKEN') this.renaming = { id, label, error: 'setup.invalid.counterLabelTaken' };
      return false;
    }
    this.withCounter(saved);
    this.renaming = null;
    this.notice = { key: 'counterRenamed', params: { label: saved.label } };
    return true;
  }

  async setCounterActive(counter: CounterSetupView, active: boolean): Promise<boolean> {
    const saved = await this.send('counters', () => api<CounterSetupView>('PATCH', this.branchPath(`/counters/${encodeURIComponent(counter.id)}`), { active }));
    if (!saved) return false;
    this.withCounter(saved);
    this.notice = { key: active ? 'counterOn' : 'counterOff', params: { label: saved.label } };
    return true;
  }

  // --- opening hours -----------------------------------------------------------------------------

  /** After STALE_BRANCH: the hours a colleague stored since the screen read them (the editor keeps the manager's). */
  staleHours = $state<BranchListItem['openingHours'] | null>(null);

  async saveHours(): Promise<boolean> {
    if (this.busy || !this.setup) return false;
    const openingHours = this.hours.checked();
    if (!openingHours) {
      this.error = { area: 'hours', code: 'VALIDATION_FAILED', details: null, issues: [] };
      return false;
    }
    // The hours this screen showed: when someone saved others since, the server refuses (STALE_BRANCH).
    const expected = { openingHours: this.setup.branch.openingHours as OpeningHoursBody };
    const branch = await this.send('hours', () => api<BranchListItem>('PUT', this.branchPath('/opening-hours'), { openingHours, expected } satisfies OpeningHoursUpdateBody));
    if (!branch) {
      if (this.error?.code === 'VALIDATION_FAILED') this.hours.serverIssues(this.error.issues);
      const current = staleBranch(this.error);
      if (current && this.setup) {
        // What is stored now is shown beside the hours typed (kept); saving again replaces it knowingly.
        this.setup = { ...this.setup, branch: current };
        this.staleHours = current.openingHours;
      }
      return false;
    }
    this.staleHours = null;
    this.setup = { ...this.setup, branch };
    this.hours.reset(branch.openingHours);
    this.notice = { key: 'hoursSaved', params: {} };
    return true;
  }

  // --- the kiosk's early window ------------------------------------------------------------------

  setEarly(text: string): void {
    this.earlyMin = text;
    if (this.earlyError) this.earlyError = earlyProblem(text);
  }

  /** Checks and saves the early window. Resolves true when saved (or nothing changed). */
  async saveEarly(): Promise<boolean> {
    if (this.busy || !this.setup) return false;
    this.earlyError = earlyProblem(this.earlyMin);
    if (this.earlyError) {
      this.error = { area: 'early', code: 'VALIDATION_FAILED', details: null, issues: [] };
      return false;
    }
    const n = Number(this.earlyMin.trim());
    if (n === this.savedEarlyMin) {
      this.notice = { key: 'nothing', params: {} };
      return true;
    }
    // Only this field (PATCH): the booking rules and other settings a colleague saves meanwhile
    // stay as they are. `expected`: what this screen showed, so a colleague's change of the early
    // window itself is not overwritten unseen (STALE_SETTINGS).
    if (this.savedEarlyMin === null) {
      // Never read (the first read failed): a save without `expected` is refused. The value stored
      // now shows under the field, as after a colleague's save; what was typed stays.
      const current = await this.send('early', () => readSettings(this.setup!.branch.id));
      if (current) {
        this.savedEarlyMin = current.settings.walkInEarlyMin;
        this.error = { area: 'early', code: 'STALE_SETTINGS', details: null, issues: [] };
      }
      return false;
    }
    const expected = { walkInEarlyMin: this.savedEarlyMin };
    const saved = await this.send('early', () => api<BookingSettingsView>('PATCH', this.branchPath('/booking/settings'), { settings: { walkInEarlyMin: n }, expected }));
    if (!saved) {
      // Another save came first: show what is stored now (the hint under the field), keep what was typed.
      const current = staleCurrent(this.error);
      if (current) this.savedEarlyMin = current.settings.walkInEarlyMin;
      return false;
    }
    this.savedEarlyMin = saved.settings.walkInEarlyMin;
    this.earlyMin = String(saved.settings.walkInEarlyMin);
    this.notice = { key: 'earlySaved', params: { n: String(saved.settings.walkInEarlyMin) } };
    return true;
  }

  private async readEarly(): Promise<void> {
    const settings = await api<BookingSettingsView>('GET', this.branchPath('/booking/settings')).catch(() => null);
    this.savedEarlyMin = settings?.settings.walkInEarlyMin ?? null;
    this.earlyMin = settings ? String(settings.settings.walkInEarlyMin) : '';
    this.earlyError = null;
  }

  // --- helpers -----------------------------------------------------------------------------------

  private otherServices(): ServiceSetupView[] {
    return (this.setup?.services ?? []).filter((s) => s.id !== this.dialog?.id);
  }

  private show(setup: BranchSetupView): void {
    this.setup = setup;
    this.hours.reset(setup.branch.openingHours);
  }

  private withService(s: ServiceSetupView): void {
    const services = [...this.setup!.services.filter((x) => x.id !== s.id), s].sort((a, b) => (a.code < b.code ? -1 : 1));
    this.setup = { ...this.setup!, services };
  }

  private withCounter(c: CounterSetupView): void {
    const counters = [...this.setup!.counters.filter((x) => x.id !== c.id), c].sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
    this.setup = { ...this.setup!, counters };
  }

  /** One change: its answer, or null with `error` saying why (shown in `area`). */
  private async send<T>(area: SetupArea, request: () => Promise<T>): Promise<T | null> {
    this.error = null;
    this.notice = null;
    return managerRequest(this, request, (code, refusal) => {
      this.error = { ...refusal, area };
      // Gone meanwhile (another manager, another tab): show the set-up as it is now.
      if (code === 'NOT_FOUND') void this.reload();
    });
  }

  private async reload(): Promise<void> {
    if (!this.setup) return;
    const setup = await api<BranchSetupView>('GET', this.branchPath('/setup')).catch(() => null);
    if (setup) this.show(setup);
  }
}

/** VALIDATION_FAILED issues -> the service form's fields the server named. */
export function serviceIssues(issues: readonly { path: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const field = SERVICE_FIELDS.find(([re]) => re.test(i.path))?.[1];
    if (field) out[field] = 'setup.invalid.server';
  }
  return out;
}

/** The early window's limits: the booking settings' (`walkInEarlyMin`, 0-240 minutes). */
export const EARLY_MIN_MAX = 240;

/** The early window's field: a whole number of minutes, 0-240; null when fine, else a message key. */
export function earlyProblem(text: string): string | null {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t) || Number(t) > EARLY_MIN_MAX) return 'setup.early.invalid';
  return null;
}
