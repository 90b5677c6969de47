import type { ArrivalResult, CheckInResult, IssueTicketBody, IssuedTicket, ServiceQueueView } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import { newRequestId, retryable, type Lang } from './kiosk-logic.js';
import { parseCheckIn, scannedTicketOf, type CheckInRefusal, type ScannedTicket } from './kiosk-checkin.js';
import { STORE_AWAY, StoreAwayWatch } from './store-away.svelte.js';

/**
 * How long the kiosk waits for the server's answer to a ticket or check-in request before saying
 * there is no connection (a flaky lobby network can hold a request for minutes). Well inside the
 * form steps' idle minute, so an unanswered request never keeps a customer's details on screen.
 */
export const KIOSK_REQUEST_TIMEOUT_MS = 20_000;

/** `arrived`: a remote-queue ticket's holder scanned their phone page; the confirmation shows. */
export type KioskStep = 'start' | 'service' | 'contact' | 'appointment' | 'ticket' | 'arrived';

type Contact = IssueTicketBody['contact'];

export type { CheckInRefusal };

/**
 * One customer's walk through the kiosk: language, service, optional contact, ticket. Issuing is
 * guarded so a double tap, or a tap while the network is slow, never prints two tickets: the
 * button is disabled and a second call is ignored while a request is in flight. And a request
 * whose answer was lost (it may well have reached the server) is resent with the same request id,
 * which the server answers with the ticket it already issued instead of a second one.
 */
export class KioskFlow {
  step = $state<KioskStep>('start');
  service = $state<ServiceQueueView | null>(null);
  issuing = $state(false);
  /** Error code of the last failed issue (translated as `error.<code>`), null when fine. */
  error = $state<string | null>(null);
  ticket = $state<IssuedTicket | CheckInResult | null>(null);
  checkingIn = $state(false);
  checkInError = $state<CheckInRefusal | null>(null);
  /** The remote-queue arrival the `arrived` step confirms. */
  arrival = $state<ArrivalResult | null>(null);
  /**
   * A scanned ticket that does not check in, and why: taken in the branch (a paper ticket held to
   * the scanner), or gone from the queue (served, cancelled, missed). The `arrived` step says so
   * with its number, in the customer's own words, instead of a refusal on the appointment screen.
   */
  scanned = $state<ScannedTicket | null>(null);
  /** The request that failed, kept so "try again" resends exactly what the customer chose. */
  private lastContact: Contact | undefined = undefined;
  private lastLang: Lang = 'zh';
  /**
   * The server's store is away for a moment (TEMPORARILY_UNAVAILABLE): instead of an error the
   * customer is asked to wait, and the same request (same request id: never two tickets) is sent
   * again after Retry-After until a ticket comes, or the customer goes back or walks away.
   */
  readonly storeAway = new StoreAwayWatch(() => this.issue(this.lastLang, this.lastContact));
  /**
   * The id of the ticket request whose outcome is not known yet: minted on the first touch, kept
   * through failures (a retry, a second touch, or the same service with other contact details
   * resends it), dropped once a ticket is shown or the server refused the request; never merely
   * because the customer moved on (onSettled), except by the idle timeout when asking again got no
   * answer either.
   */
  private requestId: string | null = null;
  /**
   * Every request sent under `requestId` (JSON, oldest first) while its outcome is unknown. The
   * server holds at most one of them, whichever reached it first; an answer lost on the way back
   * (a ticket, or even the refusal of a later one) leaves the kiosk not knowing which.
   */
  private sentUnderId: string[] = [];
  /**
   * Set when the ticket shown was issued for an earlier request than the customer's last one: an
   * answer was lost, the customer then changed their contact details, and the server turned out
   * to have issued the first request already. The ticket says the change was not kept.
   */
  contactNotKept = $state(false);
  /**
   * The kiosk was told to move on (start over, the idle timeout, another service, the appointment
   * screen) while a ticket request's outcome is not known: its answer is on its way, or was lost
   * (the network dropped it; the server may hold the ticket). It settles that request first, and
   * then does what it was told only if no ticket came: an answer on its way is awaited (bounded by
   * KIOSK_REQUEST_TIMEOUT_MS); a lost one is asked again under the same request id, as "try
   * again" does, so a server that holds the ticket answers with that ticket, never a second one.
   * Why settle rather than just move on, or make the customer press "try again" first: the
   * customer who pressed "Get my ticket" a moment ago is usually still standing there, and a
   * ticket the server issued is in the queue whatever the kiosk does; dropped, nobody would hold
   * its number, a teller would call it and wait for a no-show, and it might text the phone typed
   * for it. So a ticket is shown on the ticket screen (with that screen's own timeout; it shows no
   * contact details, so whoever is at the kiosk reads nothing of the customer but a number),
   * never dropped. It is not cancelled on the server either: no device-authorized cancel exists
   * (the ticket-token cancel is the customer's own, from their phone). A refusal is an answer (no
   * ticket): then the kiosk moves on. No answer yet again:
   * - the customer pressed something: they stay on the contact step with the error and "try
   *   again" (`unsettled` says why), as their ticket may exist; the details there are their own;
   * - the idle timeout: nobody is there to hand a number to, and the next customer must see
   *   nothing of this one, so the kiosk starts over and gives the request up (`handingOver` has
   *   kept the contact step off the screen meanwhile).
   */
  private onSettled: MoveOn | null = null;
  /**
   * An idle timeout is settling a request (see onSettled): the screen shows that a ticket is being
   * got, not the contact step with the last customer's details.
   */
  handingOver = $state(false);
  /**
   * The customer asked to go on (start over, another service) while their ticket's outcome is not
   * known, and asking again got no answer either: the contact step says their ticket may exist and
   * "try again" gets it.
   */
  unsettled = $state(false);

