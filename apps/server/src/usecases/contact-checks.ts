import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  CONTACT_CHECK_REFUSALS,
  CONTACT_CODE_MAX_TRIES,
  CONTACT_CODE_RESEND_SEC,
  CONTACT_CODE_TTL_MS,
  normalizeEmail,
  normalizePhone,
  type BookAppointmentBody,
  type ContactChannel,
  type ContactCheckMode,
  type ContactCheckStarted,
} from '@tellerline/contracts';
import { AppError } from '../errors.js';
import type { Lang } from '@tellerline/engine';
import type { Logger } from '../logger.js';
import type { RateLimiter } from './booking-ports.js';
import type { Cooldown } from './booking-rate-limit.js';
import { callerKey } from './caller-key.js';
import type { ContactCheckStore } from './contact-check-store.js';
import type { Clock } from './ports.js';

/** Codes asked for per number or address: a few in a row (a message that did not come), a handful a day. */
export const CONTACT_CHECKS_PER_ADDRESS_SHORT = 3;
export const CONTACT_CHECK_SHORT_WINDOW_SEC = 10 * 60;
export const CONTACT_CHECKS_PER_ADDRESS_DAY = 10;
export const CONTACT_CHECK_DAY_WINDOW_SEC = 24 * 3600;
/** Codes asked for per caller address an hour (any number or mailbox): a family books, a script does not message a list. */
export const CONTACT_CHECKS_PER_IP = 10;
export const CONTACT_CHECK_IP_WINDOW_SEC = 3600;

/** Sends the code on the channel at once (notifications/contact-check-code.ts); never throws. */
export interface ContactCodeSender {
  send(to: string, lang: Lang, code: string): Promise<{ sent: true } | { sent: false; reason: string }>;
}

export interface ContactCheckDeps {
  channel: ContactChannel;
  /** This channel's checks (a prefix of their own: a phone check's id proves nothing about an address). */
  store: ContactCheckStore;
  /** The installation's channel; null when none is set up (bookings with such a contact are then unavailable where the check is on). */
  sender: ContactCodeSender | null;
  /** Whether the branch asks for this channel's check (its booking settings); BRANCH_UNKNOWN for no branch. */
  verifies(branchId: string): Promise<boolean>;
  /** CONTACT_CODE_RESEND_SEC between codes to one address (measured on `clock`). */
  cooldown: Cooldown;
  perAddressShort: RateLimiter;
  perAddressDay: RateLimiter;
  perIp: RateLimiter;
  clock: Clock;
  logger: Logger;
}

/** A code request, whichever channel: the branch, the number or address, the language of the message. */
export interface ContactCheckRequest {
  branchId: string;
  to: string;
  lang: Lang;
}

/** What a booking (or a remote-queue join) gives: its branch, its contact's addresses and the codes it carries. */
export type CheckedRequest = { branchId: string; contact: { phone?: string | undefined; email?: string | undefined } } & Pick<BookAppointmentBody, 'phoneCheck' | 'emailCheck'>;

/** What the booking does with a check it holds once it knows whether it booked. */
export interface HeldCheck {
  settle(booked: boolean): Promise<void>;
}

export const NOTHING_HELD: HeldCheck = { settle: async () => undefined };

/** What differs between the channels: where the address is in a contact, its one form, and the words. */
const CHANNELS = {
  sms: {
    address: (c: CheckedRequest['contact']) => c.phone,
    proof: (b: CheckedRequest) => b.phoneCheck,
    normalize: normalizePhone,
    what: 'number',
    unavailable: 'This branch cannot confirm phone numbers by text message now; book with an e-mail address.',
    required: 'Confirm the phone number with the code we text to it first.',
    otherSubject: 'The code was sent to another number; confirm this number with a code texted to it.',
    notSent: 'The text message with the code could not be sent just now; please try again.',
  },
  email: {
    address: (c: CheckedRequest['contact']) => c.email,
    proof: (b: CheckedRequest) => b.emailCheck,
    normalize: normalizeEmail,
    what: 'address',
    unavailable: 'This branch cannot confirm e-mail addresses now; book with a phone number.',
    required: 'Confirm the e-mail address with the code we e-mail to it first.',
    otherSubject: 'The code was sent to another address; confirm this address with a code e-mailed to it.',
    notSent: 'The e-mail with the code could not be sent just now; please try again.',
  },
} as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Salted with the check's id: one stored hash says nothing about another check's code. */
const codeHash = (checkId: string, code: string) => sha256(`${checkId}:${code}`);

const limited = (message: string, retryAfterSec: number) => new AppError('RATE_LIMITED', message, undefined, { retryAfterSec });

/**
 * Confirming a booking's phone number (texted code) or e-mail address (mailed code) before the
 * booking is made, one instance per channel. The code is six digits from node:crypto, stored only
 * as a hash with its check (an unguessable id) and bound to a hash of branch and address, lives
 * CONTACT_CODE_TTL_MS, takes CONTACT_CODE_MAX_TRIES wrong tries, and is used up by the booking it
 * confirmed. It is sent at once on the channel, never through the notice queue (the customer waits,
 * and a code must never sit in Redis in clear). Asking for a code never looks at profiles, so its
 * answers are the same whether the address is known or not; what it can be made to do (message an
 * address) is limited per address and per caller address.
 */
