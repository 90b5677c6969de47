import { z } from 'zod';
import { Lang, LocalizedText, plainText } from './common.js';
import { ASSISTANT_QUESTION_MAX } from './input-rules.js';

/**
 * The help assistant: a customer's question about a branch, answered by rules over the branch's
 * own data (no language model, no outside service: the branches are air-gapped).
 */

/** What the assistant understood the question to be about. */
export const AssistantIntent = z.enum([
  'hours',
  /** Where the branch is: its street address (地址, 在哪, 怎么去, where is the branch). */
  'address',
  'documents',
  'waits',
  'service',
  'booking',
  'change-booking',
  /**
   * When one's own booking is ("what time is my appointment", 我的预约是几点): the assistant does
   * not look bookings up; the answer says where to see it (the confirmation and its manage link).
   */
  'my-booking',
  'check-in',
  'priority',
  'missed-call',
  /** Running late for a booking: how long check-in stays open after the booked time, then what. */
  'late-booking',
  /** How long a service takes at the counter (the length of its appointments). */
  'duration',
  'notifications',
  /** A question about one ticket number ("A001叫到了吗"): how to follow one's own ticket. */
  'ticket',
  'staff',
  /**
   * Rates, fees, limits, amounts, balances or one's own account: nothing the assistant knows.
   * The answer says so and where to ask, instead of a service's documents and waits.
   */
  'out-of-scope',
  'greeting',
  'fallback',
]);
export type AssistantIntent = z.infer<typeof AssistantIntent>;

/** POST /api/v1/branches/:branchId/assistant (public; `branchId` may be the branch's id or its code). */
export const AssistantBody = z.strictObject({
  question: plainText(ASSISTANT_QUESTION_MAX, 1),
  language: Lang,
});
export type AssistantBody = z.infer<typeof AssistantBody>;

const Window = z.object({ open: z.string(), close: z.string() });

/** One local day of the branch: its opening windows after closures, and why it is (partly) closed. */
export const AssistantDay = z.object({
  date: z.string(),
  weekday: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  windows: z.array(Window),
  /** A holiday or closure the manager entered takes (part of) this day. */
  closure: z.boolean(),
  reason: z.string().nullable(),
});
export type AssistantDay = z.infer<typeof AssistantDay>;

export const AssistantHoursFacts = z.object({
  kind: z.literal('hours'),
  timezone: z.string(),
  /** Today (branch time) and the six days after it. */
  days: z.array(AssistantDay),
  /** Whether the branch is open at the moment of the answer. */
  openNow: z.boolean(),
  /** Whole-day closures (holidays) in the coming weeks, beyond the days listed. */
  upcomingClosures: z.array(z.object({ date: z.string(), until: z.string().nullable(), reason: z.string().nullable() })),
});

export const AssistantDocumentsFacts = z.object({
  kind: z.literal('documents'),
  services: z.array(z.object({ code: z.string(), name: LocalizedText, documents: z.array(z.string()) })),
});

export const AssistantWaitsFacts = z.object({
  kind: z.literal('waits'),
  /**
   * False when the branch's queue is not open (no live state) or the branch is closed at the
   * moment of the answer (outside its hours or a closure): no waits to tell, `services` empty.
   */
  live: z.boolean(),
  services: z.array(
    z.object({
      code: z.string(),
      name: LocalizedText,
      waiting: z.number().int(),
      /** The range a new ticket would wait, in minutes (the kiosk's estimate); null when `noStaff`. */
      lowMin: z.number().nullable(),
      highMin: z.number().nullable(),
      /** Nobody signed on can serve the service now: no wait is promised. */
      noStaff: z.boolean(),
      walkIns: z.boolean(),
    }),
  ),
});

/** Structured data the UI can show beside the answer (a table of hours, a list, waits). */
export const AssistantFacts = z.discriminatedUnion('kind', [AssistantHoursFacts, AssistantDocumentsFacts, AssistantWaitsFacts]);
export type AssistantFacts = z.infer<typeof AssistantFacts>;

export const AssistantAnswer = z.object({
  intent: AssistantIntent,
  /** The answer in the language asked for, plain text (paragraphs separated by a blank line). */
  answer: z.string(),
  facts: z.array(AssistantFacts).optional(),
  /** Questions to offer next as buttons, in the same language. */
  suggestions: z.array(z.string()),
});
export type AssistantAnswer = z.infer<typeof AssistantAnswer>;
