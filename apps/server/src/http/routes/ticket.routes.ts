import Router from '@koa/router';
import { BranchParams, IssueTicketBody, TokenParams, type IssuedTicket } from '@tellerline/contracts';
import { DomainError } from '@tellerline/engine';
import type { AuthDevice } from '../../auth/ports.js';
import type { DeviceAuth } from '../../auth/device-auth.js';
import { AppError, parse } from '../../errors.js';
import type { BranchCommands } from '../../usecases/branch-commands.js';
import type { RateLimiter } from '../../usecases/booking-ports.js';
import { refuseAnyPriorityButNormal } from '../../usecases/booking-remote.js';
import { requestFingerprint, type RequestClaim, type RequestLedger } from '../../usecases/request-ledger.js';
import { newTicketId, newToken, ticketIdForRequest } from '../../usecases/ids.js';
import type { Views } from '../../usecases/views.js';
import type { WalkInHours } from '../../usecases/walk-in-hours.js';
import { requireDevice } from '../middleware/auth.js';
import { ManifestQuery, ticketManifest } from './ticket-manifest.js';
import { readJson } from '../middleware/json-body.js';

export interface CustomerSink {
  /** Records a consented contact for notices; returns the customer id. */
  create(input: { phone?: string; email?: string; language: 'zh' | 'en' }): Promise<string>;
}

export interface TicketRouteDeps {
  deviceAuth: DeviceAuth;
  commands: BranchCommands;
  views: Views;
  customers: CustomerSink;
  /**
   * What each kiosk request id was used for (keyed by the ticket id it maps to), so that the id
   * reused for a different request is refused (REQUEST_ID_REUSED) instead of answered with
   * another customer's ticket.
   */
  ticketRequests: RequestLedger;
  /** Walk-in tickets only within the branch's hours (BRANCH_CLOSED otherwise). */
  walkInHours: Pick<WalkInHours, 'now' | 'requireOpen'>;
  /** New tickets per kiosk per minute (KIOSK_ISSUE_WINDOW_SEC): a stolen device token cannot flood a queue. */
  kioskIssueLimiter: RateLimiter;
  bodyLimitBytes: number;
  now: () => number;
}

/** The window of `kioskIssueLimiter`, and the Retry-After of its refusal. */
export const KIOSK_ISSUE_WINDOW_SEC = 60;

