import type { BranchInfo, Me, MemberWithPassword, TeamMember } from '@tellerline/contracts';
import { api } from '$lib/api.js';
import { openingFailed, openManagerScreen, screenRequest, type ManagerLoad } from './manager-screen.js';
import { signInAgain } from './sign-in-again.js';
import { AUTH_CODES, codeOf, type ErrorDetails } from './staff-errors.js';
import { AccountForm, type AccountFormErrors } from './account-form.svelte.js';
import { memberConflicts, memberPatch, rebasedMember, staleMember, type MemberConflicts } from './member-edit.js';
import { canManageTeam, fieldIssues, rolesFor, skillChoices, skillsOf, sortMembers, withMember, type SkillChoices } from './team-logic.js';

type BranchChoice = { id: string; name: BranchInfo['name'] };

/** What the screen last did, for the live region (a dictionary key under `team.notice.`). */
export type TeamNotice = { key: 'created' | 'updated' | 'deactivated' | 'reactivated' | 'reset'; name: string };

/** The add / edit dialog's fields. */
export interface MemberForm {
  mode: 'create' | 'edit';
  /** The member edited (null when adding). */
  userId: string | null;
  username: string;
  displayName: string;
  role: 'staff' | 'manager';
  skills: SkillChoices;
}

/** Dictionary keys of the form's problems, by field. */
export type FormErrors = AccountFormErrors;

/**
 * The team and skills screen (/staff/team): who I am, the branch (its services, for the skills),
 * the team; add a member, edit one (name, role for admins, skills), deactivate or reactivate,
 * reset a password. A temporary password is kept in memory only, in `issued`, until the manager
 * closes it: the server shows it this once. Errors are codes and notices dictionary keys,
 * translated by the page.
 */
export class TeamManager extends AccountForm<MemberForm> {
  load = $state<ManagerLoad>('loading');
  me = $state<Me | null>(null);
  branch = $state<BranchInfo | null>(null);
  /** Every branch, for an admin (no branch of their own) to choose from; empty for a manager. */
  branches = $state<BranchChoice[]>([]);
  members = $state<TeamMember[]>([]);
  /** The temporary password just made (a new member, a reset): shown once, then dropped. */
  issued = $state<(MemberWithPassword & { kind: 'created' | 'reset' }) | null>(null);
  /** A request is under way (buttons are disabled meanwhile). */
  busy = $state(false);
  /** The last refusal's code (VALIDATION_FAILED for the browser's own check too), and its facts. */
  error = $state<string | null>(null);
  errorDetails = $state<ErrorDetails | null>(null);
  notice = $state<TeamNotice | null>(null);
  /**
   * The member as the edit dialog last read them: an edit is compared with it (only what changed
   * is sent), not with the list, which a refresh may have moved on meanwhile.
   */
  private openedMember: TeamMember | null = null;
  /** After STALE_MEMBER: what a colleague stored for the fields this person changed too (shown beside the form). */
  conflicts = $state<MemberConflicts | null>(null);

  private path = (rest = ''): string => `/api/v1/branches/${encodeURIComponent(this.branch!.id)}/team${rest}`;
  private memberPath = (m: { userId: string }, action = ''): string => this.path(`/${encodeURIComponent(m.userId)}${action}`);

  /** The roles I may give. */
  get roles(): ('staff' | 'manager')[] {
    return rolesFor(this.me?.role);
  }

  /** Members who may sign on at a counter: the columns of the skills grid. */
  get servers(): TeamMember[] {
    return this.members.filter((m) => m.active && m.canServe);
  }

  /** `branchId`: an admin (no branch of their own) may name one; else the first branch. */
  async start(branchId: string | null = null): Promise<void> {
    this.load = 'loading';
    this.issued = null;
    this.form = null;
    this.clearMessages();
    try {
      const opened = await openManagerScreen<BranchChoice>(canManageTeam, branchId);
      this.me = opened.me;
      this.branches = opened.branches;
      if ('load' in opened) {
        this.load = opened.load;
        return;
      }
      [this.branch, this.members] = await this.fetch(opened.branchId);
      this.load = 'ready';
    } catch (err) {
      this.load = (await openingFailed(err)) ?? this.load;
    }
  }

  /** The list and the branch's services again (who signed on, a service retired): quietly, a failure keeps what is shown. */
  async refresh(): Promise<void> {
    if (this.load !== 'ready' || !this.branch) return;
    try {
      [this.branch, this.members] = await this.fetch(this.branch.id);
    } catch (err) {
      const code = codeOf(err);
      if (AUTH_CODES.has(code)) await signInAgain(code);
      else if (code === 'FORBIDDEN') this.load = 'forbidden';
    }
  }

  private async fetch(branchId: string): Promise<[BranchInfo, TeamMember[]]> {
    const id = encodeURIComponent(branchId);
    const [branch, members] = await Promise.all([api<BranchInfo>('GET', `/api/v1/branches/${id}`), api<TeamMember[]>('GET', `/api/v1/branches/${id}/team`)]);
    return [branch, sortMembers(members)];
  }

