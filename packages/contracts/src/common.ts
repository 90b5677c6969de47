import { z } from 'zod';

/** Ids are opaque strings we mint (cuid-like / random); bounded so nobody can post megabytes. */
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
export const Token = z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/);
export const Lang = z.enum(['zh', 'en']);
export const Priority = z.enum(['normal', 'priority', 'vip']);
export const TicketKind = z.enum(['walk-in', 'appointment', 'remote']);
export const Reason = z.string().trim().min(1).max(200);
export const LocalizedText = z.object({ zh: z.string(), en: z.string() });

/** Why routing called a ticket (the engine's CallReason): an English sentence and the numbers the UI words in zh/en. */
export const CallReasonView = z.object({
  text: z.string(),
  waitedMin: z.number(),
  targetMin: z.number(),
  proficiency: z.number(),
  score: z.number(),
  rule: z.string(),
  /** Someone behind in the same line close to their target: why this line was called. */
  behindNumber: z.string().optional(),
});
