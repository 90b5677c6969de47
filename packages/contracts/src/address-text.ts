/**
 * A branch's address as text, without zod: the customer pages (booking, manage) import it from
 * `@tellerline/contracts/address-text` and stay small (see branch-address.ts for the schemas).
 */

/** At most this many characters per language (a street, a district, a city, a landmark). */
export const BRANCH_ADDRESS_MAX = 200;

/** A branch's street address per language; null where not set. */
export interface BranchAddressText {
  zh: string | null;
  en: string | null;
}

/** The address to show in `lang`: that language's, else the other's; null when the branch has none. */
export function addressIn(address: BranchAddressText | null | undefined, lang: 'zh' | 'en'): string | null {
  if (!address) return null;
  return (lang === 'zh' ? (address.zh ?? address.en) : (address.en ?? address.zh)) || null;
}

/**
 * The language of what `addressIn` shows in `lang` (the other one when it falls back); null when
 * the branch has none. A page marks the address with it, so a screen reader reads an English
 * address on a Chinese page in English (WCAG 3.1.2).
 */
export function addressLangIn(address: BranchAddressText | null | undefined, lang: 'zh' | 'en'): 'zh' | 'en' | null {
  if (!address) return null;
  const other = lang === 'zh' ? 'en' : 'zh';
  return address[lang] ? lang : address[other] ? other : null;
}
