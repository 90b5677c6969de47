import type { TicketView } from '@tellerline/contracts';
import { isRecalled } from './phone-logic.js';
import type { WaitWording } from './phone-wait.js';
import type { SlotWords } from './wait-words.js';

/**
 * The step a spoken wait moves in. The page's estimate counts down every minute; a screen reader
 * told each minute would talk over everything else, so it hears the wait again only when it
 * moves into another 5-minute band (or the people ahead, the state or the counter change).
 */
export const ANNOUNCE_BAND_MIN = 5;

type Translate = (key: string, params?: Record<string, string | number>) => string;

const down = (n: number) => Math.floor(n / ANNOUNCE_BAND_MIN) * ANNOUNCE_BAND_MIN;
const up = (n: number) => Math.max(ANNOUNCE_BAND_MIN, Math.ceil(n / ANNOUNCE_BAND_MIN) * ANNOUNCE_BAND_MIN);

/** The wait as it is spoken: its minutes widened to whole bands ("about 7–17 min" is "about 5–20 min"). */
export function bandedWait(words: WaitWording | SlotWords): WaitWording | SlotWords {
  if (words.key === 'wait.range') return { key: words.key, params: { low: down(words.params.low), high: up(words.params.high) } };
  if (words.key === 'wait.beforeSlot') return { key: words.key, params: { ...words.params, low: down(Number(words.params.low)), high: up(Number(words.params.high)) } };
  if (words.key === 'wait.untilSlot') return { key: words.key, params: { ...words.params, low: down(Number(words.params.low)) } };
  return words;
}

/** Waits whose words are a sentence of their own (capitalised in English), said after the people ahead. */
const SENTENCE_WAITS: ReadonlySet<string> = new Set(['wait.noStaff', 'wait.beforeSlot', 'wait.untilSlot', 'wait.atSlot']);
/** Waits whose screen words are a heading ("No wait", "Any moment now"); spoken inside "Expected wait: …". */
const SPOKEN_WAITS: Readonly<Record<string, string>> = { 'wait.none': 'phone.announce.wait.none', 'phone.wait.soon': 'phone.announce.wait.soon' };

/** The wait as the live region says it: banded; the first band is "under 5 minutes", not "about 0–5 min". */
function spokenWait(words: WaitWording | SlotWords, t: Translate): string {
  const spoken = bandedWait(words);
  if (spoken.key === 'wait.range' && spoken.params.low === 0) return t('phone.announce.wait.under', { high: spoken.params.high });
  const key = SPOKEN_WAITS[spoken.key] ?? spoken.key;
  return t(key, 'params' in spoken ? spoken.params : undefined);
}

/**
 * What the ticket page's live region says: whole sentences that change only when something the
 * customer acts on changes (people ahead, the wait's band, called, the counter, finished), so
 * re-rendering the visible countdown is not read out again.
 */
export function ticketAnnouncement(view: Pick<TicketView, 'status' | 'ahead' | 'counterLabel' | 'recalls'>, wait: WaitWording | SlotWords, t: Translate): string {
  const counter = view.counterLabel ?? '?';
  if (view.status === 'waiting') {
    const key = SENTENCE_WAITS.has(wait.key) ? 'phone.announce.waiting.sentence' : 'phone.announce.waiting';
    return t(key, { n: view.ahead, wait: spokenWait(wait, t) });
  }
  if (view.status === 'called') {
    return t('phone.announce.called', { call: t(isRecalled(view) ? 'phone.called.again' : 'phone.called.now'), go: t('phone.called.go', { counter }) });
  }
  if (view.status === 'serving') return t('phone.announce.serving', { serving: t('phone.serving', { counter }) });
  // The finishing words say the outcome already ("All done — …"); the status heading before them ran on.
  return t(`phone.finished.${view.status}`);
}
