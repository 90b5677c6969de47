import { createHash, randomBytes } from 'node:crypto';
import { neededOnly, type ConsentConfirmationView, type ConsentConfirmedView } from '@tellerline/contracts';
import type { Lang, LocalizedText } from '@tellerline/engine';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Appointment, RateLimiter } from './booking-ports.js';
import type { Cooldown } from './booking-rate-limit.js';
import { callerKey } from './caller-key.js';
import type { Clock } from './ports.js';

/** How long a confirmation link lasts. */
export const CONSENT_CONFIRMATION_TTL_MS = 7 * 24 * 3_600_000;
/** No new link to a profile sooner than this after the last one (a link is on its way). */
export const CONSENT_LINK_COOLDOWN_MS = 10 * 60_000;
/** Links sent to one profile, and asked for from one IP, per day (CONSENT_LINK_WINDOW_SEC). */
export const CONSENT_LINKS_PER_PROFILE = 3;
export const CONSENT_LINKS_PER_IP = 10;
export const CONSENT_LINK_WINDOW_SEC = 24 * 3_600;

type Lookup =
  | { status: 'open'; confirmation: { customerId: string; appointmentId: string; branchId: string; code: string; keep: boolean; preferences: Record<string, unknown>; expiresAt: number } }
  | { status: 'used' | 'expired' | 'unknown' };

/** The confirmations as stored (the db package's consent-confirmation repository satisfies this). */
export interface ConsentConfirmationStore {
  create(c: { tokenHash: string; customerId: string; appointmentId: string; keep: boolean; preferences: Record<string, boolean>; expiresAt: number }): Promise<void>;
  find(tokenHash: string, now: number): Promise<Lookup>;
  /** Removes a confirmation whose link could not be sent (its token then opens nothing). */
  discard(tokenHash: string): Promise<void>;
  /** Removes the profile's open confirmations but `keep` (a new link replaces them: one open link per profile). */
  discardOpen(customerId: string, keep: string): Promise<void>;
  /** Removes the open confirmations this appointment asked for (it withdrew what it asked). */
  discardAskedBy(appointmentId: string): Promise<void>;
  /** Whether a link this appointment asked for was confirmed. */
  confirmedFor(appointmentId: string): Promise<boolean>;
  /** Marks it used and gives the consent with its needs (or withdraws it), in one transaction; only one of two taps applies. */
  redeem(tokenHash: string, now: number): Promise<Lookup>;
}

/** The profile's own addresses, where the link goes. */
export interface ConsentContact {
  phone: string | null;
  email: string | null;
  language: Lang;
}

/** What a booking asks of the profile: keep a history with these needs, or stop keeping it. */
export interface ConsentChoice {
  keep: boolean;
  preferences?: unknown;
}

/**
 * Whether a link went out: `pending` when one went to the profile a short while ago (or as many
 * as a day allows went already) and none is sent now, `no-contact` when the profile has no
 * address a channel reaches, `failed` when sending it failed (worth trying again later),
 * `nothing` when a withdrawal was asked of a profile that keeps no history (nothing to confirm),
 * `superseded` when the booking has asked otherwise since (its later choice has its own job).
 */
export type ConsentRequestOutcome = 'sent' | 'pending' | 'no-contact' | 'failed' | 'nothing' | 'superseded';

/** Sends the link to the profile's phone (SMS) and e-mail, whichever it has (notifications/consent-confirmation.ts). */
export interface ConsentConfirmationSender {
  send(to: ConsentContact, facts: { branch: LocalizedText; url: string; keep: boolean }): Promise<'sent' | 'no-contact' | 'failed'>;
}

