import type { WalkInHours } from '@tellerline/contracts';
import { translate } from '$lib/i18n/translate.js';
import { dayLabel, type Lang } from './booking-logic.js';

/**
 * The closed kiosk's two lines in one language: why ("Closed today: National Day") and when
 * tickets are issued again ("Opens at 09:00; tickets from 08:30", or the day when not today).
 * Times are the branch's wall clock as the server gives them, whatever the kiosk's clock says.
 */
export function closedLines(h: WalkInHours, lang: Lang): { title: string; next: string } {
  const closed = translate(lang, `kiosk.closed.${h.closed ?? 'not-yet'}`);
  // A bilingual closure reason in the kiosk's language; older servers send only `reason`.
  const reason = h.reasons?.[lang] ?? h.reason;
  const title = reason ? translate(lang, 'kiosk.closed.withReason', { closed, reason }) : closed;
  const n = h.next;
  // Out of service for good: send people to another branch rather than to a later hour.
  if (h.closed === 'inactive') return { title, next: translate(lang, 'kiosk.closed.elsewhere') };
  if (!n) return { title, next: translate(lang, 'kiosk.closed.noneSoon') };
  const params = { time: n.opensAtLocal, from: n.ticketsFromLocal };
  const next = n.date === h.today ? translate(lang, 'kiosk.closed.opensAt', params) : translate(lang, 'kiosk.closed.opensOn', { ...params, day: dayLabel(n.date, lang) });
  return { title, next };
}