export function createContactChecks(deps: ContactCheckDeps) {
  const { store, clock } = deps;
  const words = CHANNELS[deps.channel];
  const refusal = CONTACT_CHECK_REFUSALS[deps.channel];
  /** The branch and address a check is bound to; the address alone keys the limits, so none is written into Redis key names. */
  const subjectOf = (branchId: string, to: string) => sha256(`${branchId}|${words.normalize(to)}`);
  const addressKey = (to: string) => sha256(words.normalize(to));
  const unavailable = () => new AppError(refusal.unavailable, words.unavailable);

  return {
    channel: deps.channel,

    /** What the booking page is told for a branch whose settings ask (or not) for this channel's check. */
    mode(verifies: boolean): ContactCheckMode {
      if (!verifies) return 'off';
      return deps.sender ? 'required' : 'unavailable';
    },

    /** Sends a new code to the address; RATE_LIMITED (with `retryAfterSec`) past a limit. */
    async start(request: ContactCheckRequest, ip: string): Promise<ContactCheckStarted> {
      if (!(await deps.verifies(request.branchId)) || !deps.sender) throw unavailable();
      if (!(await deps.perIp.hit(callerKey(ip)))) throw limited('Too many codes asked for from this address; please try again later.', CONTACT_CHECK_IP_WINDOW_SEC);
      const address = addressKey(request.to);
      const now = clock.now();
      if (!(await deps.cooldown.take(address, now, CONTACT_CODE_RESEND_SEC * 1000))) {
        throw limited(`A code was sent to this ${words.what} a moment ago; wait a minute before asking again.`, CONTACT_CODE_RESEND_SEC);
      }
      if (!(await deps.perAddressShort.hit(address))) throw limited(`Too many codes for this ${words.what}; please try again in 10 minutes.`, CONTACT_CHECK_SHORT_WINDOW_SEC);
      if (!(await deps.perAddressDay.hit(address))) throw limited(`Too many codes for this ${words.what} today; please try again tomorrow.`, CONTACT_CHECK_DAY_WINDOW_SEC);

      const checkId = randomBytes(24).toString('base64url');
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = now + CONTACT_CODE_TTL_MS;
      // Stored before the message goes: the code works the moment it arrives.
      await store.create({ id: checkId, subject: subjectOf(request.branchId, request.to), codeHash: codeHash(checkId, code), expiresAt }, CONTACT_CODE_TTL_MS);
      const sent = await deps.sender.send(request.to, request.lang, code);
      if (!sent.sent) {
        deps.logger.warn({ channel: deps.channel, reason: sent.reason }, 'contact check code not sent');
        await store.discard(checkId);
        // The customer may ask again at once: this one did not reach them.
        await deps.cooldown.release(address).catch(() => undefined);
        throw new AppError('NOTICE_NOT_SENT', words.notSent);
      }
      return { checkId, expiresAt, resendAfterSec: CONTACT_CODE_RESEND_SEC };
    },

    /**
     * Before a new booking (not a replay): nothing for a booking without this channel's address or
     * at a branch that does not check it; else the booking's code must be right for its address,
     * and the check is held for it. The caller settles it: used up when booked, usable again when
     * refused (a slot taken meanwhile), so the customer picks another time without a new code.
     */
    async hold(body: CheckedRequest): Promise<HeldCheck> {
      const to = words.address(body.contact);
      if (!to || !(await deps.verifies(body.branchId))) return NOTHING_HELD;
      if (!deps.sender) throw unavailable();
      const proof = words.proof(body);
      if (!proof) throw new AppError(refusal.required, words.required);
      const claim = await store.claim(proof.checkId, subjectOf(body.branchId, to), codeHash(proof.checkId, proof.code), clock.now(), CONTACT_CODE_MAX_TRIES);
      switch (claim.outcome) {
        case 'ok':
          return {
            settle: async (booked) => {
              // The booking stands either way: a failure here only leaves the check until it expires.
              await (booked ? store.consume(proof.checkId) : store.release(proof.checkId)).catch((err: unknown) => deps.logger.error({ err, channel: deps.channel }, 'could not settle the contact check'));
            },
          };
        case 'wrong':
          throw new AppError(
            refusal.wrong,
            claim.triesLeft > 0 ? `That is not the code we sent; ${claim.triesLeft} tries left.` : 'That is not the code we sent, and no tries are left; ask for a new code.',
            undefined,
            { triesLeft: claim.triesLeft },
          );
        case 'other-subject':
          throw new AppError(refusal.required, words.otherSubject);
        case 'busy':
          throw new AppError('BUSY_RETRY', 'This code is being used by another booking just now; try again.');
        default:
          throw new AppError(refusal.expired, 'The code has expired or was used; ask for a new one.');
      }
    },
  };
}

export type ContactChecks = ReturnType<typeof createContactChecks>;
