import { common } from './common.js';
import type { Messages } from './lang.js';

export type { Lang, Messages } from './lang.js';

/**
 * The words the screens can show now, looked up synchronously by `translate`: the words every
 * screen shares (`common`) from the first download; a screen's own (the message files its route
 * imports: `phone`, `booking`, ... or, on /staff, `staff-screens`) once its route's `load` has
 * registered them (`withWords`), before it renders. A phone thus downloads only its page's words.
 */
export const dictionaries: Messages = { zh: { ...common.zh }, en: { ...common.en } };

export function registerMessages(...sets: Messages[]): void {
  for (const set of sets) {
    Object.assign(dictionaries.zh, set.zh);
    Object.assign(dictionaries.en, set.en);
  }
}

/** A route's `load` registering the words its screen uses (`export const load = withWords(phone, help)`). */
export function withWords(...sets: Messages[]): () => void {
  return () => registerMessages(...sets);
}
