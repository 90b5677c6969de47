import Router from '@koa/router';
import type Koa from 'koa';
import { ChangePasswordBody, LoginBody, LogoutBody, type Me } from '@tellerline/contracts';
import { dummyHash, verifyPassword } from '../../auth/passwords.js';
import type { AuditLog, UserLookup } from '../../auth/ports.js';
import type { LoginLimiter } from '../../auth/login-limiter.js';
import type { AccountLimiter } from '../../auth/account-limiter.js';
import { UNKNOWN_AUDIT_WINDOW_SEC, type AddressLimiter } from '../../auth/address-limiter.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_MS, type DeviceCookies } from '../../auth/device-cookie.js';
import type { SessionStore } from '../../auth/sessions.js';
import type { Logger } from '../../logger.js';
import { AppError, parse } from '../../errors.js';
import type { BranchCommands } from '../../usecases/branch-commands.js';
import type { PasswordChange } from '../../usecases/password-change.js';
import { leaveCounter } from '../../usecases/staff-actions.js';
import type { Views } from '../../usecases/views.js';
import { readCookie, SESSION_COOKIE } from '../cookies.js';
import { readJson } from '../middleware/json-body.js';
import { actorOf, requireStaff, type StaffState } from '../middleware/auth.js';

export interface AuthRouteDeps {
  users: UserLookup;
  sessions: SessionStore;
  loginLimiter: LoginLimiter;
  /** Sign-ins per caller address across every username (address-limiter.ts): stops password spraying. */
  addressLimiter: AddressLimiter;
  /** Failed sign-ins per username from any address, with a growing wait (account-limiter.ts). */
  accountLimiter: AccountLimiter;
  /** Browsers where an account signed in before (device-cookie.ts): not held to the account's wait. */
  deviceCookies: DeviceCookies;
  /** The same growing wait, per known browser (keyed by its entry's nonce) instead of per account. */
  deviceLimiter: AccountLimiter;
  now: () => number;
  /** Tries at the current password of a password change, per (ip, username), like sign-ins. */
  passwordLimiter: LoginLimiter;
  passwords: PasswordChange;
  audit: AuditLog;
  bodyLimitBytes: number;
  secureCookies: boolean;
  sessionAbsoluteMs: number;
  /** Signing out signs the staff member off their counter. */
  commands: BranchCommands;
  views: Views;
}

