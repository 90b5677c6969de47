import type { BranchListItem, BranchPatchBody, Me, NewBranchBody } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { HoursEditor } from './hours-editor.svelte.js';
import { managerRequest, openingFailed, type ManagerLoad, type Refusal } from './manager-screen.js';
import { branchFormErrors, canManageBranches, sameNamedBranch, type BranchForm, type FieldErrors } from './setup-logic.js';

/** A new branch opens in the installation's usual zone; the admin may type another. */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const emptyForm = (): BranchForm => ({ code: '', nameZh: '', nameEn: '', timezone: DEFAULT_TIMEZONE, pilot: false });

/** Server field paths (VALIDATION_FAILED issues) -> the branch form's fields. */
function branchIssues(issues: readonly { path: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const field = i.path.startsWith('name.zh') ? 'nameZh' : i.path.startsWith('name.en') ? 'nameEn' : ['code', 'timezone'].find((f) => i.path.startsWith(f));
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
  /** The last refusal: in the dialog, or beside the list. */
  error = $state<(Refusal & { area: 'dialog' | 'list' }) | null>(null);
  /** What was just done, for the live region: a key under `branches.notice.` and the branch's code. */
  notice = $state<{ key: string; code: string } | null>(null);

  /** The create / edit dialog: open while set (`id` null: a new branch). */
  dialog = $state<{ id: string | null } | null>(null);
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
      this.branches = await api<BranchListItem[]>('GET', '/api/v1/branches');
      this.load = 'ready';
    } catch (err) {
      this.load = (await openingFailed(err)) ?? this.load;
    }
  }

  /** Another branch's code when the dialog's names repeat its name: warned about, not refused. */
  get sameNameAs(): string | null {
    return this.dialog ? sameNamedBranch(this.form, this.branches, this.dialog.id) : null;
  }

  open(branch: BranchListItem | null): void {
    this.dialog = { id: branch?.id ?? null };
    this.form = branch ? { code: branch.code, nameZh: branch.name.zh, nameEn: branch.name.en, timezone: branch.timezone, pilot: branch.pilot } : emptyForm();
    this.formErrors = {};
    this.error = null;
    this.hours.reset(branch?.openingHours ?? {});
  }

  close(): void {
    this.dialog = null;
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
    const id = this.dialog.id;
    const f = this.form;
    const fields = { name: { zh: f.nameZh.trim(), en: f.nameEn.trim() }, timezone: f.timezone.trim(), openingHours, pilot: f.pilot };
    const saved = await this.send('dialog', () =>
      id
        ? api<BranchListItem>('PATCH', `/api/v1/branches/${encodeURIComponent(id)}`, fields satisfies BranchPatchBody)
        : api<BranchListItem>('POST', '/api/v1/branches', { code: f.code.trim(), ...fields } satisfies NewBranchBody),
    );
    if (!saved) {
      if (this.error?.code === 'BRANCH_CODE_TAKEN') this.formErrors = { code: 'branches.invalid.codeTaken' };
      else if (this.error?.code === 'VALIDATION_FAILED') {
        this.formErrors = branchIssues(this.error.issues);
        this.hours.serverIssues(this.error.issues);
      }
      return false;
    }
    this.withBranch(saved);
    this.dialog = null;
    this.notice = { key: id ? 'saved' : 'created', code: saved.code };
    return true;
  }

  /** Marks a branch as a pilot branch or not, from the list. */
  async setPilot(branch: BranchListItem, pilot: boolean): Promise<boolean> {
    const saved = await this.send('list', () => api<BranchListItem>('PATCH', `/api/v1/branches/${encodeURIComponent(branch.id)}`, { pilot }));
    if (!saved) return false;
    this.withBranch(saved);
    this.notice = { key: pilot ? 'pilotOn' : 'pilotOff', code: saved.code };
    return true;
  }

  private problems(): FieldErrors {
    const creating = this.dialog?.id === null;
    return branchFormErrors(this.form, creating, this.branches.map((b) => b.code));
  }

  private withBranch(b: BranchListItem): void {
    this.branches = [...this.branches.filter((x) => x.id !== b.id), b].sort((x, y) => (x.code < y.code ? -1 : 1));
  }

  private async send<T>(area: 'dialog' | 'list', request: () => Promise<T>): Promise<T | null> {
    this.error = null;
    this.notice = null;
    return managerRequest(this, request, (_code, refusal) => (this.error = { ...refusal, area }));
  }
}
