import { z } from 'zod';
import { Token } from './common.js';
import type { ApiError } from './errors.js';
import type { CommandResult } from './http.js';
import type { StaffCommand } from './staff-command.js';
import type { CallPhaseChange, PublicCall, ServiceQueueView, SignageSnapshot, StaffQueueSnapshot, TicketView } from './views.js';

/**
 * The largest message a socket client may send (Socket.IO's maxHttpBufferSize on the server). A
 * longer one is not answered: the server drops the connection (the client reconnects). Every
 * text a client sends is capped far below it (reasons 200 characters, at most 800 bytes), and the
 * shared client refuses a larger message before sending it (PAYLOAD_TOO_LARGE).
 */
export const SOCKET_MESSAGE_MAX_BYTES = 16 * 1024;

/** Every ack is a result or an error with a stable code, never a thrown exception. */
export type Ack<T> = (res: { data: T } | ApiError) => void;

/** Resume after a disconnect: the client says the last seq it has seen. */
export const SyncRequest = z.strictObject({ afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export type SyncRequest = z.infer<typeof SyncRequest>;

export interface ClientToServerEvents {
  /** Signage: current snapshot (its calls carry seq, so the screen never announces twice). */
  'signage:sync': (req: SyncRequest, ack: Ack<SignageSnapshot>) => void;
  'staff:sync': (req: SyncRequest, ack: Ack<StaffQueueSnapshot>) => void;
  'ticket:sync': (req: SyncRequest, ack: Ack<TicketView>) => void;
  'staff:command': (cmd: StaffCommand, ack: Ack<CommandResult>) => void;
}

export interface ServerToClientEvents {
  'signage:call': (call: PublicCall) => void;
  /** Lobby screens: a call they show was answered or ended (a finished call leaves "now calling"). */
  'signage:call-phase': (change: CallPhaseChange) => void;
  'queue:summary': (s: { seq: number; services: ServiceQueueView[] }) => void;
  'staff:changed': (s: StaffQueueSnapshot) => void;
  'ticket:update': (t: TicketView) => void;
  /**
   * Kiosks and lobby screens: the branch's public set-up changed (its name, time zone or hours, a
   * service or counter renamed, the walk-in rules). Carries the branch as the snapshot does; the
   * screen takes the new name at once and reads what else it shows again (a resync, the hours).
   */
  'lobby:changed': (branch: SignageSnapshot['branch']) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

/** Who is on the other end, settled at the handshake. */
export type SocketData =
  | { kind: 'signage'; branchId: string; deviceId: string }
  | { kind: 'kiosk'; branchId: string; deviceId: string }
  | { kind: 'staff'; branchId: string; userId: string; staffId: string | null; role: 'admin' | 'manager' | 'staff' }
  | { kind: 'ticket'; branchId: string; token: string };

/** Handshake `auth` payload. Staff use their session cookie instead. */
export const HandshakeAuth = z.union([
  z.strictObject({ deviceToken: Token }),
  z.strictObject({ ticketToken: Token }),
  z.strictObject({}),
]);
