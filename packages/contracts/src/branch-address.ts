/**
 * Where a branch is: its street address in each language, for the customer who has to get there
 * (the booking page, the manage page, the help assistant, booking notices and the calendar file).
 * Either language may be unset; a page in one language falls back to the other's (`addressIn`),
 * and a branch with neither shows no address at all.
 */
import { z } from 'zod';
import { BRANCH_ADDRESS_MAX, type BranchAddressText } from './address-text.js';
import { plainText } from './common.js';

export { addressIn, BRANCH_ADDRESS_MAX } from './address-text.js';

/** One language's address as typed: trimmed, plain text; empty means "not set" (null). */
const AddressLine = plainText(BRANCH_ADDRESS_MAX)
  .nullable()
  .transform((v) => (v ? v : null));

/** The address as a branch edit sends it: both languages, each null (or empty) when not set. */
export const BranchAddressBody = z.strictObject({ zh: AddressLine, en: AddressLine });
export type BranchAddressBody = z.infer<typeof BranchAddressBody>;

/** The address as stored and shown: null where not set. */
export const BranchAddress = z.object({ zh: z.string().nullable(), en: z.string().nullable() }) satisfies z.ZodType<BranchAddressText>;
export type BranchAddress = z.infer<typeof BranchAddress>;

/** No address in either language. */
export const NO_ADDRESS: BranchAddress = Object.freeze({ zh: null, en: null });
