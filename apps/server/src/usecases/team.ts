import type { AdminMember, CreateAdminBody, CreateMemberBody, ExpectedMemberFields, MemberWithPassword, Role, StaleMemberDetails, TeamMember, UpdateMemberBody } from '@tellerline/contracts';
import { DomainError, type BranchState } from '@tellerline/engine';
import type { SessionChange, SessionEndReason } from '../auth/sessions.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Actor } from './branch-commands.js';
import { teamPolicy, type TeamActor, type TeamScope } from './team-policy.js';

/** An account as stored: the login and its staff record's skills (the db's TeamMemberRecord). */
export interface StoredMember {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  branchId: string | null;
  active: boolean;
  mustChangePassword: boolean;
  staffId: string | null;
  /** serviceId -> proficiency, inactive services included. */
  skills: Record<string, number>;
}

export interface MemberChange {
  displayName?: string;
  role?: Role;
  skills?: Record<string, number>;
}

/** The accounts as the db package keeps them (its team and user repositories). */
export interface TeamStore {
  listBranch(branchId: string): Promise<StoredMember[]>;
  listAdmins(): Promise<StoredMember[]>;
  find(userId: string): Promise<StoredMember | null>;
  /** Throws an error with code USERNAME_TAKEN when the username is someone else's. */
  create(member: { username: string; passwordHash: string; role: Role; displayName: string; branchId: string | null; mustChangePassword: boolean; skills: Record<string, number> | null }): Promise<StoredMember>;
  /**
   * Given a function, the member is read locked and the change made from it as stored (no other
   * save in between); what the function throws rolls back and is rethrown.
   */
  update(userId: string, change: MemberChange | ((stored: StoredMember) => MemberChange)): Promise<StoredMember>;
  setActive(userId: string, active: boolean): Promise<StoredMember>;
  /** Deactivates an administrator unless no other active one would be left (null then, nothing written); atomic. */
  deactivateAdmin(userId: string): Promise<StoredMember | null>;
  /** userId -> their last sign-in (epoch ms, from the audit log); those who never signed in are absent. */
  lastSignIns(userIds: readonly string[]): Promise<Record<string, number>>;
  remove(userId: string): Promise<void>;
  setPassword(userId: string, passwordHash: string, mustChangePassword: boolean): Promise<void>;
}

export interface TeamDeps {
  store: TeamStore;
  sessions: { endAllOf(userId: string, keepId?: string, why?: SessionEndReason): Promise<number>; changeAllOf(userId: string, change: SessionChange): Promise<void> };
  /** The branch's active service ids (what skills may name); null when there is no such branch. */
  activeServices(branchId: string): Promise<Set<string> | null>;
  liveState(branchId: string): Promise<BranchState | null>;
  /** The branch's configuration from PostgreSQL into its live queue (roster and skills). */
  reconfigure(branchId: string, actor: Actor): Promise<void>;
  signOff(branchId: string, staffId: string, actor: Actor): Promise<void>;
  hashPassword(password: string): Promise<string>;
  temporaryPassword(): string;
  logger: Logger;
}

/** Who acts: the session's account, and the request's origin for the audit of commands it causes. */
export type TeamCaller = TeamActor & { actor: Actor };

/**
 * Staff accounts as managers and admins keep them. Each change is stored first and then reaches
 * the live queue (roster, skills); when the queue refuses, the stored change is undone, so
 * PostgreSQL and the queue agree afterwards either way. The undo is a plain write nothing
 * objects to; undoing a live change instead would be another command the queue could refuse.
 */
