import type { CounterState } from './staff-view.js';

/** Why a colleague's counter cannot take a transferred customer (the server refuses it too). */
export type TransferBlock = 'paused' | 'not-skilled';

export interface TransferTarget {
  counter: CounterState;
  /** Null: the colleague there will call the customer. */
  blocked: TransferBlock | null;
}

/**
 * The counters a ticket of `serviceId` (the service it goes to) may be transferred to: every
 * other counter someone is signed on at, each marked blocked when the colleague there would never
 * call it (paused, or not skilled for the service), so the dialog can say why instead of hiding
 * it. A customer sent to such a counter would wait for nobody (COUNTER_PAUSED, COUNTER_NOT_SKILLED).
 */
export function transferTargets(counters: readonly CounterState[], myCounterId: string | null, serviceId: string): TransferTarget[] {
  return counters
    .filter((c) => c.id !== myCounterId && c.status !== 'free')
    .map((counter) => ({
      counter,
      blocked: counter.status === 'paused' ? 'paused' : (counter.skills?.[serviceId] ?? 0) > 0 ? null : 'not-skilled',
    }));
}

/**
 * The services a colleague signed on at another counter can serve (a break included: they come
 * back to it). A ticket moved to any other service would wait for nobody, so the dialog lists
 * those disabled with the reason, as it does for counters.
 */
export function servicesOnDuty(counters: readonly CounterState[], myCounterId: string | null): Set<string> {
  const out = new Set<string>();
  for (const c of counters) {
    if (c.id === myCounterId || c.status === 'free') continue;
    for (const [serviceId, p] of Object.entries(c.skills ?? {})) if (p > 0) out.add(serviceId);
  }
  return out;
}

/** A counter chosen in the transfer dialog that can no longer take the ticket, and why. */
export interface LostCounter {
  label: string;
  /** The colleague there when they paused or cannot serve the service; null when nobody is there any more. */
  name: string | null;
  why: TransferBlock | 'left';
}

/**
 * The chosen counter (`counterId`) when it stopped being a choice while the dialog was open: its
 * colleague paused, cannot serve the service now chosen, or signed off. The dialog clears the
 * choice and says why, rather than keeping a greyed-out radio checked and answering "choose a
 * counter" on confirm. Null when nothing is chosen or the choice still holds.
 */
export function lostCounterChoice(targets: readonly TransferTarget[], counters: readonly CounterState[], counterId: string): LostCounter | null {
  if (!counterId) return null;
  const target = targets.find((t) => t.counter.id === counterId);
  if (target && !target.blocked) return null;
  if (target?.blocked) return { label: target.counter.label, name: target.counter.displayName, why: target.blocked };
  const counter = counters.find((c) => c.id === counterId);
  return { label: counter?.label ?? '', name: null, why: 'left' };
}
