import { createHash, randomBytes } from 'node:crypto';
import { normalizeEmail, normalizePhone } from '@tellerline/contracts';
import type { RedisClientType } from 'redis';
import { AppError } from '../errors.js';

/**
 * Confirmations one phone number or e-mail address may be sent for bookings and moves: anyone
 * can type any number into the booking page, and each booking texts it ("Booked", and
 * "Cancelled" when it is cancelled), so without a cap per contact a few callers could text a
 * stranger's phone all day. The shape of the phone-check limits (a few in 10 minutes, 10 a
 * day): a customer who books, moves, cancels and books again stays inside; a cancel is never
 * refused and not counted (each follows a booking that was), so a number gets at most 20
 * confirmations a day this way, 10 in ten minutes, instead of as many as anyone cares to send.
 */
export const CONTACT_SENDS_SHORT = 5;
export const CONTACT_SHORT_WINDOW_MS = 10 * 60_000;
export const CONTACT_SENDS_DAY = 10;
export const CONTACT_DAY_WINDOW_MS = 24 * 3_600_000;

/** Who a booking's confirmation goes to: what the customer typed, or the profile's addresses for a move. */
export interface ContactAddresses {
  phone?: string | null;
  email?: string | null;
}

/** A send taken from each of a contact's counts, until the change it was taken for is made or refused. */
export interface TakenSend {
  /** The change was refused: it sent nothing, so it does not count. */
  release(): Promise<void>;
}

/**
 * Per-contact send counts. Guarantees: `take` counts for all the contact's addresses or for none,
 * in one step shared by every node (two bookings at once cannot both take the last one), on the
 * caller's clock (the one the booking decides with), sliding windows (no burst at a window's
 * edge). Keys are hashes: no phone number or e-mail address is written into a Redis key name.
 */
export interface ContactSends {
  take(contact: ContactAddresses, now: number): Promise<TakenSend>;
}

// Each key is a sorted set of sends (member: an id, score: when). Counted only where every key is
// under both limits; else nothing is added and the wait until the earliest send that holds it
// back drops out of its window is returned (ms). 0: taken.
const TAKE = `local now, short, shortMax, day, dayMax = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local wait = 0
for _, k in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', k, '-inf', now - day)
  if redis.call('ZCARD', k) >= dayMax then
    local first = redis.call('ZRANGE', k, 0, 0, 'WITHSCORES')
    wait = math.max(wait, tonumber(first[2]) + day - now)
  end
  local recent = redis.call('ZRANGEBYSCORE', k, '(' .. (now - short), '+inf', 'WITHSCORES')
  if #recent / 2 >= shortMax then
    wait = math.max(wait, tonumber(recent[2]) + short - now)
  end
end
if wait > 0 then return wait end
for _, k in ipairs(KEYS) do
  redis.call('ZADD', k, now, ARGV[6])
  redis.call('PEXPIRE', k, day)
end
return 0`;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The keys of a contact's addresses, normalised so spellings of one number or address count together. */
export function contactKeys(contact: ContactAddresses): string[] {
  const keys: string[] = [];
  if (contact.phone) keys.push(sha256(`phone|${normalizePhone(contact.phone)}`));
  if (contact.email) keys.push(sha256(`email|${normalizeEmail(contact.email)}`));
  return keys;
}

export function createRedisContactSends(redis: RedisClientType, prefix: string): ContactSends {
  return {
    async take(contact, now) {
      const keys = contactKeys(contact).map((k) => `${prefix}${k}`);
      if (keys.length === 0) return { release: async () => undefined };
      const id = randomBytes(12).toString('base64url');
      const args = [now, CONTACT_SHORT_WINDOW_MS, CONTACT_SENDS_SHORT, CONTACT_DAY_WINDOW_MS, CONTACT_SENDS_DAY].map(String);
      const waitMs = Number(await redis.eval(TAKE, { keys, arguments: [...args, id] }));
      if (waitMs > 0) {
        throw new AppError('RATE_LIMITED', 'Too many bookings, changes and remote tickets for this phone number or e-mail address; please try again later.', undefined, {
          retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)),
        });
      }
      return {
        async release() {
          const m = redis.multi();
          for (const k of keys) m.zRem(k, id);
          await m.exec();
        },
      };
    },
  };
}