export interface ConsentRequestDeps {
  confirmations: ConsentConfirmationStore;
  customers: { findById(id: string): Promise<ConsentContact | null> };
  /** Whether the profile keeps a history now: a withdrawal is asked of its contact only then. */
  keepsHistory(customerId: string): Promise<boolean>;
  /** What the booking asks now (`Appointment.historyAsked` set: keep), null when it is gone. */
  keepAskedBy(appointmentId: string): Promise<boolean | null>;
  branchName(branchId: string): Promise<LocalizedText | null>;
  sender: ConsentConfirmationSender;
  /** The web app's confirmation page for a token, opening in the profile's language. */
  confirmUrl(token: string, lang: Lang): string;
  /** The last link per profile (CONSENT_LINK_COOLDOWN_MS). */
  cooldown: Cooldown;
  /** Links sent per profile per day. */
  profileLimiter: RateLimiter;
  /** Links asked for per caller IP per day. */
  ipLimiter: RateLimiter;
  /**
   * Puts a link to send on the notice queue (jobs/notice-queue.ts); the worker sends it with
   * `request`. Asking never waits on the send, so the asker learns nothing from the answer.
   */
  enqueue(job: { appointmentId: string; branchId: string; customerId: string; keep: boolean; preferences: Record<string, boolean>; ip: string }): Promise<void>;
  clock: Clock;
  logger: Logger;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

function refuse(status: 'used' | 'expired' | 'unknown'): never {
  if (status === 'used') throw new AppError('CONSENT_CONFIRMATION_USED', 'This confirmation link has been used already.');
  if (status === 'expired') throw new AppError('CONSENT_CONFIRMATION_EXPIRED', 'This confirmation link has expired; ask again from your booking.');
  throw new AppError('CONSENT_CONFIRMATION_NOT_FOUND', 'No such confirmation link.');
}

/**
 * Consent that only the customer can give or withdraw. A booking joins a profile on name and
 * phone (see `agrees`), which a relative or an ex-partner may know; so a booking, or its manage
 * page, that did not make the profile cannot give the profile's history consent (PIPL: it must be
 * the person's own), nor withdraw it (that deletes the needs the customer stored, and they would
 * never know). It asks instead: a one-time link (an unguessable token, stored only as its hash,
 * seven days, single use) goes to the profile's own phone and e-mail, and opening it applies
 * exactly what was asked (consent and needs, or the withdrawal). The text tells the customer what
 * was asked, so a withdrawal they did not ask for does not pass unnoticed.
 */
export function createConsentRequests(deps: ConsentRequestDeps) {
  return {
    /**
     * Asks for a link to the profile's own contact later (a notice queue job running `request`);
     * the caller's answer is then the same whether the profile exists, has an address, had a link
     * lately or the link could not be sent. Those outcomes are only logged by the job.
     */
    async ask(a: Pick<Appointment, 'id' | 'branchId' | 'customerId'>, choice: ConsentChoice, ip: string): Promise<void> {
      if (!a.customerId) return;
      // Withdrawing takes back this booking's own request at once: a link it asked for earlier
      // must not give the consent after all (the customer may still give it from another booking).
      if (!choice.keep) await deps.confirmations.discardAskedBy(a.id);
      const preferences = choice.keep ? (neededOnly(choice.preferences) as Record<string, boolean>) : {};
      await deps.enqueue({ appointmentId: a.id, branchId: a.branchId, customerId: a.customerId, keep: choice.keep, preferences, ip });
    },

    /**
     * Asks the profile's own contact to confirm the consent with these needs; changes nothing
     * now. Resolves whether a link went out: `no-contact` when the profile has no address a
     * channel reaches (the customer can still tick the box at the branch), `failed` when sending
     * failed (a gateway down: asking again later may work), `pending` when a link went to the
     * profile less than CONSENT_LINK_COOLDOWN_MS ago or the day's links are used up. RATE_LIMITED
     * when the caller's IP asked for too many links today.
     */
    async request(a: Pick<Appointment, 'id' | 'branchId' | 'customerId'>, choice: ConsentChoice, ip: string): Promise<ConsentRequestOutcome> {
      if (!a.customerId) return 'no-contact';
      const customerId = a.customerId;
      // A job waits (or retries a failed send) in the queue: a booking that withdrew meanwhile must
      // not have its earlier "keep" texted after all, nor a "keep" asked again its withdrawal.
      if ((await deps.keepAskedBy(a.id)) !== choice.keep) return 'superseded';
      const [contact, branch] = await Promise.all([deps.customers.findById(customerId), deps.branchName(a.branchId)]);
      if (!contact || !branch || (!contact.phone && !contact.email)) return 'no-contact';
      // Nothing kept, nothing to withdraw: no text to a customer about a request that changes nothing.
      if (!choice.keep && !(await deps.keepsHistory(customerId))) return 'nothing';
      const preferences = choice.keep ? neededOnly(choice.preferences) : {};
      // Each link is a text or mail to the profile's phone, which anyone knowing a name and phone
      // could otherwise make arrive every second: one link per cooldown, a few per day, and the
      // answer is "on its way" either way, which tells the asker nothing about the profile.
      if (!(await deps.cooldown.take(customerId, deps.clock.now(), CONSENT_LINK_COOLDOWN_MS))) return 'pending';
      if (!(await deps.ipLimiter.hit(callerKey(ip)))) {
        await deps.cooldown.release(customerId);
        throw new AppError('RATE_LIMITED', 'Too many confirmation requests from this address; please try again tomorrow.', undefined, { retryAfterSec: CONSENT_LINK_WINDOW_SEC });
      }
      if (!(await deps.profileLimiter.hit(customerId))) return 'pending';
      const token = randomBytes(32).toString('base64url');
      const tokenHash = hash(token);
      // Stored before sending, so the link works the moment it arrives; it replaces any open one.
      await deps.confirmations.create({ tokenHash, customerId, appointmentId: a.id, keep: choice.keep, preferences, expiresAt: deps.clock.now() + CONSENT_CONFIRMATION_TTL_MS });
      await deps.confirmations.discardOpen(customerId, tokenHash);
      const sent = await deps.sender.send(contact, { branch, url: deps.confirmUrl(token, contact.language), keep: choice.keep }).catch((err: unknown) => {
        deps.logger.error({ err, appointmentId: a.id }, 'could not send the consent confirmation');
        return 'failed' as const;
      });
      if (sent !== 'sent') {
        // The customer is told it did not go out and asks again (a new link, without waiting for
        // the cooldown); a "failed" text that reached the phone after all (a gateway timing out)
        // must not still apply a consent they were told was not asked for.
        await deps.cooldown.release(customerId).catch((err: unknown) => deps.logger.error({ err, appointmentId: a.id }, 'could not release the consent link cooldown'));
        await deps.confirmations.discard(tokenHash).catch((err: unknown) => deps.logger.error({ err, appointmentId: a.id }, 'could not discard the unsent consent confirmation'));
      }
      return sent;
    },

    /** Whether the profile's own contact confirmed a link this appointment asked for. */
    confirmedFor: (appointmentId: string) => deps.confirmations.confirmedFor(appointmentId),

    /** What the link would keep, or that it would withdraw (the confirmation page). */
    async view(token: string): Promise<ConsentConfirmationView> {
      const found = await deps.confirmations.find(hash(token), deps.clock.now());
      if (found.status !== 'open') refuse(found.status);
      const branch = await deps.branchName(found.confirmation.branchId);
      const c = found.confirmation;
      return { branch: branch ?? { zh: '', en: '' }, keep: c.keep, preferences: c.keep ? neededOnly(c.preferences) : {}, expiresAt: c.expiresAt };
    },

    /** Applies what was asked, once; the route audits it as the customer's with the booking code. */
    async confirm(token: string): Promise<{ view: ConsentConfirmedView; appointment: { branchId: string; code: string } }> {
      const done = await deps.confirmations.redeem(hash(token), deps.clock.now());
      if (done.status !== 'open') refuse(done.status);
      const c = done.confirmation;
      return { view: { kept: c.keep, preferences: c.keep ? neededOnly(c.preferences) : {} }, appointment: { branchId: c.branchId, code: c.code } };
    },
  };
}

export type ConsentRequests = ReturnType<typeof createConsentRequests>;
