import type { DraftStorage } from '$lib/state/unsaved-draft.js';

/** sessionStorage as a Map, for unit tests (the storage's contract is all the draft store uses). */
export function memoryStorage(): DraftStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}
