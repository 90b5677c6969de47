import { HandshakeAuth, type SocketData } from '@tellerline/contracts';
import type { Socket } from 'socket.io';
import type { DeviceAuth } from '../auth/device-auth.js';
import type { SessionStore } from '../auth/sessions.js';
import { endedSession } from '../auth/session-end.js';
import { AppError, toApiError } from '../errors.js';
import { readCookie, SESSION_COOKIE } from '../http/cookies.js';
import type { Logger } from '../logger.js';
import type { TicketLookup } from '../usecases/ports.js';
import type { TokenProbeLimiter } from '../auth/token-probe-limiter.js';
import type { LiveIndex } from './live-index.js';

export interface HandshakeDeps {
  allowedOrigins: readonly string[];
  deviceAuth: DeviceAuth;
  sessions: SessionStore;
  tickets: TicketLookup;
  now: () => number;
  /**
   * Per-address guard of ticket-token handshakes (each one a lookup), shared with the HTTP token
   * routes. Device tokens are guarded by `deviceAuth` itself (its own budget: device-auth.ts).
   */
  tokenProbes?: TokenProbeLimiter;
  /**
   * The live tickets this node follows (realtime-server.ts): a phone whose ticket is here is
   * answered from memory, and takes no in-flight slot of its address's guard.
   */
  live?: Pick<LiveIndex, 'record'>;
  /** The caller's address from the handshake (http/client-ip.ts, with TRUST_PROXY_HOPS), for the audit and the limits. */
  callerIp?: (remoteAddress: string, forwardedFor: string | string[] | undefined) => string;
}

/**
 * Decides who a socket is before it may join anything: a paired device (signage, kiosk), a
 * customer holding a ticket token, or a signed-in staff member (session cookie). A browser on
 * another origin is refused outright; clients without an Origin must still authenticate.
 */
export async function authenticateHandshake(socket: Socket, deps: HandshakeDeps): Promise<SocketData> {
  const origin = socket.handshake.headers.origin;
  if (origin !== undefined && !deps.allowedOrigins.includes(origin)) {
    throw new AppError('ORIGIN_NOT_ALLOWED', `Origin ${origin} is not allowed`);
  }
  const auth = HandshakeAuth.safeParse(socket.handshake.auth ?? {});
  if (!auth.success) throw new AppError('VALIDATION_FAILED', 'Handshake auth is not valid');
  const a = auth.data;
  const ip = deps.callerIp ? deps.callerIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for']) : socket.handshake.address;
  if ('deviceToken' in a) {
    // Refused RATE_LIMITED (details.retryAfterSec) when the address guessed too many device tokens.
    const device = await deps.deviceAuth.verifyFrom(a.deviceToken, ip, deps.now());
    if (!device) throw new AppError('UNAUTHENTICATED', 'Unknown or revoked device');
    return { kind: device.kind, branchId: device.branchId, deviceId: device.id };
  }
  if ('ticketToken' in a) {
    // After a restart thousands of phones, many behind one lobby or carrier address, come back
    // at once: a live ticket costs no lookup, so only the address's refusal applies to it.
    const live = deps.live?.record(a.ticketToken);
    if (live) {
      deps.tokenProbes?.admit(ip);
      return { kind: 'ticket', branchId: live.branchId, token: a.ticketToken };
    }
    // Refused (RATE_LIMITED, with details.retryAfterSec) before the lookup, in memory.
    const leave = deps.tokenProbes?.enter(ip);
    try {
      const t = await deps.tickets.byToken(a.ticketToken);
      if (!t) {
        await deps.tokenProbes?.missed(ip);
        throw new AppError('NOT_FOUND', 'No such ticket');
      }
      return { kind: 'ticket', branchId: t.branchId, token: a.ticketToken };
    } finally {
      leave?.();
    }
  }
  const sid = sessionIdOf(socket);
  // Sessions live in wall-clock time, like the HTTP side that creates and checks them (and
  // Redis's TTLs): the business clock `now` may be set elsewhere (tests, replays). Connecting is
  // not activity (Socket.IO reconnects on its own after every network blip): it does not slide
  // the idle window; the page load before it and every command after it do.
  const session = sid ? await deps.sessions.peek(sid, Date.now()) : null;
  // A deactivated account's panel reconnecting is told why, so its sign-in page can say so.
  if (!session && sid) {
    const ended = await endedSession(deps.sessions, sid);
    if (ended.code === 'ACCOUNT_DEACTIVATED') throw ended;
  }
  if (!session || !session.branchId) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  if (session.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Choose your own password first (on the account page)');
  return { kind: 'staff', branchId: session.branchId, userId: session.userId, staffId: session.staffId, role: session.role };
}

/**
 * The Socket.IO middleware (`io.use`): sets `socket.data`, or refuses the connection with the
 * `{ code, message }` the client reads from its connect_error. A refusal (signed out, unknown
 * device) is expected and not logged; anything else is a bug or an outage that the client only
 * sees as INTERNAL, so it is logged.
 */
export function handshakeGate(deps: HandshakeDeps & { logger: Logger }): (socket: Socket, next: (err?: Error) => void) => void {
  return (socket, next) => {
    authenticateHandshake(socket, deps)
      .then((data) => {
        socket.data = data;
        next();
      })
      .catch((err: unknown) => {
        const { body, internal } = toApiError(err);
        if (internal) deps.logger.error({ err, socket: socket.id }, 'socket handshake failed');
        const e = new Error(body.error.message) as Error & { data: unknown };
        e.data = body.error;
        next(e);
      });
  };
}

/** The staff session id a socket connected with (its cookie at the handshake), if any. */
export function sessionIdOf(socket: Pick<Socket, 'handshake'>): string | undefined {
  return readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
}
