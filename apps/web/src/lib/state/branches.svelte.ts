import type { BranchDeactivationView, BranchListItem, BranchPatchBody, BranchReadiness, Me, NewBranchBody, OpeningHoursBody, ReadinessItem } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { branchPatch, formAddress, rebased, staleBranch, type BranchEditField } from './branch-edit.js';
import { HoursEditor } from './hours-editor.svelte.js';
import { managerRequest, openingFailed, type ManagerLoad, type Refusal } from './manager-screen.js';
import { branchFormErrors, branchOrder, canManageBranches, sameNamedBranch, unmetItems, type BranchForm, type FieldErrors } from './setup-logic.js';

/** A new branch opens in the installation's usual zone; the admin may type another. */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const emptyForm = (): BranchForm => ({ code: '', nameZh: '', nameEn: '', timezone: DEFAULT_TIMEZONE, addressZh: '', addressEn: '', pilot: false });

const SERVER_PATHS: readonly [string, keyof BranchForm][] = [
  ['name.zh', 'nameZh'],
  ['name.en', 'nameEn'],
  ['address.zh', 'addressZh'],
  ['address.en', 'addressEn'],
  ['code', 'code'],
  ['timezone', 'timezone'],
];

/** Server field paths (VALIDATION_FAILED issues) -> the branch form's fields. */
function branchIssues(issues: readonly { path: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const field = SERVER_PATHS.find(([path]) => i.path.startsWith(path))?.[1];
    if (field) out[field] = 'setup.invalid.server';
  }
  return out;
}

/**
 * The branches screen (/staff/branches, admins): every branch with its code, names, time zone and
 * pilot flag; a dialog to create one (with its weekly hours) or edit one (not its code); the pilot
 * flag switched from the list. Refusals are codes translated by the page.
 */
export class BranchesScreen {
  load = $state<ManagerLoad>('loading');
  me = $state<Me | null>(null);
  branches = $state<BranchListItem[]>([]);
  busy = $state(false);
  /** The last refusal: in the dialog, beside the list, or in the take-out-of-service dialog. */
  error = $state<(Refusal & { area: 'dialog' | 'list' | 'off' }) | null>(null);
  /** What was just done, for the live region: a key under `branches.notice.`, the branch's code, a count, and the branch copied. */
  notice = $state<{ key: string; code: string; n?: number; from?: string } | null>(null);
  /**
   * The open-to-customers question: open while set, with the branch's readiness items still
   * missing (the readiness screen's own check), so nobody opens a branch without staff unawares.
   */
  opening = $state<{ branch: BranchListItem; missing: ReadinessItem[] } | null>(null);
  /** The take-out-of-service question: open while set, with the booked visits it would cancel. */
  deactivating = $state<({ branch: BranchListItem } & BranchDeactivationView) | null>(null);

  /**
   * The create / edit dialog: open while set (`id` null: a new branch). `opened`: the branch as
   * the dialog last read it, what an edit is compared with (only the fields changed are sent).
   * `copyFrom`: a new branch made like this one (its set-up is copied by the server).
   */
  dialog = $state<{ id: string | null; opened: BranchListItem | null; copyFrom?: BranchListItem } | null>(null);
  /**
   * After STALE_BRANCH (a colleague saved the branch since the dialog opened): the fields both
   * changed, with the value stored now; the dialog shows the colleague's values elsewhere and
   * keeps the person's changes, to check and save again.
   */
  conflicts = $state<{ field: BranchEditField; current: BranchListItem }[]>([]);
  form = $state<BranchForm>(emptyForm());
  formErrors = $state<FieldErrors>({});
  hours = new HoursEditor();

  async start(): Promise<void> {
    this.load = 'loading';
    try {
      this.me = await api<Me>('GET', '/api/v1/auth/me');
      if (!canManageBranches(this.me.role)) {
        this.load = 'forbidden';
        return;
      }
      // No branch yet is no reason to stop: this is where the first one is made.
      this.branches = branchOrder(await api<BranchListItem[]>('GET', '/api/v1/branches'));
      this.load = 'ready';
    } catch (err) {
      this.load = (await openingFailed(err)) ?? this.load;
    }
  }

  /** Another branch's code when the dialog's names repeat its name: warned about, not refused. */
  get sameNameAs(): string | null {
    return this.dialog ? sameNamedBranch(this.form, this.branches, this.dialog.id) : null;
  }

  /** The dialog's fields as it opened (JSON): a look is not a change. */
  private opened: string | null = null;

  /** The dialog is open with something changed (its fields or hours): leaving now would lose it. */
  get unsaved(): boolean {
    return this.dialog !== null && (this.hours.dirty || JSON.stringify($state.snapshot(this.form)) !== this.opened);
  }

