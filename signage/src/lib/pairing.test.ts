import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { DEVICE_KEY, isDeviceRefusal, takeDeviceToken } from './pairing.js';

describe('pairing', () => {
  it('moves the token from the address to storage, and reads it from there later', () => {
    const store = new MemoryStore();
    const first = takeDeviceToken(new URL('https://bank.test/signage/?device=tok123&voice=zh'), store);
    expect(first.token).toBe('tok123');
    expect(first.cleanUrl?.search).toBe('?voice=zh');
    expect(store.getItem(DEVICE_KEY)).toBe('tok123');
    expect(takeDeviceToken(new URL('https://bank.test/signage/'), store)).toEqual({ token: 'tok123', cleanUrl: null });
  });

  it('treats only a refused device as unpaired, not a busy server or a network failure', () => {
    expect(isDeviceRefusal('UNAUTHENTICATED')).toBe(true);
    expect(isDeviceRefusal('FORBIDDEN')).toBe(true);
    for (const code of [undefined, 'BUSY_RETRY', 'ORIGIN_NOT_ALLOWED', 'INTERNAL']) expect(isDeviceRefusal(code)).toBe(false);
  });
});
