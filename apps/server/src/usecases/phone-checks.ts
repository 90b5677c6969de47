import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  normalizePhone,
  PHONE_CODE_MAX_TRIES,
  PHONE_CODE_RESEND_SEC,
  PHONE_CODE_TTL_MS,
  type BookAppointmentBody,
  type PhoneCheckBody,
  type PhoneCheckMode,
  type PhoneCheckStarted,
} from '@tellerline/contracts';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { RateLimiter } from './booking-ports.js';
import type { Cooldown } from './booking-rate-limit.js';
import { callerKey } from './caller-key.js';
import type { PhoneCheckStore } from './phone-check-store.js';
import type { Clock } from './ports.js';

/** Codes asked for per number: a few in a row (a text that did not come), a handful a day. */
export const PHONE_CHECKS_PER_PHONE_SHORT = 3;
export const PHONE_CHECK_SHORT_WINDOW_SEC = 10 * 60;
export const PHONE_CHECKS_PER_PHONE_DAY = 10;
export const PHONE_CHECK_DAY_WINDOW_SEC = 24 * 3600;
/** Codes asked for per caller address an hour (any number): a family books, a script does not text a list of numbers. */
export const PHONE_CHECKS_PER_IP = 10;
export const PHONE_CHECK_IP_WINDOW_SEC = 3600;

/** Texts the code (notifications/phone-check-code.ts); never throws. */
export interface PhoneCodeSender {
  send(phone: string, lang: 'zh' | 'en', code: string): Promise<{ sent: true } | { sent: false; reason: string }>;
}

export interface PhoneCheckDeps {
  store: PhoneCheckStore;
  /** The installation's SMS channel; null when none is set up (phone bookings are then unavailable where the check is on). */
  sms: PhoneCodeSender | null;
  /** Whether the branch asks for the check (its booking settings); BRANCH_UNKNOWN for no branch. */
  verifies(branchId: string): Promise<boolean>;
  /** PHONE_CODE_RESEND_SEC between codes to one number (measured on `clock`). */
  cooldown: Cooldown;
  perPhoneShort: RateLimiter;
  perPhoneDay: RateLimiter;
  perIp: RateLimiter;
  clock: Clock;
  logger: Logger;
}

/** What the booking does with a check it holds once it knows whether it booked. */
export interface HeldCheck {
  settle(booked: boolean): Promise<void>;
}

const NOTHING_HELD: HeldCheck = { settle: async () => undefined };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The branch and number a check is bound to; also the rate limits' key, so no number is written into Redis key names. */
const subjectOf = (branchId: string, phone: string) => sha256(`${branchId}|${normalizePhone(phone)}`);
const phoneKey = (phone: string) => sha256(normalizePhone(phone));
/** Salted with the check's id: one stored hash says nothing about another check's code. */
const codeHash = (checkId: string, code: string) => sha256(`${checkId}:${code}`);

const limited = (message: string, retryAfterSec: number) => new AppError('RATE_LIMITED', message, undefined, { retryAfterSec });

/**
 * Confirming a phone number by a texted one-time code before a booking joins its profile. The
 * code is six digits from node:crypto, stored only as a hash with its check (an unguessable id),
 * lives PHONE_CODE_TTL_MS, takes PHONE_CODE_MAX_TRIES wrong tries, and is used up by the booking it
 * confirmed. Asking for a code never looks at profiles, so its answers are the same whether the
 * number has one or not; what it can be made to do (text a number) is limited per number and per
 * caller address.
 */
