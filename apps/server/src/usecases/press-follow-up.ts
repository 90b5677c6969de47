import { z } from 'zod';
import { AUDIT_ACTION_NAMES, knownAuditDetails, type AuditDetailKey, type AuditDetails } from '@tellerline/contracts';
import type { BranchEvent, BranchState, Command } from '@tellerline/engine';
import { eventAuditDetails } from './audit-event-details.js';

/**
 * What a staff press's receipt keeps (`CommandReceipt.followUp`) so that a retry can finish the
 * work its first run does after the commit: copy the events to PostgreSQL, arm the no-show timer
 * of each call, write the audit entry. The first run may have committed and then lost Redis's
 * reply (a stall, a dropped connection: it answered 503 and did none of that) or died; the retry
 * is answered from the receipt and finishes it, each part idempotent, so a first run that did
 * finish leaves nothing twice. Our own JSON, read back through this schema.
 *
 * The same note is recorded as owed with the commit (`LiveStateStore.claimFollowUps`): when
 * nobody retries, a sweep finishes the press from it alone (`finish-pending-presses.ts`), as the
 * staff member who pressed, so it names the command and who pressed too.
 */
export const PressFollowUp = z.object({
  /** The press's events' seqs, first and last (one command's events are consecutive). */
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  /** When the press was decided: the audit entry's time, also when written on a retry. */
  at: z.number(),
  /** The calls and recalls it made: their no-show timers, armed on a retry while still current. */
  calls: z.array(z.object({ ticketId: z.string(), calledAt: z.number() })),
  /** The audit entry's ticket and details as the first run would have written them. */
  audit: z.object({ ticketId: z.string().nullable(), details: z.record(z.string(), z.unknown()) }),
  /** The command's type (the audit entry's action); absent in notes written before the sweep. */
  action: z.enum(AUDIT_ACTION_NAMES).optional(),
  /** Who pressed, as the first run would have audited them; null for no one to audit (absent: an older note). */
  actor: z
    .object({ userId: z.string().nullable(), role: z.string().nullable(), ip: z.string().nullable(), userAgent: z.string().nullable(), requestId: z.string().nullable().optional() })
    .nullable()
    .optional(),
});
export type PressFollowUp = z.infer<typeof PressFollowUp>;

/** What a press adds to its command's audit entry (why a priority was given, who issued): known keys only. */
export type PressAuditDetails = { [K in AuditDetailKey]?: string };

/** The audit entry of a command, apart from who did it: its ticket and what it did in words. */
export function commandAudit(
  cmd: Command,
  outcome: { events: BranchEvent[]; state: BranchState; before?: BranchState },
  auditDetails: PressAuditDetails,
): { ticketId: string | null; details: AuditDetails } {
  const { events, state, before } = outcome;
  const ticketId = 'ticketId' in cmd ? cmd.ticketId : (events.find((e) => 'ticketId' in e) as { ticketId?: string } | undefined)?.ticketId;
  // The staff member acted on: the actor's own id says it for a person, but not for the
  // system (a sign-off after a session ended) or a device.
  const details = knownAuditDetails({
    seq: events.map((e) => e.seq),
    ...('staffId' in cmd && cmd.staffId ? { staffId: cmd.staffId } : {}),
    ...(cmd.type === 'issue' ? { priority: cmd.priority, kind: cmd.kind } : {}),
    ...eventAuditDetails(events, state, before, ticketId),
    ...auditDetails,
  });
  return { ticketId: ticketId ?? null, details };
}

/** The calls (and recalls) among `events`, each with the time its no-show timer counts from. */
export function callsIn(events: readonly BranchEvent[]): { ticketId: string; calledAt: number }[] {
  return events.flatMap((e) => (e.type === 'ticket-called' || e.type === 'ticket-recalled' ? [{ ticketId: e.ticketId, calledAt: e.at }] : []));
}

/**
 * The audit entry's idempotency key of a keyed press: its command id and first seq. The command id
 * alone is unique only while its receipt is kept (a later press may reuse it), the seq alone not
 * after Redis went back in time (a restored snapshot numbers new events again).
 */
export function pressAuditKey(commandId: string, firstSeq: number): string {
  return `press:${commandId}:${firstSeq}`;
}

/** The follow-up note of a press's committed outcome (`null` for one without events: nothing to finish). */
export function pressFollowUp(
  cmd: Command,
  outcome: { events: BranchEvent[]; state: BranchState; before: BranchState },
  auditDetails: PressAuditDetails,
  actor: PressActor | null,
): PressFollowUp | null {
  const { events } = outcome;
  const first = events[0];
  if (!first) return null;
  const who = actor && { userId: actor.userId, role: actor.role, ip: actor.ip, userAgent: actor.userAgent, ...(actor.requestId != null ? { requestId: actor.requestId } : {}) };
  return { from: first.seq, to: events.at(-1)!.seq, at: first.at, calls: callsIn(events), audit: commandAudit(cmd, outcome, auditDetails), action: cmd.type, actor: who };
}

/** Who pressed, as the audit entry names them (`Actor` in branch-commands.ts). */
export interface PressActor {
  userId: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId?: string | null;
}

/** A receipt's note read back; null when it is not one (a receipt written by another version). */
export function readPressFollowUp(json: string): PressFollowUp | null {
  try {
    const parsed = PressFollowUp.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
