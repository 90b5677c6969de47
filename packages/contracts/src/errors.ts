import { z } from 'zod';
import { ENGINE_ERROR_CODES } from '@tellerline/engine';
import { LocalizedText } from './common.js';
import { BOOKING_ERROR_CODES, bookingStatus } from './booking.js';
import { SETUP_ERROR_CODES, setupStatus } from './branch-setup.js';
import { CONSENT_ERROR_CODES, consentStatus } from './consent.js';
import { CONTACT_CHECK_ERROR_CODES, contactCheckStatus } from './contact-check.js';
import { SURVEY_ERROR_CODES } from './survey.js';
import { TEAM_ERROR_CODES, teamStatus } from './team.js';

/** Codes the edges add to the engine's: every error a client can see has one of these. */
export const EDGE_ERROR_CODES = [
  'VALIDATION_FAILED',
  /**
   * A text field (a reason, a name, a comment) is longer than its limit; nothing was changed.
   * `details.field`: the field's path; `details.max`: its limit in characters (code points, as
   * zod's `.max` counts: an emoji is one). Every limit is well below the socket's 16 KB message size.
   */
  'TEXT_TOO_LONG',
  'PAYLOAD_TOO_LARGE',
  /** The request line and headers (a long query string, a huge cookie) are over the server's limit. */
  'REQUEST_TOO_LARGE',
  /** The request's headers did not arrive in time (a stalled or too slow client). */
  'REQUEST_TIMEOUT',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'SESSION_EXPIRED',
  /**
   * The session was ended because the account was deactivated (rather than by time or a sign-out):
   * the sign-in page says so instead of "your session expired". Known for the session's idle time.
   */
  'ACCOUNT_DEACTIVATED',
  'FORBIDDEN',
  /** A device token or the remote queue asked for a ticket class other than normal: priority is given by staff at the Lobby card only. */
  'PRIORITY_NOT_ALLOWED',
  /**
   * Signing in (or out) over plain http on an installation whose PUBLIC_URL is https: the session
   * cookie is Secure and would not be kept. Behind a TLS proxy, set TRUST_PROXY=true and have the
   * proxy send X-Forwarded-Proto: https.
   */
  'HTTPS_REQUIRED',
  'ORIGIN_NOT_ALLOWED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'RATE_LIMITED',
  /**
   * A kiosk scanned a ticket of today's queue that was taken in the branch (its paper ticket's QR
   * code): only remote-queue tickets check in. Not a guess (the holder has the ticket), so it does
   * not count against the kiosk's wrong codes. `details.number`: the ticket's number.
   */
  'CHECK_IN_NOT_NEEDED',
  /**
   * A kiosk scanned a ticket of this branch that has left the queue: served, cancelled or missed
   * (a no-show), or an appointment checked in before is checked in again (code, manage link) after
   * its visit's ticket left the queue. The holder's own ticket, so not counted as a guess either. `details.number`, and
   * `details.status`: 'done' | 'cancelled' | 'no-show' (a missed customer takes a new ticket).
   */
  'TICKET_ENDED',
  /**
   * A kiosk scanned a real ticket of another branch (a customer in the wrong branch, or holding
   * another branch's phone page). The token is the holder's own, so not counted as a guess.
   * `details`: OtherBranchDetails (the number and that branch's name, nothing about the customer).
   */
  'OTHER_BRANCH',
  'BRANCH_UNKNOWN',
  /**
   * A walk-in ticket (kiosk, remote queue) outside the branch's hours, less its early window
   * (`walkInEarlyMin`): a closure day, before opening, after closing. `details`: BranchClosedDetails.
   */
  'BRANCH_CLOSED',
  /**
   * The branch was taken out of service by an administrator (moved, merged, a pilot withdrawn): no
   * bookings, no tickets, nobody signs on. Its history and reports stay readable.
   */
  'BRANCH_INACTIVE',
  /**
   * The branch is still in preparation: an admin has not opened it to customers yet (or closed it
   * again). No bookings, moves, remote-queue joins or slot queries; staff, kiosk and signage work.
   * Bookings made while it was open stay valid.
   */
  'BRANCH_NOT_OPEN',
  'BUSY_RETRY',
  /** The notification channel asked for (e-mail, SMS, push) is not set up on this installation. */
  'CHANNEL_UNAVAILABLE',
  /** A message to the customer's own phone or e-mail could not go out just now (gateway down); trying again later may work. */
  'NOTICE_NOT_SENT',
  /** A service record only its writer may read or write: the staff member holding the customer, or who served them today. */
  'RECORD_NOT_YOURS',
  /**
   * A store the request needs is away for a moment (Redis restarting, failing over, refusing
   * connections): nothing was changed, and the same request will work again shortly. Comes with
   * Retry-After and `details.retryAfterSec`.
   */
  'TEMPORARILY_UNAVAILABLE',
  /**
   * A staff command's `commandId` was used (within 15 min, same branch) for a different command
   * or by another user: nothing was done. The panel makes a new id per button press.
   */
  'COMMAND_ID_REUSED',
  'INTERNAL',
] as const;

