import { StaleSettingsDetails, type BookingSettingsView } from '@tellerline/contracts';
import { api } from '$lib/api.js';

/**
 * The branch's booking settings as stored now. For a screen that has no version (or `expected`
 * value) to save against because its first read failed: the server refuses a save without one, so
 * the screen reads again and shows what is stored like after a STALE_SETTINGS refusal, and the
 * manager saves again knowingly.
 */
export function readSettings(branchId: string): Promise<BookingSettingsView> {
  return api<BookingSettingsView>('GET', `/api/v1/branches/${encodeURIComponent(branchId)}/booking/settings`);
}

/**
 * The settings stored now, from a STALE_SETTINGS refusal (an ApiFailure, or a screen's Refusal:
 * another save came since this screen read them); null for any other refusal, or details that do
 * not parse (then only the message shows). Read with the contracts schema: they come from the wire.
 */
export function staleCurrent(failure: unknown): BookingSettingsView | null {
  if (!failure || typeof failure !== 'object') return null;
  const { code, details } = failure as { code?: unknown; details?: unknown };
  if (code !== 'STALE_SETTINGS') return null;
  const parsed = StaleSettingsDetails.safeParse(details);
  return parsed.success ? parsed.data.current : null;
}
