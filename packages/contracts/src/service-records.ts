import { z } from 'zod';
import { LocalizedText, Priority, TicketKind } from './common.js';

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
  notes: z.string().max(NOTES_MAX).refine(isNoteText, 'must not contain control characters other than newlines and tabs'),
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

/** `GET /branches/:branchId/tickets/:ticketId/report`: one visit, for staff of the branch (printable). */
export const ServiceReportView = z.object({
  ticketId: z.string(),
  branchId: z.string(),
  branchName: LocalizedText,
  timezone: z.string(),
  number: z.string(),
  service: z.object({ id: z.string(), code: z.string(), name: LocalizedText }),
  kind: TicketKind,
  priority: Priority,
  status: z.string(),
  day: z.string(),
  /** Epoch ms; null when the visit never reached that step. */
  issuedAt: z.number(),
  calledAt: z.number().nullable(),
  servedAt: z.number().nullable(),
  doneAt: z.number().nullable(),
  /** Minutes spent waiting in the lobby (every wait, a transfer's included), to one decimal. */
  waitMin: z.number().nullable(),
  /** Minutes at a counter being served (each counter's share added up), to one decimal. */
  serviceMin: z.number().nullable(),
  /** The counter and staff member who served last. */
  counterLabel: z.string().nullable(),
  staffName: z.string().nullable(),
  recalls: z.number(),
  transfers: z.number(),
  records: z.array(ServiceReportRecord),
});
export type ServiceReportView = z.infer<typeof ServiceReportView>;