export function createTeam(deps: TeamDeps) {
  const { store, sessions, logger } = deps;

  async function servicesOf(scope: TeamScope): Promise<Set<string>> {
    if (scope === 'admins') return new Set();
    const ids = await deps.activeServices(scope.branchId);
    if (!ids) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    return ids;
  }

  async function present(scope: TeamScope, members: StoredMember[]): Promise<TeamMember[]> {
    const services = await servicesOf(scope);
    const state = scope === 'admins' ? null : await deps.liveState(scope.branchId);
    return members.map((m) => view(m, services, state));
  }
  const presentOne = async (scope: TeamScope, m: StoredMember) => (await present(scope, [m]))[0]!;

  async function member(scope: TeamScope, userId: string): Promise<StoredMember> {
    const m = await store.find(userId);
    if (!m) throw new AppError('NOT_FOUND', 'No such account');
    teamPolicy.inScope(m, scope);
    return m;
  }

  /** Skills naming only the branch's active services, with those of inactive services kept as stored. */
  function skillsFor(services: Set<string>, asked: Record<string, number>, stored: Record<string, number> = {}): Record<string, number> {
    for (const id of Object.keys(asked)) if (!services.has(id)) throw new AppError('UNKNOWN_SERVICE', `Service ${id} is not an active service of this branch`);
    const kept = Object.entries(stored).filter(([id]) => !services.has(id));
    return { ...Object.fromEntries(kept), ...asked };
  }

  /** Reaches the live queue, or undoes the stored change and rethrows. */
  async function thenLive(branchId: string, caller: TeamCaller, live: () => Promise<void>, undo: () => Promise<unknown>): Promise<void> {
    try {
      await live();
    } catch (err) {
      await undo().catch((undoErr: unknown) =>
        logger.error({ err: undoErr, refusedWith: err instanceof Error ? err.message : String(err), branchId, by: caller.userId }, 'could not undo a team change the live queue refused: stored and live rosters now differ'),
      );
      throw err;
    }
  }

  async function signOffIfFree(branchId: string, staffId: string, actor: Actor): Promise<void> {
    const live = (await deps.liveState(branchId))?.staff[staffId];
    if (!live || live.status === 'offline' || live.ticketId !== undefined) return;
    // Not worth failing the reset over: the unattended-counter sweep signs them off within minutes.
    await deps.signOff(branchId, staffId, actor).catch((err: unknown) => logger.warn({ err, branchId, staffId }, 'could not sign off after a password reset'));
  }

  async function created(scope: TeamScope, caller: TeamCaller, input: { username: string; displayName: string; role: Role; skills: Record<string, number> | null }): Promise<MemberWithPassword> {
    teamPolicy.mayCreate(caller, input.role);
    const services = await servicesOf(scope);
    const skills = input.skills === null ? null : skillsFor(services, input.skills);
    const temporaryPassword = deps.temporaryPassword();
    const passwordHash = await deps.hashPassword(temporaryPassword);
    const branchId = scope === 'admins' ? null : scope.branchId;
    let stored: StoredMember;
    try {
      stored = await store.create({ ...input, skills, passwordHash, branchId, mustChangePassword: true });
    } catch (err) {
      if ((err as { code?: unknown }).code === 'USERNAME_TAKEN') throw new AppError('USERNAME_TAKEN', `The username ${input.username} is taken; choose another`);
      throw err;
    }
    // Nothing refers yet to a member the queue never had: removing them is the whole undo.
    if (branchId) await thenLive(branchId, caller, () => deps.reconfigure(branchId, caller.actor), () => store.remove(stored.id));
    return { member: await presentOne(scope, stored), temporaryPassword };
  }

  return {
    async list(scope: TeamScope): Promise<TeamMember[]> {
      const members = scope === 'admins' ? await store.listAdmins() : await store.listBranch(scope.branchId);
      return present(scope, members);
    },

    /** The administrators, with when each last signed in (the administrators screen). */
    async listAdmins(): Promise<AdminMember[]> {
      const admins = await present('admins', await store.listAdmins());
      const last = await store.lastSignIns(admins.map((a) => a.userId));
      return admins.map((a) => ({ ...a, lastSignInAt: last[a.userId] ?? null }));
    },

    /** A new member with a temporary password (shown once; to be changed at the first sign-in). */
    createMember(branchId: string, caller: TeamCaller, body: CreateMemberBody): Promise<MemberWithPassword> {
      return created({ branchId }, caller, { username: body.username, displayName: body.displayName, role: body.role, skills: body.skills });
    },

    createAdmin(caller: TeamCaller, body: CreateAdminBody): Promise<MemberWithPassword> {
      return created('admins', caller, { username: body.username, displayName: body.displayName, role: 'admin', skills: null });
    },

    /**
     * Display name, skills (at once in the live queue: a signed-on member stays on), role (admins).
     * With `expected` (what the screen showed), read and written with the member locked: a field
     * stored otherwise refuses the save (STALE_MEMBER, with the member as stored), and of the skills
     * only those the person touched change (see ExpectedMemberFields).
     */
    async update(branchId: string, caller: TeamCaller, userId: string, body: UpdateMemberBody): Promise<{ member: TeamMember; changed: Omit<UpdateMemberBody, 'expected'> }> {
      const scope = { branchId };
      const { expected, ...asked } = body;
      teamPolicy.mayChange(caller, await member(scope, userId));
      const services = await servicesOf(scope);
      let before!: StoredMember;
      let change: MemberChange = {};
      const after = await store.update(userId, (stored) => {
        before = stored;
        teamPolicy.mayChange(caller, stored);
        teamPolicy.mayChangeRole(caller, stored, asked.role);
        const shown = activeSkills(stored, services);
        if (expected && isStale(stored, shown, expected, asked)) throw staleMember(view(stored, services, null));
        change = {
          ...(asked.displayName !== undefined && asked.displayName !== stored.displayName ? { displayName: asked.displayName } : {}),
          ...(asked.role !== undefined && asked.role !== stored.role ? { role: asked.role } : {}),
          ...(asked.skills !== undefined ? { skills: skillsFor(services, touchedSkills(shown, asked.skills, expected?.skills), stored.skills) } : {}),
        };
        return change;
      });
      if (change.skills) {
        const undo = { skills: before.skills, ...(change.displayName ? { displayName: before.displayName } : {}), ...(change.role ? { role: before.role } : {}) };
        await thenLive(branchId, caller, () => deps.reconfigure(branchId, caller.actor), () => store.update(userId, undo));
      }
      // Live sessions take the new role (a demotion holds from the next request) and a new staff record.
      const session: SessionChange = { ...(change.role ? { role: change.role } : {}), ...(after.staffId !== before.staffId ? { staffId: after.staffId } : {}) };
      if (Object.keys(session).length > 0) await sessions.changeAllOf(userId, session);
      // The audit records the skills now in force (with `expected`, not only those sent: a colleague's were kept).
      const changed: Omit<UpdateMemberBody, 'expected'> = { ...(change.displayName ? { displayName: change.displayName } : {}), ...(change.role && asked.role ? { role: asked.role } : {}), ...(change.skills ? { skills: activeSkills({ ...after, skills: change.skills }, services) } : {}) };
      return { member: await presentOne(scope, after), changed };
    },

    /**
     * Deactivates an account: it cannot sign in, its sessions end at once, a member signed on (and
     * free) is signed off and leaves the roster. Refused with MEMBER_SERVING while they hold a
     * customer. `changed` is false when it was inactive already.
     */
    async deactivate(scope: TeamScope, caller: TeamCaller, userId: string): Promise<{ member: TeamMember; changed: boolean }> {
      const before = await member(scope, userId);
      teamPolicy.mayChange(caller, before);
      teamPolicy.notOwn(caller, before, 'deactivate your own account');
      if (!before.active) return { member: await presentOne(scope, before), changed: false };
      // Only a member with a staff record is on the live roster (a manager may have none).
      const branchId = scope !== 'admins' && before.staffId ? scope.branchId : null;
      const state = branchId ? await deps.liveState(branchId) : null;
      refuseWhileServing(before, state);
      const after = scope === 'admins' ? await store.deactivateAdmin(userId) : await store.setActive(userId, false);
      if (!after) throw new AppError('LAST_ACTIVE_ADMIN', `${before.displayName} is the only active administrator; add or reactivate another administrator first, or nobody could manage accounts.`);
      if (branchId) {
        await thenLive(
          branchId,
          caller,
          async () => {
            try {
              const live = before.staffId ? state?.staff[before.staffId] : undefined;
              if (live && live.status !== 'offline') await deps.signOff(branchId, before.staffId!, caller.actor);
              await deps.reconfigure(branchId, caller.actor);
            } catch (err) {
              // They called a customer between our look and the sign-off (or the configure).
              if (err instanceof DomainError && (err.code === 'STAFF_BUSY' || err.code === 'CONFIG_CONFLICT')) refuseWhileServing(before, await deps.liveState(branchId), true);
              throw err;
            }
          },
          () => store.setActive(userId, true),
        );
      }
      // Last: until the queue agreed, their session is still good for finishing a customer.
      await sessions.endAllOf(userId, undefined, 'deactivated');
      return { member: await presentOne(scope, after), changed: true };
    },

    /** Lets an account sign in again and puts its staff record back on the roster (signed off). */
    async reactivate(scope: TeamScope, caller: TeamCaller, userId: string): Promise<{ member: TeamMember; changed: boolean }> {
      const before = await member(scope, userId);
      teamPolicy.mayChange(caller, before);
      if (before.active) return { member: await presentOne(scope, before), changed: false };
      const after = await store.setActive(userId, true);
      if (scope !== 'admins' && before.staffId) await thenLive(scope.branchId, caller, () => deps.reconfigure(scope.branchId, caller.actor), () => store.setActive(userId, false));
      return { member: await presentOne(scope, after), changed: true };
    },

    /**
     * A new temporary password (shown once); the account must change it, and its sessions end now.
     * A member signed on and free is signed off too (nobody is at that panel any more); one holding
     * a customer stays until the customer is finished (the scheduler's unattended-counter sweep).
     */
    async resetPassword(scope: TeamScope, caller: TeamCaller, userId: string): Promise<MemberWithPassword> {
      const before = await member(scope, userId);
      teamPolicy.mayChange(caller, before);
      teamPolicy.notOwn(caller, before, 'reset your own password (change it on your account page)');
      const temporaryPassword = deps.temporaryPassword();
      await store.setPassword(userId, await deps.hashPassword(temporaryPassword), true);
      await sessions.endAllOf(userId);
      if (scope !== 'admins' && before.staffId) await signOffIfFree(scope.branchId, before.staffId, caller.actor);
      return { member: await presentOne(scope, { ...before, mustChangePassword: true }), temporaryPassword };
    },
  };
}

