import { ASSISTANT_QUESTION_MAX, isPlainText } from '@tellerline/contracts/input-rules';
import { waitWords, type WaitWords } from './wait-words.js';

/** The server's limit on a question (AssistantBody): the box refuses what the server would. */
export const QUESTION_MAX = ASSISTANT_QUESTION_MAX;

/** Dictionary key of what is wrong with a typed question (with its params), or null to send it. */
export function questionProblem(question: string): { key: string; params?: Record<string, number> } | null {
  const q = question.trim();
  if (q.length === 0) return { key: 'help.error.empty' };
  if (q.length > QUESTION_MAX) return { key: 'help.error.tooLong', params: { max: QUESTION_MAX } };
  if (!isPlainText(q)) return { key: 'help.error.control' };
  return null;
}

/** Dictionary key for a refusal's code: the ones the panel words itself, else the generic one. */
export function helpErrorKey(code: string): string {
  return code === 'RATE_LIMITED' || code === 'BRANCH_UNKNOWN' || code === 'BRANCH_INACTIVE' || code === 'BRANCH_NOT_OPEN' ? `help.error.${code}` : 'help.error.generic';
}

/**
 * Whether a link's ?branch= names one of the branches, by code (as printed links do) or id (as
 * the server accepts both), so /help can say at once that a mistyped or retired link is unknown.
 */
export function isKnownBranch(branches: readonly { id: string; code: string }[], key: string): boolean {
  return findBranch(branches, key) !== undefined;
}

/** The branch a link names by its code or id. */
export function findBranch<B extends { id: string; code: string }>(branches: readonly B[], key: string): B | undefined {
  return branches.find((b) => b.code === key || b.id === key);
}

/** The first questions offered, before anything was asked (the same words the server suggests). */
export const FIRST_SUGGESTIONS = ['help.suggest.hours', 'help.suggest.documents', 'help.suggest.waits', 'help.suggest.booking', 'help.suggest.checkIn', 'help.suggest.missed'] as const;

/**
 * A service's wait on the help card, worded as the phone page, kiosk and signage word it
 * (wait-words.ts): "8–20 分钟", "5 分钟内" / "within 5 min" from 0, "约 5 分钟" when both ends
 * agree, "无需等候" with nobody waiting and no wait.
 */
export function waitRange(lowMin: number, highMin: number, waiting: number): WaitWords {
  return waitWords({ wait: { lowMin, highMin, expectedMin: highMin }, noStaff: false }, waiting);
}

/** A local date 'YYYY-MM-DD' as a short day: "3/2" in Chinese ("3月2日"), "2 Mar" in English. */
export function shortDate(date: string, lang: 'zh' | 'en'): string {
  const [, m, d] = date.split('-').map(Number);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return lang === 'zh' ? `${m}月${d}日` : `${d} ${months[(m ?? 1) - 1]}`;
}

/** The answer's paragraphs (the server separates them by a blank line). */
export function paragraphs(answer: string): string[] {
  return answer.split(/\n{2,}/).filter((p) => p.trim().length > 0);
}

/** The help assistant for the phone page's branch (by its code, as the landing page links it). */
export function helpHref(branch: string, lang: 'zh' | 'en'): string {
  return `/help?branch=${encodeURIComponent(branch)}&lang=${lang}`;
}
