import { createHash, randomBytes } from 'node:crypto';
import type { AuthDevice, DeviceLookup } from './ports.js';
import type { TokenProbeLimiter } from './token-probe-limiter.js';

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new device token (32 random bytes) and the hash that is stored instead of it. */
export function newDeviceToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashDeviceToken(token) };
}

/** Tokens this node found valid (device-auth.ts `known`): past this many it starts over. */
const KNOWN_MAX = 10_000;

/**
 * Resolves kiosk/signage device tokens. A short cache keeps a lobby full of screens from
 * hitting the database on every reconnect; revocation takes effect within `ttlMs`.
 *
 * Anonymous callers (`verifyFrom`: the HTTP Bearer header, a device socket's handshake) are
 * guarded per address by `probes`, a TokenProbeLimiter with a budget of its own (DEVICE_TOKENS),
 * not the ticket links' one. Two reasons: a screen left in a lobby after being unpaired or
 * re-paired keeps presenting its old token (every reload, every reconnect), and the phones on the
 * same branch Wi-Fi would lose their ticket pages to it if it spent their budget; and the other
 * way round, expired ticket links opened in the lobby must not stop the kiosk. A script switching
 * between the two kinds gets 2 x 60 misses a window instead of 60, which changes nothing: both
 * tokens are 128+ random bits, the limit is there against the load of the lookups, not the odds.
 *
 * Trade-off (as for ticket tokens, middleware/token-probes.ts): a refused address gets no
 * lookups, so a token this node has not yet seen valid from it waits for the window too. But a
 * device token, unlike a guessed link, can be told from a guess without a lookup once it was
 * found valid here (`known`, in memory): such a token skips the guard entirely, in flight and
 * past the limit alike, and still goes through the cache and the revocation check. So a paired
 * kiosk behind the prober's address keeps working (every device paired when the node started is
 * known from the start: `warm`), unless it was paired since and this node has not seen it yet
 * while its address is refused: then it is refused RATE_LIMITED with Retry-After until the window
 * ends, like everyone there.
 */
export class DeviceAuth {
  private cache = new Map<string, { device: AuthDevice | null; until: number }>();
  /** Token hashes found valid on this node, by device id (for forgetDevice); a token found ended leaves. */
  private known = new Map<string, string>();

  constructor(
    private readonly devices: DeviceLookup,
    private readonly ttlMs = 30_000,
    private readonly probes?: TokenProbeLimiter,
  ) {}

  async verify(token: string, now: number): Promise<AuthDevice | null> {
    if (!wellFormed(token)) return null;
    return this.verifyHash(hashDeviceToken(token), now);
  }

  /**
   * `verify` for an anonymous caller at `ip`: an unknown token counts against the address, and
   * an address over its limit is refused RATE_LIMITED (with `retryAfterSec`) before the lookup.
   * A token known valid here costs nothing more than `verify` (no Redis); a malformed one is no
   * lookup and is not counted.
   */
  async verifyFrom(token: string, ip: string, now: number): Promise<AuthDevice | null> {
    if (!wellFormed(token)) return null;
    const h = hashDeviceToken(token);
    if (!this.probes || this.known.has(h)) return this.verifyHash(h, now);
    const leave = this.probes.enter(ip);
    try {
      const device = await this.verifyHash(h, now);
      if (!device) await this.probes.missed(ip);
      return device;
    } finally {
      leave();
    }
  }

  /**
   * Before the node listens: every paired device's token counts as found valid here. After a
   * restart every lobby screen and kiosk reconnects at once, and a bank's branches often reach us
   * through one head-office address: with `known` empty they all went through the guard, past its
   * 32 lookups in flight, and the refused screens stayed dark until their retry. Knowing a
   * hash only skips the guard (a guess cannot produce one); validity and revocation are still
   * looked up. Returns how many are trusted.
   */
  async warm(): Promise<number> {
    const paired = (await this.devices.pairedTokenHashes?.()) ?? [];
    for (const d of paired.slice(0, KNOWN_MAX)) this.known.set(d.tokenHash, d.id);
    return this.known.size;
  }

  /** A device's token ended here (revoked, replaced): stop trusting the cached answer at once. */
  forgetDevice(deviceId: string): void {
    for (const [h, hit] of this.cache) if (hit.device?.id === deviceId) this.cache.delete(h);
    for (const [h, id] of this.known) if (id === deviceId) this.known.delete(h);
  }

  private async verifyHash(h: string, now: number): Promise<AuthDevice | null> {
    const hit = this.cache.get(h);
    if (hit && hit.until > now) return hit.device;
    const found = await this.devices.findByTokenHash(h);
    const device = found && !found.revoked ? found : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(h, { device, until: now + this.ttlMs });
    if (!device) this.known.delete(h);
    else {
      if (this.known.size >= KNOWN_MAX) this.known.clear();
      this.known.set(h, device.id);
    }
    return device;
  }
}

function wellFormed(token: string): boolean {
  return token.length >= 16 && token.length <= 128;
}