  open(branch: BranchListItem | null): void {
    this.dialog = { id: branch?.id ?? null, opened: branch ? $state.snapshot(branch) : null };
    this.conflicts = [];
    this.form = branch
      ? { code: branch.code, nameZh: branch.name.zh, nameEn: branch.name.en, timezone: branch.timezone, addressZh: branch.address.zh ?? '', addressEn: branch.address.en ?? '', pilot: branch.pilot }
      : emptyForm();
    this.opened = JSON.stringify(this.form);
    this.formErrors = {};
    this.error = null;
    this.hours.reset(branch?.openingHours ?? {});
  }

  /**
   * A new branch like `source`: the dialog opens with its time zone and hours (to change if need
   * be); its code, names, address and pilot flag are the new branch's own.
   */
  openCopy(source: BranchListItem): void {
    this.open(null);
    this.dialog = { id: null, opened: null, copyFrom: $state.snapshot(source) };
    this.form = { ...emptyForm(), timezone: source.timezone };
    this.opened = JSON.stringify(this.form);
    this.hours.reset(source.openingHours);
  }

  close(): void {
    this.dialog = null;
    this.conflicts = [];
  }

  setField<K extends keyof BranchForm>(field: K, value: BranchForm[K]): void {
    this.form = { ...this.form, [field]: value };
    if (this.formErrors[field]) {
      const problem = this.problems()[field];
      const { [field]: _, ...rest } = this.formErrors;
      this.formErrors = problem ? { ...rest, [field]: problem } : rest;
    }
  }

  /** Checks and sends the dialog. Resolves true when saved (the dialog then closes). */
  async save(): Promise<boolean> {
    if (this.busy || !this.dialog) return false;
    this.formErrors = this.problems();
    const openingHours = this.hours.checked();
    if (Object.keys(this.formErrors).length > 0 || !openingHours) {
      this.error = { area: 'dialog', code: 'VALIDATION_FAILED', details: null, issues: [] };
      return false;
    }
    const { id, opened, copyFrom } = this.dialog;
    const f = this.form;
    const fields = { name: { zh: f.nameZh.trim(), en: f.nameEn.trim() }, timezone: f.timezone.trim(), openingHours, address: formAddress(f), pilot: f.pilot };
    const patch = opened ? branchPatch(opened, f, openingHours) : null;
    if (id && opened && !patch) {
      // Nothing changed: nothing to send (and nothing to overwrite).
      this.dialog = null;
      return true;
    }
    const saved = await this.send('dialog', () =>
      id
        ? api<BranchListItem>('PATCH', `/api/v1/branches/${encodeURIComponent(id)}`, patch satisfies BranchPatchBody | null)
        : api<BranchListItem>('POST', '/api/v1/branches', { code: f.code.trim(), ...fields, ...(copyFrom && { copyFrom: copyFrom.id }) } satisfies NewBranchBody),
    );
    if (!saved) {
      const current = staleBranch(this.error);
      if (current && opened) this.rebase(opened, current, openingHours);
      else if (this.error?.code === 'BRANCH_CODE_TAKEN') this.formErrors = { code: 'branches.invalid.codeTaken' };
      else if (this.error?.code === 'COPY_SOURCE_INACTIVE' || this.error?.code === 'COPY_SOURCE_UNKNOWN') await this.refreshList();
      else if (this.error?.code === 'VALIDATION_FAILED') {
        this.formErrors = branchIssues(this.error.issues);
        this.hours.serverIssues(this.error.issues);
      }
      return false;
    }
    this.withBranch(saved);
    this.dialog = null;
    this.conflicts = [];
    this.notice = copyFrom ? { key: 'copied', code: saved.code, from: copyFrom.code } : { key: id ? 'saved' : 'created', code: saved.code };
    return true;
  }

  /** Marks a branch as a pilot branch or not, from the list. */
  async setPilot(branch: BranchListItem, pilot: boolean): Promise<boolean> {
    return this.switchFlag(branch, { pilot, expected: { pilot: branch.pilot } }, pilot ? 'pilotOn' : 'pilotOff');
  }

  /**
   * Saves one of a branch's switches from its row, stating the value the row showed: a
   * colleague's switch meanwhile is refused (STALE_BRANCH) and the row shows the branch as stored
   * now (the message says so).
   */
  private async switchFlag(branch: BranchListItem, body: BranchPatchBody, notice: 'pilotOn' | 'pilotOff' | 'customersOpened' | 'customersClosed'): Promise<boolean> {
    const saved = await this.send('list', () => api<BranchListItem>('PATCH', `/api/v1/branches/${encodeURIComponent(branch.id)}`, body));
    if (!saved) {
      const current = staleBranch(this.error);
      if (current) this.withBranch(current);
      return false;
    }
    this.withBranch(saved);
    this.notice = { key: notice, code: saved.code };
    return true;
  }

  /** Opens the take-out-of-service question with the bookings it would cancel. Resolves false when they could not be read. */
  async askDeactivate(branch: BranchListItem): Promise<boolean> {
    const view = await this.send('list', () => api<BranchDeactivationView>('GET', `/api/v1/branches/${encodeURIComponent(branch.id)}/deactivation`));
    if (!view) return false;
    this.deactivating = { branch, ...view };
    return true;
  }

