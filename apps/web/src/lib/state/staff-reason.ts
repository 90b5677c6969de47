import type { CommandResult, StaffTicketView } from '@tellerline/contracts';

export type CallReason = NonNullable<CommandResult['called']>['reason'];

/** A call and why it was made: from the snapshot (`callReason`), else this panel's own command reply. */
export interface CallRecord {
  ticketId: string;
  number: string;
  reason: CallReason;
  /** What the staff member typed when calling a ticket out of order. */
  note?: string;
}

const MANUAL_PREFIX = 'called out of order: ';

/**
 * The note typed with a manual call, read back from the server's sentence ("called out of order:
 * <note>; waited 3 min, target 10; ..."), so another device or a reload can show it in Chinese.
 */
export function manualNote(text: string): string | undefined {
  if (!text.startsWith(MANUAL_PREFIX)) return undefined;
  const end = text.lastIndexOf('; waited ');
  const note = text.slice(MANUAL_PREFIX.length, end > 0 ? end : undefined).trim();
  return note || undefined;
}

/**
 * Why the ticket I hold was called. The snapshot carries the reason of the current call, so every
 * device (and a reload) shows it; this panel's command reply is the fallback for the moment
 * between the reply and the snapshot.
 */
export function callFor(ticket: Pick<StaffTicketView, 'id' | 'number' | 'callReason'>, last: CallRecord | null): CallRecord | null {
  const own = last && last.ticketId === ticket.id ? last : null;
  const reason = ticket.callReason;
  if (!reason) return own;
  const note = reason.rule === 'manual' ? (manualNote(reason.text) ?? own?.note) : undefined;
  return { ticketId: ticket.id, number: ticket.number, reason, ...(note ? { note } : {}) };
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
  if (r.slotInMin !== undefined) phrases.push(slotPhrase(r.slotInMin));
  else if (r.rule === 'appointment' || (ticket?.appointmentAt ?? null) !== null) phrases.push({ key: 'staff.reason.appointment' });
  const waited = Math.round(r.waitedMin);
  phrases.push({ key: 'staff.reason.waited', params: { waited, target: r.targetMin } });
  if (waited > r.targetMin) phrases.push({ key: 'staff.reason.over', params: { over: waited - r.targetMin } });
  phrases.push({ key: 'staff.reason.skill', params: { code: serviceCode, proficiency: formatProficiency(r.proficiency) } });
  if (r.typicalMin !== undefined) phrases.push({ key: 'staff.reason.typical', params: { code: serviceCode, min: r.typicalMin } });
  if (r.behindNumber) phrases.push({ key: 'staff.reason.behind', params: { number: r.behindNumber } });
  if (r.leftTo) phrases.push({ key: 'staff.reason.leftTo', params: { number: r.leftTo.number, code: r.leftTo.serviceCode } });
  if (r.holdFor) phrases.push({ ...slotPhrase(r.holdFor.inMin, 'staff.reason.hold'), params: { code: r.holdFor.serviceCode, min: Math.abs(r.holdFor.inMin) } });
  return phrases;
}

/** "appointment in 5 min" / "appointment 3 min ago" / "appointment due now" (and the same for a kept slot). */
function slotPhrase(inMin: number, base = 'staff.reason.appointment'): Phrase {
  if (inMin > 0) return { key: `${base}In`, params: { min: inMin } };
  if (inMin < 0) return { key: `${base}Ago`, params: { min: -inMin } };
  return { key: `${base}Now` };
}