  constructor(
    private readonly branchId: string,
    private readonly deviceToken: string,
    private readonly onRejected: () => void,
  ) {}

  begin(): void {
    this.step = 'service';
  }

  chooseService(service: ServiceQueueView): void {
    if (service.serviceId !== this.service?.serviceId && this.settleFirst({ kind: 'service', service })) return;
    this.storeAway.back();
    if (service.serviceId !== this.service?.serviceId) this.forgetRequest();
    this.service = service;
    this.error = null;
    this.unsettled = false;
    this.step = 'contact';
  }

  back(): void {
    this.storeAway.back();
    this.error = null;
    this.checkInError = null;
    if (this.step === 'contact' || this.step === 'appointment') this.step = 'service';
    else this.reset();
  }

  openAppointment(): void {
    if (this.settleFirst({ kind: 'appointment' })) return;
    this.checkInError = null;
    this.step = 'appointment';
  }

  /**
   * Appointment check-in by its code (typed, or sent by a scanner reading the confirmation's QR
   * code) or by a scanned manage link: the ticket screen shows the queue ticket it issues, like a
   * walk-in's. A scanned phone ticket page of a remote-queue ticket records its holder's arrival
   * instead (the `arrived` step). Repeating either is harmless: the server answers the same.
   */
  async checkIn(raw: string): Promise<void> {
    if (this.checkingIn) return;
    const request = parseCheckIn(raw);
    if (!request) {
      this.checkInError = { code: 'VALIDATION_FAILED', message: '' };
      return;
    }
    this.checkingIn = true;
    this.checkInError = null;
    this.scanned = null;
    let shown = false;
    const branch = `/api/v1/branches/${encodeURIComponent(this.branchId)}`;
    const auth = { authorization: `Bearer ${this.deviceToken}` };
    try {
      if ('ticketToken' in request) {
        // A remote-queue ticket: no new ticket, the one they hold is marked as here (repeatable).
        this.arrival = await api<ArrivalResult>('POST', `${branch}/arrive`, request, auth, { timeoutMs: KIOSK_REQUEST_TIMEOUT_MS });
        this.step = 'arrived';
      } else {
        this.ticket = await api<CheckInResult>('POST', `${branch}/check-in`, request, auth, { timeoutMs: KIOSK_REQUEST_TIMEOUT_MS });
        this.step = 'ticket';
      }
      shown = true;
    } catch (err) {
      const refusal: CheckInRefusal = err instanceof ApiFailure ? { code: err.code, message: err.message, details: err.details } : { code: 'generic', message: '' };
      const scanned = scannedTicketOf(refusal);
      if (scanned) {
        this.scanned = scanned;
        this.step = 'arrived';
        shown = true;
        return;
      }
      this.checkInError = refusal;
      if (refusal.code === 'UNAUTHENTICATED' || refusal.code === 'FORBIDDEN') this.onRejected();
    } finally {
      this.checkingIn = false;
      this.settled(shown);
    }
  }

