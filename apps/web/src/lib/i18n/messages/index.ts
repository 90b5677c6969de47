import { customerScreens } from './customer-screens.js';
import type { Messages } from './lang.js';

export type { Lang, Messages } from './lang.js';

/**
 * The words the screens can show now, looked up synchronously by `translate`: the customer
 * screens' from the first download; the staff screens' (`staff-screens.ts`) once the /staff layout
 * has registered them, before any staff screen renders.
 */
export const dictionaries: Messages = { zh: { ...customerScreens.zh }, en: { ...customerScreens.en } };

export function registerMessages(more: Messages): void {
  Object.assign(dictionaries.zh, more.zh);
  Object.assign(dictionaries.en, more.en);
}
