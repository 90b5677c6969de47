import type { KeyValueStore } from './settings.js';

export const DEVICE_KEY = 'tl.signage.device';

/**
 * Pairing: the screen is opened once as `/signage/?device=<token>`; the token moves to storage
 * and out of the address (so it is not left on screen, in history or in a bookmark). Later loads
 * use the stored token. Returns the token (or null: not paired) and the address to show.
 */
export function takeDeviceToken(url: URL, store: KeyValueStore): { token: string | null; cleanUrl: URL | null } {
  const fromUrl = url.searchParams.get('device')?.trim();
  if (fromUrl) {
    try {
      store.setItem(DEVICE_KEY, fromUrl);
    } catch {
      // Storage disabled: the token still works for this load.
    }
    const clean = new URL(url);
    clean.searchParams.delete('device');
    return { token: fromUrl, cleanUrl: clean };
  }
  let stored: string | null = null;
  try {
    stored = store.getItem(DEVICE_KEY);
  } catch {
    stored = null;
  }
  return { token: stored || null, cleanUrl: null };
}

/**
 * Whether a server error code means "this device is not (or no longer) welcome": an unknown or
 * revoked token, or one of a device that may not show the lobby. Anything else (busy, network)
 * is passing, and the screen keeps its last calls under the offline marker.
 */
export function isDeviceRefusal(code: string | undefined): boolean {
  return code === 'UNAUTHENTICATED' || code === 'FORBIDDEN';
}
