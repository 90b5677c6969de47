import { z } from 'zod';
import { CallReasonView, EmailAddress, Id, Lang, PhoneNumber, plainText, Priority, reachable, Token } from './common.js';

export const LoginBody = z.strictObject({
  username: plainText(64, 1),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

/**
 * Signing out. A staff member still holding a customer (called or being served) is refused
 * (STAFF_BUSY) unless `finishHeld`: then a called customer is marked a no-show and one being
 * served is completed first. Either way the counter is left before the session ends.
 */
export const LogoutBody = z.strictObject({ finishHeld: z.boolean().optional() });
export type LogoutBody = z.infer<typeof LogoutBody>;

/**
 * Header a client sets (any value) on requests it makes by itself (timed refreshes): they are
 * answered as usual but do not count as activity, so an unattended screen still reaches the
 * session's idle timeout.
 */
export const BACKGROUND_REQUEST_HEADER = 'x-tellerline-background';

export const Role = z.enum(['admin', 'manager', 'staff']);
export type Role = z.infer<typeof Role>;

export const Me = z.object({
  userId: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  branchId: z.string().nullable(),
  staffId: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

/** Kiosk (or phone, for remote queueing) asks for a ticket. Contact is optional and consented. */
export const IssueTicketBody = z.strictObject({
  serviceId: Id,
  priority: Priority.default('normal'),
  lang: Lang.default('zh'),
  /**
   * Chosen by the kiosk per touch (e.g. a UUID) and resent on retry: a retry whose first answer
   * was lost returns the same ticket instead of issuing a second one.
   */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  contact: reachable(z.strictObject({ phone: PhoneNumber.optional(), email: EmailAddress.optional(), consent: z.literal(true) })).optional(),
});
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;

export const BranchParams = z.strictObject({ branchId: Id });
export const TokenParams = z.strictObject({ token: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/) });
export const TicketParams = z.strictObject({ branchId: Id, ticketId: Id });

/** Audit ids are PostgreSQL bigints: a cursor past the largest one is a typo or a probe. */
export const AUDIT_ID_MAX = 9223372036854775807n;

export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z
    .string()
    .regex(/^[0-9]{1,20}$/, 'an audit entry id (digits)')
    // 20 digits reach past 2^63 - 1, which the database cannot compare against (it was a 500).
    // Zod runs this even when the pattern failed: anything but digits is left to the pattern.
    .refine((s) => !/^[0-9]+$/.test(s) || BigInt(s) <= AUDIT_ID_MAX, `at most ${AUDIT_ID_MAX}`)
    .optional()
    .describe(`Paging cursor: the last id of the previous page (at most ${AUDIT_ID_MAX})`),
});

/** What a staff command returns: the resulting events' seq and, for calls, the ticket and why. */
export const CommandResult = z.object({
  seq: z.number().int(),
  events: z.array(z.object({ seq: z.number().int(), type: z.string() })),
  called: z
    .object({
      ticketId: Id,
      number: z.string(),
      counterId: Id,
      reason: CallReasonView.omit({ score: true }),
    })
    .nullable(),
  /**
   * `issue-ticket` only: the ticket issued, with its token, so the staff member can hand over
   * the number and the phone page (`/t/<token>`), as the kiosk's slip does.
   */
  issued: z.object({ ticketId: Id, number: z.string(), token: Token, serviceId: Id }).optional(),
});
export type CommandResult = z.infer<typeof CommandResult>;
