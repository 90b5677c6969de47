import type { AssistantIntent } from '@tellerline/contracts';
import type { LocalizedText } from '@tellerline/engine';
import { readAskedDay } from './asked-day.js';
import { askedDocument, type DocumentKind } from './document-yes-no.js';
import type { AskedDay } from './day-words.js';
import { BARE_WHERE, GENERIC_NAME_WORDS, INTENT_CUES, INTENT_ORDER, NOT_CUES_ZH, SERVICE_SYNONYMS, TICKET_KEEPS, type Cue, type MatchedIntent } from './intent-cues.js';
import { AMOUNT_WEIGHT, namesAmount, OUT_OF_SCOPE_CUES } from './out-of-scope.js';
import { findGappedPhrase, findPhrase, hasGappedText, readQuestion, stem, wordMatches, type QuestionText } from './question-text.js';
import { asksYesNo } from './yes-no.js';

/** A service as the matcher knows it: its ticket letter and its names. */
export interface NamedService {
  id: string;
  code: string;
  name: LocalizedText;
}

export interface IntentMatch {
  intent: AssistantIntent;
  /** Services the question names, in the branch's order (empty: none named). */
  serviceIds: string[];
  /** Score of each topic that scored, for tests and tuning. */
  scores: Partial<Record<MatchedIntent | 'out-of-scope', number>>;
  /** The day the question names ("下周日", "25 Dec", "元旦", "tomorrow"); null: none, so today. */
  day: AskedDay | null;
  /** A ticket number in the question ("A001"), as typed; null: none. */
  ticket: string | null;
  /**
   * The question asks yes or no ("周六营业吗？", "Is the branch open on Sunday?"), and what a yes
   * would mean about opening: the answer starts with it. Null: not a yes/no question.
   */
  yesNo: 'open' | 'closed' | null;
  /** The one document the question names ("Do I need my passport?"); null: none, or several. */
  document: DocumentKind | null;
}

/** A topic needs at least this score to be the answer: one leaning word ("now") is not enough. */
const MIN_SCORE = 2;

function cueScore(q: QuestionText, cue: Cue): number {
  let score = 0;
  // Heaviest and longest cues first: each typed word counts once per topic, for its best cue.
  const taken = new Set<number>();
  const cues = Object.entries(cue.en)
    .map(([phrase, weight]) => ({ phrase, length: phrase.split(' ').length, weight }))
    .sort((a, b) => b.weight - a.weight || b.length - a.length);
  for (const { phrase, weight } of cues) {
    const at = findGappedPhrase(q.words, phrase, taken);
    if (!at) continue;
    score += weight;
    for (const i of at) taken.add(i);
  }
  const text = NOT_CUES_ZH.reduce((t, word) => t.split(word).join('·'.repeat(word.length)), q.text);
  for (const [word, weight] of Object.entries(cue.zh)) if (hasGappedText(text, word)) score += weight;
  return score;
}

/** "在哪里？" alone, with a greeting or 请问 around it at most: see BARE_WHERE. */
function asksOnlyWhere(q: QuestionText): boolean {
  const bare = q.text
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/^\s*(你好|您好|请问|hi|hello)\s*/u, '')
    .replace(/^\s*(请问|你们|您们)/u, '')
    .replace(/(呢|啊|呀|吖)\s*$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  return BARE_WHERE.includes(bare);
}

/** Phrases whose words would otherwise name a service: "business hours" is not Business banking. */
const NOT_A_SERVICE = [['business', 'hour']];

/** The question with the words its synonyms stand for added (English words, Chinese text). */
function withSynonyms(q: QuestionText): QuestionText {
  const words = [...q.words];
  for (const phrase of NOT_A_SERVICE) {
    const at = findPhrase(words, phrase);
    if (at >= 0) words.splice(at, phrase.length);
  }
  let text = q.text;
  for (const [word, means] of Object.entries(SERVICE_SYNONYMS.en)) if (q.words.some((w) => wordMatches(w, word))) words.push(...means);
  for (const [word, means] of Object.entries(SERVICE_SYNONYMS.zh)) if (q.text.includes(word)) text += ` ${means.join(' ')}`;
  return { ...q, words, text };
}

/** The distinctive parts of a Chinese service name: "贷款咨询" -> "贷款", "个人现金业务" -> "现金". */
function zhCores(name: string): string[] {
  let core = name;
  for (const generic of GENERIC_NAME_WORDS.zh) core = core.split(generic).join('');
  return [name, ...(core.length >= 2 && core !== name ? [core] : [])].filter((s) => s.length > 0);
}

/** The distinctive words of an English service name, stemmed: "Foreign exchange" -> foreign, exchange. */
function enWords(name: string): string[] {
  return (name.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !GENERIC_NAME_WORDS.en.has(w) && w.length > 1).map(stem);
}

/**
 * A service's letter, typed as a capital standing alone ("A", "A窗口", "service A"), or as a
 * small letter right after "service"/"queue"/"line"/"ticket". "A question about..." at the start
 * of a sentence is the article, not service A; "A001" is a ticket number, not service A (a
 * question about one number is not about the service's documents or waits).
 */
