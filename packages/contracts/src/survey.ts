import { z } from 'zod';
import { Lang, plainText } from './common.js';
import { SURVEY_COMMENT_MAX } from './input-rules.js';

/** The satisfaction survey a customer answers on the phone page once their visit is done. */

/** How long after the visit ended (`doneAt`) an answer is taken: a week, then the survey closes. */
export const SURVEY_OPEN_MS = 7 * 24 * 60 * 60 * 1000;
export const SURVEY_RATINGS = [1, 2, 3, 4, 5] as const;

export const SURVEY_ERROR_CODES = [
  /** The ticket has not been served to the end (waiting, called, serving) or never was (no-show, cancelled). */
  'SURVEY_NOT_OPEN',
  /** More than `SURVEY_OPEN_MS` since the visit ended. */
  'SURVEY_CLOSED',
  /** This ticket's survey was answered already, with a different answer. */
  'SURVEY_ALREADY_ANSWERED',
] as const;
export type SurveyErrorCode = (typeof SURVEY_ERROR_CODES)[number];

/** 1 (very unhappy) .. 5 (very happy); whole numbers only, and a number, not "5". */
export const SurveyRating = z.number().int().min(1).max(5);

export const SurveyAnswerBody = z.strictObject({
  rating: SurveyRating,
  /** Optional free text, one line (no control characters: the phone page joins typed line breaks with spaces). */
  comment: plainText(SURVEY_COMMENT_MAX).optional(),
  /** The language the customer answered in (the page's). */
  language: Lang,
});
export type SurveyAnswerBody = z.infer<typeof SurveyAnswerBody>;

/** A stored answer as the customer sees it again; `comment` is '' when none was given. */
export const SurveyAnswer = z.object({
  rating: SurveyRating,
  comment: z.string(),
  /** When it was answered, epoch ms. */
  at: z.number(),
});
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

/**
 * - `not-yet`: the visit has not ended (waiting, called, serving);
 * - `open`: served to the end, no answer yet, within a week;
 * - `answered`: the customer's answer is in `answer` (whenever it was given);
 * - `closed`: a week has passed since the visit ended, or it ended without service (no-show,
 *   cancelled): no survey will be taken for this ticket.
 */
export const SurveyStateName = z.enum(['not-yet', 'open', 'answered', 'closed']);
export type SurveyStateName = z.infer<typeof SurveyStateName>;

export const SurveyState = z.object({ state: SurveyStateName, answer: SurveyAnswer.optional() });
export type SurveyState = z.infer<typeof SurveyState>;
