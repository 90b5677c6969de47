import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  StaffCommand,
  SyncRequest,
  type Ack,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '@tellerline/contracts';
import { toApiError, parse, AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { BranchCommands } from '../usecases/branch-commands.js';
import { runStaffCommand } from '../usecases/staff-actions.js';
import type { Views } from '../usecases/views.js';
import { authenticateHandshake, type HandshakeDeps } from './handshake.js';
import { rooms } from './rooms.js';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type TSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps extends HandshakeDeps {
  logger: Logger;
  metrics: Metrics;
  views: Views;
  commands: BranchCommands;
}

/**
 * Wraps a handler so that an untrusted client can neither crash the process nor get an
 * exception: bad payloads and refusals come back as `{ error: { code, message } }` acks.
 */
function handle<R>(socket: TSocket, logger: Logger, fn: (payload: unknown) => Promise<R>) {
  // Socket.IO passes the client's ack as the last argument, after however many the client sent
  // (none, one, several): look for it there, or a call without a payload would never be answered.
  return async (...args: unknown[]) => {
    const last = args.at(-1);
    const reply: Ack<R> = typeof last === 'function' ? (last as Ack<R>) : () => undefined;
    const payload = typeof last === 'function' ? args.slice(0, -1)[0] : args[0];
    try {
      reply({ data: await fn(payload) });
    } catch (err) {
      const { body, internal } = toApiError(err);
      if (internal) logger.error({ err, socket: socket.id }, 'socket handler failed');
      reply(body);
    }
  };
}

export function createRealtime(http: HttpServer, deps: RealtimeDeps): RealtimeServer {
  const io: RealtimeServer = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    cors: { origin: [...deps.allowedOrigins], credentials: true },
    // Lobby screens and phones idle for hours; a 25 s ping keeps proxies from cutting them.
    pingInterval: 25_000,
    pingTimeout: 20_000,
  });

  io.use((socket, next) => {
    authenticateHandshake(socket, deps)
      .then((data) => {
        socket.data = data;
        next();
      })
      .catch((err: unknown) => {
        const { body } = toApiError(err);
        const e = new Error(body.error.message) as Error & { data: unknown };
        e.data = body.error;
        next(e);
      });
  });

  io.on('connection', (socket) => {
    const data = socket.data;
    const log = deps.logger.child({ socket: socket.id, kind: data.kind });
    deps.metrics.sockets.inc({ kind: data.kind });
    socket.on('disconnect', () => deps.metrics.sockets.dec({ kind: data.kind }));

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

    const requireKind = (...kinds: SocketData['kind'][]) => {
      if (!kinds.includes(data.kind)) throw new AppError('FORBIDDEN', 'Not available to this client');
    };

    socket.on(
      'signage:sync',
      handle(socket, log, async (p: unknown) => {
        requireKind('signage', 'kiosk', 'staff');
        const { afterSeq } = parse(SyncRequest, p);
        return deps.views.signage(data.branchId, afterSeq);
      }),
    );
    socket.on(
      'staff:sync',
      handle(socket, log, async (p: unknown) => {
        requireKind('staff');
        parse(SyncRequest, p);
        return deps.views.staff(data.branchId);
      }),
    );
    socket.on(
      'ticket:sync',
      handle(socket, log, async (p: unknown) => {
        requireKind('ticket');
        parse(SyncRequest, p);
        if (data.kind !== 'ticket') throw new AppError('FORBIDDEN', 'Not a ticket socket');
        const view = await deps.views.ticket(data.token);
        if (!view) throw new AppError('NOT_FOUND', 'No such ticket');
        return view.view;
      }),
    );
    socket.on(
      'staff:command',
      handle(socket, log, async (p: unknown) => {
        if (data.kind !== 'staff') throw new AppError('FORBIDDEN', 'Staff only');
        const cmd = parse(StaffCommand, p);
        return runStaffCommand(deps.commands, data, data.branchId, cmd, {
          userId: data.userId,
          role: data.role,
          ip: socket.handshake.address,
          userAgent: socket.handshake.headers['user-agent'] ?? null,
        });
      }),
    );
  });

  return io;
}
