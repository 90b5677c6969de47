import type { CommandResult, StaffTicketView } from '@tellerline/contracts';

export type CallReason = NonNullable<CommandResult['called']>['reason'];

/** The last call this panel made, kept so the reason survives a reload (the snapshot has none). */
export interface CallRecord {
  ticketId: string;
  number: string;
  reason: CallReason;
  /** What the staff member typed when calling a ticket out of order. */
  note?: string;
}

export interface Phrase {
  key: string;
  params?: Record<string, string | number>;
}

/** Same rounding as the engine's English text ("your skill: A 1.0"). */
export function formatProficiency(p: number): string {
  return Math.round(p * 100) % 10 === 0 ? p.toFixed(1) : p.toFixed(2);
}

/**
 * Why this ticket was chosen, as translatable phrases built from the reason's numbers (the
 * server's `text` is English only). The ticket adds priority and appointment, which the
 * reason's numbers do not carry.
 */
export function reasonPhrases(
  call: CallRecord,
  serviceCode: string,
  ticket?: Pick<StaffTicketView, 'priority' | 'appointmentAt'> | null,
): Phrase[] {
  const r = call.reason;
  const phrases: Phrase[] = [];
  if (r.rule === 'manual') phrases.push(call.note ? { key: 'staff.reason.manualNote', params: { note: call.note } } : { key: 'staff.reason.manual' });
  if (r.rule === 'reserved') phrases.push({ key: 'staff.reason.reserved' });
  if (ticket?.priority === 'vip') phrases.push({ key: 'staff.reason.vip' });
  else if (ticket?.priority === 'priority') phrases.push({ key: 'staff.reason.priority' });
  if (r.rule === 'appointment' || (ticket?.appointmentAt ?? null) !== null) phrases.push({ key: 'staff.reason.appointment' });
  const waited = Math.round(r.waitedMin);
  phrases.push({ key: 'staff.reason.waited', params: { waited, target: r.targetMin } });
  if (waited > r.targetMin) phrases.push({ key: 'staff.reason.over', params: { over: waited - r.targetMin } });
  phrases.push({ key: 'staff.reason.skill', params: { code: serviceCode, proficiency: formatProficiency(r.proficiency) } });
  return phrases;
}