  /**
   * A booking QR code (or a remote ticket's phone page) read by the scanner away from the check-in
   * field (the welcome screen, the services, the contact step, the last customer's ticket):
   * straight to check-in. A refusal shows on the appointment screen, with the keypad. On the
   * contact step a walk-in ticket never asked for, or refused, is given up with the contact typed
   * for it: the customer at the scanner came for their own ticket. Ignored while a ticket is being
   * issued, or while an issue's outcome is unknown (its answer was lost, or the store is away): the
   * server may hold that ticket, and with its request id dropped nobody would hold its number (it
   * would be called, missed, and might text the phone typed for it). The customer keeps the error
   * with "try again", which asks the server for that ticket.
   */
  async scan(text: string): Promise<void> {
    if (this.issuing || this.checkingIn || this.requestId !== null) return;
    this.storeAway.back();
    this.error = null;
    this.service = null;
    this.ticket = null;
    this.arrival = null;
    this.scanned = null;
    this.lastContact = undefined;
    this.contactNotKept = false;
    this.forgetRequest();
    this.step = 'appointment';
    await this.checkIn(text);
  }

  /**
   * Back to the welcome screen, forgetting everything about the last customer; `idle`: nobody
   * pressed anything (the idle timeout). A ticket request whose outcome is not known is settled
   * first (onSettled).
   */
  reset(idle = false): void {
    if (this.settleFirst({ kind: 'reset', idle })) return;
    this.onSettled = null;
    this.handingOver = false;
    this.unsettled = false;
    this.storeAway.back();
    this.step = 'start';
    this.checkInError = null;
    this.service = null;
    this.ticket = null;
    this.arrival = null;
    this.scanned = null;
    this.error = null;
    this.lastContact = undefined;
    this.contactNotKept = false;
    this.forgetRequest();
  }

  /**
   * True when `next` must wait for a request to settle (onSettled): one is in flight (an issue or
   * a check-in), or a ticket request's answer was lost, which is then asked again. An idle timeout
   * is never overruled by a customer's press that came before it.
   */
  private settleFirst(next: MoveOn): boolean {
    const lost = this.requestId !== null && this.sentUnderId.length > 0;
    if (!this.issuing && !this.checkingIn && !lost) return false;
    const idle = next.kind === 'reset' && next.idle;
    if (!(this.onSettled?.kind === 'reset' && this.onSettled.idle) || idle) this.onSettled = next;
    if (idle && (this.issuing || lost)) this.handingOver = true;
    if (!this.issuing && !this.checkingIn) {
      // Back on the step of the request, which shows "Getting your ticket…", then the ticket or the error.
      this.step = 'contact';
      void this.issue(this.lastLang, this.lastContact);
    }
    return true;
  }

  /** A request ended; `ticketShown`: its answer was a ticket, now on the ticket screen. */
  private settled(ticketShown: boolean): void {
    const next = this.onSettled;
    if (!next || this.issuing || this.checkingIn) return;
    this.onSettled = null;
    this.handingOver = false;
    if (ticketShown) return;
    const idle = next.kind === 'reset' && next.idle;
    if (this.requestId !== null && !idle) {
      // Still no answer: the customer stays with "try again" (their ticket may exist).
      this.unsettled = true;
      return;
    }
    // No ticket (the server refused it), or nobody there: give the request up and go on.
    this.forgetRequest();
    if (next.kind === 'reset') this.reset(next.idle);
    else if (next.kind === 'service') this.chooseService(next.service);
    else this.openAppointment();
  }

