import type { BookingStep } from './booking-flow.svelte.js';

/** The booking steps a browser history entry can stand for (not loading or the error page). */
export type ShownStep = 'branch' | 'service' | 'when' | 'contact' | 'verify';

export function isShownStep(step: unknown): step is ShownStep {
  return step === 'branch' || step === 'service' || step === 'when' || step === 'contact' || step === 'verify';
}

/**
 * What the browser history must do so that its current entry stands for the step shown:
 * - `label`: the entry stands for no step yet (the page just opened): name it, no new entry;
 * - `push`: the customer went forward: a new entry, so the browser's Back comes back here;
 * - `back`: the page went back by itself (its own "‹ 上一步" button, a slot that went meanwhile):
 *   step back through the entries as Back would, so Back and Forward stay in step with the page.
 *
 * Each forward move is one step, so the entries stand for consecutive steps and going back `by`
 * steps is going back `by` entries. Pure.
 */
export type HistoryMove = { kind: 'none' } | { kind: 'label' } | { kind: 'push' } | { kind: 'back'; by: number };

export function historyMove(steps: readonly BookingStep[], entry: unknown, now: BookingStep): HistoryMove {
  if (!isShownStep(now)) return { kind: 'none' };
  if (!isShownStep(entry) || !steps.includes(entry)) return { kind: 'label' };
  const from = steps.indexOf(entry);
  const to = steps.indexOf(now);
  if (to > from) return { kind: 'push' };
  if (to < from) return { kind: 'back', by: from - to };
  return { kind: 'none' };
}
