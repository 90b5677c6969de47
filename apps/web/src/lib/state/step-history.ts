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
