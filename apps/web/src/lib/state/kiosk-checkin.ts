import { OtherBranchDetails } from '@tellerline/contracts';
import { translate } from '$lib/i18n/translate.js';
import { dayLabel, type Lang } from './booking-logic.js';

/** Booking codes: six of A-Z and 2-9 without the look-alikes 0/O/1/I (BookedAppointment.code). */
export const CODE_LENGTH = 6;
export const CODE_KEYS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.split('');

/** What the customer typed or a scanner sent, as the server reads it: upper case, no spaces or dashes. */
export function normalizeCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

export function isCompleteCode(raw: string): boolean {
  return /^[A-Z0-9]{6}$/.test(normalizeCode(raw));
}

export type CodeKey = string | 'back' | 'clear';

/** The on-screen code keypad: bounded to the code's length. */
export function pressCodeKey(value: string, key: CodeKey): string {
  if (key === 'back') return value.slice(0, -1);
  if (key === 'clear') return '';
  const v = normalizeCode(value);
  return v.length >= CODE_LENGTH ? v : v + key;
}

/** What a refused check-in carries: the server's code, message and structured details. */
export type CheckInRefusal = { code: string; message: string; details?: Record<string, string | number | boolean> | undefined };

/** When check-in opens, on the branch's wall clock: HH:MM, and the day 'YYYY-MM-DD' when the refusal names it. */
export type CheckInOpens = { time: string; date: string | null };

/**
 * When check-in opens, for CHECK_IN_TOO_EARLY: the refusal's `details.opensAtLocal` (the
 * branch's wall clock, so it is right whatever the kiosk's own clock says) and the day of
 * `details.opensAt` (ISO 8601 with the branch's offset, so its date is the branch's); null when absent.
 */
export function opensAtOf(refusal: CheckInRefusal): CheckInOpens | null {
  if (refusal.code !== 'CHECK_IN_TOO_EARLY') return null;
  const at = refusal.details?.opensAtLocal;
  if (typeof at !== 'string' || !/^\d{2}:\d{2}$/.test(at)) return null;
  const iso = refusal.details?.opensAt;
  const date = typeof iso === 'string' ? (/^(\d{4}-\d{2}-\d{2})T/.exec(iso)?.[1] ?? null) : null;
  return { time: at, date };
}