function namesCode(q: QuestionText, code: string): boolean {
  const c = code.replace(/[^A-Za-z0-9]/g, '');
  if (!c) return false;
  const capital = new RegExp(`(^|[^A-Za-z0-9])${c.toUpperCase()}(?![A-Za-z0-9])`, 'g');
  for (const m of q.original.matchAll(capital)) {
    const at = m.index + m[1]!.length;
    const article = c.toUpperCase() === 'A' && at === 0 && /^A [a-z]/.test(q.original);
    if (!article) return true;
  }
  return new RegExp(`\\b(service|queue|line|ticket|counter)\\s+${c.toLowerCase()}\\b`).test(q.text);
}

function namesService(q: QuestionText, s: NamedService): boolean {
  if (namesCode(q, s.code)) return true;
  if (zhCores(s.name.zh).some((core) => q.text.includes(core))) return true;
  const words = enWords(s.name.en);
  if (words.length === 0) return false;
  const found = words.filter((w) => q.words.some((typed) => wordMatches(typed, w))).length;
  // "exchange" alone is enough for "Foreign exchange"; half the distinctive words at least.
  return found > 0 && found * 2 >= words.length;
}

/**
 * A ticket number as the kiosk prints them, standing alone: the service code and digits ("A001",
 * "b12", "VIP023"). Codes of two or three letters only in capitals, so "top100" is not a number.
 */
const TICKET_NUMBER = /(?:^|[^A-Za-z0-9])([A-Za-z]\d{2,4}|[A-Z]{2,3}\d{2,4})(?![A-Za-z0-9])/;

function ticketOf(q: QuestionText): string | null {
  return TICKET_NUMBER.exec(q.original)?.[1]?.toUpperCase() ?? null;
}

/**
 * What a customer's question is about, and which of the branch's services it names. Pure: the
 * same question and services always give the same answer. Both languages, mixed, with typos.
 */
export function matchIntent(question: string, services: readonly NamedService[]): IntentMatch {
  const q = readQuestion(question);
  const scores: Partial<Record<MatchedIntent | 'out-of-scope', number>> = {};
  for (const intent of INTENT_ORDER) {
    const s = cueScore(q, INTENT_CUES[intent]);
    if (s > 0) scores[intent] = s;
  }
  // Changing a booking, being late for one, or how long one takes are said with booking words
  // around them ("change my appointment", "预约了但是来晚了", "how long is a loan appointment"):
  // the booking words count for that topic once one of its own cues is there. Being late needs
  // a real lateness cue: "I was late for my appointment" (the bare word) is a missed call.
  // A bare "在哪？" leans on address with one point only (MIN_SCORE needs two); asked alone it can
  // only mean the branch.
  if (asksOnlyWhere(q)) scores.address = Math.max(scores.address ?? 0, 3);
  if (scores.booking) {
    if (scores['change-booking']) scores['change-booking'] += scores.booking;
    if ((scores['late-booking'] ?? 0) >= 2) scores['late-booking']! += scores.booking;
    if (scores.duration) scores.duration += scores.booking;
  }

  const expanded = withSynonyms(q);
  const serviceIds = services.filter((s) => namesService(expanded, s)).map((s) => s.id);

  let best: MatchedIntent | null = null;
  for (const intent of INTENT_ORDER) {
    const s = scores[intent] ?? 0;
    if (s >= MIN_SCORE && (best === null || s > (scores[best] ?? 0))) best = intent;
  }
  // A greeting with a question in it ("你好，几点开门") is answered as the question.
  const day = readAskedDay(q);
  const ticket = ticketOf(q);
  // A day alone ("tomorrow?", "周日呢") asks whether the branch is open then.
  let intent: AssistantIntent = best ?? (serviceIds.length > 0 ? 'service' : day ? 'hours' : 'fallback');
  // A service named with nothing else to go on ("贷款", "loans?") gets what there is to know about it.
  if (serviceIds.length > 0 && intent === 'greeting') intent = 'service';
  // A question about one's own number ("A001叫到了吗") is answered by where to follow the ticket.
  if (ticket && !(best && TICKET_KEEPS.includes(best))) intent = 'ticket';
  // Rates, fees, limits, amounts, balances: the branch's set-up cannot answer them, whatever
  // service or day the question also names ("存款利率", "withdraw 50000 cash today"). A topic
  // that scores higher keeps the question ("documents I need to withdraw 50000").
  const outOfScope = cueScore(q, OUT_OF_SCOPE_CUES) + (namesAmount(q) ? AMOUNT_WEIGHT : 0);
  if (outOfScope > 0) scores['out-of-scope'] = outOfScope;
  if (outOfScope >= MIN_SCORE && outOfScope >= (best ? scores[best]! : 0)) intent = 'out-of-scope';
  return { intent, serviceIds, scores, day, ticket, yesNo: asksYesNo(q, day !== null), document: askedDocument(q) };
}
