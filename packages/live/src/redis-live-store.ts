import { createHash } from 'node:crypto';
import type { BranchEvent, BranchState } from '@tellerline/engine';
import {
  assertClaimOptions,
  assertCommitInput,
  assertRestoreInput,
  type BranchCursors,
  type CommitResult,
  type LiveStateStore,
} from './live-state-store.js';
import { RECEIPT_TTL_SEC, type CommandReceipt, type PendingFollowUp } from './command-receipts.js';

/**
 * The part of a node-redis client (`createClient(...)`, RESP 2 or 3) this adapter uses. Raw
 * `sendCommand` keeps the adapter independent of reply transforms and a little faster. Do not set
 * the client's own `keyPrefix`: key naming (and hash tags) belong to {@link RedisLiveStoreOptions.prefix}.
 */
export interface LiveRedisClient {
  sendCommand<T = unknown>(args: ReadonlyArray<string>): Promise<T>;
  duplicate(): LiveRedisClient;
  connect(): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export interface RedisLiveStoreOptions {
  /** Prepended to every key, e.g. `tl:` or `tl:test:<random>:`. Must not contain `{` (hash tags). */
  prefix?: string;
  /** Approximate cap on each branch stream (`XADD MAXLEN ~`). Default 10,000. */
  maxLen?: number;
  /** Idle blocking connections kept for reuse by waitEvents/waitEventsMany. Default 4. */
  maxIdleBlockingClients?: number;
  /** How long a command receipt is kept (seconds). Default {@link RECEIPT_TTL_SEC} (15 min). */
  receiptTtlSec?: number;
}

/**
 * The commit, in one round trip. State lives in a HASH {seq, json} so the version check reads a
 * short field instead of decoding JSON. Events are appended before the state is written: the
 * first XADD is the only call that can fail (an id not above the stream's top, i.e. a stream left
 * without its state) and Redis does not roll scripts back, so failing first means writing nothing.
 * Receipts of keyed commands are written last, in the same script: a command that committed
 * always has its receipt, and an id that has one already refuses the whole commit. A receipt with
 * a follow-up note is also recorded as pending (score: Redis's own clock, in ms, one for every
 * node; the note in a hash beside it), so the work it owes is found without a retry.
 *
 * KEYS[1] state hash, KEYS[2] event stream, KEYS[3] pending follow-ups (ZSET), KEYS[4] their notes
 * (HASH), KEYS[5..] receipt keys (all the same `{b:<id>}` hash tag, so Cluster-safe). ARGV[1]
 * expected seq, ARGV[2] new seq, ARGV[3] state JSON, ARGV[4] MAXLEN, ARGV[5] receipt TTL (s),
 * ARGV[6..5+r] receipt JSON (r = #KEYS - 4), ARGV[6+r..5+2r] each receipt's follow-up note ('' for
 * none), ARGV[6+2r..5+3r] each receipt's command id (what an owed follow-up is recorded under:
 * passed, not cut out of the receipt key, so the script does not depend on the key's layout), then
 * the events' JSON, seqs expectedSeq+1, +2, ... (checked by the caller).
 * Returns -1 when committed, -2 - i when receipt key i (0-based) exists, else the stored seq (0 = absent).
 *
 * Rolling upgrades: a node runs the script by the SHA of its own text (EVAL of that text on
 * NOSCRIPT), so a node of the previous version keeps running its own script with its own argument
 * layout beside this one; both record a follow-up under the bare command id in the same two keys,
 * so either version's sweep claims and settles what the other recorded.
 */
export const COMMIT_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'seq') or 0)
local seq = tonumber(ARGV[1])
if current ~= seq then return current end
local receipts = #KEYS - 4
for i = 1, receipts do
  if redis.call('EXISTS', KEYS[4 + i]) == 1 then return -1 - i end
