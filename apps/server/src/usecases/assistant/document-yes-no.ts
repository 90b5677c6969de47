import { findPhrase, readQuestion, stem, type QuestionText } from './question-text.js';

/**
 * A document people ask about by name ("Do I need my passport?", "要带户口本吗"): its Chinese
 * words (found as substrings) and English phrases (stemmed words, found word by word), and
 * whether it proves who one is (another proof of identity on the list can stand in for it).
 */
export interface DocumentKind {
  zh: readonly string[];
  en: readonly string[];
  identity: boolean;
}

const KINDS: readonly DocumentKind[] = [
  { zh: ['护照'], en: ['passport'], identity: true },
  { zh: ['身份证'], en: ['id card', 'identity card', 'national id', 'id'], identity: true },
  { zh: ['港澳通行证', '回乡证', '台胞证', '通行证'], en: ['travel permit', 'home return permit'], identity: true },
  { zh: ['居住证'], en: ['residence permit'], identity: true },
  { zh: ['户口本', '户口簿'], en: ['household register', 'hukou'], identity: false },
  { zh: ['银行卡', '借记卡'], en: ['bank card', 'debit card'], identity: false },
  { zh: ['存折'], en: ['passbook'], identity: false },
  { zh: ['营业执照'], en: ['business licence', 'business license'], identity: false },
  { zh: ['公章'], en: ['company seal', 'seal'], identity: false },
  { zh: ['收入证明'], en: ['proof of income', 'income'], identity: false },
  { zh: ['结婚证'], en: ['marriage certificate'], identity: false },
  { zh: ['驾驶证', '驾照'], en: ['driving licence', 'driving license', 'driver license'], identity: false },
];

/** Words a listed item proves identity with, without naming one kind ("有效身份证件", "valid ID", "photo identification"). */
const ANY_IDENTITY = { zh: ['身份证件', '有效证件', '证件'], en: ['identity', 'identification', 'id'] };

/** "A or B" on one line of a list: either will do. */
const ALTERNATIVES = /或|\bor\b|\//;

function names(q: QuestionText, zh: readonly string[], en: readonly string[]): boolean {
  return zh.some((w) => q.text.includes(w)) || en.some((phrase) => findPhrase(q.words, phrase.split(' ').map(stem)) >= 0);
}

/** The one document the question names; null when it names none, or several ("passport or ID card?"). */
export function askedDocument(q: QuestionText): DocumentKind | null {
  const named = KINDS.filter((k) => names(q, k.zh, k.en));
  return named.length === 1 ? named[0]! : null;
}

/** What a service's list says to "do I need X?" (`documentVerdict`). */
export type DocumentVerdict = 'yes' | 'either' | 'no' | 'other-id';

/** A line asking for some proof of identity without naming one kind ("有效身份证件", "valid ID"). */
function anyIdentity(q: QuestionText): boolean {
  if (ANY_IDENTITY.zh.some((w) => q.text.includes(w))) return true;
  // "ID" alone is the generic word; "ID card", "national ID" name the kind.
  return names(q, [], ANY_IDENTITY.en) && !KINDS.some((k) => k.identity && names(q, [], k.en.filter((phrase) => phrase !== 'id')));
}

/**
 * Whether a service's list (`docs`, one line per document, as the answer shows it) asks for the
 * document: 'yes' (a line names it alone), 'either' (a line names it with another choice,
 * "Passport or ID card"; or, for a proof of identity, the list asks for any valid ID, or lists
 * nothing, which the answer words as "a valid ID"), 'other-id' (a proof of identity the list does
 * not name, where it names another kind: "身份证" only. Not "another ID will do": a foreigner
 * asking about a passport has no 身份证, so the answer says it is not listed and sends them to the
 * counter), 'no' (not on the list). `lines`: the lines that made it 'either' or 'other-id', named
 * in the answer. A kind's words are looked for in both languages, so a list entered in Chinese
 * only answers an English question too. Pure.
 */
export function documentVerdict(doc: DocumentKind, docs: readonly string[]): { verdict: DocumentVerdict; lines: string[] } {
  const all = docs.map((line) => ({ line, q: readQuestion(line) }));
  const naming = all.filter(({ q }) => names(q, doc.zh, doc.en));
  if (naming.some(({ line }) => !ALTERNATIVES.test(line))) return { verdict: 'yes', lines: [] };
  if (naming.length > 0) return { verdict: 'either', lines: naming.map(({ line }) => line) };
  if (!doc.identity) return { verdict: 'no', lines: [] };
  if (all.length === 0) return { verdict: 'either', lines: [] };
  const generic = all.filter(({ q }) => anyIdentity(q));
  if (generic.length > 0) return { verdict: 'either', lines: generic.map(({ line }) => line) };
  const otherKinds = all.filter(({ q }) => KINDS.some((k) => k.identity && names(q, k.zh, k.en)));
  return otherKinds.length > 0 ? { verdict: 'other-id', lines: otherKinds.map(({ line }) => line) } : { verdict: 'no', lines: [] };
}
