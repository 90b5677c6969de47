import { z } from 'zod';

/** Every job name and its payload. Payloads are validated again when a worker picks them up. */
export const JobPayloads = {
  'no-show': z.strictObject({ branchId: z.string(), ticketId: z.string(), calledAt: z.number() }),
  'daily-close': z.strictObject({ branchId: z.string() }),
  /**
   * 24 h / 1 h before a booked appointment, or at once to confirm a booking, a move or a cancel;
   * acts only on the appointment version that queued it.
   */
  // `at`: when the refused attempt an 'already-booked' or 'booking-limit' notice is about was made (one notice per attempt).
  'appointment-reminder': z.strictObject({ appointmentId: z.string(), version: z.number().int(), kind: z.enum(['24h', '1h', 'booked', 'moved', 'cancelled', 'already-booked', 'booking-limit']), at: z.number().optional() }),
  /** When the check-in window closes: a still-booked appointment (same version) becomes a no-show. */
  'appointment-no-show': z.strictObject({ appointmentId: z.string(), version: z.number().int() }),
} as const;

export type JobName = keyof typeof JobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof JobPayloads)[N]>;

export const QUEUE_NAME = 'branch-timers';

/**
 * A customer notice to deliver on one channel (the job name: 'push' | 'email' | 'sms'). The
 * processor looks up the ticket's current targets on that channel, so a subscription removed
 * since (410, unsubscribed) is never used. Job ids are deterministic (see `noticeJobId`).
 */
export const NoticeJob = z.strictObject({
  branchId: z.string(),
  ticketId: z.string(),
  customerId: z.string().nullable(),
  token: z.string(),
  number: z.string(),
  service: z.object({ zh: z.string(), en: z.string() }),
  notice: z.enum(['near', 'called', 'recalled']),
  /** The branch event that caused it (the call's seq; for near, the seq that brought the ticket there). */
  seq: z.number().int(),
  /** near: the threshold crossed */
  threshold: z.number().int().nullable(),
  ahead: z.number().int().nullable(),
  counter: z.string().nullable(),
  /** When the event happened (epoch ms): a notice past its TTL is not sent at all. */
  at: z.number(),
});
export type NoticeJob = z.infer<typeof NoticeJob>;
export const NOTICE_CHANNELS = ['push', 'email', 'sms'] as const;
export type NoticeChannelName = (typeof NOTICE_CHANNELS)[number];

/**
 * One queue event, one job: `push/<ticketId>/called/<callSeq>`, `push/<ticketId>/near/<threshold>`.
 * A replayed event or a second notifier adds the same id, which BullMQ ignores. ('/' not ':':
 * BullMQ refuses custom ids with ':'.)
 */
export function noticeJobId(channel: NoticeChannelName, job: Pick<NoticeJob, 'ticketId' | 'notice' | 'seq' | 'threshold'>): string {
  return job.notice === 'near' ? `${channel}/${job.ticketId}/near/${job.threshold}` : `${channel}/${job.ticketId}/${job.notice}/${job.seq}`;
}

export const NOTICE_QUEUE_NAME = 'notices';

/**
 * The invitation to rate a visit, on the notices queue (job name 'survey-invite'), due some
 * minutes after the ticket was completed. One job per ticket covers every channel the customer
 * asked for notices on; the processor reads the ticket's targets and the survey's state when it
 * runs, so an answer given, a notice switched off or a survey closed meanwhile is respected.
 */
export const SurveyInviteJob = z.strictObject({
  branchId: z.string(),
  ticketId: z.string(),
  customerId: z.string().nullable(),
  token: z.string(),
  /** When the visit was completed (the `ticket-completed` event), epoch ms. */
  doneAt: z.number(),
});
export type SurveyInviteJob = z.infer<typeof SurveyInviteJob>;
export const SURVEY_INVITE_JOB = 'survey-invite';

/**
 * One invitation per ticket, whoever enqueues it and however often: `survey-invite/<ticketId>`.
 * The id is also the sent markers' key, so a job re-added after BullMQ forgot it reaches nobody twice.
 */
export const surveyInviteJobId = (ticketId: string) => `${SURVEY_INVITE_JOB}/${ticketId}`;

/**
 * A consent confirmation link to send (job name 'consent-link'): what a booking, or its manage
 * page, asked of a profile it joined. The request answers at once, the same whether or not the
 * contact had a profile; the worker then sends the link (history-consent-requests.ts), so neither
 * the answer nor its timing tells the asker that this person is a customer. The link's token is
 * made when the job runs and never stored in Redis.
 */
export const ConsentLinkJob = z.strictObject({
  appointmentId: z.string(),
  branchId: z.string(),
  customerId: z.string(),
  /** Give (true) or withdraw (false); jobs queued before withdrawals needed a link asked to give. */
  keep: z.boolean().default(true),
  preferences: z.record(z.string(), z.boolean()),
  /** The asker's IP, for the per-IP daily limit on links. */
  ip: z.string(),
});
export type ConsentLinkJob = z.infer<typeof ConsentLinkJob>;
export const CONSENT_LINK_JOB = 'consent-link';
