/**
 * A multi-step phone page (/book, /join) in the browser history: each step is a shallow entry
 * (SvelteKit pushState, the step in page.state), so the phone's Back goes to the previous step
 * with what was typed kept, instead of leaving the page and losing it. Pure.
 */

/** The step a history entry stands for, when it is one of the steps this page has now. */
export function entryStep<S extends string>(steps: readonly S[], entry: unknown): S | null {
  return typeof entry === 'string' && (steps as readonly string[]).includes(entry) ? (entry as S) : null;
}

/**
 * What the browser history must do so that its current entry stands for the step shown:
 * - `label`: the entry stands for no step of this page yet (the page just opened, or opened again
 *   on an entry left from before, e.g. Back from the ticket or a reload): name it, no new entry;
 * - `push`: the customer went forward: a new entry, so the browser's Back comes back here;
 * - `back`: the page went back by itself (its own "‹ 上一步" button, a slot that went meanwhile):
 *   step back through the entries as Back would (history.go(-by)), so the page's Back and the
 *   browser's agree and the history does not grow with every Back and Next.
 *
 * `named` is whether this page, since it opened, has already named an entry: an entry from an
 * earlier visit may carry a step, but not the choices behind it, so it is named again rather than
 * gone back through (which could leave the page). Each forward move is one step, so the entries
 * stand for consecutive steps and going back `by` steps is going back `by` entries. Steps not in
 * `steps` (loading, error, closed) are not entries: nothing to do.
 */
export type HistoryMove = { kind: 'none' } | { kind: 'label' } | { kind: 'push' } | { kind: 'back'; by: number };

export function historyMove(steps: readonly string[], entry: unknown, now: string, named = true): HistoryMove {
  if (!steps.includes(now)) return { kind: 'none' };
  const at = entryStep(steps, entry);
  if (!named || at === null) return { kind: 'label' };
  const from = steps.indexOf(at);
  const to = steps.indexOf(now);
  if (to > from) return { kind: 'push' };
  if (to < from) return { kind: 'back', by: from - to };
  return { kind: 'none' };
}

/**
 * Where an entry sits among this page's entries: `depth` counts from the entry the page first
 * opened in (0), one more per step forward or open panel; `visit` tells this page's entries from
 * those of an earlier visit in the same tab (before a reload, before the ticket), whose choices
 * are gone. Both kept in the entry's state, so a reload finds them.
 */
export interface EntryPlace {
  depth?: unknown;
  visit?: unknown;
  /**
   * The flow was finished from this entry (StepPage.finish): the entry ahead is its result (the
   * ticket, the confirmation), the customer's only way back to it. Dropped once a new entry is
   * pushed from here, which drops the ones ahead.
   */
  done?: unknown;
}

export const depthOf = (entry: EntryPlace): number | null => (typeof entry.depth === 'number' && Number.isInteger(entry.depth) && entry.depth >= 0 ? entry.depth : null);

/**
 * The browser's Back or Forward landed on `entry`; `from` is the depth of the entry the page was on.
 * - `leave`: a Back that could show nothing: onto an earlier visit's step (its choices are gone, it
 *   would only name the entry again), or from a screen that is no step (the join's "closed" screen,
 *   the error page), whose Back would otherwise walk silently through the steps' entries below.
 *   history.go(-by) goes on to the page before this one, so the press is seen to do something.
 * - `return`: a Forward onto an earlier visit's step: back to the entry the page was on.
 * - `onward`: a Forward onto an earlier visit's entry that the flow was finished from: on to its
 *   result ahead (history.go(1)), else the ticket would be out of reach behind it.
 * - `follow`: the usual: the page shows the entry's step, if it can.
 */
export type Landing = { kind: 'leave'; by: number } | { kind: 'return'; by: number } | { kind: 'onward' } | { kind: 'follow' };

export function landing(entry: EntryPlace, visit: string, from: number, onStep: boolean): Landing {
  const depth = depthOf(entry);
  if (depth === null || depth === from) return { kind: 'follow' };
  const ours = entry.visit === visit;
  if (depth < from && (!ours || !onStep)) return { kind: 'leave', by: depth + 1 };
  if (depth > from && !ours) return entry.done === true ? { kind: 'onward' } : { kind: 'return', by: depth - from };
  return { kind: 'follow' };
}

/**
 * The address with ?lang= as the customer chose it, or null when it already says so (or says no
 * language). An entry from before a language switch keeps the old ?lang: once Back lands on it,
 * it is rewritten, so a reload, a shared link or the next Back keep the language chosen.
 */
export function urlInLang(href: string, lang: string): URL | null {
  const url = new URL(href);
  const said = url.searchParams.get('lang');
  if (said === null || said === lang) return null;
  url.searchParams.set('lang', lang);
  return url;
}
