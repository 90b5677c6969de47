import { z } from 'zod';
import { Id, plainName } from './common.js';

/** Paired lobby screens: kiosks issue tickets and check in bookings, signage shows calls. */
export const DeviceKind = z.enum(['kiosk', 'signage']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** A paired screen as managers see it (never its token: only a hash is stored). */
export const DeviceView = z.object({
  id: Id,
  kind: DeviceKind,
  name: z.string(),
  /** Epoch ms of its last authenticated request or connection; null when never seen. */
  lastSeenAt: z.number().nullable(),
  revoked: z.boolean(),
  createdAt: z.number(),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const PairDeviceBody = z.strictObject({ kind: DeviceKind, name: plainName(60) });
export type PairDeviceBody = z.infer<typeof PairDeviceBody>;

export const DeviceParams = z.strictObject({ branchId: Id, deviceId: Id });

/**
 * A new pairing: the token is shown this once (only its hash is kept). Open `pairPath` on the
 * screen (the kiosk or signage page with `?device=<token>`); it remembers the token and drops it
 * from the address bar.
 */
export const PairedDevice = z.object({ device: DeviceView, token: z.string(), pairPath: z.string() });
export type PairedDevice = z.infer<typeof PairedDevice>;

/**
 * GET /api/v1/devices/me (the device's own token): which branch a kiosk or lobby screen is paired
 * with. A pairing link names no branch: the screen learns its branch from its token.
 */
export const DeviceSelf = z.object({ id: Id, kind: DeviceKind, branchId: Id });
export type DeviceSelf = z.infer<typeof DeviceSelf>;
