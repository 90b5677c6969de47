import type { SlotDay } from './booking-logic.js';

/**
 * The booking page's row of days is one composite widget (WAI-ARIA APG toolbar, roving
 * tabindex): Tab reaches it once, Left/Right move a day, Home/End to the first/last, and
 * Enter/Space choose the focused day (the toggle buttons' own click). Only days with a free slot
 * take focus: full and closed days are disabled buttons, as they were when each day was a Tab stop.
 */

/** Days that can take focus and be chosen. */
function choosable(days: readonly SlotDay[]): string[] {
  return days.filter((d) => d.slots.length > 0).map((d) => d.date);
}

/**
 * The one day in the row with tabindex 0: the day last focused (so Tab comes back where the user
 * left), else the chosen day, else the first that can be chosen; null when none can.
 */
export function dayTabStop(days: readonly SlotDay[], focused: string | null, chosen: string | null): string | null {
  const open = choosable(days);
  if (focused && open.includes(focused)) return focused;
  if (chosen && open.includes(chosen)) return chosen;
  return open[0] ?? null;
}

/**
 * The day a key moves focus to from `from`, or null when the key is not the widget's (or there
 * is nowhere to go: no wrap at the ends, as the row scrolls and the ends are its edges).
 */
export function dayForKey(days: readonly SlotDay[], from: string | null, key: string): string | null {
  const open = choosable(days);
  if (open.length === 0) return null;
  if (key === 'Home') return open[0]!;
  if (key === 'End') return open[open.length - 1]!;
  if (key !== 'ArrowLeft' && key !== 'ArrowRight') return null;
  const all = days.map((d) => d.date);
  const at = from ? all.indexOf(from) : -1;
  if (at < 0) return open[0]!;
  const step = key === 'ArrowRight' ? 1 : -1;
  // Over full and closed days to the next one that can be chosen.
  for (let i = at + step; i >= 0 && i < all.length; i += step) if (open.includes(all[i]!)) return all[i]!;
  return null;
}
