import { createHash, randomBytes } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { Role } from '@tellerline/contracts';

export interface Session {
  userId: string;
  role: Role;
  branchId: string | null;
  staffId: string | null;
  /** Signed in with a password someone else chose: nothing but a password change until it is changed. */
  mustChangePassword?: boolean;
  createdAt: number;
}

/** Why an account's sessions were ended, told to a browser still holding one. */
export type SessionEndReason = 'deactivated';

/** What an account change (role, staff record, a new password) rewrites in its live sessions. */
export type SessionChange = Partial<Pick<Session, 'role' | 'staffId' | 'mustChangePassword'>>;

/**
 * Told the hash (`sessionHash`) of every session ended here: a sign-out, the rotation at sign-in,
 * an account's sessions ended by a password change, a reset or a deactivation.
 */
export type SessionEndedListener = (hash: string) => void;

/**
 * Staff sessions in Redis. The cookie holds a 256-bit random id; Redis holds only its SHA-256,
 * so a dump of Redis cannot be replayed as cookies. Idle timeout = key TTL, refreshed on use
 * (`touch`, for what a person does); automatic traffic reads it without refreshing (`peek`), so
 * an unattended screen still times out. The absolute timeout is checked against createdAt.
 *
 * Each staff member's sessions are also listed (their hashes, in a set per staff id), so the
 * scheduler can tell a counter nobody is signed in to any more (`hasLive`): a panel closed, a
 * client that only used the API, a node restarted since. And each account's (a set per user id),
 * so a password change, a reset or a deactivation can end or rewrite all of them at once.
 */
export class SessionStore {
  private readonly ended = new Set<SessionEndedListener>();

  constructor(
    private readonly redis: RedisClientType,
    private readonly prefix: string,
    private readonly idleSec: number,
    private readonly absoluteMs: number,
  ) {}

  private key(id: string): string {
    return this.keyOfHash(hashOf(id));
  }

  private keyOfHash(hash: string): string {
    return `${this.prefix}sess:${hash}`;
  }

  private staffKey(staffId: string): string {
    return `${this.prefix}sess-staff:${staffId}`;
  }

  private userKey(userId: string): string {
    return `${this.prefix}sess-user:${userId}`;
  }

  private endedKey(hash: string): string {
    return `${this.prefix}sess-ended:${hash}`;
  }

