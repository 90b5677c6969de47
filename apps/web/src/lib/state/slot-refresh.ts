/**
 * How often a slot list on screen is fetched again: other people book meanwhile, and a time that
 * was taken should disappear before the customer taps it, not after.
 */
export const SLOT_REFRESH_MS = 30_000;

/**
 * Calls `reload` every `every` ms while `active()` says the list is on screen and the page is
 * visible, and at once when the page becomes visible again. Returns the stop function (for a
 * component's teardown).
 */
export function refreshWhile(active: () => boolean, reload: () => Promise<void>, every = SLOT_REFRESH_MS): () => void {
  const visible = () => typeof document === 'undefined' || document.visibilityState === 'visible';
  const tick = () => {
    if (active() && visible()) void reload();
  };
  const timer = setInterval(tick, every);
  const onVisible = () => {
    if (visible()) tick();
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
  };
}
