import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  SOCKET_MESSAGE_MAX_BYTES,
  StaffCommand,
  SyncRequest,
  type Ack,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '@tellerline/contracts';
import { DomainError, type BranchState } from '@tellerline/engine';
import { toApiError, parse, AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { BranchCommands } from '../usecases/branch-commands.js';
import { runStaffCommand } from '../usecases/staff-actions.js';
import type { Views } from '../usecases/views.js';
import { SESSION_ENDED } from '../usecases/unattended-counters.js';
import type { SignOffGrace } from '../usecases/sign-off-grace.js';
import { handshakeGate, type HandshakeDeps } from './handshake.js';
import type { LiveIndex } from './live-index.js';
import { rooms } from './rooms.js';
import { watchSessions, type StaffSocketData } from './session-watch.js';
import { watchDevices } from './device-watch.js';
import { EVENT_BUDGET, EventBudget, type EventBudgetLimits } from './event-budget.js';
import { closedForSize } from './oversize-message.js';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type TSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps extends HandshakeDeps {
  /** This node's current branch states (kept by the fan-out): resyncs are answered from memory. */
  live?: LiveIndex;
  /** Reads a branch's state from the live store, for a branch the fan-out does not follow yet. */
  loadState: (branchId: string) => Promise<BranchState | null>;
  logger: Logger;
  metrics: Metrics;
  views: Views;
  commands: BranchCommands;
  /**
   * While it holds (Redis lost every session; staff are signing in again), a staff socket whose
   * session is gone leaves its counter alone: the scheduler's sweep signs it off after the grace.
   */
  signOffGrace?: Pick<SignOffGrace, 'holds'>;
  /** What one socket may send (event-budget.ts); tests may pass their own. */
  eventBudget?: EventBudgetLimits;
}

/** The answer to an event over the socket's budget; the client waits a moment and asks again. */
const RATE_LIMITED_ACK = {
  error: { code: 'RATE_LIMITED', message: 'Too many messages on this connection; wait a moment and try again.', details: { retryAfterSec: 1 } },
} as const;

export function createRealtime(http: HttpServer, deps: RealtimeDeps): RealtimeServer {
  const io: RealtimeServer = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    // A longer message closes the connection unanswered (logged: oversize-message.ts): texts are capped far below (contracts).
    maxHttpBufferSize: SOCKET_MESSAGE_MAX_BYTES,
    cors: { origin: [...deps.allowedOrigins], credentials: true },
    // Lobby screens and phones idle for hours; a 25 s ping keeps proxies from cutting them.
    pingInterval: 25_000,
    pingTimeout: 20_000,
  });

  io.use(handshakeGate(deps));

  // A staff socket lives only as long as its session: re-checked on every request, ended by a
  // sign-out, swept for timeouts. A session that timed out leaves its counter (when free), so an
  // unattended desk is not counted as staffed.
  const sessionWatch = watchSessions({
    sessions: deps.sessions,
    logger: deps.logger,
    sockets: () => io.of('/').sockets.values(),
    leave: async (who: StaffSocketData) => {
      if (!who.staffId) return true;
      if (deps.signOffGrace?.holds()) return true;
      try {
        await deps.commands.run(who.branchId, { type: 'sign-off', staffId: who.staffId }, SESSION_ENDED);
        return true;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // Holding a customer: try again once the no-show timer or a colleague has finished them.
        // Signed off already, or not on the roster: nothing left to do.
        return err.code !== 'STAFF_BUSY';
      }
    },
  });
  http.once('close', () => sessionWatch.stop());
  // A kiosk or lobby screen lives only as long as its pairing: unpaired on another node, it is
  // found here by the device sweep.
  const stopDeviceWatch = watchDevices({ deviceAuth: deps.deviceAuth, sockets: () => io.of('/').sockets.values(), now: deps.now, logger: deps.logger });
  http.once('close', stopDeviceWatch);

  const requireKind = (data: SocketData, ...kinds: SocketData['kind'][]) => {
    if (!kinds.includes(data.kind)) throw new AppError('FORBIDDEN', 'Not available to this client');
  };

  // What each client may ask. One table and one listener shared by every socket (`this` is the
  // socket): lobby screens and phones stay connected all day, so nothing is allocated per
  // connection beyond what Socket.IO itself keeps (no closures, no child logger) and its event
  // budget (four numbers).
  const requests: Record<string, (socket: TSocket, data: SocketData, payload: unknown) => Promise<unknown>> = {
    'signage:sync': async (_socket, data, p) => {
      requireKind(data, 'signage', 'kiosk', 'staff');
      const { afterSeq } = parse(SyncRequest, p);
      return deps.views.signage(data.branchId, afterSeq, await deps.live?.current(data.branchId, deps.loadState));
    },
    'staff:sync': async (_socket, data, p) => {
      requireKind(data, 'staff');
      parse(SyncRequest, p);
      return deps.views.staff(data.branchId);
    },
    'ticket:sync': async (_socket, data, p) => {
      requireKind(data, 'ticket');
      parse(SyncRequest, p);
      if (data.kind !== 'ticket') throw new AppError('FORBIDDEN', 'Not a ticket socket');
      if (deps.live) {
        // Answered from the state the fan-out follows, so no later change can slip past.
        let live = deps.live.ticket(data.token);
        if (!live && !deps.live.has(data.branchId)) {
          await deps.live.current(data.branchId, deps.loadState);
          live = deps.live.ticket(data.token);
        }
        if (live) return deps.views.liveTicketView(live.state, live.ticket);
      }
      const view = await deps.views.ticket(data.token);
      if (!view) throw new AppError('NOT_FOUND', 'No such ticket');
      return view.view;
    },
    'staff:command': async (socket, data, p) => {
      if (data.kind !== 'staff') throw new AppError('FORBIDDEN', 'Staff only');
      const cmd = parse(StaffCommand, p);
      return runStaffCommand(deps.commands, data, data.branchId, cmd, {
        userId: data.userId,
        role: data.role,
        ip: deps.callerIp ? deps.callerIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for']) : socket.handshake.address,
        userAgent: socket.handshake.headers['user-agent'] ?? null,
      }, deps.now);
    },
  };

  /**
   * An untrusted client can neither crash the process nor get an exception: bad payloads and
   * refusals come back as `{ error: { code, message } }` acks; unknown events are ignored.
   * Socket.IO passes the client's ack as the last argument, after however many the client sent
   * (none, one, several): look for it there, or a call without a payload would never be answered.
   */
  async function onRequest(this: TSocket, event: string, ...args: unknown[]): Promise<void> {
    const last = args.at(-1);
    const reply: Ack<unknown> = typeof last === 'function' ? (last as Ack<unknown>) : () => undefined;
    // Every event counts, unknown ones too, before any work: a flood is answered from memory.
    const verdict = budgets.get(this)?.take(Date.now()) ?? 'ok';
    if (verdict !== 'ok') {
      reply(RATE_LIMITED_ACK);
      if (verdict === 'cut' && this.connected) {
        deps.logger.warn({ socket: this.id, kind: this.data.kind, branchId: this.data.branchId }, 'socket closed: kept sending far past its event limit');
        this.disconnect(true);
      }
      return;
    }
    const fn = Object.hasOwn(requests, event) ? requests[event] : undefined;
    if (!fn) return;
    const payload = typeof last === 'function' ? args.slice(0, -1)[0] : args[0];
    const command = event === 'staff:command';
    try {
      // A button press is activity (slides the idle window); a resync is automatic (does not).
      const session = await sessionWatch.check(this, command);
      if (session !== 'alive') {
        const code = session === 'deactivated' ? 'ACCOUNT_DEACTIVATED' : 'SESSION_EXPIRED';
        if (command) logCommand(this, payload, 'refused', code);
        reply({ error: { code, message: session === 'deactivated' ? 'This account has been deactivated; ask your manager or an administrator.' : 'Your session has ended; sign in again' } });
        return;
      }
      reply({ data: await fn(this, this.data, payload) });
      if (command) logCommand(this, payload, 'ok');
    } catch (err) {
      const { body, internal } = toApiError(err);
      if (internal) deps.logger.error({ err, socket: this.id, kind: this.data.kind }, 'socket handler failed');
      else if (command) logCommand(this, payload, 'refused', body.error.code);
      reply(body);
    }
  }

  /**
   * One line per staff command over the socket, like the HTTP request log: who (user and staff
   * id, from the session), what (the command type, only when it is one of ours), where, and the outcome or
   * refusal code. Never the payload: it can carry a reason typed about a customer.
   */
  function logCommand(socket: TSocket, payload: unknown, outcome: 'ok' | 'refused', code?: string): void {
    const data = socket.data;
    const type = (payload as { type?: unknown } | null)?.type;
    const requestId = (payload as { requestId?: unknown } | null)?.requestId;
    deps.logger.info(
      {
        socket: socket.id,
        command: typeof type === 'string' && /^[a-z-]{1,40}$/.test(type) ? type : null,
        branchId: data.branchId,
        userId: data.kind === 'staff' ? data.userId : null,
        staffId: data.kind === 'staff' ? data.staffId : null,
        requestId: typeof requestId === 'string' && /^[\w-]{1,100}$/.test(requestId) ? requestId : null,
        outcome,
        ...(code ? { code } : {}),
      },
      'staff socket command',
    );
  }

  function onDisconnect(this: TSocket, reason: string, description?: unknown): void {
    deps.metrics.sockets.dec({ kind: this.data.kind });
    // The client is told nothing (oversize-message.ts says why) and reconnects; the operator is.
    // Once per socket: the first such message ends it.
    if (closedForSize(reason, description)) {
      const address = deps.callerIp ? deps.callerIp(this.handshake.address, this.handshake.headers['x-forwarded-for']) : this.handshake.address;
      deps.logger.warn({ socket: this.id, address, kind: this.data.kind, branchId: this.data.branchId, maxBytes: SOCKET_MESSAGE_MAX_BYTES }, 'socket closed: a message over the size limit');
    }
    // Shutting down is nobody leaving: the panels reconnect to the next node.
    if (reason !== 'server shutting down') sessionWatch.disconnected(this);
  }

  const budgets = new WeakMap<TSocket, EventBudget>();
  io.on('connection', (socket) => {
    const data = socket.data;
    budgets.set(socket, new EventBudget(Date.now(), deps.eventBudget ?? EVENT_BUDGET));
    deps.metrics.sockets.inc({ kind: data.kind });
    socket.on('disconnect', onDisconnect);
    socket.onAny(onRequest);

    switch (data.kind) {
      case 'signage':
      case 'kiosk':
        void socket.join(rooms.signage(data.branchId));
        break;
      case 'ticket':
        void socket.join(rooms.ticket(data.token));
        break;
      case 'staff':
        void socket.join(rooms.staff(data.branchId));
        break;
    }
  });

  return io;
}