end
for i = 6 + 3 * receipts, #ARGV do
  seq = seq + 1
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], string.format('%d-0', seq), 'e', ARGV[i])
end
redis.call('HSET', KEYS[1], 'seq', ARGV[2], 'json', ARGV[3])
local now = nil
for i = 1, receipts do
  redis.call('SET', KEYS[4 + i], ARGV[5 + i], 'EX', ARGV[5])
  local note = ARGV[5 + receipts + i]
  if note ~= '' then
    local id = ARGV[5 + 2 * receipts + i]
    if not now then
      local t = redis.call('TIME')
      now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    end
    redis.call('ZADD', KEYS[3], now, id)
    redis.call('HSET', KEYS[4], id, note)
  end
end
return -1
`;

/**
 * Claims pending follow-ups recorded at least ARGV[1] ms ago (Redis's clock), at most ARGV[2]:
 * each is stamped ARGV[3] ms ahead, so no other node's sweep gets it before then. A member whose
 * note is gone (settled halfway) is dropped. KEYS[1] pending ZSET, KEYS[2] notes HASH.
 * Returns [id, note, id, note, ...].
 */
const CLAIM_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]), 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local note = redis.call('HGET', KEYS[2], id)
  if note then
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), id)
    out[#out + 1] = id
    out[#out + 1] = note
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
`;

/** Settles pending follow-ups: KEYS[1] pending ZSET, KEYS[2] notes HASH, ARGV the command ids. */
const SETTLE_SCRIPT = `
redis.call('HDEL', KEYS[2], unpack(ARGV))
redis.call('ZREM', KEYS[1], unpack(ARGV))
return 1
`;

/**
 * Restore of a rebuilt state over the stored version ARGV[3] (0 = absent: then an orphaned stream
 * is dropped; a stale state's stream is kept, its ids being below the new seq).
 * KEYS[1] state hash, KEYS[2] event stream; ARGV[1] seq, ARGV[2] state JSON, ARGV[3] expected
 * seq. Returns 1 if written.
 */