  /** Why the session with this cookie value was ended, when an account change ended it (`endAllOf`); null otherwise. */
  async endedBecause(id: string): Promise<SessionEndReason | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const why = await this.redis.get(this.endedKey(hashOf(id)));
    return why === 'deactivated' ? why : null;
  }

  async create(session: Omit<Session, 'createdAt'>, now: number): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const hash = hashOf(id);
    await this.redis.set(this.keyOfHash(hash), JSON.stringify({ ...session, createdAt: now }), { EX: this.idleSec });
    await this.list(session, hash);
    return id;
  }

  /**
   * Ends every session of the account but `keepId` (the one changing its own password); their
   * sockets on this node are told at once (listeners), elsewhere at their next request or the
   * sweep. Returns how many ended.
   */
  async endAllOf(userId: string, keepId?: string, why?: SessionEndReason): Promise<number> {
    const keep = keepId ? hashOf(keepId) : null;
    let ended = 0;
    for (const hash of await this.redis.sMembers(this.userKey(userId))) {
      if (hash === keep) continue;
      const raw = await this.redis.getDel(this.keyOfHash(hash));
      await this.redis.sRem(this.userKey(userId), hash);
      if (!raw) continue;
      // Why, for as long as the session could have lasted idle: the browser still sending its
      // cookie is told the account was deactivated, not that its session expired.
      if (why) await this.redis.set(this.endedKey(hash), why, { EX: this.idleSec });
      const staffId = (JSON.parse(raw) as Session).staffId;
      if (staffId) await this.redis.sRem(this.staffKey(staffId), hash);
      ended++;
      for (const listener of this.ended) listener(hash);
    }
    return ended;
  }

  /**
   * Rewrites the account's live sessions (their idle and absolute timeouts unchanged), so a
   * demotion or a new staff record holds from the next request on, without signing anyone out.
   * A staff record added is listed for the unattended-counter watch.
   */
  async changeAllOf(userId: string, change: SessionChange): Promise<void> {
    for (const hash of await this.redis.sMembers(this.userKey(userId))) {
      const updated = await this.rewrite(this.keyOfHash(hash), change);
      if (updated) await this.list(updated, hash);
    }
  }

  /** Rewrites one session (the one that just changed its password); null when it ended meanwhile. */
  async change(id: string, change: SessionChange): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    return this.rewrite(this.key(id), change);
  }

  private async rewrite(key: string, change: SessionChange): Promise<Session | null> {
    const raw = await this.redis.get(key);
    if (!raw) return null;
    const session = { ...(JSON.parse(raw) as Session), ...change };
    // XX: a session that ended between the read and the write stays ended.
    await this.redis.set(key, JSON.stringify(session), { expiration: 'KEEPTTL', condition: 'XX' });
    return session;
  }

  /** Adds a session to its account's set and, for staff, its staff member's; the sets live no longer than a session can. */
  private async list(session: Pick<Session, 'userId' | 'staffId'>, hash: string): Promise<void> {
    const ttl = Math.ceil(this.absoluteMs / 1000);
    const userKey = this.userKey(session.userId);
    const tx = this.redis.multi().sAdd(userKey, hash).expire(userKey, ttl);
    if (session.staffId) tx.sAdd(this.staffKey(session.staffId), hash).expire(this.staffKey(session.staffId), ttl);
    await tx.exec();
  }

  /**
   * Whether the staff member still has a live session (idle and absolute timeouts both count).
   * Ended sessions are dropped from their set on the way.
   */
  async hasLive(staffId: string, now: number): Promise<boolean> {
    const key = this.staffKey(staffId);
    for (const hash of await this.redis.sMembers(key)) {
      if (await this.checkAbsolute(this.keyOfHash(hash), await this.redis.get(this.keyOfHash(hash)), now)) return true;
      await this.redis.sRem(key, hash);
    }
    return false;
  }

  /** Returns the session and slides its idle window, or null when absent/expired. */
  async touch(id: string, now: number): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const key = this.key(id);
    return this.listed(id, await this.checkAbsolute(key, await this.redis.getEx(key, { type: 'EX', value: this.idleSec }), now));
  }

  /** Returns the session without sliding its idle window (background traffic), or null when absent/expired. */
  async peek(id: string, now: number): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const key = this.key(id);
    return this.listed(id, await this.checkAbsolute(key, await this.redis.get(key), now));
  }

  /**
   * A session in use is in its account's and staff member's sets: one made before the sets existed
   * (or whose set expired) joins them whenever it is used, so an upgrade does not make its counter
   * look abandoned, and a deactivation or password change finds it. Not awaited: a staff command
   * (call-next) must not wait for it, and the sweep reads the set on the same connection, after it.
   */
  private listed(id: string, session: Session | null): Session | null {
    if (session) void this.list(session, hashOf(id)).catch(() => undefined);
    return session;
  }

  private async checkAbsolute(key: string, raw: string | null, now: number): Promise<Session | null> {
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (now - s.createdAt > this.absoluteMs) {
      await this.redis.del(key);
      return null;
    }
    return s;
  }

  /** Ends the session; listeners (this process's sockets of that session) are told at once. */
  async destroy(id: string): Promise<void> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return;
    const hash = hashOf(id);
    const raw = await this.redis.getDel(this.keyOfHash(hash));
    const session = raw ? (JSON.parse(raw) as Session) : null;
    if (session?.staffId) await this.redis.sRem(this.staffKey(session.staffId), hash);
    if (session) await this.redis.sRem(this.userKey(session.userId), hash);
    for (const listener of this.ended) listener(hash);
  }

  /** Calls `listener` with the hash of each session ended through this store; returns the unsubscribe. */
  onEnded(listener: SessionEndedListener): () => void {
    this.ended.add(listener);
    return () => this.ended.delete(listener);
  }
}

function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

/** The hash a session is stored and announced under (`onEnded`), from its cookie value. */
export const sessionHash = hashOf;
