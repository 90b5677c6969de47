import type { Context, Middleware } from 'koa';
import { knownAuditDetails } from '@tellerline/contracts';
import type { AuditLog } from '../../auth/ports.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { createAuditThrottle } from '../audit-throttle.js';
import { actorOf, type StaffState } from './auth.js';

/** Refusals that say "you may not", as opposed to "sign in first" or "bad request". */
const DENIED = new Set(['FORBIDDEN', 'TICKET_NOT_YOURS', 'RECORD_NOT_YOURS']);

/** One entry per person, method and route in this window: a probing script cannot flood the log. */
export const ACCESS_DENIED_WINDOW_MS = 10 * 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Audits a signed-in person's or a paired device's refused attempt (`access-denied`): a manager
 * of branch A opening branch B's audit log, a teller on a manager's route, a kiosk on a lobby
 * screen's. Otherwise nothing records them, and a stolen account probing what it can reach leaves
 * no trace for the branch to see. The entry goes to the branch the request named (its manager is
 * the one who should see it), else the actor's own; the refusal itself is answered unchanged.
 * Anonymous refusals are not audited (nobody to name; the rate limits deal with those).
 */
export function auditAccessDenied(audit: AuditLog, logger: Logger, windowMs = ACCESS_DENIED_WINDOW_MS): Middleware {
  const throttle = createAuditThrottle(windowMs);
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof AppError && DENIED.has(err.code)) await record(ctx, err.code);
      throw err;
    }
  };

  async function record(ctx: Context, code: string): Promise<void> {
    const staff = ctx.state.staff as StaffState | undefined;
    const device = ctx.state.device as { id: string; branchId: string; kind: string } | undefined;
    const who = staff ? `user:${staff.session.userId}` : device ? `device:${device.id}` : null;
    if (!who) return;
    // The route's pattern, not the path: one entry for a script walking through ids.
    const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? ctx.path;
    const named = (ctx.params as Record<string, string> | undefined)?.branchId;
    const branchId = named && UUID.test(named) ? named : (staff?.session.branchId ?? device?.branchId ?? null);
    // Per branch too: each branch's manager must see the attempts on their branch, even when the
    // same person tried the same route on another branch a minute before.
    if (!throttle.due(`${who}|${ctx.method}|${route}|${branchId ?? '-'}`)) return;
    await audit
      .append({
        ...actorOf(ctx),
        // A device acts under `device:<id>`, as its other entries do: the log names it and its kind.
        ...(device && !staff ? { role: `device:${device.id}` } : {}),
        action: 'access-denied',
        branchId,
        ticketId: null,
        details: knownAuditDetails({ method: ctx.method, route, code, ...(device ? { deviceId: device.id, deviceKind: device.kind } : {}), windowMin: windowMs / 60_000 }),
      })
      .catch((e: unknown) => logger.warn({ err: e }, 'could not audit a refused request'));
  }
}
