import { neededOnly, VISIT_NEEDS, type HistoryConsentBody, type VisitNeed, type VisitPreferences } from '@tellerline/contracts';

/** The needs' checkboxes: one tick per need on the fixed list. */
export type NeedTicks = Record<VisitNeed, boolean>;

export const noTicks = (): NeedTicks => ({ stepFree: false, hearing: false, reading: false, interpreter: false });

/** The checkboxes as stored needs show them (a need not stored is unticked). */
export function ticksOf(preferences: VisitPreferences | null | undefined): NeedTicks {
  const ticks = noTicks();
  for (const need of VISIT_NEEDS) ticks[need] = preferences?.[need] === true;
  return ticks;
}

/**
 * What a booking sends about the consent: nothing when the box is unticked (opt-in: an unticked
 * box keeps nothing, and withdraws nothing either), else the consent with the ticked needs only.
 */
export function historyChoice(keep: boolean, ticks: NeedTicks): HistoryConsentBody | undefined {
  if (!keep) return undefined;
  return { keep: true, preferences: neededOnly(ticks) };
}

/** The needs stored, in the list's order (for a sentence or a list). */
export function neededList(preferences: VisitPreferences | null | undefined): VisitNeed[] {
  return VISIT_NEEDS.filter((need) => preferences?.[need] === true);
}

/**
 * Where the booking page goes once booked: the manage page, saying "booked" and, when the box was
 * ticked (`history.keep`), that a link to confirm goes to the contact if we already know it. The
 * server does not say whether it did (that would tell whoever books with a name and phone that
 * this person has a profile): the page says the same for every ticked box.
 */
export function bookedHref(booked: { manageToken: string }, askedHistory: boolean, lang: 'zh' | 'en'): string {
  return `/a/${encodeURIComponent(booked.manageToken)}?new=1${askedHistory ? '&consent=asked' : ''}&lang=${lang}`;
}

/** The manage page's `consent` query (bookedHref): the booking just made asked to keep a history. */
export function confirmationOf(param: string | null): 'asked' | null {
  return param === 'asked' ? param : null;
}

/** What the confirmation page shows for a refused link: the server's code, as a page state. */
export type ConfirmationRefusal = 'used' | 'expired' | 'not-found' | 'error';

export function confirmationRefusal(code: string | undefined): ConfirmationRefusal {
  if (code === 'CONSENT_CONFIRMATION_USED') return 'used';
  if (code === 'CONSENT_CONFIRMATION_EXPIRED') return 'expired';
  // A malformed token (cut short by a messages app) is no link of ours either.
  if (code === 'CONSENT_CONFIRMATION_NOT_FOUND' || code === 'VALIDATION_FAILED') return 'not-found';
  return 'error';
}
