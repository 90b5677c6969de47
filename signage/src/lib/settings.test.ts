import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { takeDeviceToken, DEVICE_KEY } from './pairing.js';
import { DEFAULT_SETTINGS, loadSettings, SETTINGS_KEY } from './settings.js';

describe('loadSettings', () => {
  it('defaults to chime, Chinese then English voice, and the media area', () => {
    expect(loadSettings(new URLSearchParams(''), new MemoryStore())).toEqual(DEFAULT_SETTINGS);
  });

  it('reads the address and remembers it for the next load', () => {
    const store = new MemoryStore();
    expect(loadSettings(new URLSearchParams('voice=en&chime=off&media=off'), store)).toEqual({ voice: ['en'], chime: false, media: false });
    expect(loadSettings(new URLSearchParams(''), store)).toEqual({ voice: ['en'], chime: false, media: false });
  });

  it('understands voice=off and keeps the given language order', () => {
    expect(loadSettings(new URLSearchParams('voice=off'), new MemoryStore()).voice).toEqual([]);
    expect(loadSettings(new URLSearchParams('voice=en,zh'), new MemoryStore()).voice).toEqual(['en', 'zh']);
  });

  it('ignores values it does not understand, and a corrupt stored entry', () => {
    const store = new MemoryStore();
    store.setItem(SETTINGS_KEY, '{not json');
    expect(loadSettings(new URLSearchParams('voice=fr&chime=loud'), store)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('takeDeviceToken', () => {
  it('moves the token from the address to storage and keeps the other parameters', () => {
    const store = new MemoryStore();
    const { token, cleanUrl } = takeDeviceToken(new URL('http://x/signage/?device=abc123&voice=zh'), store);
    expect(token).toBe('abc123');
    expect(store.getItem(DEVICE_KEY)).toBe('abc123');
    expect(cleanUrl?.search).toBe('?voice=zh');
  });

  it('uses the stored token on later loads, and reports an unpaired screen', () => {
    const store = new MemoryStore();
    expect(takeDeviceToken(new URL('http://x/signage/'), store)).toEqual({ token: null, cleanUrl: null });
    store.setItem(DEVICE_KEY, 'stored');
    expect(takeDeviceToken(new URL('http://x/signage/'), store)).toEqual({ token: 'stored', cleanUrl: null });
  });
});
