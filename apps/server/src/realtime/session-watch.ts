import type { Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@tellerline/contracts';
import { sessionHash, type SessionStore } from '../auth/sessions.js';
import type { Logger } from '../logger.js';
import { sessionIdOf } from './handshake.js';

type TSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type StaffSocketData = Extract<SocketData, { kind: 'staff' }>;

/** How often this node looks for staff sockets whose session ended elsewhere (another node's sign-out, a timeout). */
export const SESSION_SWEEP_MS = 30_000;

export interface SessionWatchDeps {
  sessions: SessionStore;
  logger: Logger;
  /** This node's sockets. */
  sockets: () => Iterable<TSocket>;
  /**
   * A staff member's session ended without a sign-out (idle or absolute timeout) and no other
   * session of theirs is open here: leave their counter, so routing stops counting on them.
   * False when they cannot leave yet (still holding a customer): the sweep tries again.
   */
  leave: (who: StaffSocketData) => Promise<boolean>;
  everyMs?: number;
}

export interface SessionWatch {
  /**
   * Whether a staff socket's session is still valid. `activity`: a person pressed something, so
   * the idle window slides; automatic traffic (resyncs) only reads it. Otherwise the socket has
   * been scheduled for disconnection (after the caller's answer) and its counter left if free,
   * and the answer says why: 'deactivated' (the account was; see `SessionStore.endedBecause`)
   * or 'expired' (timed out, signed out).
   */
  check(socket: TSocket, activity: boolean): Promise<'alive' | 'expired' | 'deactivated'>;
  /**
   * A staff socket went away (the page went to the sign-in after a refused request, the tab was
   * closed): if its session has ended too, leave the counter as for a timeout.
   */
  disconnected(socket: TSocket): void;
  stop(): void;
}

/**
 * Keeps staff sockets tied to their session: each request re-checks it (one Redis read), a
 * sign-out on this node disconnects that session's sockets at once, and a sweep every
 * `SESSION_SWEEP_MS` catches sessions that ended otherwise (timeouts, a sign-out on another node).
 */
export function watchSessions(deps: SessionWatchDeps): SessionWatch {
  const { sessions, logger } = deps;

  const staffSockets = (): (TSocket & { data: StaffSocketData })[] =>
    [...deps.sockets()].filter((s): s is TSocket & { data: StaffSocketData } => s.data?.kind === 'staff');

  const alive = async (socket: TSocket & { data: StaffSocketData }, activity: boolean): Promise<boolean> => {
    const sid = sessionIdOf(socket);
    if (!sid) return false;
    const now = Date.now();
    const session = activity ? await sessions.touch(sid, now) : await sessions.peek(sid, now);
    return session !== null && session.userId === socket.data.userId;
  };

  /** Sockets already dealt with: their own disconnect must not leave the counter a second time. */
  const handled = new WeakSet<TSocket>();
  /**
   * Staff whose session ended while they held a customer: they could not leave then. Once the
   * customer is finished (the no-show timer, a colleague) they would show as available with
   * nobody at the desk, so each sweep tries again until they leave or sign in again.
   */
  const pending = new Map<string, StaffSocketData>();
  /**
   * Panels closed while their session was still valid (a closed tab, a lost network): if the
   * person does not come back before the session times out, nothing else would notice, and they
   * would stay signed on at the counter. The sweep watches the session the socket carried.
   */
  const closed = new Map<string, TSocket & { data: StaffSocketData }>();
  const keyOf = (who: StaffSocketData) => `${who.branchId}/${who.staffId}`;

  /** Leaves the counter unless a live session of the same person is still here. */
  async function leaveUnlessBack(key: string, who: StaffSocketData, exclude: readonly TSocket[] = []): Promise<void> {
    const others = staffSockets().filter((s) => !exclude.includes(s) && keyOf(s.data) === key);
    const back = (await Promise.all(others.map((s) => alive(s, false)))).some(Boolean);
    if (back) {
      pending.delete(key);
      return;
    }
    const left = await deps.leave(who).catch((err: unknown) => {
      logger.error({ err, staffId: who.staffId }, 'could not sign off after the session ended');
      return false;
    });
    if (left) pending.delete(key);
    else pending.set(key, who);
  }

  /** Disconnects sockets whose session ended; leaves the counter of anyone with no live session left here. */
  async function ended(found: (TSocket & { data: StaffSocketData })[]): Promise<void> {
    const dead = found.filter((s) => !handled.has(s));
    for (const socket of dead) handled.add(socket);
    // Let an answer already emitted go out first: the client learns why, then sees the disconnect.
    for (const socket of dead) if (socket.connected) setImmediate(() => socket.disconnect(true));
    const gone = new Map<string, StaffSocketData>();
    for (const { data } of dead) if (data.staffId) gone.set(keyOf(data), data);
    for (const [key, who] of gone) await leaveUnlessBack(key, who, dead);
  }

  async function sweep(): Promise<void> {
    const list = staffSockets();
    const results = await Promise.all(list.map((s) => alive(s, false)));
    const dead = list.filter((_, i) => !results[i]);
    if (dead.length > 0) await ended(dead);
    for (const [key, socket] of [...closed]) {
      if (list.some((s) => keyOf(s.data) === key) || !(await alive(socket, false))) closed.delete(key);
      else continue;
      // Back on another socket: `leaveUnlessBack` sees it and leaves nothing.
      await leaveUnlessBack(key, socket.data);
    }
    for (const [key, who] of [...pending]) await leaveUnlessBack(key, who);
  }

  // A session ended here (a sign-out, an account's sessions ended): its sockets go at once. A
  // sign-out left the counter itself; an ended account's counter is left by whoever ended it.
  const unsubscribe = sessions.onEnded((hash) => {
    for (const socket of staffSockets()) {
      const sid = sessionIdOf(socket);
      if (!sid || sessionHash(sid) !== hash) continue;
      handled.add(socket);
      socket.disconnect(true);
    }
  });
  let sweeping = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweep()
      .catch((err: unknown) => logger.error({ err }, 'session sweep failed'))
      .finally(() => (sweeping = false));
  }, deps.everyMs ?? SESSION_SWEEP_MS);
  timer.unref();

  return {
    async check(socket, activity) {
      if (socket.data.kind !== 'staff') return 'alive';
      const staff = socket as TSocket & { data: StaffSocketData };
      if (await alive(staff, activity)) return 'alive';
      // Why, read before the disconnect is scheduled: the caller's answer must still go out first.
      const sid = sessionIdOf(staff);
      const why = sid && (await sessions.endedBecause(sid)) === 'deactivated' ? 'deactivated' : 'expired';
      void ended([staff]).catch((err: unknown) => logger.error({ err }, 'session end handling failed'));
      return why;
    },
    disconnected(socket) {
      if (socket.data?.kind !== 'staff' || stopped || handled.has(socket)) return;
      const staff = socket as TSocket & { data: StaffSocketData };
      // A sign-out already left the counter; a session still alive keeps it (a reload, a network blip).
      void alive(staff, false)
        .then((ok) => (ok ? void closed.set(keyOf(staff.data), staff) : ended([staff])))
        .catch((err: unknown) => logger.error({ err }, 'session end handling failed'));
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
    },
  };
}
