import { z } from 'zod';
import { Id, Reason } from './common.js';

/**
 * What a signed-in staff member may ask of their branch. The acting staff id never comes from
 * the client: the server takes it from the session, so nobody can press buttons as a colleague.
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
]);
export type StaffCommand = z.infer<typeof StaffCommand>;
