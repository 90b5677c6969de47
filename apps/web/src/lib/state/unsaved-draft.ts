/**
 * A screen's unsaved changes, kept in the tab's sessionStorage: a manager screen's when a save
 * meets an ended session, so signing in again brings them back instead of the manager typing them
 * anew; the staff panel's service record while unsaved, so a reload of the tab does not lose it.
 * One draft per screen and branch, and only for the staff member who typed it (another one
 * signing in on the same tab does not get it). Only form values go in, never a password.
 */

/** A draft older than this is not restored: the rules it was typed against have likely moved on. */
export const DRAFT_TTL_MS = 60 * 60 * 1000;

/** Which draft: the screen (`booking-rules`), the branch it edits, the staff member who typed it. */
export interface DraftKey {
  screen: string;
  branchId: string;
  userId: string;
}

interface StoredDraft {
  userId: string;
  savedAt: number;
  data: unknown;
}

/** The storage the drafts live in; null where there is none (server rendering, storage blocked). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function draftStorageKey(key: Pick<DraftKey, 'screen' | 'branchId'>): string {
  return `tl-draft:${key.screen}:${key.branchId}`;
}

/** The tab's sessionStorage, or null when the browser refuses it (private modes, blocked storage). */
export function sessionDrafts(): DraftStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** Keeps `data` as the draft for `key`; false when the storage refused it (full, blocked). */
export function keepDraft(storage: DraftStorage | null, key: DraftKey, data: unknown, now: number): boolean {
  if (!storage) return false;
  try {
    const stored: StoredDraft = { userId: key.userId, savedAt: now, data };
    storage.setItem(draftStorageKey(key), JSON.stringify(stored));
    return true;
  } catch {
    return false;
  }
}

/**
 * The draft for `key`, removed from the storage (restored once: the screen then holds it as
 * unsaved changes, and its leave warning guards it). Null when there is none, it is older than
 * DRAFT_TTL_MS, another staff member typed it, or it cannot be read; those are dropped too.
 * `valid` checks the shape (a stored draft is outside input: an older build may have written it).
 */
export function takeDraft<T>(storage: DraftStorage | null, key: DraftKey, now: number, valid: (data: unknown) => data is T): T | null {
  if (!storage) return null;
  const name = draftStorageKey(key);
  let text: string | null;
  try {
    text = storage.getItem(name);
  } catch {
    return null;
  }
  if (text === null) return null;
  clearDraft(storage, key);
  try {
    const stored = JSON.parse(text) as Partial<StoredDraft> | null;
    if (!stored || stored.userId !== key.userId || typeof stored.savedAt !== 'number') return null;
    if (now - stored.savedAt > DRAFT_TTL_MS || stored.savedAt > now) return null;
    return valid(stored.data) ? stored.data : null;
  } catch {
    return null;
  }
}

/** Drops the draft for `key` (saved, or the manager chose to leave without saving). */
export function clearDraft(storage: DraftStorage | null, key: Pick<DraftKey, 'screen' | 'branchId'>): void {
  try {
    storage?.removeItem(draftStorageKey(key));
  } catch {
    // Nothing to drop where the storage is blocked.
  }
}
