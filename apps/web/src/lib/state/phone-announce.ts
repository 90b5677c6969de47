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

/**
 * What the ticket page's live region says: one sentence that changes only when something the
 * customer acts on changes (people ahead, the wait's band, called, the counter, finished), so
 * re-rendering the visible countdown is not read out again.
 */
export function ticketAnnouncement(view: Pick<TicketView, 'status' | 'ahead' | 'counterLabel' | 'recalls'>, wait: WaitWording | SlotWords, t: Translate): string {
  const counter = view.counterLabel ?? '?';
  if (view.status === 'waiting') {
    const spoken = bandedWait(wait);
    return t('phone.announce.waiting', { n: view.ahead, wait: t(spoken.key, 'params' in spoken ? spoken.params : undefined) });
  }
  if (view.status === 'called') return `${t(isRecalled(view) ? 'phone.called.again' : 'phone.called.now')} ${t('phone.called.go', { counter })}`;
  if (view.status === 'serving') return t('phone.serving', { counter });
  return `${t(`ticket.status.${view.status}`)} ${t(`phone.finished.${view.status}`)}`;
}
