import { PRIORITY_REASON_PRESETS } from '@tellerline/contracts';

/** Priority classes, lowest first (the engine's order). */
export type PriorityClass = 'normal' | 'priority' | 'vip';
export const PRIORITY_ORDER: readonly PriorityClass[] = ['normal', 'priority', 'vip'];

export { PRIORITY_REASON_PRESETS };

/** The classes a waiting ticket of class `current` can be raised to (never down). */
export function classesAbove(current: PriorityClass): PriorityClass[] {
  return PRIORITY_ORDER.slice(PRIORITY_ORDER.indexOf(current) + 1);
}

/**
 * What a staff member may pick as the reason for `priority`: the presets the priority class is
 * for (elderly, pregnant, disability), or their own words ("other"); a VIP has no preset.
 */
export function reasonChoices(priority: PriorityClass): readonly string[] {
  return priority === 'priority' ? [...PRIORITY_REASON_PRESETS, 'other'] : ['other'];
}

/**
 * The reason sent with the command: a preset as its word (translated wherever it is read, like
 * pause reasons), "other" as typed (trimmed, at most 200 characters); '' when none is given yet.
 */
export function reasonFor(priority: PriorityClass, choice: string, other: string): string {
  if (priority === 'normal') return '';
  if (choice !== 'other' && reasonChoices(priority).includes(choice)) return choice;
  // Not cut to the limit: the form shows the count and refuses more (`textCount`).
  return other.trim();
}
