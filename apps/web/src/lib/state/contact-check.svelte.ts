import type { ContactChannel, ContactCheckStarted } from '@tellerline/contracts';
import { api, ApiFailure } from '$lib/api.js';
import type { Lang } from './booking-logic.js';
import { codeErrorText, isWrongCode, NEEDS_NEW_CODE, sameAddress, secondsUntil } from './contact-check-logic.js';

/** Where each channel's codes are asked for, and the body field that carries the address. */
const REQUEST = { sms: { path: '/api/v1/phone-checks', field: 'phone' }, email: { path: '/api/v1/email-checks', field: 'email' } } as const;

/**
 * One code for the booking page, texted to a phone number or mailed to an e-mail address: asks the
 * server to send it, counts down to when a new one may be asked for (the server's minute between
 * codes), and keeps the refusal to show. The clock ticks only while a countdown runs.
 */
export class ContactCheck {
  checkId = $state<string | null>(null);
  /** The number or address the code went to, as the customer typed it. */
  to = $state<string | null>(null);
  expiresAt = $state(0);
  resendAt = $state(0);
  now = $state(Date.now());
  sending = $state(false);
  /** The last refusal's code (sending or booking), null when none. */
  error = $state<string | null>(null);
  triesLeft = $state<number | null>(null);
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(readonly channel: ContactChannel) {}

  /** Seconds until a new code may be asked for (0: now). */
  get resendIn(): number {
    return secondsUntil(this.resendAt, this.now);
  }

  /** The refusal as the page words it (key and values), or null. */
  get errorText(): { key: string; params: Record<string, number> } | null {
    return this.error ? codeErrorText(this.channel, this.error, this.triesLeft) : null;
  }

  /** A code sent to this number or address that may still be typed (not expired, not voided). */
  usableFor(to: string): boolean {
    return this.checkId !== null && this.to !== null && sameAddress(this.channel, this.to, to) && Date.now() < this.expiresAt;
  }

  /** Sends a new code; resolves whether it went. A refusal (RATE_LIMITED: its wait) is kept in `error`. */
  async send(branchId: string, to: string, lang: Lang): Promise<boolean> {
    if (this.sending) return false;
    this.sending = true;
    this.error = null;
    this.triesLeft = null;
    try {
      const { path, field } = REQUEST[this.channel];
      const started = await api<ContactCheckStarted>('POST', path, { branchId, [field]: to, lang });
      this.checkId = started.checkId;
      this.to = to;
      this.expiresAt = started.expiresAt;
      this.countDown(Date.now() + started.resendAfterSec * 1000);
      return true;
    } catch (err) {
      this.error = err instanceof ApiFailure ? err.code : 'generic';
      const wait = err instanceof ApiFailure ? Number(err.details?.retryAfterSec) : NaN;
      if (this.error === 'RATE_LIMITED' && Number.isFinite(wait)) this.countDown(Date.now() + wait * 1000);
      return false;
    } finally {
      this.sending = false;
    }
  }

  /** A booking with this code was refused by the check: a wrong code keeps the check, the others end it. */
  refused(code: string, details?: Record<string, unknown>): void {
    this.error = code;
    this.triesLeft = isWrongCode(code) ? Number(details?.triesLeft ?? 0) : null;
    if (NEEDS_NEW_CODE.has(code) || (isWrongCode(code) && this.triesLeft === 0)) this.checkId = null;
  }

  /** Forgets the code (another number or address, or the page left). */
  reset(): void {
    this.checkId = null;
    this.to = null;
    this.error = null;
    this.triesLeft = null;
    this.stop();
  }

  private countDown(until: number): void {
    this.resendAt = until;
    this.now = Date.now();
    this.stop();
    this.timer = setInterval(() => {
      this.now = Date.now();
      if (this.now >= this.resendAt) this.stop();
    }, 1000);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