  /** The admin keeps the branch: the question closes, nothing is sent. */
  keepInService(): void {
    this.deactivating = null;
    if (this.error?.area === 'off') this.error = null;
  }

  /**
   * Takes the branch out of service, cancelling the bookings the question named (only when it
   * named some: a booking made since then is asked about again, BRANCH_HAS_BOOKINGS, never
   * cancelled unseen). Resolves true when done (the question closes).
   */
  async deactivate(): Promise<boolean> {
    const d = this.deactivating;
    if (!d || this.busy) return false;
    const body = d.bookings > 0 ? { cancelBookings: true } : {};
    const saved = await this.send('off', () => api<BranchListItem>('POST', `/api/v1/branches/${encodeURIComponent(d.branch.id)}/deactivate`, body));
    if (!saved) {
      const count = this.error?.details?.count;
      const firstDate = this.error?.details?.firstDate;
      if (this.error?.code === 'BRANCH_HAS_BOOKINGS' && typeof count === 'number' && typeof firstDate === 'string') this.deactivating = { ...d, bookings: count, firstDate };
      return false;
    }
    this.withBranch(saved);
    this.deactivating = null;
    this.notice = d.bookings > 0 ? { key: 'offCancelled', code: saved.code, n: d.bookings } : { key: 'off', code: saved.code };
    return true;
  }

  /**
   * The row's "open to customers": reads the branch's readiness first; with nothing missing it opens
   * at once (resolves true), else the question lists what is missing (resolves false, `opening` set).
   */
  async askOpen(branch: BranchListItem): Promise<boolean> {
    const readiness = await this.send('list', () => api<BranchReadiness>('GET', `/api/v1/branches/${encodeURIComponent(branch.id)}/readiness`));
    if (!readiness) return false;
    const missing = unmetItems(readiness);
    if (missing.length === 0) return this.setCustomersOpen(branch, true);
    this.opening = { branch, missing };
    return false;
  }

  /** The admin opens it anyway, knowing what is missing. Resolves true when done (the question closes). */
  async confirmOpen(): Promise<boolean> {
    const o = this.opening;
    if (!o || this.busy) return false;
    const done = await this.setCustomersOpen(o.branch, true);
    this.opening = null;
    return done;
  }

  /** The admin keeps preparing: the question closes, nothing is sent. */
  keepPreparing(): void {
    this.opening = null;
  }

  /**
   * Opens the branch to customers or closes it again (bookings made stay valid). Sent with what
   * the row showed: a colleague's switch meanwhile is refused (STALE_BRANCH) and the row shows the
   * branch as stored now.
   */
  async setCustomersOpen(branch: BranchListItem, open: boolean): Promise<boolean> {
    return this.switchFlag(branch, { customersOpen: open, expected: { customersOpen: branch.customersOpen } }, open ? 'customersOpened' : 'customersClosed');
  }

  /** Puts a branch back in service, from the list. */
  async reactivate(branch: BranchListItem): Promise<boolean> {
    const saved = await this.send('list', () => api<BranchListItem>('POST', `/api/v1/branches/${encodeURIComponent(branch.id)}/reactivate`, {}));
    if (!saved) return false;
    this.withBranch(saved);
    this.notice = { key: 'on', code: saved.code };
    return true;
  }

  /**
   * STALE_BRANCH: the list and the dialog move to what is stored now; the fields the person changed
   * keep their values (the others take the colleague's), and the next save is compared with it.
   */
  private rebase(opened: BranchListItem, current: BranchListItem, hours: OpeningHoursBody): void {
    const next = rebased(opened, current, this.form, hours);
    this.withBranch(current);
    this.form = next.form;
    this.hours.reset(next.hours);
    this.dialog = { id: current.id, opened: current };
    this.conflicts = next.conflicts.map((field) => ({ field, current }));
  }

  private problems(): FieldErrors {
    const creating = this.dialog?.id === null;
    return branchFormErrors(this.form, creating, this.branches.map((b) => b.code));
  }

  /**
   * The list behind the dialog as stored now: after a refusal saying the template branch was
   * taken out of service (or removed) meanwhile, the list would otherwise still show it active.
   * A failed read keeps the list and the refusal as they are: the refusal is what matters.
   */
  private async refreshList(): Promise<void> {
    try {
      this.branches = branchOrder(await api<BranchListItem[]>('GET', '/api/v1/branches'));
    } catch {
      // Nothing more to say than the refusal already shown.
    }
  }

  private withBranch(b: BranchListItem): void {
    this.branches = branchOrder([...this.branches.filter((x) => x.id !== b.id), b]);
  }

  private async send<T>(area: 'dialog' | 'list' | 'off', request: () => Promise<T>): Promise<T | null> {
    this.error = null;
    this.notice = null;
    return managerRequest(this, request, (_code, refusal) => (this.error = { ...refusal, area }));
  }
}

