import Router from '@koa/router';
import type { Context } from 'koa';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AdminMember, AdminParams, ApiError, type AuditAction, BranchParams, CreateAdminBody, CreateMemberBody, MemberParams, MemberWithPassword, TeamMember, UpdateMemberBody, knownAuditDetails, type KnownAuditDetails } from '@tellerline/contracts';
import type { AuditLog } from '../../auth/ports.js';
import type { SessionStore } from '../../auth/sessions.js';
import { parse } from '../../errors.js';
import type { Team, TeamCaller } from '../../usecases/team.js';
import type { TeamScope } from '../../usecases/team-policy.js';
import { readJson } from '../middleware/json-body.js';
import { actorOf, requireStaff, requireStaffAt, type StaffState } from '../middleware/auth.js';

export interface TeamRouteDeps {
  sessions: SessionStore;
  audit: AuditLog;
  team: Team;
  bodyLimitBytes: number;
}

/**
 * Staff accounts: a branch's team (its managers and admins) and the administrators (admins).
 * Every change is audited with who was changed and what, never a password.
 */
export function teamRoutes(deps: TeamRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  const managers = requireStaff(deps.sessions, ['admin', 'manager']);
  const admins = requireStaff(deps.sessions, ['admin']);

  const caller = (ctx: Context): TeamCaller => {
    const { session } = ctx.state.staff as StaffState;
    return { userId: session.userId, role: session.role, branchId: session.branchId, actor: actorOf(ctx) };
  };
  const audited = <D extends object>(ctx: Context, scope: TeamScope, action: AuditAction, details: KnownAuditDetails<D>) =>
    deps.audit.append({ ...actorOf(ctx), action, branchId: scope === 'admins' ? null : scope.branchId, ticketId: null, details: knownAuditDetails(details) });
  const who = (m: TeamMember) => ({ userId: m.userId, username: m.username });
  // A temporary password is in the answer: no cache may keep it.
  const secret = (ctx: Context, status: number, data: unknown) => {
    ctx.set('cache-control', 'no-store');
    ctx.status = status;
    ctx.body = { data };
  };

  /** The three changes both scopes share: deactivate, reactivate, reset the password. */
  function accountActions(path: string, middleware: typeof managers, scopeOf: (ctx: Context) => { scope: TeamScope; userId: string }): void {
    router.post(`${path}/deactivate`, middleware, async (ctx) => {
      const { scope, userId } = scopeOf(ctx);
      const { member, changed } = await deps.team.deactivate(scope, caller(ctx), userId);
      if (changed) await audited(ctx, scope, 'deactivate-staff', who(member));
      ctx.body = { data: member };
    });
    router.post(`${path}/reactivate`, middleware, async (ctx) => {
      const { scope, userId } = scopeOf(ctx);
      const { member, changed } = await deps.team.reactivate(scope, caller(ctx), userId);
      if (changed) await audited(ctx, scope, 'reactivate-staff', who(member));
      ctx.body = { data: member };
    });
    router.post(`${path}/reset-password`, middleware, async (ctx) => {
      const { scope, userId } = scopeOf(ctx);
      const reset = await deps.team.resetPassword(scope, caller(ctx), userId);
      await audited(ctx, scope, 'reset-password', who(reset.member));
      secret(ctx, 200, reset);
    });
  }

  // --- a branch's team --------------------------------------------------------------------------
  router.get('/branches/:branchId/team', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.team.list({ branchId }) };
  });

  router.post('/branches/:branchId/team', managers, async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const body = parse(CreateMemberBody, await readJson(ctx, deps.bodyLimitBytes));
    const created = await deps.team.createMember(branchId, caller(ctx), body);
    const m = created.member;
    await audited(ctx, { branchId }, 'create-staff', { ...who(m), role: m.role, displayName: m.displayName, skills: m.skills });
    secret(ctx, 201, created);
  });

  router.patch('/branches/:branchId/team/:userId', managers, async (ctx) => {
    const { branchId, userId } = parse(MemberParams, ctx.params);
    requireStaffAt(ctx, branchId);
    const body = parse(UpdateMemberBody, await readJson(ctx, deps.bodyLimitBytes));
    const { member, changed } = await deps.team.update(branchId, caller(ctx), userId, body);
    await audited(ctx, { branchId }, 'update-staff', { ...who(member), ...changed });
    ctx.body = { data: member };
  });

  accountActions('/branches/:branchId/team/:userId', managers, (ctx) => {
    const { branchId, userId } = parse(MemberParams, ctx.params);
    requireStaffAt(ctx, branchId);
    return { scope: { branchId }, userId };
  });

  // --- administrators ---------------------------------------------------------------------------
  router.get('/admins', admins, async (ctx) => {
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.team.listAdmins() };
  });

  router.post('/admins', admins, async (ctx) => {
    const body = parse(CreateAdminBody, await readJson(ctx, deps.bodyLimitBytes));
    const created = await deps.team.createAdmin(caller(ctx), body);
    await audited(ctx, 'admins', 'create-staff', { ...who(created.member), role: 'admin', displayName: created.member.displayName });
    secret(ctx, 201, created);
  });

  accountActions('/admins/:userId', admins, (ctx) => ({ scope: 'admins', userId: parse(AdminParams, ctx.params).userId }));

  return router;
}

