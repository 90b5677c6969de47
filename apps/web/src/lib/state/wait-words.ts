import type { ServiceQueueView } from '@tellerline/contracts';

/** A wait as the kiosk tiles, the kiosk ticket and the phone page word it: a dictionary key and its params. */
export type WaitWords = { key: 'wait.noStaff' | 'wait.none' | 'wait.range'; params: Record<string, number> };

/**
 * Nobody on duty can serve it: say so, never a number. "No wait" only with nobody `ahead` and a
 * zero estimate (or no estimate: a ticket already called); otherwise a range of at least 0-1 min.
 */
export function waitWords(line: { wait: ServiceQueueView['wait']; noStaff: boolean }, ahead: number): WaitWords {
  if (line.noStaff) return { key: 'wait.noStaff', params: {} };
  const w = line.wait;
  if (!w || (w.highMin <= 0 && ahead === 0)) return { key: 'wait.none', params: {} };
  return { key: 'wait.range', params: { low: Math.round(w.lowMin), high: Math.max(1, Math.round(w.highMin)) } };
}
