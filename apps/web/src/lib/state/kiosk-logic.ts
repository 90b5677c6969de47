import type { IssueTicketBody } from '@tellerline/contracts';
import { isEmailAddress, isPhoneNumber, normalizePhone, phoneProblem } from '@tellerline/contracts/input-rules';

export type Lang = 'zh' | 'en';

/** The keypad's limit; the server's rule (IssueTicketBody) is looser, never stricter. */
export const PHONE_MAX = 15;

/** The server's own rules, so the kiosk never sends a contact it refuses. */
export function isValidPhone(value: string): boolean {
  // Digits counted as typed (full-width ones from a hardware keyboard too), not after the stored
  // form adds the country code: the keypad's limit is on what the customer types.
  return isPhoneNumber(value) && value.normalize('NFKC').replace(/\D/g, '').length <= PHONE_MAX;
}

export function isValidEmail(value: string): boolean {
  return isEmailAddress(value.trim());
}

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'back' | 'clear';

/** The on-screen keypad: digits only, bounded, so a stuck finger cannot grow the field forever. */
export function pressKey(value: string, key: KeypadKey): string {
  if (key === 'back') return value.slice(0, -1);
  if (key === 'clear') return '';
  return value.length >= PHONE_MAX ? value : value + key;
}

/** Groups a mainland mobile number as 3-4-4 for reading back to the customer; others unchanged. */
export function readBackPhone(value: string): string {
  const d = value.replace(/\D/g, '');
  if (d.length !== 11) return value;
  return `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`;
}

export type ContactKind = 'phone' | 'email';

export type ContactInput = { kind: ContactKind; value: string; consent: boolean };

/**
 * The contact part of the issue request, or why it cannot be sent. Nothing is sent without the
 * explicit consent tick: notices are opt-in, and an empty field means "no notices".
 */
export function contactFor(input: ContactInput): { ok: true; contact: NonNullable<IssueTicketBody['contact']> } | { ok: false; reason: 'empty' | 'invalid' | 'mobileDigits' | 'countryCode' | 'consent' } {
  const value = input.value.trim();
  if (!value) return { ok: false, reason: 'empty' };
  // A mainland mobile a digit short (or long) is named as such: "enter an 11-digit mobile number";
  // a visitor's number without its country code (it would be read as +86) asks for it.
  const phone = input.kind === 'phone' ? phoneProblem(value) : null;
  if (phone === 'mobileDigits' || phone === 'countryCode') return { ok: false, reason: phone };
  if (input.kind === 'phone' ? !isValidPhone(value) : !isValidEmail(value)) return { ok: false, reason: 'invalid' };
  if (!input.consent) return { ok: false, reason: 'consent' };
  return { ok: true, contact: input.kind === 'phone' ? { phone: normalizePhone(value), consent: true } : { email: value, consent: true } };
}

/**
 * The server refused what was sent as malformed. Only the contact can be (the rest the kiosk
 * fills in itself), so it is the field's fault, not a failure that "try again" could mend.
 */
export function contactRefused(code: string | null): boolean {
  return code === 'VALIDATION_FAILED';
}

/**
 * What to mark on the contact form: the server's refusal of the contact sent, else what is wrong
 * with the input once the customer tried to send it (nothing for an empty field: that is "skip").
 */
export function contactProblem(check: ReturnType<typeof contactFor>, touched: boolean, refusal: string | null): 'invalid' | 'mobileDigits' | 'countryCode' | 'consent' | null {
  if (contactRefused(refusal)) return 'invalid';
  return touched && !check.ok && check.reason !== 'empty' ? check.reason : null;
}

/** The phone page the QR code opens, in the language the customer chose at the kiosk. */
export function phonePageUrl(origin: string, token: string, lang: Lang): string {
  return `${origin}/t/${encodeURIComponent(token)}?lang=${lang}`;
}

/**
 * A fresh id for one issue request (IssueTicketBody.requestId: 8-64 of [A-Za-z0-9_-]): 16 random
 * bytes as base64url, 22 characters. getRandomValues works on plain http too (a kiosk on the
 * branch LAN), where crypto.randomUUID is not available.
 */
export function newRequestId(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(16));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const DEVICE_KEY = 'tellerline.kiosk.device';

/**
 * Device pairing: `?device=<token>` once stores the token and is removed from the address (so it
 * is not left on screen or in history); later loads use the stored token.
 */
export function resolveDevice(href: string, storage: Pick<Storage, 'getItem' | 'setItem'>): { token: string | null; cleanUrl: string | null } {
  const url = new URL(href);
  const fromUrl = url.searchParams.get('device');
  if (fromUrl) {
    storage.setItem(DEVICE_KEY, fromUrl);
    url.searchParams.delete('device');
    return { token: fromUrl, cleanUrl: url.pathname + url.search + url.hash };
  }
  return { token: storage.getItem(DEVICE_KEY), cleanUrl: null };
}

/** `?branch=<id>` if given and known, else the first branch. */
export function pickBranch<B extends { id: string }>(branches: readonly B[], wanted: string | null): B | null {
  if (wanted) return branches.find((b) => b.id === wanted) ?? null;
  return branches[0] ?? null;
}

/** A newer queue summary replaces an older one; a late, older one is ignored. */
export function isNewer(incomingSeq: number, currentSeq: number): boolean {
  return incomingSeq >= currentSeq;
}

/** Receipt paper: 80 mm is the common roll; 58 mm for small printers (`?paper=58`). */
export function paperWidth(param: string | null): 58 | 80 {
  return param === '58' ? 58 : 80;
}

/** Issue time on the receipt, in the branch's own time zone (the kiosk's clock zone may differ). */
export function receiptTime(at: number, timeZone: string, lang: Lang): string {
  try {
    return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(at);
  } catch {
    return new Date(at).toISOString().slice(0, 16).replace('T', ' ');
  }
}

/**
 * Refusals that the same request would get again: the kiosk offers no retry for them, only the
 * way back (the service went appointment-only meanwhile, or no longer exists; the branch has
 * closed, which the start screen then says) or a correction
 * (a contact the server refuses; a request id already used for another request).
 */
const FINAL_REFUSALS = new Set(['SERVICE_APPOINTMENT_ONLY', 'UNKNOWN_SERVICE', 'VALIDATION_FAILED', 'REQUEST_ID_REUSED', 'BRANCH_CLOSED', 'BRANCH_INACTIVE', 'PRIORITY_NOT_ALLOWED']);

/** Whether pressing "try again" can help after this refusal (network trouble, a busy server: yes). */
export function retryable(code: string): boolean {
  return !FINAL_REFUSALS.has(code);
}
