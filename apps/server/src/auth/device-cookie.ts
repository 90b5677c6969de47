import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The browser's sign-in device cookie (OWASP "device cookies"): HttpOnly, SameSite=Strict. */
export const DEVICE_COOKIE = 'tl_dev';
/** How long a browser stays known to an account after its last successful sign-in there. */
export const DEVICE_COOKIE_MAX_AGE_MS = 90 * 24 * 3_600_000;
/** Accounts one browser is known for: a shared teller PC serves a few colleagues. */
export const DEVICE_COOKIE_MAX_ACCOUNTS = 4;
/** The database setting holding the signing key (made on first start, shared by every node). */
export const DEVICE_COOKIE_KEY_SETTING = 'auth.device-cookie-key';

export const newDeviceCookieKey = (): string => randomBytes(32).toString('base64url');

/** One account this browser signed in to: `nonce` names this browser for that account's wait. */
export interface KnownDevice {
  username: string;
  nonce: string;
}

/**
 * Device cookies, after OWASP's "Slow down online guessing attacks with device cookies": the
 * per-username wait (account-limiter.ts) that keeps guessers out also kept the teller out, the
 * right password refused, by a few guesses an hour. A browser where the account signed in before
 * carries a signed entry naming that account; a sign-in presenting it is held to that browser's
 * own failure count instead of the account's (a stolen cookie still cannot guess freely), and to
 * the per-address limit as always. Entries are `base64url(username).nonce.hmac`, `~`-separated;
 * an entry that does not verify is ignored, so a forged or altered cookie is only a stranger.
 */
export class DeviceCookies {
  private readonly key: Buffer;

  constructor(key: string) {
    this.key = Buffer.from(key, 'base64url');
  }

  private sign(username: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`${username}\n${nonce}`).digest('base64url');
  }

  /** The valid entries of a cookie value (none for a missing or forged one). */
  entries(value: string | undefined): KnownDevice[] {
    if (!value) return [];
    const known: KnownDevice[] = [];
    for (const entry of value.split('~').slice(0, DEVICE_COOKIE_MAX_ACCOUNTS)) {
      const [name, nonce, mac] = entry.split('.');
      if (!name || !nonce || !mac || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) continue;
      const username = Buffer.from(name, 'base64url').toString('utf8');
      const expected = Buffer.from(this.sign(username, nonce));
      const given = Buffer.from(mac);
      if (given.length === expected.length && timingSafeEqual(given, expected)) known.push({ username, nonce });
    }
    return known;
  }

  /** This browser's entry for `username` (compared as the account limiter does, case-insensitively), or null. */
  knownFor(value: string | undefined, username: string): KnownDevice | null {
    const name = username.toLowerCase();
    return this.entries(value).find((e) => e.username === name) ?? null;
  }

  /** The cookie value after `username` signed in here: its entry (kept, or new) first, then the others still valid. */
  issue(value: string | undefined, username: string): string {
    const name = username.toLowerCase();
    const others = this.entries(value).filter((e) => e.username !== name);
    const mine = this.knownFor(value, name) ?? { username: name, nonce: randomBytes(18).toString('base64url') };
    return [mine, ...others]
      .slice(0, DEVICE_COOKIE_MAX_ACCOUNTS)
      .map((e) => `${Buffer.from(e.username, 'utf8').toString('base64url')}.${e.nonce}.${this.sign(e.username, e.nonce)}`)
      .join('~');
  }
}
