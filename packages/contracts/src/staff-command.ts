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
 * How long the server remembers a staff command's `commandId` (15 minutes): a retry within it is
 * answered with the first outcome; after it, the id is forgotten and the command decided afresh.
 * Far longer than any retry of one button press (socket timeout 8 s, Retry-After a few seconds).
 */
export const COMMAND_ID_TTL_SEC = 15 * 60;

/**
 * Chosen by the panel per button press (a UUID) and resent when that press is retried: for
 * {@link COMMAND_ID_TTL_SEC} the same id answers with the outcome of the press that committed
 * (the same called ticket) instead of deciding again; the same id with a different command, or
 * from another user, is refused with COMMAND_ID_REUSED. Without it, every request is a new press.
 */
export const CommandId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '8-64 letters, digits, _ or -')
  .describe('Idempotency key per button press: within 15 min the same id answers the first outcome; with a different command, 409 COMMAND_ID_REUSED');
export type CommandId = z.infer<typeof CommandId>;

/** Every staff command may carry its press's {@link CommandId}. */
const press = { commandId: CommandId.optional() };

/**
 * What a signed-in staff member may ask of their branch. The acting staff id never comes from
 * the client: the server takes it from the session, so nobody can press buttons as a colleague.
 *
 * `issue-ticket` and `raise-priority` are lobby work: any staff member of the branch may do them,
 * with or without a counter (a lobby manager has none). The issued ticket's token comes back in
 * `CommandResult.issued`, so the ticket's number and phone-page link can be handed over.
 */
export const StaffCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sign-on'), ...press, counterId: Id }),
  z.strictObject({ type: z.literal('pause'), ...press, reason: Reason }),
  z.strictObject({ type: z.literal('resume'), ...press }),
  z.strictObject({ type: z.literal('sign-off'), ...press }),
  z.strictObject({ type: z.literal('call-next'), ...press }),
  z.strictObject({ type: z.literal('call-ticket'), ...press, ticketId: Id, reason: Reason }),
  z.strictObject({ type: z.literal('recall'), ...press, ticketId: Id }),
  z.strictObject({ type: z.literal('no-show'), ...press, ticketId: Id }),
  z.strictObject({ type: z.literal('start'), ...press, ticketId: Id }),
  z.strictObject({ type: z.literal('complete'), ...press, ticketId: Id }),
  z
    .strictObject({ type: z.literal('transfer'), ...press, ticketId: Id, toServiceId: Id.optional(), toCounterId: Id.optional() })
    .refine((t) => t.toServiceId !== undefined || t.toCounterId !== undefined, {
      message: 'give toServiceId, toCounterId or both',
    }),
  z.strictObject({ type: z.literal('cancel'), ...press, ticketId: Id }),
  z
    .strictObject({ type: z.literal('issue-ticket'), ...press, serviceId: Id, priority: Priority, reason: PriorityReason.optional() })
    .refine(reasonForPriority.check, reasonForPriority.message),
  z.strictObject({ type: z.literal('raise-priority'), ...press, ticketId: Id, priority: Priority.exclude(['normal']), reason: PriorityReason }),
]);
export type StaffCommand = z.infer<typeof StaffCommand>;

/** The staff commands that are lobby work: no counter (staff id) needed, see `StaffCommand`. */
export const LOBBY_COMMANDS = ['issue-ticket', 'raise-priority'] as const satisfies readonly StaffCommand['type'][];
