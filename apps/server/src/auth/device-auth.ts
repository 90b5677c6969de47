import { createHash, randomBytes } from 'node:crypto';
import type { AuthDevice, DeviceLookup } from './ports.js';

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new device token (32 random bytes) and the hash that is stored instead of it. */
export function newDeviceToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashDeviceToken(token) };
}

/**
 * Resolves kiosk/signage device tokens. A short cache keeps a lobby full of screens from
 * hitting the database on every reconnect; revocation takes effect within `ttlMs`.
 */
export class DeviceAuth {
  private cache = new Map<string, { device: AuthDevice | null; until: number }>();

  constructor(
    private readonly devices: DeviceLookup,
    private readonly ttlMs = 30_000,
  ) {}

  async verify(token: string, now: number): Promise<AuthDevice | null> {
    if (token.length < 16 || token.length > 128) return null;
    const h = hashDeviceToken(token);
    const hit = this.cache.get(h);
    if (hit && hit.until > now) return hit.device;
    const found = await this.devices.findByTokenHash(h);
    const device = found && !found.revoked ? found : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(h, { device, until: now + this.ttlMs });
    return device;
  }

  /** A device's token ended here (revoked, replaced): stop trusting the cached answer at once. */
  forgetDevice(deviceId: string): void {
    for (const [h, hit] of this.cache) if (hit.device?.id === deviceId) this.cache.delete(h);
  }
}
