/**
 * Where a branch is: its street address in each language, for the customer who has to get there
 * (the booking page, the manage page, the help assistant, booking notices and the calendar file).
 * Either language may be unset; a page in one language falls back to the other's (`addressIn`),
 * and a branch with neither shows no address at all.
 */
import { z } from 'zod';
import type { Lang } from '@tellerline/engine';
import { plainText } from './common.js';

/** At most this many characters per language (a street, a district, a city, a landmark). */
export const BRANCH_ADDRESS_MAX = 200;

/** One language's address as typed: trimmed, plain text; empty means "not set" (null). */
const AddressLine = plainText(BRANCH_ADDRESS_MAX)
  .nullable()
  .transform((v) => (v ? v : null));

/** The address as a branch edit sends it: both languages, each null (or empty) when not set. */
export const BranchAddressBody = z.strictObject({ zh: AddressLine, en: AddressLine });
export type BranchAddressBody = z.infer<typeof BranchAddressBody>;

/** The address as stored and shown: null where not set. */
export const BranchAddress = z.object({ zh: z.string().nullable(), en: z.string().nullable() });
export type BranchAddress = z.infer<typeof BranchAddress>;

/** No address in either language. */
export const NO_ADDRESS: BranchAddress = Object.freeze({ zh: null, en: null });

/** The address to show in `lang`: that language's, else the other's; null when the branch has none. */
export function addressIn(address: BranchAddress | null | undefined, lang: Lang): string | null {
  if (!address) return null;
  return (lang === 'zh' ? (address.zh ?? address.en) : (address.en ?? address.zh)) || null;
}
