import type { Context, Middleware } from 'koa';
import { BACKGROUND_REQUEST_HEADER, type Role } from '@tellerline/contracts';
import type { DeviceAuth } from '../../auth/device-auth.js';
import type { AuthDevice } from '../../auth/ports.js';
import { endedSession } from '../../auth/session-end.js';
import type { Session, SessionStore } from '../../auth/sessions.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../usecases/branch-commands.js';
import { readCookie, SESSION_COOKIE } from '../cookies.js';

export interface StaffState {
  session: Session;
  sessionId: string;
}

/**
 * Signed-in staff only; `roles` narrows it further. Sets ctx.state.staff. A request the client
 * marks as automatic (BACKGROUND_REQUEST_HEADER) is checked without sliding the idle window.
 * An account on a password someone else chose is refused (PASSWORD_CHANGE_REQUIRED) unless
 * `beforePasswordChange`: who am I, change my password, sign out.
 */
export function requireStaff(sessions: SessionStore, roles?: readonly Role[], options: { beforePasswordChange?: boolean } = {}): Middleware {
  return async (ctx, next) => {
    // The socket handshake's reader: a malformed cookie is no session (signed out) on both.
    const sid = readCookie(ctx.get('cookie'), SESSION_COOKIE);
    const background = ctx.get(BACKGROUND_REQUEST_HEADER) !== '';
    const session = sid ? await (background ? sessions.peek(sid, Date.now()) : sessions.touch(sid, Date.now())) : null;
    if (!sid) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    if (!session) throw await endedSession(sessions, sid);
    if (session.mustChangePassword && !options.beforePasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Choose your own password first (on the account page)');
    }
    // Known before the role check, so a refusal names who was refused (access-denied.ts).
    ctx.state.staff = { session, sessionId: sid } satisfies StaffState;
    if (roles && !roles.includes(session.role)) throw new AppError('FORBIDDEN', 'Your role may not do this');
    await next();
  };
}

/**
 * After `requireStaff`: the signed-in person works at `branchId`, or is an admin (every branch).
 * Returns their session.
 */
export function requireStaffAt(ctx: Context, branchId: string): Session {
  const { session } = ctx.state.staff as StaffState;
  if (session.branchId !== branchId && session.role !== 'admin') throw new AppError('FORBIDDEN', 'Not your branch');
  return session;
}

/**
 * A paired kiosk or signage screen: `Authorization: Bearer <device token>`. Sets ctx.state.device.
 * An unknown token counts against the caller's address (DeviceAuth.verifyFrom): past the limit,
 * 429 RATE_LIMITED with Retry-After before any lookup.
 */
export function requireDevice(devices: DeviceAuth, kinds: readonly AuthDevice['kind'][]): Middleware {
  return async (ctx, next) => {
    // RFC 7235: the scheme is case-insensitive and one or more spaces separate it from the token.
    const m = /^Bearer +([A-Za-z0-9_-]{16,128})$/i.exec(ctx.get('authorization'));
    const device = m ? await devices.verifyFrom(m[1]!, ctx.ip, Date.now()) : null;
    if (!device) throw new AppError('UNAUTHENTICATED', 'This device is not paired');
    ctx.state.device = device; // before the kind check: a refusal names the device (access-denied.ts)
    if (!kinds.includes(device.kind)) throw new AppError('FORBIDDEN', 'This device may not do this');
    await next();
  };
}

/**
 * Cookies ride along on cross-site requests, so a state-changing request that carries an
 * Origin must come from one of ours (SameSite=Strict covers browsers that omit Origin).
 */
export function originGuard(allowed: readonly string[]): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.method !== 'OPTIONS') {
      const origin = ctx.get('origin');
      if (origin && !allowed.includes(origin)) throw new AppError('ORIGIN_NOT_ALLOWED', `Origin ${origin} is not allowed`);
    }
    await next();
  };
}

export function actorOf(ctx: Context): Actor {
  const staff = ctx.state.staff as StaffState | undefined;
  return {
    userId: staff?.session.userId ?? null,
    role: staff?.session.role ?? null,
    ip: ctx.ip,
    userAgent: ctx.get('user-agent') || null,
    requestId: (ctx.state.requestId as string | undefined) ?? null,
  };
}