export function createPhoneChecks(deps: PhoneCheckDeps) {
  const { store, clock } = deps;

  return {
    /** What the booking page is told for a branch whose settings say `verifyPhone`. */
    mode(verifyPhone: boolean): PhoneCheckMode {
      if (!verifyPhone) return 'off';
      return deps.sms ? 'required' : 'unavailable';
    },

    /** Texts a new code to the number; RATE_LIMITED (with `retryAfterSec`) past a limit. */
    async start(body: PhoneCheckBody, ip: string): Promise<PhoneCheckStarted> {
      if (!(await deps.verifies(body.branchId)) || !deps.sms) {
        throw new AppError('PHONE_CHECK_UNAVAILABLE', 'This branch cannot confirm phone numbers by text message now; book with an e-mail address.');
      }
      if (!(await deps.perIp.hit(callerKey(ip)))) throw limited('Too many codes asked for from this address; please try again later.', PHONE_CHECK_IP_WINDOW_SEC);
      const phone = phoneKey(body.phone);
      const now = clock.now();
      if (!(await deps.cooldown.take(phone, now, PHONE_CODE_RESEND_SEC * 1000))) {
        throw limited('A code was sent to this number a moment ago; wait a minute before asking again.', PHONE_CODE_RESEND_SEC);
      }
      if (!(await deps.perPhoneShort.hit(phone))) throw limited('Too many codes for this number; please try again in 10 minutes.', PHONE_CHECK_SHORT_WINDOW_SEC);
      if (!(await deps.perPhoneDay.hit(phone))) throw limited('Too many codes for this number today; please try again tomorrow.', PHONE_CHECK_DAY_WINDOW_SEC);

      const checkId = randomBytes(24).toString('base64url');
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = now + PHONE_CODE_TTL_MS;
      // Stored before the text goes: the code works the moment it arrives.
      await store.create({ id: checkId, subject: subjectOf(body.branchId, body.phone), codeHash: codeHash(checkId, code), expiresAt }, PHONE_CODE_TTL_MS);
      const sent = await deps.sms.send(body.phone, body.lang, code);
      if (!sent.sent) {
        deps.logger.warn({ reason: sent.reason }, 'phone check code not sent');
        await store.discard(checkId);
        // The customer may ask again at once: this one did not reach them.
        await deps.cooldown.release(phone).catch(() => undefined);
        throw new AppError('NOTICE_NOT_SENT', 'The text message with the code could not be sent just now; please try again.');
      }
      return { checkId, expiresAt, resendAfterSec: PHONE_CODE_RESEND_SEC };
    },

    /**
     * Before a new booking (not a replay): nothing for a booking without a phone number or at a
     * branch that does not check; else the booking's code must be right for its number, and the
     * check is held for it. The caller settles it: used up when booked, usable again when refused
     * (a slot taken meanwhile), so the customer picks another time without a new text.
     */
    async hold(body: Pick<BookAppointmentBody, 'branchId' | 'contact' | 'phoneCheck'>): Promise<HeldCheck> {
      if (!body.contact.phone || !(await deps.verifies(body.branchId))) return NOTHING_HELD;
      if (!deps.sms) throw new AppError('PHONE_CHECK_UNAVAILABLE', 'This branch cannot confirm phone numbers by text message now; book with an e-mail address.');
      const proof = body.phoneCheck;
      if (!proof) throw new AppError('PHONE_CHECK_REQUIRED', 'Confirm the phone number with the code we text to it first.');
      const claim = await store.claim(proof.checkId, subjectOf(body.branchId, body.contact.phone), codeHash(proof.checkId, proof.code), clock.now(), PHONE_CODE_MAX_TRIES);
      switch (claim.outcome) {
        case 'ok':
          return {
            settle: async (booked) => {
              // The booking stands either way: a failure here only leaves the check until it expires.
              await (booked ? store.consume(proof.checkId) : store.release(proof.checkId)).catch((err: unknown) => deps.logger.error({ err }, 'could not settle the phone check'));
            },
          };
        case 'wrong':
          throw new AppError(
            'PHONE_CODE_WRONG',
            claim.triesLeft > 0 ? `That is not the code we sent; ${claim.triesLeft} tries left.` : 'That is not the code we sent, and no tries are left; ask for a new code.',
            undefined,
            { triesLeft: claim.triesLeft },
          );
        case 'other-subject':
          throw new AppError('PHONE_CHECK_REQUIRED', 'The code was sent to another number; confirm this number with a code texted to it.');
        case 'busy':
          throw new AppError('BUSY_RETRY', 'This code is being used by another booking just now; try again.');
        default:
          throw new AppError('PHONE_CODE_EXPIRED', 'The code has expired or was used; ask for a new one.');
      }
    },
  };
}

export type PhoneChecks = ReturnType<typeof createPhoneChecks>;
