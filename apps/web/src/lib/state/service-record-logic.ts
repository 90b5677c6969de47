import { isNoteText, NOTES_MAX, type ServiceOutcome } from '@tellerline/contracts';

export { NOTES_MAX };

/** What the teller has typed and chosen, and what the server last confirmed. */
export interface RecordDraftValues {
  notes: string;
  outcome: ServiceOutcome | null;
}

/**
 * The dictionary key (under `record.problem.`) of what keeps the draft from being saved, or null.
 * Counted as the server counts: in code points (zod's `.max`), an emoji or 𠮷 being one.
 */
export function recordProblem(draft: RecordDraftValues): 'tooLong' | 'control' | 'noOutcome' | null {
  if (notesCount(draft.notes).over) return 'tooLong';
  if (!isNoteText(draft.notes)) return 'control';
  if (draft.outcome === null) return 'noOutcome';
  return null;
}

/**
 * Whether there is something the server does not have yet. A record never saved counts as
 * changed only once the teller typed or chose something: completing a customer without a record
 * is allowed.
 */
export function hasUnsavedChanges(draft: RecordDraftValues, saved: RecordDraftValues | null): boolean {
  if (!saved) return draft.notes.trim() !== '' || draft.outcome !== null;
  return draft.notes !== saved.notes || draft.outcome !== saved.outcome;
}

/** "12 / 2000": the counter under the notes. */
export function notesCount(notes: string): { used: number; max: number; over: boolean } {
  const used = [...notes].length;
  return { used, max: NOTES_MAX, over: used > NOTES_MAX };
}

/** The time of the last save as the teller's clock shows it, 24-hour "14:32". */
export function savedTime(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** The printable report of a visit (opened from the panel and from the customer's history). */
export function reportHref(ticketId: string, branchId: string): string {
  return `/staff/report/${encodeURIComponent(ticketId)}?branch=${encodeURIComponent(branchId)}`;
}

/** A time of the visit for the report (and of an audit entry), in the branch's time zone: contracts. */
export { reportTime } from '@tellerline/contracts';
