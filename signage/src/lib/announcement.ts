import type { PublicCall } from '@tellerline/contracts';
import { text } from './i18n/bilingual.js';
import type { VoiceLang } from './settings.js';

/** BCP 47 tags for speech synthesis. */
export const SPEECH_LANG: Record<VoiceLang, string> = { zh: 'zh-CN', en: 'en-US' };

/**
 * English voices read "A023" as a word or as "twenty-three"; spelled out ("A 0 2 3") every
 * letter and digit is heard, which is what a customer compares with their ticket.
 */
export function spellNumber(number: string): string {
  return [...number.replace(/\s+/g, '')].join(' ');
}

/**
 * A counter's label has one language. An English voice given Chinese characters skips them or
 * reads them as noise, so "please go to 外汇兑换专窗" was heard as "please go to"; it then points
 * to the screen, which shows the name. (A Chinese voice reads Latin letters and digits.)
 */
const unreadableIn = (lang: VoiceLang, label: string): boolean => lang === 'en' && /\p{Script=Han}/u.test(label);

/** What is said for one call, in one language. */
export function announcementText(call: PublicCall, lang: VoiceLang): string {
  const shown = unreadableIn(lang, call.counterLabel);
  const key = call.recall ? (shown ? 'speech.recall.shown' : 'speech.recall') : shown ? 'speech.call.shown' : 'speech.call';
  return text(lang, key, { number: call.number, spelled: spellNumber(call.number), counter: call.counterLabel });
}

export interface Utterance {
  lang: string;
  text: string;
}

/** The utterances for one call, in the configured order (empty when the voice is off). */
export function utterancesFor(call: PublicCall, voice: readonly VoiceLang[]): Utterance[] {
  return voice.map((l) => ({ lang: SPEECH_LANG[l], text: announcementText(call, l) }));
}
