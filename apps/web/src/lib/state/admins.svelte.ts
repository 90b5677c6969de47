import type { AdminMember, Me, MemberWithPassword, TeamMember } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { canManageAdmins, withAdmin } from './admins-logic.js';
import { openingFailed, screenRequest, type ManagerLoad } from './manager-screen.js';
import { signInAgain } from './sign-in-again.js';
import { AUTH_CODES, codeOf } from './staff-errors.js';
import { AccountForm, type AccountFormErrors } from './account-form.svelte.js';
import { fieldIssues, sortMembers, withMember } from './team-logic.js';

/** What the screen last did, for the live region (a dictionary key under `admins.notice.`). */
export type AdminsNotice = { key: 'created' | 'deactivated' | 'reactivated' | 'reset'; name: string };

/** Dictionary keys of the add dialog's problems, by field. */
export type AdminFormErrors = AccountFormErrors;

/**
 * The administrators screen (/staff/admins, admins): every administrator with their last sign-in;
 * add one (a temporary password shown once, to be changed at the first sign-in), reset a password,
 * deactivate or reactivate. The temporary password is kept in memory only, in `issued`, until the
 * admin closes it. Nobody deactivates or resets themselves here (OWN_ACCOUNT), and the last active
 * administrator stays active (LAST_ACTIVE_ADMIN): the server decides, the page only words it.
 */
export class AdminsScreen extends AccountForm<{ username: string; displayName: string }> {
  load = $state<ManagerLoad>('loading');
  me = $state<Me | null>(null);
  admins = $state<AdminMember[]>([]);
  issued = $state<(MemberWithPassword & { kind: 'created' | 'reset' }) | null>(null);
  busy = $state(false);
  /** The last refusal's code (VALIDATION_FAILED for the browser's own check too). */
  error = $state<string | null>(null);
  notice = $state<AdminsNotice | null>(null);

  /** Active administrators: the last one's deactivate button is not offered (the server would refuse). */
  get activeCount(): number {
    return this.admins.filter((a) => a.active).length;
  }

  async start(): Promise<void> {
    this.load = 'loading';
    this.issued = null;
    this.form = null;
    this.clearMessages();
    try {
      this.me = await api<Me>('GET', '/api/v1/auth/me');
      if (!canManageAdmins(this.me.role)) {
        this.load = 'forbidden';
        return;
      }
      this.admins = sortMembers(await api<AdminMember[]>('GET', '/api/v1/admins'));
      this.load = 'ready';
    } catch (err) {
      this.load = (await openingFailed(err)) ?? this.load;
    }
  }

  /** The list again, quietly (a failure keeps what is shown). */
  async refresh(): Promise<void> {
    if (this.load !== 'ready') return;
    try {
      this.admins = sortMembers(await api<AdminMember[]>('GET', '/api/v1/admins'));
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) await signInAgain(code);
      else if (code === 'FORBIDDEN') this.load = 'forbidden';
    }
  }

  openCreate(): void {
    this.clearMessages();
    this.openWith({ username: '', displayName: '' });
  }

  /** Sends the add dialog. Resolves true when made (the temporary password is then in `issued`). */
  async submitForm(): Promise<boolean> {
    const form = this.form;
    if (this.busy || !form) return false;
    this.clearMessages();
    if (!this.checkForm(form, true)) {
      this.error = 'VALIDATION_FAILED';
      return false;
    }
    const made = await this.run(() => api<MemberWithPassword>('POST', '/api/v1/admins', { username: form.username.trim(), displayName: form.displayName.trim() }));
    if (!made) return false;
    this.put(made.member);
    this.issued = { ...made, kind: 'created' };
    this.notice = { key: 'created', name: made.member.displayName };
    this.form = null;
    return true;
  }

  deactivate(admin: AdminMember): Promise<boolean> {
    return this.change(admin, '/deactivate', 'deactivated');
  }

  reactivate(admin: AdminMember): Promise<boolean> {
    return this.change(admin, '/reactivate', 'reactivated');
  }

  /** A new temporary password (in `issued`); their sessions end. */
  async resetPassword(admin: AdminMember): Promise<boolean> {
    if (this.busy) return false;
    this.clearMessages();
    const reset = await this.run(() => api<MemberWithPassword>('POST', `${this.path(admin)}/reset-password`));
    if (!reset) return false;
    this.put(reset.member);
    this.issued = { ...reset, kind: 'reset' };
    this.notice = { key: 'reset', name: reset.member.displayName };
    return true;
  }

  closeIssued(): void {
    this.issued = null;
  }

  private path = (a: { userId: string }) => `/api/v1/admins/${encodeURIComponent(a.userId)}`;

  private put(member: TeamMember): void {
    this.admins = withMember(this.admins, withAdmin(this.admins, member));
  }

  private async change(admin: AdminMember, action: string, key: AdminsNotice['key']): Promise<boolean> {
    if (this.busy) return false;
    this.clearMessages();
    const changed = await this.run(() => api<TeamMember>('POST', `${this.path(admin)}${action}`));
    if (!changed) return false;
    this.put(changed);
    this.notice = { key, name: changed.displayName };
    return true;
  }

  private clearMessages(): void {
    this.error = null;
    this.notice = null;
  }

  private run<T>(request: () => Promise<T>): Promise<T | null> {
    return screenRequest(this, request, (code, refusal) => {
      if (code === 'VALIDATION_FAILED') this.formErrors = fieldIssues(refusal.issues);
      if (code === 'USERNAME_TAKEN') this.formErrors = { username: 'team.error.USERNAME_TAKEN' };
      // Changed meanwhile (another administrator): show the list as it is now.
      if (code === 'NOT_FOUND' || code === 'LAST_ACTIVE_ADMIN') void this.refresh();
    });
  }
}
