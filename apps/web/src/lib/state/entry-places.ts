import type { EntryPlace } from './step-history.js';

/**
 * The place (step-history.ts EntryPlace: depth, and whether the flow was finished from it) of
 * each step entry this tab has named, kept in sessionStorage by SvelteKit's history index. A
 * reload loses it from the entry: the app runs without SSR, and SvelteKit opens the page with a
 * navigation that replaces the entry's stored state with {}, keeping only its index. Without the
 * depth a reloaded entry passes for the page's first, and Back/Forward misjudge the older entries
 * around it (Forward out of the flow); without the mark the ticket ahead is out of reach again.
 */
const KEY = 'tellerline:entry-places';
/** Enough for any flow's entries in one tab; those of lower (older) indexes are dropped. */
const KEPT = 40;

interface Kept {
  depth: number;
  done?: true;
}

function entryIndex(): string | null {
  const index = (history.state as Record<string, unknown> | null)?.['sveltekit:history'];
  return typeof index === 'number' ? String(index) : null;
}

function load(): Record<string, Kept> {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '{}');
    return typeof saved === 'object' && saved !== null ? (saved as Record<string, Kept>) : {};
  } catch {
    return {};
  }
}

/** Notes the current entry's place (call after naming or marking the entry). */
export function rememberPlace(depth: number, done: boolean): void {
  const index = entryIndex();
  if (index === null) return;
  const places = load();
  places[index] = done ? { depth, done: true } : { depth };
  // The keys are integers, which objects list in ascending order: the last KEPT are the highest
  // indexes, the entries of this tab's latest stretch of history.
  const kept = Object.entries(places).slice(-KEPT);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Storage full or refused (private mode): a reload then starts the count afresh, as before.
  }
}

/**
 * Whether this entry is the one the document itself was (re)loaded on, from a reload or a Back or
 * Forward the browser served by loading the page. SvelteKit reuses history indexes once entries
 * ahead are dropped, so an entry opened by a link may carry an index noted for an older entry.
 */
function reloadedHere(): boolean {
  const load = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return (load?.type === 'reload' || load?.type === 'back_forward') && load.name === location.href;
}

/** The place noted for the current entry, when the page was reloaded on it ({} otherwise). */
export function rememberedPlace(): EntryPlace {
  if (!reloadedHere()) return {};
  const index = entryIndex();
  const place = index === null ? undefined : load()[index];
  return typeof place === 'object' && place !== null ? { depth: place.depth, done: place.done === true } : {};
}
