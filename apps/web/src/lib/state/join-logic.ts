/**
 * The remote queue page (/join) as plain functions, tested without a browser: which branches a
 * customer can join from the phone now (and why not), which services take walk-ins, the optional
 * contact for notices, and at which step a refusal from the server is shown.
 */
import type { BookingInfo, RemoteTicketBody, ServiceQueueView, WalkInHours } from '@tellerline/contracts';
import { isEmailAddress, isPhoneNumber, phoneProblem } from '@tellerline/contracts/input-rules';
import type { ContactKind, Lang } from './booking-logic.js';

/** A branch for the page: joinable now, or why not (remote queue off, closed now with its hours). */
export type JoinBranchState = { kind: 'open' } | { kind: 'off' } | { kind: 'closed'; hours: WalkInHours };

/**
 * Whether a customer can join the branch's queue from the phone now. The manager's switch comes
 * first: a branch that never takes remote joins says so, not "opens at 09:00", which would send
 * the customer back at nine for nothing.
 */
export function joinState(info: Pick<BookingInfo, 'remoteQueue'>, hours: WalkInHours): JoinBranchState {
  if (!info.remoteQueue) return { kind: 'off' };
  if (!hours.issuing) return { kind: 'closed', hours };
  return { kind: 'open' };
}

/** The services a remote ticket can be for: walk-in ones (appointment-only services are booked on /book). */
export function walkInLines(queue: readonly ServiceQueueView[]): ServiceQueueView[] {
  return queue.filter((s) => s.walkIns);
}

export interface JoinContactInput {
  kind: ContactKind;
  value: string;
  language: Lang;
  consent: boolean;
}
export type JoinContactProblem = 'invalid' | 'mobileDigits' | 'countryCode' | 'consent';

/**
 * The join's optional contact for notices (near-turn, call): none when the field is left empty;
 * a number or address the server takes, with the consent tick, otherwise. The checks are the
 * server's own (RemoteTicketBody.contact), so the page never sends what it refuses.
 */
export function joinContact(input: JoinContactInput): { ok: true; contact: RemoteTicketBody['contact'] } | { ok: false; problem: JoinContactProblem } {
  const value = input.value.trim();
  if (!value) return { ok: true, contact: undefined };
  const phone = input.kind === 'phone' ? phoneProblem(value) : null;
  if (phone === 'mobileDigits' || phone === 'countryCode') return { ok: false, problem: phone };
  if (input.kind === 'phone' ? !isPhoneNumber(value) : !isEmailAddress(value)) return { ok: false, problem: 'invalid' };
  if (!input.consent) return { ok: false, problem: 'consent' };
  return { ok: true, contact: { ...(input.kind === 'phone' ? { phone: value } : { email: value }), consent: true } };
}

export type JoinStep = 'loading' | 'branch' | 'service' | 'contact' | 'confirm' | 'verify' | 'closed' | 'error';

/** Refusals about the code typed: the code step shows them beside the code. */
const CODE_STEP = new Set(['PHONE_CODE_WRONG', 'PHONE_CODE_EXPIRED', 'PHONE_CHECK_REQUIRED', 'EMAIL_CODE_WRONG', 'EMAIL_CODE_EXPIRED', 'EMAIL_CHECK_REQUIRED']);
/** Refusals about the number or address itself: mended on the contact step. */
const CONTACT_STEP = new Set(['PHONE_CHECK_UNAVAILABLE', 'EMAIL_CHECK_UNAVAILABLE', 'VALIDATION_FAILED']);

/**
 * Where a refusal of the join is shown: the branch stopped taking joins (closed now, or the
 * manager switched the remote queue off) ends the flow with why; a service that became
 * appointment-only goes back to the services; code and contact refusals go to their fields;
 * anything else (RATE_LIMITED, a lost connection) stays on the confirm step with its text.
 */
export function refusalStep(code: string, verifying: boolean): JoinStep {
  if (code === 'BRANCH_CLOSED' || code === 'REMOTE_QUEUE_OFF' || code === 'BRANCH_INACTIVE') return 'closed';
  if (code === 'SERVICE_APPOINTMENT_ONLY' || code === 'UNKNOWN_SERVICE') return 'service';
  if (CODE_STEP.has(code)) return verifying ? 'verify' : 'confirm';
  if (CONTACT_STEP.has(code)) return 'contact';
  return verifying ? 'verify' : 'confirm';
}

/** The key of a join error's text: the page's own (`join.error.<code>`), then booking's, then the common one. */
export function joinErrorKey(code: string, known: (key: string) => boolean): string {
  for (const key of [`join.error.${code}`, `booking.error.${code}`, `error.${code}`]) if (known(key)) return key;
  return 'error.generic';
}

/** The ticket page a join lands on, in the page's language. */
export function ticketHref(token: string, lang: Lang): string {
  return `/t/${encodeURIComponent(token)}?lang=${lang}`;
}
