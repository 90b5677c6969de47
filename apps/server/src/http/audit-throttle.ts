/**
 * Reads of a list with personal data are audited, but an open staff panel fetches its day's
 * appointments on every branch event and every minute: one row per look would bury the real
 * actions. So a look by the same person at the same list is recorded once per window. Per
 * process: with several API nodes a look may be recorded once per node, which is still a trace.
 */
export function createAuditThrottle(windowMs: number, now: () => number = Date.now) {
  const last = new Map<string, number>();
  return {
    /** True when this look is to be recorded (the first in `windowMs` for `key`). */
    due(key: string): boolean {
      const t = now();
      const at = last.get(key);
      if (at !== undefined && t - at < windowMs) return false;
      last.set(key, t);
      // Keep the map small: forget looks older than the window once it grows.
      if (last.size > 1_000) for (const [k, v] of last) if (t - v >= windowMs) last.delete(k);
      return true;
    },
  };
}
