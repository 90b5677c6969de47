import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP's Argon2id baseline (19 MiB, 2 passes) keeps a login under ~50 ms on a 2-core box.
const OPTIONS = { algorithm: 2 /* Argon2id; the package exports a const enum we cannot import */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash is a failed login, not a crash
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('tellerline-dummy-password');
  return dummy;
}

/** Letters and digits nobody mistakes for one another when reading them out or copying by hand (no 0/O, 1/l/I). */
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A password a manager hands over once (a new account, a reset), to be changed at the first
 * sign-in: 3 groups of 4 from a 55-character alphabet, about 69 bits, e.g. `k7Pq-2mXa-9Rtd`.
 */
export function temporaryPassword(): string {
  const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join(''));
  return groups.join('-');
}
