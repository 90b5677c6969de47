import { createHash, randomBytes } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { Role } from '@tellerline/contracts';

export interface Session {
  userId: string;
  role: Role;
  branchId: string | null;
  staffId: string | null;
  createdAt: number;
}

/** Told the id of every session ended here (sign-out, rotation at sign-in). */
export type SessionEndedListener = (id: string) => void;

/**
 * Staff sessions in Redis. The cookie holds a 256-bit random id; Redis holds only its SHA-256,
 * so a dump of Redis cannot be replayed as cookies. Idle timeout = key TTL, refreshed on use
 * (`touch`, for what a person does); automatic traffic reads it without refreshing (`peek`), so
 * an unattended screen still times out. The absolute timeout is checked against createdAt.
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
    return `${this.prefix}sess:${createHash('sha256').update(id).digest('base64url')}`;
  }

  async create(session: Omit<Session, 'createdAt'>, now: number): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.set(this.key(id), JSON.stringify({ ...session, createdAt: now }), { EX: this.idleSec });
    return id;
  }

  /** Returns the session and slides its idle window, or null when absent/expired. */
  async touch(id: string, now: number): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const key = this.key(id);
    return this.checkAbsolute(key, await this.redis.getEx(key, { type: 'EX', value: this.idleSec }), now);
  }

  /** Returns the session without sliding its idle window (background traffic), or null when absent/expired. */
  async peek(id: string, now: number): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const key = this.key(id);
    return this.checkAbsolute(key, await this.redis.get(key), now);
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
    await this.redis.del(this.key(id));
    for (const listener of this.ended) listener(id);
  }

  /** Calls `listener` with the id of each session destroyed through this store; returns the unsubscribe. */
  onEnded(listener: SessionEndedListener): () => void {
    this.ended.add(listener);
    return () => this.ended.delete(listener);
  }
}