export const ERROR_CODES = [...ENGINE_ERROR_CODES, ...EDGE_ERROR_CODES, ...BOOKING_ERROR_CODES, ...SURVEY_ERROR_CODES, ...CONSENT_ERROR_CODES, ...TEAM_ERROR_CODES, ...SETUP_ERROR_CODES, ...CONTACT_CHECK_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiError = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** Field problems for VALIDATION_FAILED: path -> message. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** Structured facts of a refusal, so clients need not parse the message (CHECK_IN_TOO_EARLY: `CheckInTooEarlyDetails`; HELD_FOR_APPOINTMENT: `HeldForAppointmentDetails`; SERVICE_IN_USE, SERVICE_CODE_IN_USE: `ServiceInUseDetails`; SERVICE_HAS_BOOKINGS: `ServiceHasBookingsDetails`; COUNTER_IN_USE: `CounterInUseDetails`; BRANCH_IN_USE: `BranchInUseDetails`; BRANCH_HAS_CUSTOMERS: `BranchHasCustomersDetails`; BRANCH_HAS_BOOKINGS: `BranchHasBookingsDetails`; BRANCH_CLOSED: `BranchClosedDetails`; OTHER_BRANCH: `OtherBranchDetails`; STALE_SETTINGS: `StaleSettingsDetails`, STALE_BRANCH: `StaleBranchDetails`, STALE_MEMBER: `StaleMemberDetails`, the ones with an object value; CLOSURE_HAS_BOOKINGS: `ClosureHasBookingsDetails`; PHONE_CODE_WRONG, EMAIL_CODE_WRONG: `ContactCodeWrongDetails`). */
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.unknown())])).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/** `error.details` of OTHER_BRANCH (kiosk arrival): the scanned ticket's number and the branch it belongs to. */
export const OtherBranchDetails = z.object({ number: z.string(), branchName: LocalizedText });
export type OtherBranchDetails = z.infer<typeof OtherBranchDetails>;

/** `error.details` of HELD_FOR_APPOINTMENT (call-next): the booked slot this staff member should stay free for. */
export const HeldForAppointmentDetails = z.object({
  serviceId: z.string(),
  /** The service's short code (the ticket letter), e.g. 'B'. */
  serviceCode: z.string(),
  /** The slot (epoch ms). */
  appointmentAt: z.number(),
  /** Whole minutes from the refusal to the slot; 0 when it is due now. */
  minutes: z.number().int().min(0),
});
export type HeldForAppointmentDetails = z.infer<typeof HeldForAppointmentDetails>;

/** HTTP status for each code; the socket layer and job layer use the code alone. */
export function statusForCode(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'TEXT_TOO_LONG':
      return 400;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'REQUEST_TOO_LARGE':
      return 431;
    case 'REQUEST_TIMEOUT':
      return 408;
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
    case 'SESSION_EXPIRED':
    case 'ACCOUNT_DEACTIVATED':
      return 401;
    case 'FORBIDDEN':
    case 'ORIGIN_NOT_ALLOWED':
    case 'RECORD_NOT_YOURS':
    case 'PRIORITY_NOT_ALLOWED':
    case 'HTTPS_REQUIRED':
      return 403;
    case 'NOT_FOUND':
    case 'UNKNOWN_TICKET':
    case 'BRANCH_UNKNOWN':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'RATE_LIMITED':
      return 429;
    case 'BRANCH_CLOSED':
    case 'BRANCH_INACTIVE':
    case 'BRANCH_NOT_OPEN':
      return 409;
    case 'BUSY_RETRY':
    case 'NOTICE_NOT_SENT':
    case 'TEMPORARILY_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    case 'CHANNEL_UNAVAILABLE':
    case 'UNKNOWN_SERVICE':
    case 'SERVICE_APPOINTMENT_ONLY':
    case 'UNKNOWN_COUNTER':
    case 'UNKNOWN_STAFF':
      return 422;
    default:
      // Booking's, consent's and the team's own (404 / 403 / 410 / 422 / 409); the remaining engine codes (NO_TICKET_WAITING,
      // HELD_FOR_APPOINTMENT, ...) are refusals of a well-formed request given the queue's state.
      return bookingStatus(code) ?? consentStatus(code) ?? teamStatus(code) ?? setupStatus(code) ?? contactCheckStatus(code) ?? 409;
  }
}
