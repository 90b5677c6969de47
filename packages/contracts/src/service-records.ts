import { z } from 'zod';
import { LocalizedText, Priority, TicketKind, tooLongText } from './common.js';

/** How a visit ended, as the staff member who served it judged it. */
export const ServiceOutcome = z.enum(['resolved', 'follow-up', 'referred', 'not-resolved']);
export type ServiceOutcome = z.infer<typeof ServiceOutcome>;
export const SERVICE_OUTCOMES: readonly ServiceOutcome[] = ServiceOutcome.options;

/** Notes are internal: a teller's working notes, never shown to the customer or on a lobby screen. */
export const NOTES_MAX = 2000;

/**
 * Notes may run over several lines (newlines, CR LF from some keyboards, and tabs), but no other control character and no
 * broken UTF-16: PostgreSQL refuses NUL, and the rest have no business in a note.
 */
const NOT_NOTE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cs}]/u;
export function isNoteText(value: string): boolean {
  return !NOT_NOTE_TEXT.test(value);
}

/** `PUT /branches/:branchId/tickets/:ticketId/record`: the caller's own record of the visit. */
export const SaveServiceRecordBody = z.strictObject({
  notes: z.string().max(NOTES_MAX, tooLongText(NOTES_MAX)).refine(isNoteText, 'must not contain control characters other than newlines and tabs'),
  outcome: ServiceOutcome,
});
export type SaveServiceRecordBody = z.infer<typeof SaveServiceRecordBody>;

/** One staff member's record of a visit. */
export const ServiceRecordView = z.object({
  ticketId: z.string(),
  staffId: z.string().nullable(),
  /** Null when the staff record was removed since. */
  staffName: z.string().nullable(),
  outcome: ServiceOutcome,
  notes: z.string(),
  /** Epoch ms of the last save. */
  updatedAt: z.number(),
});
export type ServiceRecordView = z.infer<typeof ServiceRecordView>;

/** How a visit the caller may still write about ended: completed, or the customer left while held (cancelled, no-show). */
export const VisitEnd = z.enum(['done', 'cancelled', 'no-show']);
export type VisitEnd = z.infer<typeof VisitEnd>;

/**
 * `GET /branches/:branchId/tickets/:ticketId/record`: the caller's own record (null: none yet) and,
 * once the visit has ended, how (null while the customer is still at the desk). The staff panel
 * learns from it why a customer it held left, without opening (and auditing) the service report.
 */
export const MyServiceRecordView = z.object({
  record: ServiceRecordView.nullable(),
  visit: z.object({ status: VisitEnd }).nullable(),
});
export type MyServiceRecordView = z.infer<typeof MyServiceRecordView>;

/** A record in the service report: where it was written too (a transferred visit has several counters). */
export const ServiceReportRecord = ServiceRecordView.extend({ counterLabel: z.string().nullable() });
export type ServiceReportRecord = z.infer<typeof ServiceReportRecord>;

const ReportService = z.object({ id: z.string(), code: z.string(), name: LocalizedText });

/** How one leg of a visit ended: sent on by a transfer, or how the visit itself ended. */
export const VisitLegEnd = z.enum(['transferred', 'done', 'no-show', 'cancelled']);
export type VisitLegEnd = z.infer<typeof VisitLegEnd>;

/**
 * One leg of a visit: from joining the queue (the first) or from a transfer, to the next transfer
 * or the end. At most one staff member calls a leg (recalls are theirs), at one counter.
 */
export const ServiceReportLeg = z.object({
  /** The ticket's number in this leg: a transfer to another service gives it a new one. */
  number: z.string(),
  service: ReportService,
  /** Null when nobody called the customer in this leg (still waiting, or left). */
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  counterLabel: z.string().nullable(),
  /**
   * Epoch ms the leg's wait began: joined the queue (the first leg; a booked customer who kept the
   * slot: max(check-in, booked time), as the KPI reports count it) or was transferred.
   */
  waitingFrom: z.number(),
  calledAt: z.number().nullable(),
  startedAt: z.number().nullable(),
  /** Null while the leg goes on. */
  endedAt: z.number().nullable(),
  end: VisitLegEnd.nullable(),
  /** Minutes from waitingFrom to the call, and serving (start to end), to one decimal. */
  waitMin: z.number().nullable(),
  serviceMin: z.number().nullable(),
  /** The notes and outcome of this leg's staff member (beside their last leg if they had two). */
  record: ServiceReportRecord.nullable(),
});
export type ServiceReportLeg = z.infer<typeof ServiceReportLeg>;

/** `GET /branches/:branchId/tickets/:ticketId/report`: one visit, for staff of the branch (printable). */
export const ServiceReportView = z.object({
  ticketId: z.string(),
  branchId: z.string(),
  branchName: LocalizedText,
  timezone: z.string(),
  /** The number printed on the customer's ticket, and the one it has now (they differ after a transfer to another service). */
  issuedNumber: z.string(),
  number: z.string(),
  /** The service the visit is under now (the last leg's; the first leg's is the one chosen). */
  service: ReportService,
  kind: TicketKind,
  priority: Priority,
  status: z.string(),
  day: z.string(),
  /** Epoch ms: issued, the first call, the first start, the end; null when the visit never got there. */
  issuedAt: z.number(),
  calledAt: z.number().nullable(),
  servedAt: z.number().nullable(),
  doneAt: z.number().nullable(),
  /** Minutes from joining the queue to the first call, to one decimal: the wait of the KPI reports. */
  waitMin: z.number().nullable(),
  /** Minutes waited again after transfers (each from the transfer to the next call), added up; null without one. */
  transferWaitMin: z.number().nullable(),
  /** Minutes at a counter being served (each leg's stretch added up), to one decimal: the KPI reports' service time. */
  serviceMin: z.number().nullable(),
  /** The counter and staff member of the last call. */
  counterLabel: z.string().nullable(),
  staffName: z.string().nullable(),
  recalls: z.number(),
  transfers: z.number(),
  /** The visit leg by leg, oldest first. */
  legs: z.array(ServiceReportLeg),
  /** Every staff record of the visit (each is also beside its writer's leg). */
  records: z.array(ServiceReportRecord),
});
export type ServiceReportView = z.infer<typeof ServiceReportView>;

/** A time of the visit for the report (and of an audit entry: the staff screen and the CSV export), in the branch's time zone: "2026-03-02 09:06". */
export function reportTime(at: number | null, timeZone: string): string | null {
  if (at === null) return null;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
