import { z } from 'zod';
import { LocalizedText, Token } from './common.js';

/**
 * The customer's opt-in to a kept profile: "may we keep my visit history and preferences beyond
 * the visit" (Customer.consentHistory), and the needs they want staff to prepare for. Needs are a
 * fixed list of ticks, never free text: staff read them, and nothing a customer types ends up in
 * the profile or the audit log this way.
 */
export const VISIT_NEEDS = ['stepFree', 'hearing', 'reading', 'interpreter'] as const;
export type VisitNeed = (typeof VISIT_NEEDS)[number];

/** Needs for the visit; a need not listed (or false) is not one. Unknown keys are refused. */
export const VisitPreferences = z.strictObject({
  /** Step-free access (无障碍通道). */
  stepFree: z.boolean().optional(),
  /** Hearing support (听力辅助). */
  hearing: z.boolean().optional(),
  /** Reading support, large print (阅读辅助). */
  reading: z.boolean().optional(),
  /** An interpreter or another language (需要翻译). */
  interpreter: z.boolean().optional(),
});
export type VisitPreferences = z.infer<typeof VisitPreferences>;

/**
 * The consent as a booking gives it and the manage page changes it. `keep: false` withdraws it and
 * clears the stored preferences, so preferences come only with `keep: true`.
 */
export const HistoryConsentBody = z
  .strictObject({
    keep: z.boolean(),
    preferences: VisitPreferences.optional(),
  })
  .refine((b) => b.keep || b.preferences === undefined || !Object.values(b.preferences).some(Boolean), {
    path: ['preferences'],
    message: 'preferences are kept only with the consent to keep a visit history (keep: true)',
  });
export type HistoryConsentBody = z.infer<typeof HistoryConsentBody>;

/**
 * GET/PUT /api/v1/appointments/:manageToken/history: whether the booking's profile is kept, and
 * whether it holds needs. The stored needs themselves are never read back here: a booking joins
 * a profile on name and phone alone, so whoever knows those could otherwise learn a customer's
 * hearing or mobility needs. `preferences` is what this request gave (PUT), empty on GET; the
 * customer ticks their needs again to change them. A PUT's answer is the same whether it gave the
 * consent at once or asked the profile's own contact to confirm (see the route): it must not tell
 * whether the contact already had a profile.
 */
export const HistoryConsentView = z.object({
  kept: z.boolean(),
  preferences: VisitPreferences,
  /** The profile holds at least one need (only while kept). */
  needsStored: z.boolean(),
});
export type HistoryConsentView = z.infer<typeof HistoryConsentView>;

/**
 * The needs as stored: only the known ones that are ticked, so a stored `{}` and `{ hearing:
 * false }` read the same, and whatever else the JSON column holds is not shown to anyone.
 */
export function neededOnly(raw: unknown): VisitPreferences {
  const out: VisitPreferences = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const need of VISIT_NEEDS) if ((raw as Record<string, unknown>)[need] === true) out[need] = true;
  return out;
}

/**
 * Refusals of a consent confirmation link: no such link (404); used already, or past its seven
 * days (410: the link was real, and asking again from the booking sends a new one).
 */
export const CONSENT_ERROR_CODES = ['CONSENT_CONFIRMATION_NOT_FOUND', 'CONSENT_CONFIRMATION_USED', 'CONSENT_CONFIRMATION_EXPIRED'] as const;
export type ConsentErrorCode = (typeof CONSENT_ERROR_CODES)[number];

export function consentStatus(code: string): number | undefined {
  if (code === 'CONSENT_CONFIRMATION_NOT_FOUND') return 404;
  if (code === 'CONSENT_CONFIRMATION_USED' || code === 'CONSENT_CONFIRMATION_EXPIRED') return 410;
  return undefined;
}

/** /api/v1/consent-confirmations/:token: the token of the link sent to the profile's own contact. */
export const ConsentConfirmationParams = z.strictObject({ token: Token });

/**
 * GET /api/v1/consent-confirmations/:token: what confirming would do: keep the history with the
 * needs asked for by the booking (`keep: true`), or stop keeping it and clear the needs (`keep:
 * false`, asked by a booking that joined the profile). The link reaches only the profile's own
 * phone or e-mail.
 */
export const ConsentConfirmationView = z.object({
  branch: LocalizedText,
  keep: z.boolean(),
  preferences: VisitPreferences,
  expiresAt: z.number(),
});
export type ConsentConfirmationView = z.infer<typeof ConsentConfirmationView>;

/** POST /api/v1/consent-confirmations/:token/confirm: the consent now kept with these needs, or withdrawn (`kept: false`, no needs). */
export const ConsentConfirmedView = z.object({ kept: z.boolean(), preferences: VisitPreferences });
export type ConsentConfirmedView = z.infer<typeof ConsentConfirmedView>;