  openCreate(): void {
    this.clearMessages();
    this.openWith({ mode: 'create', userId: null, username: '', displayName: '', role: 'staff', skills: skillChoices(this.serviceIds(), {}) });
  }

  openEdit(member: TeamMember): void {
    this.clearMessages();
    this.openedMember = $state.snapshot(member);
    this.openWith({ mode: 'edit', userId: member.userId, username: member.username, displayName: member.displayName, role: member.role === 'manager' ? 'manager' : 'staff', skills: skillChoices(this.serviceIds(), member.skills) });
  }

  /** Sends the dialog. Resolves true when saved (a new member's temporary password is then in `issued`). */
  async submitForm(): Promise<boolean> {
    const form = this.form;
    if (this.busy || !form || !this.branch) return false;
    this.clearMessages();
    if (!this.checkForm(form, form.mode === 'create')) {
      this.error = 'VALIDATION_FAILED';
      return false;
    }
    const skills = skillsOf(form.skills);
    const displayName = form.displayName.trim();
    if (form.mode === 'create') {
      const made = await this.run(() => api<MemberWithPassword>('POST', this.path(), { username: form.username.trim(), displayName, role: form.role, skills }));
      if (!made) return false;
      this.members = withMember(this.members, made.member);
      this.issued = { ...made, kind: 'created' };
      this.notice = { key: 'created', name: made.member.displayName };
    } else {
      const opened = this.openedMember?.userId === form.userId ? this.openedMember : this.members.find((m) => m.userId === form.userId);
      const body = opened ? memberPatch(opened, form) : { displayName, skills };
      if (!body) {
        this.form = null; // nothing changed: nothing to send, nothing to overwrite
        return true;
      }
      const saved = await this.run(() => api<TeamMember>('PATCH', this.memberPath({ userId: form.userId! }), body));
      if (!saved) {
        const current = staleMember(this.error ?? '', this.errorDetails);
        if (current && opened && this.form) {
          // A colleague saved them meanwhile: the dialog moves to what is stored, keeping this person's changes.
          this.conflicts = memberConflicts(opened, current, this.form);
          this.form = rebasedMember(opened, current, this.form);
          this.openedMember = current;
          void this.refresh();
        }
        return false;
      }
      this.members = withMember(this.members, saved);
      this.notice = { key: 'updated', name: saved.displayName };
    }
    this.form = null;
    return true;
  }

  /** Deactivates an account at once (refused with MEMBER_SERVING while they hold a customer). */
  deactivate(member: TeamMember): Promise<boolean> {
    return this.change(member, '/deactivate', 'deactivated');
  }

  reactivate(member: TeamMember): Promise<boolean> {
    return this.change(member, '/reactivate', 'reactivated');
  }

  /** A new temporary password for the member (in `issued`); their sessions end. */
  async resetPassword(member: TeamMember): Promise<boolean> {
    if (this.busy || !this.branch) return false;
    this.clearMessages();
    const reset = await this.run(() => api<MemberWithPassword>('POST', this.memberPath(member, '/reset-password')));
    if (!reset) return false;
    this.members = withMember(this.members, reset.member);
    this.issued = { ...reset, kind: 'reset' };
    this.notice = { key: 'reset', name: reset.member.displayName };
    return true;
  }

  /** The manager is done with the temporary password: it is not kept anywhere. */
  closeIssued(): void {
    this.issued = null;
  }

  private async change(member: TeamMember, action: string, key: TeamNotice['key']): Promise<boolean> {
    if (this.busy || !this.branch) return false;
    this.clearMessages();
    const changed = await this.run(() => api<TeamMember>('POST', this.memberPath(member, action)));
    if (!changed) return false;
    this.members = withMember(this.members, changed);
    this.notice = { key, name: changed.displayName };
    return true;
  }

  private serviceIds(): string[] {
    return this.branch?.services.map((s) => s.id) ?? [];
  }

  private clearMessages(): void {
    this.conflicts = null;
    this.error = null;
    this.errorDetails = null;
    this.notice = null;
  }

  /** One request with the screen's error handling: null when refused (then `error` says why). */
  private run<T>(request: () => Promise<T>): Promise<T | null> {
    return screenRequest(this, request, (code, refusal) => {
      this.errorDetails = refusal.details;
      if (code === 'VALIDATION_FAILED') this.formErrors = fieldIssues(refusal.issues);
      if (code === 'USERNAME_TAKEN') this.formErrors = { username: 'team.error.USERNAME_TAKEN' };
      // Gone or changed meanwhile (another manager, a service retired): show the team as it is now.
      if (code === 'NOT_FOUND' || code === 'UNKNOWN_SERVICE' || code === 'MEMBER_SERVING') void this.refresh();
    });
  }
}
