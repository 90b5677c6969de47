import type { CheckInResult, IssueTicketBody, IssuedTicket, ServiceQueueView } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import { newRequestId, retryable, type Lang } from './kiosk-logic.js';
import { parseCheckIn, type CheckInRefusal } from './kiosk-checkin.js';

export type KioskStep = 'start' | 'service' | 'contact' | 'appointment' | 'ticket';

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
  /** The request that failed, kept so "try again" resends exactly what the customer chose. */
  private lastContact: Contact | undefined = undefined;
  /**
   * The id of the ticket request whose outcome is not known yet: minted on the first touch, kept
   * through failures (a retry, or a second touch of the same button, resends it), dropped once a
   * ticket is shown, the server refused the request, or the customer starts over or picks another
   * service.
   */
  private requestId: string | null = null;
  /** The request `requestId` was sent with: the server refuses the id for any other (REQUEST_ID_REUSED). */
  private requestSent: string | null = null;

  constructor(
    private readonly branchId: string,
    private readonly deviceToken: string,
    private readonly onRejected: () => void,
  ) {}

  begin(): void {
    this.step = 'service';
  }

  chooseService(service: ServiceQueueView): void {
    if (service.serviceId !== this.service?.serviceId) this.requestId = null;
    this.service = service;
    this.error = null;
    this.step = 'contact';
  }

  back(): void {
    this.error = null;
    this.checkInError = null;
    if (this.step === 'contact' || this.step === 'appointment') this.step = 'service';
    else this.reset();
  }

  openAppointment(): void {
    this.checkInError = null;
    this.step = 'appointment';
  }

  /**
   * Appointment check-in by its code (typed, or sent by a scanner reading the confirmation's QR
   * code) or by a scanned manage link: the ticket screen shows the queue ticket it issues, like a
   * walk-in's. Repeating it is harmless: the server answers a second check-in with the same ticket.
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
    try {
      this.ticket = await api<CheckInResult>('POST', `/api/v1/branches/${encodeURIComponent(this.branchId)}/check-in`, request, {
        authorization: `Bearer ${this.deviceToken}`,
      });
      this.step = 'ticket';
    } catch (err) {
      const refusal: CheckInRefusal = err instanceof ApiFailure ? { code: err.code, message: err.message, details: err.details } : { code: 'generic', message: '' };
      this.checkInError = refusal;
      if (refusal.code === 'UNAUTHENTICATED' || refusal.code === 'FORBIDDEN') this.onRejected();
    } finally {
      this.checkingIn = false;
    }
  }

  /**
   * A booking QR code read by the scanner away from the check-in field (the welcome screen, the
   * services, the last customer's ticket): straight to check-in. A refusal shows on the
   * appointment screen, with the keypad. Not while someone is typing their contact details.
   */
  async scan(text: string): Promise<void> {
    if (this.issuing || this.checkingIn || this.step === 'contact') return;
    this.error = null;
    this.service = null;
    this.ticket = null;
    this.requestId = null;
    this.step = 'appointment';
    await this.checkIn(text);
  }

  /** Back to the welcome screen, forgetting everything about the last customer. */
  reset(): void {
    if (this.issuing || this.checkingIn) return; // an answer is on its way: let it land first
    this.step = 'start';
    this.checkInError = null;
    this.service = null;
    this.ticket = null;
    this.error = null;
    this.lastContact = undefined;
    this.requestId = null;
  }

  async issue(lang: Lang, contact?: Contact): Promise<void> {
    if (this.issuing || !this.service) return;
    this.issuing = true;
    this.error = null;
    this.lastContact = contact;
    const request = { serviceId: this.service.serviceId, priority: 'normal', lang, ...(contact ? { contact } : {}) } as const;
    const sent = JSON.stringify(request);
    if (this.requestId === null || this.requestSent !== sent) {
      this.requestId = newRequestId();
      this.requestSent = sent;
    }
    const body: IssueTicketBody = { ...request, requestId: this.requestId };
    try {
      this.ticket = await api<IssuedTicket>('POST', `/api/v1/branches/${encodeURIComponent(this.branchId)}/tickets`, body, {
        authorization: `Bearer ${this.deviceToken}`,
      });
      this.requestId = null;
      this.step = 'ticket';
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : 'generic';
      this.error = code;
      // A refusal is an answer (no ticket was issued): the next touch is a new request.
      if (!retryable(code)) this.requestId = null;
      if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') this.onRejected();
    } finally {
      this.issuing = false;
    }
  }

  retry(lang: Lang): Promise<void> {
    return this.issue(lang, this.lastContact);
  }
}