export type Team = ReturnType<typeof createTeam>;

/** The member's skills of the branch's active services: what the team screen lists. */
function activeSkills(m: StoredMember, services: Set<string>): Record<string, number> {
  return Object.fromEntries(Object.entries(m.skills).filter(([id]) => services.has(id)));
}

/**
 * A field the person changes whose stored value is not what their screen showed. Skills: only the
 * services they touched (level changed, added, removed) count, so a colleague's skill elsewhere
 * does not refuse the save (nor is it lost: `touchedSkills`).
 */
function isStale(stored: StoredMember, shown: Record<string, number>, expected: ExpectedMemberFields, asked: Omit<UpdateMemberBody, 'expected'>): boolean {
  if (expected.displayName !== undefined && expected.displayName !== stored.displayName) return true;
  if (expected.role !== undefined && expected.role !== stored.role) return true;
  if (expected.skills === undefined || asked.skills === undefined) return false;
  return Object.keys(touched(expected.skills, asked.skills)).some((id) => shown[id] !== expected.skills![id]);
}

/** serviceId -> new level (null: removed) for the skills that differ between `from` and `to`. */
function touched(from: Record<string, number>, to: Record<string, number>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const id of new Set([...Object.keys(from), ...Object.keys(to)])) if (from[id] !== to[id]) out[id] = to[id] ?? null;
  return out;
}