export function ticketRoutes(deps: TicketRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });

  /** Public: whether the kiosk issues walk-in tickets now, and if not, why and from when. */
  router.get('/branches/:branchId/walk-in-hours', async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await deps.walkInHours.now(branchId) };
  });

  /** Kiosk issues a walk-in ticket. */
  router.post('/branches/:branchId/tickets', requireDevice(deps.deviceAuth, ['kiosk']), async (ctx) => {
    const { branchId } = parse(BranchParams, ctx.params);
    const device = ctx.state.device as AuthDevice;
    if (device.branchId !== branchId) throw new AppError('FORBIDDEN', 'This kiosk belongs to another branch');
    const body = parse(IssueTicketBody, await readJson(ctx, deps.bodyLimitBytes));
    // Priority comes from staff at the Lobby card only (audited with a reason), never from a device.
    refuseAnyPriorityButNormal(body.priority);
    const ticketId = body.requestId ? ticketIdForRequest(device.id, body.requestId) : newTicketId(deps.now());
    // A retry of a request that already succeeded (the kiosk lost the answer) gets the same ticket.
    const sameTicket = async () => {
      const repeat = await deps.views.liveTicket(branchId, ticketId);
      if (!repeat) return false;
      const state = await deps.views.liveState(branchId);
      ctx.body = { data: { token: repeat.token, ticketId, view: deps.views.ticketFrom(state, repeat) } satisfies IssuedTicket };
      return true;
    };
    let claim: RequestClaim | null = null;
    const fingerprint = requestFingerprint({ ...body, requestId: undefined });
    if (body.requestId) {
      claim = await deps.ticketRequests.claim(ticketId, fingerprint);
      if (claim.state === 'conflict') throw new AppError('REQUEST_ID_REUSED', 'This requestId was used for a different ticket request; send a new one.');
      if (await sameTicket()) return;
      // Answered before, and the ticket has left the live queue since (served, cancelled, a day
      // closed): its record answers. Issuing again would reuse the ticket id, overwrite the
      // first customer's record and cut off their phone page.
      if (claim.state === 'done') {
        const recorded = await deps.views.ticket(claim.answer);
        if (!recorded) throw new AppError('REQUEST_ID_REUSED', 'This requestId was answered already; send a new one.');
        ctx.body = { data: { token: claim.answer, ticketId: recorded.ticketId, view: recorded.view } satisfies IssuedTicket };
        return;
      }
    }
    // Counted after the retry checks: a kiosk resending a request it lost the answer to takes nothing.
    if (!(await deps.kioskIssueLimiter.hit(device.id))) {
      if (claim?.state === 'claimed') await deps.ticketRequests.release(ticketId).catch(() => undefined);
      throw new AppError('RATE_LIMITED', 'This kiosk has issued many tickets in the last minute; please wait a moment and try again.', undefined, { retryAfterSec: KIOSK_ISSUE_WINDOW_SEC });
    }
    const token = newToken();
    const actor = { userId: null, role: `device:${device.id}`, ip: ctx.ip, userAgent: ctx.get('user-agent') || null };
    let outcome;
    try {
      // After the retry checks: a ticket issued at 16:59 is still the answer to its retry at 17:00.
      await deps.walkInHours.requireOpen(branchId);
      const customerId = body.contact
        ? await deps.customers.create({ ...(body.contact.phone ? { phone: body.contact.phone } : {}), ...(body.contact.email ? { email: body.contact.email } : {}), language: body.lang })
        : undefined;
      const issue = { type: 'issue', ticketId, token, serviceId: body.serviceId, kind: 'walk-in', priority: 'normal', ...(customerId ? { customerId } : {}) } as const;
      outcome = await deps.commands.run(branchId, issue, actor);
    } catch (err) {
      // Two copies of one retried request raced: the loser answers with the winner's ticket.
      if (err instanceof DomainError && err.code === 'DUPLICATE_TICKET' && (await sameTicket())) return;
      // Refused, so no ticket: the kiosk may send something else under the same id.
      if (claim?.state === 'claimed') await deps.ticketRequests.release(ticketId).catch(() => undefined);
      throw err;
    }
    // Issued: a failed write only shortens how long the id is remembered, so still answer.
    if (body.requestId) await deps.ticketRequests.complete(ticketId, fingerprint, token).catch(() => undefined);
    const { state } = outcome;
    const ticket = state.tickets[ticketId];
    if (!ticket) throw new AppError('INTERNAL', 'Ticket vanished after issue');
    const issued: IssuedTicket = { token, ticketId, view: deps.views.ticketFrom(state, ticket) };
    ctx.status = 201;
    ctx.body = { data: issued };
  });

  /** The customer's phone page data; the token is the only key. */
  router.get('/tickets/:token', async (ctx) => {
    const { token } = parse(TokenParams, ctx.params);
    const found = await deps.views.ticket(token);
    if (!found) throw new AppError('NOT_FOUND', 'No such ticket');
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: found.view };
  });

  /**
   * The manifest a ticket page links to, so installing it from there opens this ticket. Served
   * here, not built in the page as a data: URL, which the page policy (`manifest-src 'self'`)
   * refuses: the installed page then had no manifest, and iOS sends web push to installed pages
   * only. Names the ticket number only (what the lobby screen shows anyway), nothing of the
   * customer; the token in the path is cut in the request log like the ticket page's.
   */
  router.get('/tickets/:token/manifest.webmanifest', async (ctx) => {
    const { token } = parse(TokenParams, ctx.params);
    const { lang } = parse(ManifestQuery, ctx.query);
    const found = await deps.views.ticket(token);
    if (!found) throw new AppError('NOT_FOUND', 'No such ticket');
    ctx.set('cache-control', 'no-store');
    ctx.type = 'application/manifest+json';
    ctx.body = JSON.stringify(ticketManifest(found.view.number, lang));
  });

  router.post('/tickets/:token/cancel', async (ctx) => {
    const { token } = parse(TokenParams, ctx.params);
    const found = await deps.views.ticket(token);
    if (!found) throw new AppError('NOT_FOUND', 'No such ticket');
    const { state } = await deps.commands.run(found.branchId, { type: 'cancel', ticketId: found.ticketId, by: 'customer' }, {
      userId: null,
      role: 'customer',
      ip: ctx.ip,
      userAgent: ctx.get('user-agent') || null,
    });
    ctx.body = { data: { seq: state.seq, status: 'cancelled' } };
  });

  return router;
}
