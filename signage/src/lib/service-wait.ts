import type { ServiceQueueView } from '@tellerline/contracts';
import { bi, type Bilingual } from './i18n/bilingual.js';

/**
 * What the lobby board says about a service's wait, as the kiosk tiles and the phone word it: an
 * appointment-only service promises no walk-in wait (the kiosk offers no ticket for it, so a
 * range would contradict it); nobody on duty can serve it; "No wait" only when nobody waits;
 * otherwise a range in whole minutes, "within 1 min" at the least.
 */
export function serviceWaitText(s: ServiceQueueView): Bilingual {
  if (!s.walkIns) return bi('wait.appointmentOnly');
  if (s.noStaff || !s.wait) return bi('wait.noStaff');
  if (s.waiting === 0 && s.wait.highMin <= 0) return bi('wait.none');
  const low = Math.round(s.wait.lowMin);
  const high = Math.max(1, low, Math.round(s.wait.highMin));
  // "within 5 min", not "about 0–5 min" (as the kiosk and the phone word it, apps/web translate.ts).
  if (low === 0) return bi('wait.within', { high });
  // "about 1 min", not "about 1–1 min".
  return low === high ? bi('wait.about', { high }) : bi('wait.range', { low, high });
}
