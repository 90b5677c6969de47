import { VISIT_NEEDS, type HistoryConsentBody, type VisitNeed, type VisitPreferences } from '@tellerline/contracts';

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
  return { keep: true, preferences: preferencesOf(ticks) };
}

/** The ticked needs only, in the list's order. */
export function preferencesOf(ticks: NeedTicks): VisitPreferences {
  const out: VisitPreferences = {};
  for (const need of VISIT_NEEDS) if (ticks[need]) out[need] = true;
  return out;
}

/** The needs stored, in the list's order (for a sentence or a list). */
export function neededList(preferences: VisitPreferences | null | undefined): VisitNeed[] {
  return VISIT_NEEDS.filter((need) => preferences?.[need] === true);
}

/** The help assistant for the phone page's branch (by its code, as the landing page links it). */
export function helpHref(branch: string, lang: 'zh' | 'en'): string {
  return `/help?branch=${encodeURIComponent(branch)}&lang=${lang}`;
}
