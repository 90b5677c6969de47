import type { BookAppointmentBody, BookedAppointment } from '@tellerline/contracts';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { callerKey } from './caller-key.js';
import type { BookingManage } from './booking-manage.js';
import { presentBooked } from './booking-manage.js';
import type { Appointment, BookingStore, RateLimiter } from './booking-ports.js';
import type { ContactChecks } from './contact-checks.js';
import { requestFingerprint, type AnswerFormat, type RequestLedger } from './request-ledger.js';

/** How long a duplicate waits for the first copy of its request to finish. */
const WAIT_STEP_MS = 50;
const WAIT_STEPS = 200;

/**
 * What the ledger keeps of a booking it answered: the appointment's id and the nonce its manage
 * token is derived with, never the token (a key to the booking, kept 24 h in Redis). A replay
 * finds the appointment by id and takes the token the store derives under the link secret, only
 * while it is still the one of that nonce.
 */
export type BookingAnswer = { appointmentId: string; nonce: number };
/** Entries written before the ledger stopped keeping tokens (read until they expire, 24 h). */
export type LegacyBookingAnswer = { token: string };

const Derivable = z.object({ a: z.string().min(1), n: z.number().int().nonnegative() });
const Legacy = z.object({ t: z.string().min(1) });

/**
 * Fields `a` and `n`. Not `t`, which older nodes read as the token: during a rolling upgrade an
 * older node sees a new entry as in flight, waits, then answers BUSY_RETRY, and the client's
 * retry reaches a new node; it never books the request again.
 */
export const bookingAnswer: AnswerFormat<BookingAnswer, BookingAnswer | LegacyBookingAnswer> = {
  fields: (answer) => ({ a: answer.appointmentId, n: answer.nonce }),
  read(entry) {
    const derivable = Derivable.safeParse(entry);
    if (derivable.success) return { appointmentId: derivable.data.a, nonce: derivable.data.n };
    const legacy = Legacy.safeParse(entry);
    return legacy.success ? { token: legacy.data.t } : null;
  },
};

export interface BookingRequestDeps {
  manage: Pick<BookingManage, 'book'>;
  store: Pick<BookingStore, 'findById' | 'findByManageToken'>;
  ledger: RequestLedger<BookingAnswer, BookingAnswer | LegacyBookingAnswer>;
  /** Bookings per caller IP (every attempt whose contact codes pass, where asked for, counts). */
  limiter: RateLimiter;
  /** The texted and mailed codes a branch that confirms contacts asks for (contact-checks.ts); none: never asked. */
  contactChecks?: Pick<ContactChecks, 'hold'>[];
}

/**
 * POST /appointments made safe against retries and abuse. A request with a `requestId` claims
 * it first: a retry of an answered request gets the same booking back (it does not count against
 * the limit, and the slot may be full by now: it is this customer's place), a copy arriving while
 * the first is still booking waits for it, and a different request under the same key is
 * refused. Every new attempt whose codes are right counts against the caller's IP limit. Where the branch confirms phone
 * numbers or e-mail addresses, a new attempt needs the code sent to each such address it gives; a replay does not (it books nothing), which is why
 * the code is not part of the request's fingerprint.
 */
export function createBookingRequests(deps: BookingRequestDeps) {
  const { manage, store, ledger, limiter } = deps;
  const contactChecks = deps.contactChecks ?? [];

  /**
   * Books with each address's check held (where the branch asks for one), settling them either way.
   * The caller's booking allowance is taken only once the codes are right: a mistyped code is
   * limited by its check's own tries, and must not use up a shared lobby network's hour of bookings.
   */
  async function bookChecked(request: Omit<BookAppointmentBody, 'requestId'>, ip: string): Promise<Appointment> {
    const held = [];
    let booked: Appointment;
    try {
      // One after the other: a refused second code gives the first check back, still usable.
      for (const checks of contactChecks) held.push(await checks.hold(request));
      await limited(ip);
      booked = await manage.book(request, ip);
    } catch (err) {
      await Promise.all(held.map((h) => h.settle(false)));
      throw err;
    }
    await Promise.all(held.map((h) => h.settle(true)));
    return booked;
  }

  async function limited(ip: string): Promise<void> {
    if (!(await limiter.hit(callerKey(ip)))) throw new AppError('RATE_LIMITED', 'Too many bookings from this address; please try again later.');
  }

  async function replay(answer: BookingAnswer | LegacyBookingAnswer): Promise<BookedAppointment> {
    const a = 'token' in answer ? await store.findByManageToken(answer.token) : await store.findById(answer.appointmentId);
    // A link replaced since (another nonce) no longer opens the booking: neither does the replay.
    if (!a || ('nonce' in answer && a.manageTokenNonce !== answer.nonce)) throw new AppError('APPOINTMENT_NOT_FOUND', 'The booking made for this request no longer exists.');
    return presentBooked(a);
  }

  return {
    /** Books; `replayed` when the answer is the booking an earlier copy of this request made. */
    async book(body: BookAppointmentBody, ip: string): Promise<{ booked: BookedAppointment; replayed: boolean }> {
      const { requestId, ...request } = body;
      if (!requestId) {
        return { booked: presentBooked(await bookChecked(request, ip)), replayed: false };
      }
      const { phoneCheck: _phoneCode, emailCheck: _emailCode, ...identity } = request;
      const fingerprint = requestFingerprint(identity);
      for (let step = 0; step < WAIT_STEPS; step++) {
        const claim = await ledger.claim(requestId, fingerprint);
        if (claim.state === 'conflict') throw new AppError('REQUEST_ID_REUSED', 'This requestId was used for a different booking request; send a new one.');
        if (claim.state === 'done') return { booked: await replay(claim.answer), replayed: true };
        if (claim.state === 'pending') {
          await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
          continue;
        }
        let booked: Appointment;
        try {
          booked = await bookChecked(request, ip);
        } catch (err) {
          // Not booked: a retry of this request may try again (and a waiting copy will).
          await ledger.release(requestId);
          throw err;
        }
        // Booked: answer even if the ledger write fails (the key then expires as pending, and only
        // a retry after that could book again), rather than make the customer think it failed.
        // A new row's token is always derived (nonce 0); were it not, nothing is kept rather than the token.
        if (booked.manageTokenNonce !== null) {
          await ledger.complete(requestId, fingerprint, { appointmentId: booked.id, nonce: booked.manageTokenNonce }).catch(() => undefined);
        }
        return { booked: presentBooked(booked), replayed: false };
      }
      throw new AppError('BUSY_RETRY', 'The same booking request is still being handled; try again.');
    },
  };
}

export type BookingRequests = ReturnType<typeof createBookingRequests>;