const RESTORE_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'seq') or 0)
if current ~= tonumber(ARGV[3]) then return 0 end
if current == 0 then redis.call('DEL', KEYS[2]) end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'json', ARGV[2])
return 1
`;

const COMMIT_SHA = createHash('sha1').update(COMMIT_SCRIPT).digest('hex');
const DEFAULT_LIMIT = 1000;

/** A receipt's value in Redis (its command id is in the key); `u` only when it has a follow-up note. */
type StoredReceipt = { f: string; a: string; u?: string };

/** A stream entry as XRANGE/XREAD return it: [id, [field, value, ...]]. */
type RawEntry = [string, string[]];

/**
 * {@link LiveStateStore} on Redis.
 *
 * Keys: `${prefix}{b:<branchId>}:state` (HASH seq, json), `${prefix}{b:<branchId>}:events` (STREAM,
 * ids `${seq}-0`, one field `e` = event JSON), `${prefix}{b:<branchId>}:cmd:<commandId>` (STRING,
 * a receipt's JSON, with a TTL), `${prefix}{b:<branchId>}:followups` (ZSET command id -> ms) and
 * `${prefix}{b:<branchId>}:followup-notes` (HASH command id -> follow-up note), the follow-ups
 * owed, and `${prefix}branches` (SET of branch ids).
 *
 * The commit is one Lua script on the branch's two keys (EVALSHA, falling back to EVAL on
 * NOSCRIPT), hence atomic and Cluster-safe. The branch set has no hash tag, so it is a separate
 * call: `SADD` runs before the creating commit (expectedSeq 0), so fan-out discovery never misses
 * a live branch; the price is that a failed creation may leave an id listed with no state.
 *
 * Blocking reads (`XREAD BLOCK`) run on connections duplicated from the given client, one per
 * pending wait, reused afterwards, so they never hold up commits. `waitEventsMany` reads several
 * streams in one XREAD: fine on a single Redis; in Cluster, call it per shard (streams of one
 * call must share a node).
 */
export class RedisLiveStore implements LiveStateStore {
  readonly #client: LiveRedisClient;
  readonly #prefix: string;
  readonly #maxLen: string;
  readonly #maxIdle: number;
  readonly #receiptTtl: string;
  readonly #idle: LiveRedisClient[] = [];
  readonly #blocking = new Set<LiveRedisClient>();
  #closed = false;

  /** `client` must be connected; it stays the caller's to close. */
  constructor(client: LiveRedisClient, options: RedisLiveStoreOptions = {}) {
    const prefix = options.prefix ?? 'tl:';
    if (prefix.includes('{')) throw new RangeError('prefix must not contain "{": it would replace the branch hash tag');
    this.#client = client;
    this.#prefix = prefix;
    this.#maxLen = String(options.maxLen ?? 10_000);
    this.#maxIdle = options.maxIdleBlockingClients ?? 4;
    const ttl = options.receiptTtlSec ?? RECEIPT_TTL_SEC;
    if (!Number.isSafeInteger(ttl) || ttl <= 0) throw new RangeError(`receiptTtlSec must be a positive integer, got ${ttl}`);
    this.#receiptTtl = String(ttl);
  }

  /** Loads the commit script once (SCRIPT LOAD) so the first commits do not pay a NOSCRIPT retry. */
  async init(): Promise<this> {
    const sha = await this.#client.sendCommand<string>(['SCRIPT', 'LOAD', COMMIT_SCRIPT]);
    if (sha !== COMMIT_SHA) throw new Error(`unexpected commit script sha ${sha}`);
    return this;
  }

  stateKey(branchId: string): string {
    return `${this.#prefix}{b:${branchId}}:state`;
  }

  eventsKey(branchId: string): string {
    return `${this.#prefix}{b:${branchId}}:events`;
  }

  receiptKey(branchId: string, commandId: string): string {
    return `${this.#prefix}{b:${branchId}}:cmd:${commandId}`;
  }

  /** Pending follow-ups (ZSET command id -> when recorded or last claimed, ms). */
  followUpsKey(branchId: string): string {
    return `${this.#prefix}{b:${branchId}}:followups`;
  }

  followUpNotesKey(branchId: string): string {
    return `${this.#prefix}{b:${branchId}}:followup-notes`;
  }

  get branchesKey(): string {
    return `${this.#prefix}branches`;
  }

  async load(branchId: string): Promise<BranchState | null> {
    const json = await this.#client.sendCommand<string | null>(['HGET', this.stateKey(branchId), 'json']);
    return json === null ? null : (JSON.parse(json) as BranchState);
  }

  async commit(
    branchId: string,
    expectedSeq: number,
    state: BranchState,
    events: BranchEvent[],
    receipts: readonly CommandReceipt[] = [],
  ): Promise<CommitResult> {
    assertCommitInput(branchId, expectedSeq, state, events, receipts);
    if (expectedSeq === 0) await this.#client.sendCommand(['SADD', this.branchesKey, branchId]);
    const tail = [
      String(4 + receipts.length),
      this.stateKey(branchId),
      this.eventsKey(branchId),
      this.followUpsKey(branchId),
      this.followUpNotesKey(branchId),
      ...receipts.map((r) => this.receiptKey(branchId, r.commandId)),
      String(expectedSeq),
      String(state.seq),
      JSON.stringify(state),
      this.#maxLen,
      this.#receiptTtl,
      ...receipts.map((r) => JSON.stringify({ f: r.fingerprint, a: r.answer, ...(r.followUp !== undefined ? { u: r.followUp } : {}) } satisfies StoredReceipt)),
      ...receipts.map((r) => r.followUp ?? ''),
      ...receipts.map((r) => r.commandId),
    ];
    for (const event of events) tail.push(JSON.stringify(event));

    let reply: number;
    try {
      reply = await this.#client.sendCommand<number>(['EVALSHA', COMMIT_SHA, ...tail]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      reply = await this.#client.sendCommand<number>(['EVAL', COMMIT_SCRIPT, ...tail]);
    }
    if (reply === -1) return { ok: true };
    if (reply < -1) return { ok: false, reason: 'known-command', commandId: receipts[-2 - reply]!.commandId };
    return { ok: false, reason: 'conflict', currentSeq: reply };
  }

  async readReceipts(branchId: string, commandIds: readonly string[]): Promise<Map<string, CommandReceipt>> {
    const found = new Map<string, CommandReceipt>();
    if (commandIds.length === 0) return found;
    // One slot (the branch's hash tag), so one MGET also in Cluster.
    const values = await this.#client.sendCommand<(string | null)[]>(['MGET', ...commandIds.map((id) => this.receiptKey(branchId, id))]);
    commandIds.forEach((commandId, i) => {
      const json = values[i];
      if (typeof json !== 'string') return;
      const stored = JSON.parse(json) as StoredReceipt;
      found.set(commandId, { commandId, fingerprint: stored.f, answer: stored.a, ...(stored.u !== undefined ? { followUp: stored.u } : {}) });
    });
    return found;
  }

  async claimFollowUps(branchId: string, opts: { olderThanMs: number; holdMs?: number; limit?: number }): Promise<PendingFollowUp[]> {
    const { olderThanMs, holdMs, limit } = assertClaimOptions(opts);
    if (limit === 0) return [];
    const keys = [this.followUpsKey(branchId), this.followUpNotesKey(branchId)];
    const reply = await this.#client.sendCommand<string[]>(['EVAL', CLAIM_SCRIPT, '2', ...keys, String(olderThanMs), String(limit), String(holdMs)]);
    const claimed: PendingFollowUp[] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) claimed.push({ commandId: reply[i]!, followUp: reply[i + 1]! });
    return claimed;
  }

  async settleFollowUps(branchId: string, commandIds: readonly string[]): Promise<void> {
    if (commandIds.length === 0) return;
    await this.#client.sendCommand(['EVAL', SETTLE_SCRIPT, '2', this.followUpsKey(branchId), this.followUpNotesKey(branchId), ...commandIds]);
  }

  async readEvents(branchId: string, afterSeq: number, limit = DEFAULT_LIMIT): Promise<BranchEvent[]> {
    if (limit <= 0) return [];
    const start = afterSeq < 0 ? '-' : `${afterSeq + 1}-0`;
    const entries = await this.#client.sendCommand<RawEntry[]>([
      'XRANGE',
      this.eventsKey(branchId),
      start,
      '+',
      'COUNT',
      String(limit),
    ]);
    return decodeEntries(entries);
  }

  async waitEvents(branchId: string, afterSeq: number, blockMs: number, limit = DEFAULT_LIMIT): Promise<BranchEvent[]> {
    const found = await this.waitEventsMany({ [branchId]: afterSeq }, blockMs, limit);
    return found[branchId] ?? [];
  }

  async waitEventsMany(
    cursors: BranchCursors,
    blockMs: number,
    limitPerBranch = DEFAULT_LIMIT,
  ): Promise<Record<string, BranchEvent[]>> {
    const branchIds = Object.keys(cursors);
    if (branchIds.length === 0 || limitPerBranch <= 0 || this.#closed) return {};
    const keyToBranch = new Map(branchIds.map((id) => [this.eventsKey(id), id]));
    const args = ['XREAD', 'COUNT', String(limitPerBranch)];
    const block = blockMs > 0;
    // XREAD BLOCK 0 means "forever"; round sub-millisecond waits up so they still block.
    if (block) args.push('BLOCK', String(Math.ceil(blockMs)));
    args.push('STREAMS', ...keyToBranch.keys(), ...branchIds.map((id) => `${Math.max(0, cursors[id] ?? 0)}-0`));

    let reply: unknown;
    if (!block) {
      reply = await this.#client.sendCommand(args);
    } else {
      const connection = await this.#acquire();
      try {
        reply = await connection.sendCommand(args);
      } catch (error) {
        if (this.#closed) return {};
        this.#discard(connection);
        throw error;
      }
      this.#release(connection);
    }

    const found: Record<string, BranchEvent[]> = {};
    for (const [key, entries] of streamsOf(reply)) {
      const branchId = keyToBranch.get(key);
      const events = decodeEntries(entries);
      if (branchId !== undefined && events.length > 0) found[branchId] = events;
    }
    return found;
  }

  async restore(branchId: string, state: BranchState, expectedSeq = 0): Promise<boolean> {
    assertRestoreInput(branchId, state, expectedSeq);
    // Listed before it exists, as a creating commit does, so fan-out discovery never misses it.
    await this.#client.sendCommand(['SADD', this.branchesKey, branchId]);
    const args = [this.stateKey(branchId), this.eventsKey(branchId), String(state.seq), JSON.stringify(state), String(expectedSeq)];
    return Number(await this.#client.sendCommand(['EVAL', RESTORE_SCRIPT, '2', ...args])) === 1;
  }

  async deleteBranch(branchId: string): Promise<void> {
    await this.#client.sendCommand(['DEL', this.stateKey(branchId), this.eventsKey(branchId), this.followUpsKey(branchId), this.followUpNotesKey(branchId)]);
    // Receipts are separate keys (each with its own TTL): a SCAN, fine for tests and rebuilds only.
    const pattern = `${this.receiptKey(branchId, '').replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.#client.sendCommand<[string, string[]]>(['SCAN', cursor, 'MATCH', pattern, 'COUNT', '500']);
      if (keys.length > 0) await this.#client.sendCommand(['DEL', ...keys]);
      cursor = next;
    } while (cursor !== '0');
    await this.#client.sendCommand(['SREM', this.branchesKey, branchId]);
  }

  async listBranches(): Promise<string[]> {
    return this.#client.sendCommand<string[]>(['SMEMBERS', this.branchesKey]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const connection of this.#blocking) connection.destroy();
    this.#blocking.clear();
    this.#idle.length = 0;
  }

  async #acquire(): Promise<LiveRedisClient> {
    const idle = this.#idle.pop();
    if (idle) return idle;
    const connection = this.#client.duplicate();
    // A duplicate starts without listeners, and an 'error' event nobody listens to (Redis
    // restarting) ends the process. The blocked read itself rejects, and its caller retries.
    connection.on('error', () => undefined);
    this.#blocking.add(connection);
    try {
      await connection.connect();
    } catch (error) {
      this.#discard(connection);
      throw error;
    }
    if (this.#closed) {
      this.#discard(connection);
      throw new Error('RedisLiveStore is closed');
    }
    return connection;
  }

  #release(connection: LiveRedisClient): void {
    if (this.#closed || this.#idle.length >= this.#maxIdle) this.#discard(connection);
    else this.#idle.push(connection);
  }

  #discard(connection: LiveRedisClient): void {
    this.#blocking.delete(connection);
    try {
      connection.destroy();
    } catch {
      // Already closed: nothing left to release.
    }
  }
}

/** Creates a {@link RedisLiveStore} on a connected client and loads its commit script. */
export function createRedisLiveStore(client: LiveRedisClient, options: RedisLiveStoreOptions = {}): Promise<RedisLiveStore> {
  return new RedisLiveStore(client, options).init();
}

function decodeEntries(entries: RawEntry[] | null): BranchEvent[] {
  const events: BranchEvent[] = [];
  for (const [, fields] of entries ?? []) {
    const json = fields[1];
    if (fields[0] === 'e' && json !== undefined) events.push(JSON.parse(json) as BranchEvent);
  }
  return events;
}

/** XREAD replies as [key, entries] pairs: RESP2 gives an array of pairs, RESP3 a map (object). */
function streamsOf(reply: unknown): Array<[string, RawEntry[]]> {
  if (reply === null || reply === undefined) return [];
  if (Array.isArray(reply)) return reply as Array<[string, RawEntry[]]>;
  if (reply instanceof Map) return [...(reply as Map<string, RawEntry[]>).entries()];
  return Object.entries(reply as Record<string, RawEntry[]>);
}
