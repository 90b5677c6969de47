import { z } from 'zod';
import { EmailAddress, Id, Lang, PhoneNumber } from './common.js';

const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** "Tell me when this many (or fewer) are ahead of me"; null = no such notice. Default 3. */
export const AheadThreshold = z.number().int().min(0).max(50).nullable();

/** A browser's `PushSubscription.toJSON()`, as the phone page posts it. */
export const PushSubscriptionJson = z.strictObject({
  endpoint: z.url({ protocol: /^https$/ }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({
    /** Uncompressed P-256 public key, base64url (65 bytes = 87 characters). */
    p256dh: z.string().min(80).max(100).regex(B64URL),
    /** 16-byte auth secret, base64url. */
    auth: z.string().min(16).max(64).regex(B64URL),
  }),
});
export type PushSubscriptionJson = z.infer<typeof PushSubscriptionJson>;

const choices = {
  lang: Lang.default('zh'),
  aheadThreshold: AheadThreshold.default(3),
  onCalled: z.boolean().default(true),
};
const wantsSomething = (b: { aheadThreshold: number | null; onCalled: boolean }) => b.aheadThreshold !== null || b.onCalled;
const NOTHING = { message: 'Choose at least one notice: aheadThreshold or onCalled', path: ['onCalled'] };

/** POST /api/v1/tickets/:token/push: this device wants web push notices for the ticket. */
export const PushSubscribeBody = z.strictObject({ subscription: PushSubscriptionJson, ...choices }).refine(wantsSomething, NOTHING);
export type PushSubscribeBody = z.infer<typeof PushSubscribeBody>;

/** DELETE /api/v1/tickets/:token/push: stop notices to this device. */
export const PushUnsubscribeBody = z.strictObject({ endpoint: z.url({ protocol: /^https$/ }).max(2048) });
export type PushUnsubscribeBody = z.infer<typeof PushUnsubscribeBody>;

/**
 * POST /api/v1/tickets/:token/notify: e-mail or SMS instead of push (iOS outside the Home Screen,
 * no reachable push service). `consent: true` is the customer's explicit agreement; nothing is
 * sent without it.
 */
export const NotifyContactBody = z
  .discriminatedUnion('channel', [
    z.strictObject({ channel: z.literal('email'), address: EmailAddress, consent: z.literal(true), ...choices }),
    z.strictObject({ channel: z.literal('sms'), address: PhoneNumber, consent: z.literal(true), ...choices }),
  ])
  .refine(wantsSomething, NOTHING);
export type NotifyContactBody = z.infer<typeof NotifyContactBody>;

/** What a ticket will be told, and where (addresses masked). GET /api/v1/tickets/:token/notify. */
export const NoticeChoices = z.object({
  push: z.array(z.object({ id: Id, aheadThreshold: AheadThreshold, onCalled: z.boolean(), lang: Lang })),
  contacts: z.array(
    z.object({ id: Id, channel: z.enum(['email', 'sms']), addressMasked: z.string(), aheadThreshold: AheadThreshold, onCalled: z.boolean(), lang: Lang }),
  ),
});
export type NoticeChoices = z.infer<typeof NoticeChoices>;

/** GET /api/v1/push/vapid-public-key: the applicationServerKey for `pushManager.subscribe`. */
export const VapidPublicKey = z.object({ publicKey: z.string() });
export type VapidPublicKey = z.infer<typeof VapidPublicKey>;

/** GET /api/v1/notify/channels: which ways of notifying this installation offers. */
export const NotifyChannels = z.object({ push: z.boolean(), email: z.boolean(), sms: z.boolean() });
export type NotifyChannels = z.infer<typeof NotifyChannels>;
