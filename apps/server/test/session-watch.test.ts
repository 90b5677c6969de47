/**
 * A staff member whose session ended while they held a customer could not leave their counter
 * then; once the customer is finished they must not stay "available" with nobody at the desk.
 * The watch's sweep keeps trying until they leave, or stops when they are back (signed in again).
 * Pure: fake sockets and a fake session store (the Redis store has its own integration tests).
 */
import { describe, expect, it } from 'vitest';
import type { SessionStore } from '../src/auth/sessions.js';
import { SESSION_COOKIE } from '../src/http/cookies.js';
import { createLogger } from '../src/logger.js';
import { watchSessions, type StaffSocketData } from '../src/realtime/session-watch.js';

const live = new Set<string>();
const sessions = {
  peek: async (id: string) => (live.has(id) ? { userId: 'u-alice' } : null),
  touch: async (id: string) => (live.has(id) ? { userId: 'u-alice' } : null),
  onEnded: () => () => undefined,
} as unknown as SessionStore;

function socket(sid: string) {
  const data: StaffSocketData = { kind: 'staff', branchId: 'b1', userId: 'u-alice', staffId: 'alice', role: 'staff' };
  return { data, connected: true, handshake: { headers: { cookie: `${SESSION_COOKIE}=${sid}` } }, disconnect() { this.connected = false; } };
}

const until = async (check: () => boolean, ms = 2_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('sessions that end while a customer is held', () => {
  it('keeps trying to leave the counter on each sweep until the customer is finished', async () => {
    const sockets: ReturnType<typeof socket>[] = [socket('s'.repeat(43))];
    let holding = true;
    const attempts: boolean[] = [];
    const watch = watchSessions({
      sessions,
      logger: createLogger('silent'),
      sockets: () => sockets as never,
      leave: async () => (attempts.push(!holding), !holding),
      everyMs: 10,
    });
    // The session is gone (timed out): the first sweep tries, and cannot while she holds a customer.
    await until(() => attempts.length >= 1);
    expect(attempts[0]).toBe(false);
    // Closed just after (on setImmediate, so an answer already emitted goes out first): wait for it.
    await until(() => !sockets[0]!.connected);
    // The socket went away; the no-show timer finishes the customer; the next sweep signs her off, once.
    sockets.length = 0;
    holding = false;
    await until(() => attempts.includes(true));
    const done = attempts.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(attempts.length).toBe(done);
    watch.stop();
  });

  it('stops trying when the staff member is back with a live session', async () => {
    const sockets: ReturnType<typeof socket>[] = [socket('d'.repeat(43))];
    const attempts: number[] = [];
    const watch = watchSessions({ sessions, logger: createLogger('silent'), sockets: () => sockets as never, leave: async () => (attempts.push(1), false), everyMs: 10 });
    await until(() => attempts.length >= 1);
    // She signs in again on a new socket: no more sign-off attempts.
    live.add('n'.repeat(43));
    sockets.splice(0, sockets.length, socket('n'.repeat(43)));
    await new Promise((r) => setTimeout(r, 40));
    const seen = attempts.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(attempts.length).toBe(seen);
    watch.stop();
  });

  it('signs off someone whose panel closed while signed in, once their session times out, unless they came back', async () => {
    const sid = 'c'.repeat(43);
    live.add(sid);
    const gone = socket(sid);
    const sockets: ReturnType<typeof socket>[] = [gone];
    const attempts: number[] = [];
    const watch = watchSessions({ sessions, logger: createLogger('silent'), sockets: () => sockets as never, leave: async () => (attempts.push(1), true), everyMs: 10 });
    // The tab is closed: the session is still valid, so nothing happens yet.
    sockets.length = 0;
    watch.disconnected(gone as never);
    await new Promise((r) => setTimeout(r, 50));
    expect(attempts).toHaveLength(0);
    // The idle timeout: the next sweep leaves the counter, once.
    live.delete(sid);
    await until(() => attempts.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(attempts).toHaveLength(1);

    // A reload (a new socket with a live session) before the old session times out: nothing.
    const again = 'r'.repeat(43);
    live.add(again);
    const first = socket(again);
    watch.disconnected(first as never);
    await new Promise((r) => setTimeout(r, 20));
    sockets.push(socket(again));
    await new Promise((r) => setTimeout(r, 50));
    expect(attempts).toHaveLength(1);
    watch.stop();
  });
});