/** An instant on a time zone's wall clock: 'YYYY-MM-DD' and 'HH:MM'. Throws (RangeError) for a zone Intl does not know. */
export function wallClockIn(instant: number, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** Today's date 'YYYY-MM-DD' in a time zone; null when the zone is unknown to Intl. */
function dateIn(now: number, timeZone: string): string | null {
  try {
    return wallClockIn(now, timeZone).date;
  } catch {
    return null;
  }
}

/**
 * "Come back at 08:30", or "on Tue 1 Dec at 08:30" when check-in does not open today in the
 * branch's time zone (a customer a day early must not come back at 08:30 today). `keys.at`
 * takes {time}; `keys.on` takes {date} and {time}.
 */
export function tooEarlyText(opens: CheckInOpens, now: number, timeZone: string, lang: Lang, keys: { at: string; on: string }): string {
  if (opens.date === null || opens.date === dateIn(now, timeZone)) return translate(lang, keys.at, { time: opens.time });
  return translate(lang, keys.on, { date: dayLabel(opens.date, lang), time: opens.time });
}

/**
 * What a check-in sends: the code, or the manage token of a scanned manage link; or, for a
 * remote-queue ticket's phone page (`…/t/<ticketToken>`, its QR), the ticket token, which the
 * kiosk sends to POST /arrive instead (the holder is in the branch now).
 */
export type CheckInRequest = { code: string } | { manageToken: string } | { ticketToken: string };

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Reads what the customer typed or a barcode scanner typed (keyboard wedge): the six-character
 * code (the confirmation's QR code holds exactly that), or a URL carrying it: a manage link
 * `…/a/<manageToken>`, or any link with `?code=<code>`; or a ticket's phone page `…/t/<ticketToken>`
 * (a remote-queue ticket's holder checking in). Null when it is none of these.
 */
export function parseCheckIn(raw: string): CheckInRequest | null {
  const text = raw.trim();
  if (/^[A-Za-z0-9\s-]+$/.test(text) && isCompleteCode(text)) return { code: normalizeCode(text) };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const link = /\/([at])\/([^/?#]+)\/?$/.exec(url.pathname);
  if (link) {
    let token = link[2]!;
    try {
      token = decodeURIComponent(token);
    } catch {
      return null;
    }
    if (!TOKEN.test(token)) return null;
    return link[1] === 'a' ? { manageToken: token } : { ticketToken: token };
  }
  const code = url.searchParams.get('code');
  return code && isCompleteCode(code) ? { code: normalizeCode(code) } : null;
}

/**
 * The language a scanned link asks for (`?lang=zh` / `?lang=en`, as the phone's ticket page and the
 * booking confirmation carry it), or null. The welcome screen is in both languages: a scan there
 * answers in the customer's language, not in whatever the last customer chose.
 */
export function scanLang(raw: string): 'zh' | 'en' | null {
  try {
    const lang = new URL(raw.trim()).searchParams.get('lang');
    return lang === 'zh' || lang === 'en' ? lang : null;
  } catch {
    return null;
  }
}

/**
 * A scanned link (a ticket's phone page, a manage link, a link with `?code=`), as opposed to a bare
 * booking code: nothing a customer types into a phone number or e-mail field, so the contact step
 * can hear it there without taking a typed number for a code.
 */
export function isCheckInLink(raw: string): boolean {
  return parseCheckIn(raw) !== null && /^https?:\/\//i.test(raw.trim());
}

/** Keys further apart than this start a new scan: a scanner types a whole code in a few ms. */
export const SCAN_GAP_MS = 300;
/**
 * How long a scanned link may stall and still be one scan: a kiosk busy for a moment (a garbage
 * collection, a redraw) can hold a scanner's keys back well past SCAN_GAP_MS in the middle of a
 * link. Longer than that, the customer has long given up on that scan.
 */
export const LINK_STALL_MS = 3_000;
/**
 * A burst: keys this close on average, Enter included. A scanner types a key every few ms (more
 * on a busy kiosk); even a fast typist averages over 80 ms a key, so typing by hand is no burst.
 */
export const BURST_KEY_MS = 50;
const BURST_MIN_KEYS = 4;
export const SCAN_MAX = 600;
/** The start of a check-in link (isCheckInLink): what a stall may not cut in two. */
const LINK_START = /^https?:\/\//i;

/** What a burst of keys ended by Enter typed, and whether it came too fast to be typed by hand. */
export type KeysEnded = { text: string; burst: boolean };

/**
 * A barcode scanner is a keyboard: it types the QR code's text and presses Enter. Where no text
 * field has the focus (the welcome screen, a keypad button just tapped) the screen feeds its key
 * presses here; Enter after a check-in payload returns it. Slow typing starts over, so a stray
 * key press long ago is not glued to the next scan.
 *
 * Except inside a scanned link: text that already starts like a check-in link (http:// or
 * https://) and came at a scanner's pace is kept across a stall of up to LINK_STALL_MS (and
 * SCAN_MAX characters), so Enter reads the whole link, not just the tail typed after the stall
 * (which is no check-in, and the customer's scan would be lost). How the kept text's timing
 * counts, so that `burst` stays honest:
 * - only text typed at burst pace is kept: "http://" typed by hand is never glued to later keys;
 * - the stall itself is not counted (it is the kiosk's, not the typist's), but the keys after it
 *   must come at burst pace again on their own: a scanner's fast head does not lend its pace to
 *   keys then typed by hand (averaged together, it could);
 * - when the keys after the stall start a link of their own, they are a new scan (a scanner that
 *   lost its Enter, then the customer scanning again): the kept head is dropped.
 */
export class ScanBuffer {
  private text = '';
  /** Keys in `text` (it is cut to SCAN_MAX; this is not). */
  private keys = 0;
  /** Where the keys since the last bridged stall begin in `text`, when they began, and how many. */
  private runAt = 0;
  private runFirst = -Infinity;
  private runKeys = 0;
  private last = -Infinity;

  /** True when a key at `at` ms would begin a new scan: nothing pending, or the last key too long ago. */
  startsScan(at: number): boolean {
    return this.text === '' || (at - this.last > SCAN_GAP_MS && !this.bridges(at));
  }

  /** One key press (`KeyboardEvent.key`) at `at` ms; the scanned text when it completes a check-in scan. */
  key(key: string, at: number): string | null {
    const ended = this.press(key, at);
    return ended && parseCheckIn(ended.text) ? ended.text : null;
  }

  /** One key press at `at` ms; on Enter after some text, that text and whether it came as a burst. */
  press(key: string, at: number): KeysEnded | null {
    if (this.startsScan(at)) {
      this.text = '';
      this.keys = 0;
      this.startRun(at);
    } else if (at - this.last > SCAN_GAP_MS) {
      this.startRun(at); // a stalled link, kept (bridges)
    }
    this.last = at;
    if (key === 'Enter') {
      let { text, keys } = this;
      const run = text.slice(this.runAt);
      if (this.runAt > 0 && LINK_START.test(run)) {
        text = run;
        keys = this.runKeys;
      }
      // No keys since a stall: the Enter alone came late; the kept keys were judged when kept.
      const pace = this.runKeys === 0 ? 0 : (at - this.runFirst) / this.runKeys;
      this.text = '';
      if (text === '') return null;
      return { text, burst: keys >= BURST_MIN_KEYS && pace <= BURST_KEY_MS };
    }
    if (key.length === 1) {
      const cut = Math.max(0, this.text.length + 1 - SCAN_MAX);
      this.text = (this.text + key).slice(cut);
      this.runAt = Math.max(0, this.runAt - cut);
      this.keys += 1;
      this.runKeys += 1;
    }
    return null;
  }

  /**
   * Whether a key at `at`, after more than SCAN_GAP_MS, still belongs to the pending text: it is
   * the start of a link, it came at a scanner's pace since the last stall, and the stall is short.
   */
  private bridges(at: number): boolean {
    if (at - this.last > LINK_STALL_MS || !LINK_START.test(this.text)) return false;
    return this.runKeys < 2 || (this.last - this.runFirst) / (this.runKeys - 1) <= BURST_KEY_MS;
  }

  private startRun(at: number): void {
    this.runAt = this.text.length;
    this.runFirst = at;
    this.runKeys = 0;
  }
}

/**
 * What a screen does with keys ended by Enter (ScanBuffer.press): `check-in` (a scan: check in with
 * its text), `ignore` (a scanner's burst that is no check-in: its Enter must press nothing), or
 * null (not the scanner's: left to the field and form that have the focus).
 *
 * `inFields`: the contact step, where the keys also land in its phone or e-mail field. There a
 * link checks in however it came, a bare booking code only as a burst (typed by hand it is a wrong
 * phone number, said so at the field), and every other burst is ignored, whatever it looks like:
 * a promotion's QR code, or a product or loyalty card's barcode, which is digits just like a phone
 * number. Nobody types a phone number or an address at a scanner's pace (BURST_KEY_MS), so what
 * comes that fast was never meant for the field, and the step puts its fields back. Elsewhere only
 * a check-in is heard: the keys go to no field there.
 */
export function scanOutcome(ended: KeysEnded, inFields: boolean): 'check-in' | 'ignore' | null {
  const checkIn = parseCheckIn(ended.text) !== null;
  if (!inFields) return checkIn ? 'check-in' : null;
  if (checkIn && (ended.burst || isCheckInLink(ended.text))) return 'check-in';
  return ended.burst ? 'ignore' : null;
}

/**
 * The reason shown for a refused check-in: one of the kiosk.checkin.error.* keys, or the kiosk's
 * network refused for guessed device tokens (`details.cause`), which no code typed here caused.
 */
export function checkInErrorKey(code: string, cause?: unknown): string {
  if (code === 'RATE_LIMITED' && cause === 'unknown-device-tokens') return 'error.KIOSK_NETWORK_LIMITED';
  switch (code) {
    case 'CHECK_IN_TOO_EARLY':
    case 'CHECK_IN_CLOSED':
    case 'APPOINTMENT_NOT_FOUND':
    case 'APPOINTMENT_CANCELLED':
    case 'APPOINTMENT_MISSED':
    case 'VALIDATION_FAILED':
    // A scanned ticket link that is no remote-queue ticket here today.
    case 'UNKNOWN_TICKET':
    case 'BUSY_RETRY':
    case 'NO_CONNECTION':
    case 'TEMPORARILY_UNAVAILABLE':
    // Wrong codes past the kiosk's limit: retrying would not help, staff can.
    case 'RATE_LIMITED':
      return `kiosk.checkin.error.${code}`;
    default:
      return 'kiosk.checkin.error.generic';
  }
}

/**
 * A scanned ticket that does not check in: taken in the branch, gone from the queue (and how), or
 * another branch's (`branch`: that branch's name, the only thing said about it besides the number).
 */
export type ScannedTicket = { number: string; outcome: 'not-needed' | 'done' | 'cancelled' | 'no-show' } | { number: string; outcome: 'other-branch'; branch: OtherBranchDetails['branchName'] };

/**
 * The refusals of a scanned ticket that are no refusal to its holder: a paper ticket
 * (CHECK_IN_NOT_NEEDED), one of this branch's tickets that has left the queue (TICKET_ENDED), or a
 * ticket of another branch (OTHER_BRANCH). Null for every other refusal, and for an answer
 * without the number (or, for another branch's ticket, without that branch's name).
 */
export function scannedTicketOf(refusal: CheckInRefusal): ScannedTicket | null {
  if (refusal.code === 'OTHER_BRANCH') {
    const other = OtherBranchDetails.safeParse(refusal.details);
    return other.success ? { number: other.data.number, outcome: 'other-branch', branch: other.data.branchName } : null;
  }
  const number = refusal.details?.number;
  if (typeof number !== 'string') return null;
  if (refusal.code === 'CHECK_IN_NOT_NEEDED') return { number, outcome: 'not-needed' };
  const status = refusal.details?.status;
  if (refusal.code === 'TICKET_ENDED' && (status === 'done' || status === 'cancelled' || status === 'no-show')) return { number, outcome: status };
  return null;
}
