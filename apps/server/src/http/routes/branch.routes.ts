import Router from '@koa/router';
import type { Context } from 'koa';
import { BranchListQuery, BranchParams, StaffCommand, TicketParams, type CustomerProfileView } from '@tellerline/contracts';
import type { AuditLog } from '../../auth/ports.js';
import type { DeviceAuth } from '../../auth/device-auth.js';
import type { SessionStore } from '../../auth/sessions.js';
import { AppError, parse } from '../../errors.js';
import type { BranchCommands } from '../../usecases/branch-commands.js';
import { runStaffCommand } from '../../usecases/staff-actions.js';
import type { Views } from '../../usecases/views.js';
import { actorOf, requireDevice, requireStaff, requireStaffAt, type StaffState } from '../middleware/auth.js';
import { readJson } from '../middleware/json-body.js';
import { readCookie, SESSION_COOKIE } from '../cookies.js';

export interface BranchRouteDeps {
  sessions: SessionStore;
  deviceAuth: DeviceAuth;
  commands: BranchCommands;
  views: Views;
  audit: AuditLog;
  profiles: { profile(customerId: string, currentTicketId: string): Promise<CustomerProfileView> };
  /** The booking page's view of a branch: which of its services can be booked. */
  booking: { views: { info(branchId: string): Promise<{ services: unknown[] }> } };
  bodyLimitBytes: number;
  now: () => number;
}

export function branchRoutes(deps: BranchRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1/branches' });

  /**
   * Who reads the public list, without refusing anyone: signed-in staff (any role), a paired
   * device (its branch), or nobody known (null). Read only: a list request slides no session.
   */
  async function viewerOf(ctx: Context): Promise<'staff' | { branchId: string } | null> {
    const sid = readCookie(ctx.get('cookie'), SESSION_COOKIE);
    // Sessions and device tokens live on the wall clock, as in the auth middleware (deps.now may
    // be a branch's moved clock in tests and what-ifs).
    if (sid && (await deps.sessions.peek(sid, Date.now()))) return 'staff';
    const m = /^Bearer +([A-Za-z0-9_-]{16,128})$/i.exec(ctx.get('authorization'));
    // A token here is a lookup like any other: guessed ones count against the address (and one
    // over its limit is refused, not listed to as nobody: the kiosk would lose its branch silently).
    const device = m ? await deps.deviceAuth.verifyFrom(m[1]!, ctx.ip, Date.now()) : null;
    return device ? { branchId: device.branchId } : null;
  }

  /**
   * Public: every branch's directory row (BranchListItem: opening hours, pilot flag; no live state).
   * A branch in preparation (`customersOpen` false) is listed to signed-in staff (they set it up and
   * rehearse there) and to its own kiosk, never to anyone else: customers must not find it before
   * opening day. `?bookable=true` (the booking page): only branches in service and open to
   * customers with at least one bookable service, whoever asks.
   */
  router.get('/', async (ctx) => {
    const q = parse(BranchListQuery, ctx.query);
    const all = await deps.views.branches();
    if (q.bookable !== 'true') {
      const viewer = await viewerOf(ctx);
      ctx.vary('Cookie');
      ctx.vary('Authorization');
      ctx.body = { data: viewer === 'staff' ? all : all.filter((b) => b.customersOpen || b.id === viewer?.branchId) };
      return;
    }
    // A branch out of service or in preparation is offered for nothing, whatever its services say.
    const open = all.filter((b) => b.active && b.customersOpen);
    const offered = await Promise.all(open.map(async (b) => (await deps.booking.views.info(b.id)).services.length > 0));
    ctx.body = { data: open.filter((_, i) => offered[i]) };
  });

  /** Public: what the kiosk and booking pages need (names, services, counters). */
  router.get('/:branchId', async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const info = await deps.views.branchInfo(branchId);
    if (!info) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    ctx.body = { data: info };
  });

  /** Public: waiting counts and wait ranges per service (kiosk, help assistant). */
  router.get('/:branchId/queue', async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    ctx.body = { data: await deps.views.queue(branchId) };
  });

  router.get('/:branchId/signage', requireDevice(deps.deviceAuth, ['signage', 'kiosk']), async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    if ((ctx.state.device as { branchId: string }).branchId !== branchId) throw new AppError('FORBIDDEN', 'This device belongs to another branch');
    ctx.body = { data: await deps.views.signage(branchId) };
  });

  router.get('/:branchId/staff-queue', requireStaff(deps.sessions), async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    requireStaffAt(ctx, branchId);
    ctx.body = { data: await deps.views.staff(branchId) };
  });

  /** Staff buttons: call-next, recall, transfer, no-show, complete, ... */
  router.post('/:branchId/commands', requireStaff(deps.sessions), async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const cmd = parse(StaffCommand, await readJson(ctx, deps.bodyLimitBytes));
    const { session } = ctx.state.staff as StaffState;
    ctx.body = { data: await runStaffCommand(deps.commands, session, branchId, cmd, actorOf(ctx), deps.now) };
  });

  /**
   * The customer behind a ticket, for the staff member holding it (called or serving) only: a
   * waiting ticket, or a colleague's, is nobody else's business. Viewing is audited.
   */
  router.get('/:branchId/tickets/:ticketId/profile', requireStaff(deps.sessions), async (ctx) => {
    const { branchId, ticketId } = parse(TicketParams, ctx.params);
    const session = requireStaffAt(ctx, branchId);
    const ticket = await deps.views.liveTicket(branchId, ticketId);
    if (!ticket) throw new AppError('UNKNOWN_TICKET', 'That ticket has finished or does not exist');
    const held = ticket.status === 'called' || ticket.status === 'serving';
    if (!held || !session.staffId || ticket.staffId !== session.staffId) {
      throw new AppError('FORBIDDEN', 'Only the staff member serving this ticket may see its customer');
    }
    const empty: CustomerProfileView = { customer: null, visits: [] };
    if (ticket.customerId) {
      await deps.audit.append({ ...actorOf(ctx), action: 'view-profile', branchId, ticketId, details: { customerId: ticket.customerId, ticketNumber: ticket.number } });
    }
    ctx.body = { data: ticket.customerId ? await deps.profiles.profile(ticket.customerId, ticketId) : empty };
  });

  return router;
}
