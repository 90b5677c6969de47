import { z } from 'zod';

/** Every job name and its payload. Payloads are validated again when a worker picks them up. */
export const JobPayloads = {
  'no-show': z.strictObject({ branchId: z.string(), ticketId: z.string(), calledAt: z.number() }),
  'daily-close': z.strictObject({ branchId: z.string() }),
} as const;

export type JobName = keyof typeof JobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof JobPayloads)[N]>;

export const QUEUE_NAME = 'branch-timers';