/** The team endpoints in the OpenAPI document (called by http/openapi.ts). */
export function registerTeamPaths(r: OpenAPIRegistry): void {
  const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: z.object({ data: schema }) } } });
  const refused = (codes: string) => ({ description: codes, content: { 'application/json': { schema: ApiError } } });
  const common = {
    400: refused('VALIDATION_FAILED'),
    401: refused('UNAUTHENTICATED / SESSION_EXPIRED'),
    403: refused('FORBIDDEN (not a manager or admin, not their branch, or a manager acting on a manager or admin) / OWN_ACCOUNT / PASSWORD_CHANGE_REQUIRED / ORIGIN_NOT_ALLOWED'),
    404: refused('NOT_FOUND (no such account in this branch) / BRANCH_UNKNOWN'),
  };
  const json = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });
  const member = { params: MemberParams };
  const admin = { params: AdminParams };
  r.registerPath({ method: 'get', path: '/api/v1/branches/{branchId}/team', request: { params: BranchParams }, responses: { 200: ok(z.array(TeamMember), "The branch's managers and staff, their skills and whether each is signed on now (manager, admin)"), ...common } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/branches/{branchId}/team',
    description: 'A new member with an account (managers add staff; admins managers too). The temporary password is in this answer only and must be changed at the first sign-in. Audited as create-staff.',
    request: { params: BranchParams, ...json(CreateMemberBody) },
    responses: { 201: ok(MemberWithPassword, 'Created'), ...common, 409: refused('USERNAME_TAKEN'), 422: refused('UNKNOWN_SERVICE (a skill for a service the branch does not offer)') },
  });
  r.registerPath({
    method: 'patch',
    path: '/api/v1/branches/{branchId}/team/{userId}',
    description:
      'Display name, skills (at once in the live queue; a signed-on member stays on) and role (admins only); only what is given changes. Send `expected`, the values read for the fields changed: when one is stored otherwise now (another save came since), nothing is saved and the answer is 409 STALE_MEMBER with `details.current`. With `expected.skills`, only the skills that differ between it and `skills` change (a skill a colleague added meanwhile stays); without it `skills` replaces the skills of active services. Audited as update-staff.',
    request: { ...member, ...json(UpdateMemberBody) },
    responses: { 200: ok(TeamMember, 'Changed'), ...common, 409: refused('STALE_MEMBER (error.details.current: TeamMember; nothing saved)'), 422: refused('UNKNOWN_SERVICE'), 503: refused('BUSY_RETRY') },
  });
  const actions = (base: string, params: typeof member | typeof admin, who: string, conflict: string) => {
    r.registerPath({
      method: 'post',
      path: `${base}/deactivate`,
      description: `Deactivates ${who}: no more sign-ins, sessions end at once, signed off the counter. Again: a no-op. Audited as deactivate-staff.`,
      request: params,
      responses: { 200: ok(TeamMember, 'Deactivated'), ...common, 409: refused(conflict) },
    });
    r.registerPath({ method: 'post', path: `${base}/reactivate`, description: `Lets ${who} sign in again. Audited as reactivate-staff.`, request: params, responses: { 200: ok(TeamMember, 'Reactivated'), ...common } });
    r.registerPath({
      method: 'post',
      path: `${base}/reset-password`,
      description: `A new temporary password for ${who}, in this answer only; their sessions end and they must change it at the next sign-in. Audited as reset-password.`,
      request: params,
      responses: { 200: ok(MemberWithPassword, 'Reset'), ...common },
    });
  };
  actions('/api/v1/branches/{branchId}/team/{userId}', member, 'a member of the branch', 'MEMBER_SERVING (holding a customer: finish or transfer first; details.ticketNumber, details.counterLabel)');
  r.registerPath({ method: 'get', path: '/api/v1/admins', responses: { 200: ok(z.array(AdminMember), 'The administrators, deactivated ones too, with their last sign-in from the audit log (admins only)'), ...common } });
  r.registerPath({
    method: 'post',
    path: '/api/v1/admins',
    description: 'A new administrator (admins only), with a temporary password in this answer only. Audited as create-staff.',
    request: json(CreateAdminBody),
    responses: { 201: ok(MemberWithPassword, 'Created'), ...common, 409: refused('USERNAME_TAKEN') },
  });
  actions('/api/v1/admins/{userId}', admin, 'an administrator', 'LAST_ACTIVE_ADMIN (the only active administrator: add or reactivate another first)');
}