  private forgetRequest(): void {
    this.requestId = null;
    this.sentUnderId = [];
  }

  /**
   * Issues a ticket for the chosen service. After a lost answer the next request goes under the
   * same id even when the customer changed their contact details: if no earlier request reached
   * the server, the new one is issued; if one did, the server refuses the id for different
   * details (REQUEST_ID_REUSED) and the kiosk asks again with each earlier request until the one
   * the server holds answers with its ticket: one customer, one ticket, never two, however many
   * answers are lost on the way.
   */
  async issue(lang: Lang, contact?: Contact): Promise<void> {
    if (this.issuing || !this.service) return;
    this.issuing = true;
    this.error = null;
    this.unsettled = false;
    this.lastContact = contact;
    this.lastLang = lang;
    this.contactNotKept = false;
    const request = { serviceId: this.service.serviceId, priority: 'normal', lang, ...(contact ? { contact } : {}) } as const;
    const sent = JSON.stringify(request);
    const requestId = (this.requestId ??= newRequestId());
    if (!this.sentUnderId.includes(sent)) this.sentUnderId.push(sent);
    let shown = false;
    try {
      try {
        this.ticket = await this.post({ ...request, requestId });
      } catch (err) {
        if (!isReused(err)) throw err;
        this.ticket = await this.heldTicket(requestId, sent, err);
        this.contactNotKept = true;
      }
      this.forgetRequest();
      this.storeAway.back();
      this.step = 'ticket';
      shown = true;
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : 'generic';
      if (code === STORE_AWAY) {
        // Not the customer's problem, and no button to press: wait, then the kiosk asks again.
        this.error = null;
        this.storeAway.report(err instanceof ApiFailure ? err.details : null);
        return;
      }
      this.storeAway.back();
      // The kiosk's own issue cap (a minute's worth of tickets): its message says to wait a minute, not "too many attempts".
      // Its network refused for guessed device tokens (a kiosk this server has not seen yet): a few minutes.
      this.error = code === 'RATE_LIMITED' ? (causeOf(err) === 'unknown-device-tokens' ? 'KIOSK_NETWORK_LIMITED' : 'KIOSK_RATE_LIMITED') : code;
      // A refusal is an answer (no ticket was issued): the next touch is a new request.
      if (!retryable(code)) this.forgetRequest();
      if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') this.onRejected();
    } finally {
      this.issuing = false;
      this.settled(shown);
    }
  }

  /** The ticket of the earlier request the server holds under `requestId` (it refused `refused`). */
  private async heldTicket(requestId: string, refused: string, refusal: unknown): Promise<IssuedTicket> {
    for (const earlier of this.sentUnderId) {
      if (earlier === refused) continue;
      try {
        return await this.post({ ...(JSON.parse(earlier) as IssueTicketBody), requestId });
      } catch (err) {
        if (!isReused(err)) throw err; // not an answer yet: "try again" asks once more
      }
    }
    throw refusal;
  }

  private post(body: IssueTicketBody): Promise<IssuedTicket> {
    return api<IssuedTicket>('POST', `/api/v1/branches/${encodeURIComponent(this.branchId)}/tickets`, body, {
      authorization: `Bearer ${this.deviceToken}`,
    }, { timeoutMs: KIOSK_REQUEST_TIMEOUT_MS });
  }

  retry(lang: Lang): Promise<void> {
    return this.issue(lang, this.lastContact);
  }
}

/** What the kiosk was told to do while a request's outcome was not known (onSettled). */
type MoveOn = { kind: 'reset'; idle: boolean } | { kind: 'service'; service: ServiceQueueView } | { kind: 'appointment' };

const causeOf = (err: unknown) => (err instanceof ApiFailure ? err.details?.cause : undefined);
const isReused = (err: unknown) => err instanceof ApiFailure && err.code === 'REQUEST_ID_REUSED';