export function authRoutes(deps: AuthRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1/auth' });
  const cookieOpts = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.secureCookies,
    path: '/',
    maxAge: deps.sessionAbsoluteMs,
    overwrite: true,
  };

  /**
   * A Secure cookie (PUBLIC_URL is https) over a request Koa sees as http would throw deep in the
   * cookie library (a 500); say instead what is wrong. Seen when TLS ends at a proxy that is not
   * trusted (TRUST_PROXY) or does not send X-Forwarded-Proto.
   */
  function requireHttps(ctx: Koa.Context): void {
    if (deps.secureCookies && !ctx.secure) {
      throw new AppError('HTTPS_REQUIRED', 'Sign in over https: this server keeps sessions on https only (behind a TLS proxy: TRUST_PROXY=true and X-Forwarded-Proto: https).');
    }
  }

  router.post('/login', async (ctx) => {
    requireHttps(ctx);
    const body = parse(LoginBody, await readJson(ctx, deps.bodyLimitBytes));
    // First, so a refused try costs no username's count.
    const address = await deps.addressLimiter.hit(ctx.ip);
    if (!address.allowed) {
      // Once per window it trips, with what it counted: the spray is on record, not each try.
      if (address.tripped) {
        const unknownUsernames = await deps.addressLimiter.unknownCount(ctx.ip);
        await deps.audit.append({ ...actorOf(ctx), action: 'login-throttled', branchId: null, ticketId: null, details: { perAddress: true, attempts: address.attempts, unknownUsernames, waitSec: address.retryAfterSec } });
      }
      throw new AppError('RATE_LIMITED', 'Too many sign-in attempts; wait a few minutes and try again', undefined, { retryAfterSec: address.retryAfterSec });
    }
    const attempt = await deps.loginLimiter.hit(ctx.ip, body.username);
    if (!attempt.allowed) {
      throw new AppError('RATE_LIMITED', 'Too many sign-in attempts; wait a few minutes and try again', undefined, { retryAfterSec: attempt.retryAfterSec });
    }
    // The account's own wait: refused before the password is looked at, the right one too. Not
    // from a browser where this account signed in before: guessers elsewhere cannot keep the
    // teller out. That browser has a wait of its own instead, so its cookie cannot guess freely.
    const known = deps.deviceCookies.knownFor(ctx.cookies.get(DEVICE_COOKIE), body.username);
    const account = known ? await deps.deviceLimiter.check(known.nonce, deps.now()) : await deps.accountLimiter.check(body.username, deps.now());
    if (!account.allowed) {
      throw new AppError('RATE_LIMITED', 'Too many failed sign-ins at this account; wait and try again', undefined, { retryAfterSec: account.retryAfterSec });
    }
    const user = await deps.users.findByUsername(body.username);
    // Verify against a dummy hash for unknown users so response time does not reveal usernames.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), body.password);
    if (!user || !ok || !user.active) {
      // Filed under the account's branch, so its managers see guessing at their staff's accounts.
      // Only the audit log learns that the username exists: the answer below is the same either way.
      const branchId = user?.branchId ?? null;
      // A known account: every failure. Usernames that do not exist: the first from this address
      // in the window, marked so (the rest are counted, and the count is recorded if they trip
      // the address's limit), so a list of made-up names cannot flood the log. The count is kept
      // (or read) either way, and the answer does not wait on the entry, so whether one is
      // written does not show in how long the answer takes.
      const unknownSoFar = await deps.addressLimiter.failed(ctx.ip, !user);
      const details = user ? { username: body.username } : unknownSoFar === 1 ? { username: body.username, unknownUsername: true, windowSec: UNKNOWN_AUDIT_WINDOW_SEC } : null;
      if (details) {
        void deps.audit.append({ ...actorOf(ctx), action: 'login-failed', branchId, ticketId: null, details }).catch((err: unknown) => {
          (ctx.state.log as Logger | undefined)?.error({ err, action: 'login-failed', branchId, details }, 'audit append failed');
        });
      }
      if (known) await deps.deviceLimiter.fail(known.nonce, deps.now());
      const waitSec = await deps.accountLimiter.fail(body.username, deps.now());
      // Once per wait it starts (not per refused try), so guessing cannot flood the log.
      if (waitSec > 0) await deps.audit.append({ ...actorOf(ctx), action: 'login-throttled', branchId, ticketId: null, details: { username: body.username, waitSec } });
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    // From a known browser, only that browser's count is forgotten: the guesses made elsewhere
    // at this account keep their wait.
    if (known) await deps.deviceLimiter.reset(known.nonce);
    else await deps.accountLimiter.reset(body.username);
    await deps.loginLimiter.reset(ctx.ip, body.username);
    await deps.addressLimiter.forgive(ctx.ip);
    // Rotation: whatever session this browser had is dropped and a fresh id issued.
    const old = readCookie(ctx.get('cookie'), SESSION_COOKIE);
    if (old) await deps.sessions.destroy(old);
    const sid = await deps.sessions.create(
      { userId: user.id, role: user.role, branchId: user.branchId, staffId: user.staffId, ...(user.mustChangePassword ? { mustChangePassword: true } : {}) },
      Date.now(),
    );
    ctx.cookies.set(SESSION_COOKIE, sid, cookieOpts);
    // This browser is now known to the account (for 90 days from this sign-in), see above.
    ctx.cookies.set(DEVICE_COOKIE, deps.deviceCookies.issue(ctx.cookies.get(DEVICE_COOKIE), body.username), { ...cookieOpts, maxAge: DEVICE_COOKIE_MAX_AGE_MS });
    await deps.audit.append({ userId: user.id, role: user.role, action: 'login', branchId: user.branchId, ticketId: null, ip: ctx.ip, userAgent: ctx.get('user-agent') || null, ...(known ? { details: { knownDevice: true } } : {}) });
    ctx.body = { data: toMe(user) };
  });

  /**
   * Leaves the counter first (refused with STAFF_BUSY while holding a customer, unless
   * `finishHeld`), then ends the session; its sockets on this node are disconnected at once, on
   * other nodes at their next request or session sweep.
   */
  router.post('/logout', requireStaff(deps.sessions, undefined, { beforePasswordChange: true }), async (ctx) => {
    requireHttps(ctx);
    const { sessionId, session } = ctx.state.staff as StaffState;
    const body = parse(LogoutBody, await readJson(ctx, deps.bodyLimitBytes));
    await leaveCounter(deps.commands, deps.views, session, actorOf(ctx), body.finishHeld === true);
    await deps.sessions.destroy(sessionId);
    ctx.cookies.set(SESSION_COOKIE, '', { ...cookieOpts, maxAge: 0 });
    await deps.audit.append({ ...actorOf(ctx), action: 'logout', branchId: session.branchId, ticketId: null });
    ctx.body = { data: { ok: true } };
  });

  router.get('/me', requireStaff(deps.sessions, undefined, { beforePasswordChange: true }), async (ctx) => {
    const { session } = ctx.state.staff as StaffState;
    const user = await deps.users.findById(session.userId);
    if (!user || !user.active) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    // The session's flag, not the stored one: it is what every other request is held to.
    ctx.body = { data: toMe({ ...user, mustChangePassword: session.mustChangePassword === true }) };
  });

  /**
   * One's own password (also the way out of a temporary one). Tries at the current password are
   * limited like sign-ins; every other session of the account ends, this one stays.
   */
  router.post('/password', requireStaff(deps.sessions, undefined, { beforePasswordChange: true }), async (ctx) => {
    const { session, sessionId } = ctx.state.staff as StaffState;
    const body = parse(ChangePasswordBody, await readJson(ctx, deps.bodyLimitBytes));
    const attempt = await deps.passwordLimiter.hit(ctx.ip, session.userId);
    if (!attempt.allowed) {
      throw new AppError('RATE_LIMITED', 'Too many tries at the current password; wait a few minutes and try again', undefined, { retryAfterSec: attempt.retryAfterSec });
    }
    let changed;
    try {
      changed = await deps.passwords.change({ userId: session.userId, sessionId }, body);
    } catch (err) {
      if (err instanceof AppError && err.code === 'WRONG_PASSWORD') {
        await deps.audit.append({ ...actorOf(ctx), action: 'change-password-failed', branchId: session.branchId, ticketId: null });
      } else {
        // The current password was right (a new one too weak): that try guessed nothing.
        await deps.passwordLimiter.reset(ctx.ip, session.userId);
      }
      throw err;
    }
    await deps.passwordLimiter.reset(ctx.ip, session.userId);
    await deps.audit.append({ ...actorOf(ctx), action: 'change-password', branchId: session.branchId, ticketId: null, details: { otherSessionsEnded: changed.sessionsEnded } });
    ctx.body = { data: toMe(changed.user) };
  });

  return router;
}

function toMe(u: { id: string; username: string; displayName: string; role: Me['role']; branchId: string | null; staffId: string | null; mustChangePassword: boolean }): Me {
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role, branchId: u.branchId, staffId: u.staffId, mustChangePassword: u.mustChangePassword };
}
