import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeviceAuth, hashDeviceToken } from '../src/auth/device-auth.js';
import type { AuthDevice } from '../src/auth/ports.js';
import { disconnectDevice, watchDevices } from '../src/realtime/device-watch.js';

/** Just what the watch reads of a socket. */
function socket(data: Record<string, unknown>, token?: string) {
  return { data, handshake: { auth: token ? { deviceToken: token } : {} }, disconnect: vi.fn() };
}

const logger = { error: vi.fn() } as never;

afterEach(() => vi.useRealTimers());

describe('device watch', () => {
  it('closes the connections of a device unpaired on this node, and no one else', () => {
    const kiosk = socket({ kind: 'kiosk', branchId: 'b', deviceId: 'd1' });
    const signage = socket({ kind: 'signage', branchId: 'b', deviceId: 'd2' });
    const phone = socket({ kind: 'ticket', branchId: 'b', token: 'd1' });
    expect(disconnectDevice([kiosk, signage, phone] as never, 'd1')).toBe(1);
    expect(kiosk.disconnect).toHaveBeenCalledWith(true);
    expect(signage.disconnect).not.toHaveBeenCalled();
    expect(phone.disconnect).not.toHaveBeenCalled();
  });

  it('finds a device unpaired on another node at its next sweep (once the cached answer ends)', async () => {
    vi.useFakeTimers();
    const good = 'g'.repeat(43);
    const lost = 'l'.repeat(43);
    const rows = new Map<string, AuthDevice>([
      [hashDeviceToken(good), { id: 'd1', branchId: 'b', kind: 'kiosk', revoked: false }],
      [hashDeviceToken(lost), { id: 'd2', branchId: 'b', kind: 'signage', revoked: false }],
    ]);
    let now = 0;
    const auth = new DeviceAuth({ findByTokenHash: async (h) => rows.get(h) ?? null }, 30_000);
    const kept = socket({ kind: 'kiosk', branchId: 'b', deviceId: 'd1' }, good);
    const gone = socket({ kind: 'signage', branchId: 'b', deviceId: 'd2' }, lost);
    const stop = watchDevices({ deviceAuth: auth, sockets: () => [kept, gone] as never, now: () => now, logger, everyMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(gone.disconnect).not.toHaveBeenCalled();
    rows.set(hashDeviceToken(lost), { id: 'd2', branchId: 'b', kind: 'signage', revoked: true }); // revoked elsewhere
    now = 31_000; // past the cache period
    await vi.advanceTimersByTimeAsync(1000);
    expect(gone.disconnect).toHaveBeenCalledWith(true);
    expect(kept.disconnect).not.toHaveBeenCalled();
    stop();
  });
});
