import { z } from 'zod';
import { Id, Priority, Reason } from './common.js';

/**
 * Why a customer gets a priority class, as staff record it: one of these presets (sent as the
 * word, translated on every screen, like pause reasons) or the staff member's own words. Asked
 * for so that nobody goes first without a thought, then dropped: it is health data, so the audit
 * log keeps only the class and that a reason was given, and no ticket, screen or log keeps it.
 */
export const PRIORITY_REASON_PRESETS = ['elderly', 'pregnant', 'disability'] as const;
export const PriorityReason = Reason;

/**
 * A class above 'normal' needs a reason: staff must say why someone goes first (it is not stored).
 * A normal ticket takes none: one sent with it is accepted and ignored (not audited as given).
 */
const reasonForPriority = {
  check: (c: { priority: string; reason?: string | undefined }) => c.priority === 'normal' || c.reason !== undefined,
  message: { message: 'give a reason for a priority or vip class', path: ['reason'] },
};

/**
 * What a signed-in staff member may ask of their branch. The acting staff id never comes from
 * the client: the server takes it from the session, so nobody can press buttons as a colleague.
 *
 * `issue-ticket` and `raise-priority` are lobby work: any staff member of the branch may do them,
 * with or without a counter (a lobby manager has none). The issued ticket's token comes back in
 * `CommandResult.issued`, so the ticket's number and phone-page link can be handed over.
 */
export const StaffCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sign-on'), counterId: Id }),
  z.strictObject({ type: z.literal('pause'), reason: Reason }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('sign-off') }),
  z.strictObject({ type: z.literal('call-next') }),
  z.strictObject({ type: z.literal('call-ticket'), ticketId: Id, reason: Reason }),
  z.strictObject({ type: z.literal('recall'), ticketId: Id }),
  z.strictObject({ type: z.literal('no-show'), ticketId: Id }),
  z.strictObject({ type: z.literal('start'), ticketId: Id }),
  z.strictObject({ type: z.literal('complete'), ticketId: Id }),
  z
    .strictObject({ type: z.literal('transfer'), ticketId: Id, toServiceId: Id.optional(), toCounterId: Id.optional() })
    .refine((t) => t.toServiceId !== undefined || t.toCounterId !== undefined, {
      message: 'give toServiceId, toCounterId or both',
    }),
  z.strictObject({ type: z.literal('cancel'), ticketId: Id }),
  z
    .strictObject({ type: z.literal('issue-ticket'), serviceId: Id, priority: Priority, reason: PriorityReason.optional() })
    .refine(reasonForPriority.check, reasonForPriority.message),
  z.strictObject({ type: z.literal('raise-priority'), ticketId: Id, priority: Priority.exclude(['normal']), reason: PriorityReason }),
]);
export type StaffCommand = z.infer<typeof StaffCommand>;

/** The staff commands that are lobby work: no counter (staff id) needed, see `StaffCommand`. */
export const LOBBY_COMMANDS = ['issue-ticket', 'raise-priority'] as const satisfies readonly StaffCommand['type'][];
