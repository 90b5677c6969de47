import type { QuestionText } from './question-text.js';

/**
 * Chinese yes/no questions: a final 吗/么/嘛 (not 什么/怎么/多么, which ask "what/how"), 是否,
 * 有没有, or "X不X" (营不营业, 开不开门, 是不是).
 */
const ZH_YES_NO = /(?<![什怎多])[吗么嘛][\s?？!！。.~～]*$|是否|有没有|([\u4e00-\u9fff])不\1/;

/**
 * English yes/no questions open a clause with an auxiliary verb ("Is the branch open on
 * Sunday?", "hi, are you open tomorrow?", "Do I need my passport?"); "what time do you open"
 * and "when are you open" do not.
 */
const EN_YES_NO = /(?:^|[,.;!?]\s*)(?:is|are|do|does|will|would|can|could|was|were|shall|should|has|have|am)(?:nt|n't|n’t)?\b/;

/**
 * A short English question naming a day with "open" or "closed" and no auxiliary verb ("open
 * sunday?", "Open on saturdays?", "hi, closed tomorrow?"): a yes/no question all the same. Not
 * "open hours on Sunday", which asks for the hours.
 */
const EN_BARE_OPEN = /(?:^|[,.;!?]\s*)(?:open|closed|shut)\b(?!\s+(?:hours?|times?)\b)/;

/** Asking whether it is closed ("Are you closed on Sunday?", "元旦放假吗"): a yes means closed. */
const ASKS_CLOSED = /\b(?:close|closed|shut|off)\b|放假|休息|关门|(?<!营)不营业|(?<!开)不开门/;

/**
 * Whether the question asks yes or no, so the answer can start with one, and what a "yes"
 * would mean for a question about opening: 'open' ("Are you open on Sunday?") or 'closed'
 * ("Are you closed on Sunday?"); null when it does not ask yes or no. `namesDay`: the question
 * names a day, so a bare "open sunday" asks it too. Pure.
 */
export function asksYesNo(q: QuestionText, namesDay = false): 'open' | 'closed' | null {
  if (!ZH_YES_NO.test(q.text) && !EN_YES_NO.test(q.text) && !(namesDay && EN_BARE_OPEN.test(q.text))) return null;
  return ASKS_CLOSED.test(q.text) ? 'closed' : 'open';
}
