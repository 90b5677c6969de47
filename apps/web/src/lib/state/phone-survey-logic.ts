import type { TicketStatus } from './phone-logic.js';
import { isPlainText, SURVEY_COMMENT_MAX } from '@tellerline/contracts/input-rules';

export { SURVEY_COMMENT_MAX };

/** The rating scale, lowest first: each value has its own visible and spoken words. */
export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

/** The survey follows a completed visit only: a missed or cancelled ticket is not asked. */
export function offersSurvey(status: TicketStatus): boolean {
  return status === 'done';
}

/**
 * The page learns "done" over the socket a moment before the server's record of the ticket says
 * so (the record is written after the event goes out), and then the survey still reads "not yet".
 * Ask again after these pauses before giving up quietly.
 */
export const NOT_YET_RETRY_MS: readonly number[] = [400, 800, 1600, 3200, 6400];

/**
 * A comment as it is sent: line breaks (Enter in the text box) and tabs become spaces, because
 * the server takes one line of plain text (no control characters); then trimmed, as it trims.
 */
export function tidyComment(raw: string): string {
  return raw.replace(/[\r\n\t]+/g, ' ').trim();
}

export type CommentProblem = 'too-long' | 'characters';

/** What the server would refuse in this comment, checked by the same rules before sending. */
export function commentProblem(raw: string): CommentProblem | null {
  const comment = tidyComment(raw);
  if (comment.length > SURVEY_COMMENT_MAX) return 'too-long';
  if (!isPlainText(comment)) return 'characters';
  return null;
}

/** Characters left for the counter under the comment box (never below 0 on screen). */
export function charactersLeft(raw: string): number {
  return Math.max(0, SURVEY_COMMENT_MAX - raw.length);
}

/** The POST body: a comment only when one was written. */
export function answerBody(rating: number, raw: string, language: 'zh' | 'en'): { rating: number; comment?: string; language: 'zh' | 'en' } {
  const comment = tidyComment(raw);
  return { rating, language, ...(comment ? { comment } : {}) };
}

/** The message key for a refused or failed answer (codes from POST /tickets/:token/survey). */
export function surveyErrorKey(code: string): string {
  switch (code) {
    case 'SURVEY_CLOSED':
    case 'SURVEY_NOT_OPEN':
    case 'SURVEY_ALREADY_ANSWERED':
    case 'RATE_LIMITED':
      return `error.${code}`;
    case 'NOT_FOUND':
      return 'phone.survey.error.notFound';
    case 'VALIDATION_FAILED':
    case 'PAYLOAD_TOO_LARGE':
      return 'phone.survey.error.invalid';
    case 'BUSY_RETRY':
    case 'NO_CONNECTION':
      return 'phone.survey.error.network';
    default:
      return 'error.generic';
  }
}
