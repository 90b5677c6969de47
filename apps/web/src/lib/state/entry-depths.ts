/**
 * The depth (step-history.ts EntryPlace) of each step entry this tab has named, kept in
 * sessionStorage by SvelteKit's history index. A reload loses it from the entry: the app runs
 * without SSR, and SvelteKit opens the page with a navigation that replaces the entry's stored
 * state with {}, keeping only its index. Without the depth a reloaded entry passes for the page's
 * first, and Back/Forward misjudge the older entries around it (Forward out of the flow).
 */
const KEY = 'tellerline:entry-depths';
/** Enough for any flow's entries in one tab; older ones are dropped. */
const KEPT = 40;

function entryIndex(): string | null {
  const index = (history.state as Record<string, unknown> | null)?.['sveltekit:history'];
  return typeof index === 'number' ? String(index) : null;
}

function load(): Record<string, number> {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '{}');
    return typeof saved === 'object' && saved !== null ? (saved as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/** Notes the current entry's depth (call after naming the entry). */
export function rememberDepth(depth: number): void {
  const index = entryIndex();
  if (index === null) return;
  const depths = load();
  delete depths[index];
  depths[index] = depth;
  const kept = Object.entries(depths).slice(-KEPT);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Storage full or refused (private mode): a reload then starts the count afresh, as before.
  }
}

/** The depth noted for the current entry, if any. */
export function rememberedDepth(): number | null {
  const index = entryIndex();
  const depth = index === null ? undefined : load()[index];
  return typeof depth === 'number' && Number.isInteger(depth) && depth >= 0 ? depth : null;
}