/** The active skills to store: `asked` whole without `expected`, else the stored ones with only the touched ones changed. */
function touchedSkills(shown: Record<string, number>, asked: Record<string, number>, expected: Record<string, number> | undefined): Record<string, number> {
  if (!expected) return asked;
  const next: Record<string, number> = { ...shown };
  for (const [id, level] of Object.entries(touched(expected, asked))) {
    if (level === null) delete next[id];
    else next[id] = level;
  }
  return next;
}

/** STALE_MEMBER with the member as stored now (live fields left out), so the screen can show it and keep what was typed. */
function staleMember(current: TeamMember): AppError {
  const details: StaleMemberDetails = { current };
  return new AppError('STALE_MEMBER', 'Someone changed this member since you opened them; here is what is stored now. Nothing was saved.', undefined, details);
}

/** MEMBER_SERVING while the member holds a customer (called or being served) in the live queue. */
function refuseWhileServing(m: StoredMember, state: BranchState | null, orElse = false): void {
  const live = m.staffId ? state?.staff[m.staffId] : undefined;
  const ticket = live?.ticketId ? state?.tickets[live.ticketId] : undefined;
  const counter = live?.counterId ? state?.counters[live.counterId]?.label : undefined;
  if (ticket || orElse) {
    throw new AppError(
      'MEMBER_SERVING',
      `${m.displayName} is with a customer${ticket ? ` (${ticket.number})` : ''}: ask them to finish or transfer the customer, then deactivate the account again.`,
      undefined,
      { ...(ticket ? { ticketNumber: ticket.number } : {}), ...(counter ? { counterLabel: counter } : {}) },
    );
  }
}

function view(m: StoredMember, services: Set<string>, state: BranchState | null): TeamMember {
  const live = m.staffId ? state?.staff[m.staffId] : undefined;
  const signedOn = live !== undefined && live.status !== 'offline';
  return {
    userId: m.id,
    username: m.username,
    displayName: m.displayName,
    role: m.role,
    active: m.active,
    mustChangePassword: m.mustChangePassword,
    canServe: m.staffId !== null,
    staffId: m.staffId,
    skills: Object.fromEntries(Object.entries(m.skills).filter(([id]) => services.has(id))),
    signedOn,
    counterLabel: signedOn && live.counterId ? (state?.counters[live.counterId]?.label ?? null) : null,
    holding: live?.ticketId ? (state?.tickets[live.ticketId]?.number ?? null) : null,
  };
}
