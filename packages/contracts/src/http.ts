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
  /** On a password someone else chose: only the account screen (change it) works until it is changed. */
  mustChangePassword: z.boolean(),
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
/**
 * GET /api/v1/branches: `bookable=true` (the booking page) leaves out branches with no bookable
 * service, so a branch just created (or created by mistake) is not offered to customers empty,
 * and branches taken out of service (`BranchListItem.active` false).
 */
export const BranchListQuery = z.strictObject({ bookable: z.enum(['true', 'false']).optional() });
export type BranchListQuery = z.infer<typeof BranchListQuery>;
export const TokenParams = z.strictObject({ token: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/) });
export const TicketParams = z.strictObject({ branchId: Id, ticketId: Id });

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
