import { describe, expect, it } from 'vitest';
import { translate } from '$lib/i18n/translate.js';
import { BURST_KEY_MS, CODE_KEYS, LINK_STALL_MS, ScanBuffer, SCAN_GAP_MS, SCAN_MAX, scanOutcome, checkInErrorKey, isCheckInLink, isCompleteCode, normalizeCode, opensAtOf, parseCheckIn, pressCodeKey, tooEarlyText, scannedTicketOf, scanLang } from './kiosk-checkin.js';

describe('kiosk appointment check-in', () => {
  it('offers the code alphabet without look-alikes', () => {
    expect(CODE_KEYS).toHaveLength(32);
    for (const c of ['0', 'O', '1', 'I']) expect(CODE_KEYS).not.toContain(c);
  });

  it('reads codes as the server does', () => {
    expect(normalizeCode(' ab-c 23d ')).toBe('ABC23D');
    expect(isCompleteCode('abc-23d')).toBe(true);
    expect(isCompleteCode('1234')).toBe(false);
  });

  it('keypad is bounded to six characters', () => {
    let v = '';
    for (const k of 'ABCDEFGH') v = pressCodeKey(v, k);
    expect(v).toBe('ABCDEF');
    expect(pressCodeKey(v, 'back')).toBe('ABCDE');
    expect(pressCodeKey(v, 'clear')).toBe('');
  });

  it('takes the opening time from the refusal details, not the message', () => {
    const details = { opensAt: '2026-03-02T09:00:00+08:00', opensAtLocal: '09:00' };
    expect(opensAtOf({ code: 'CHECK_IN_TOO_EARLY', message: 'whatever', details })).toEqual({ time: '09:00', date: '2026-03-02' });
    expect(opensAtOf({ code: 'CHECK_IN_TOO_EARLY', message: '', details: { opensAtLocal: '09:00' } })).toEqual({ time: '09:00', date: null });
    expect(opensAtOf({ code: 'CHECK_IN_TOO_EARLY', message: 'Check-in opens at 09:00' })).toBeNull();
    expect(opensAtOf({ code: 'CHECK_IN_CLOSED', message: '', details })).toBeNull();
    expect(opensAtOf({ code: 'CHECK_IN_TOO_EARLY', message: '', details: { opensAtLocal: '<b>' } })).toBeNull();
  });

  it('says the day too when check-in does not open today in the branch time zone', () => {
    const keys = { at: 'kiosk.checkin.error.tooEarlyAt', on: 'kiosk.checkin.error.tooEarlyOn' };
    const opens = opensAtOf({ code: 'CHECK_IN_TOO_EARLY', message: '', details: { opensAt: '2026-12-01T08:30:00+08:00', opensAtLocal: '08:30' } })!;
    // 08:01 on 30 Nov in Shanghai (00:01 UTC): check-in opens tomorrow.
    const eve = Date.parse('2026-11-30T08:01:00+08:00');
    expect(tooEarlyText(opens, eve, 'Asia/Shanghai', 'en', keys)).toBe('Too early to check in: please come back on Tue 1 Dec at 08:30.');
    expect(tooEarlyText(opens, eve, 'Asia/Shanghai', 'zh', keys)).toBe('签到时间未到，请于 12月1日周二 08:30 后再来签到。');
    const manage = { at: 'appt.checkIn.tooEarlyAt', on: 'appt.checkIn.tooEarlyOn' };
    expect(tooEarlyText(opens, eve, 'Asia/Shanghai', 'en', manage)).toBe('Too early to check in: please check in from 08:30 on Tue 1 Dec.');
    expect(tooEarlyText(opens, eve, 'Asia/Shanghai', 'zh', manage)).toBe('签到时间未到，请于 12月1日周二 08:30 后再签到。');
    // 07:30 on 1 Dec in Shanghai is still 30 Nov in UTC: the branch's day counts, so the time alone.
    const morning = Date.parse('2026-12-01T07:30:00+08:00');
    expect(tooEarlyText(opens, morning, 'Asia/Shanghai', 'en', keys)).toBe('Too early to check in: please come back at 08:30.');
    expect(tooEarlyText(opens, morning, 'Asia/Shanghai', 'zh', keys)).toBe('签到时间未到，请于 08:30 后再来签到。');
    // No date in the refusal: the time as before.
    expect(tooEarlyText({ time: '08:30', date: null }, eve, 'Asia/Shanghai', 'en', keys)).toBe('Too early to check in: please come back at 08:30.');
  });

  it('reads a typed or scanned code, a manage link, or a link with ?code=', () => {
    expect(parseCheckIn(' abc-23d ')).toEqual({ code: 'ABC23D' });
    expect(parseCheckIn('https://bank.example/a/AbC_def-1234567890xyz')).toEqual({ manageToken: 'AbC_def-1234567890xyz' });
    expect(parseCheckIn('http://127.0.0.1:5173/a/AbC_def-1234567890xyz/?lang=en')).toEqual({ manageToken: 'AbC_def-1234567890xyz' });
    expect(parseCheckIn('https://bank.example/checkin?code=abc23d')).toEqual({ code: 'ABC23D' });
    // A case-sensitive token survives (never upper-cased).
    expect(parseCheckIn('https://x.example/a/aaaaBBBBccccDDDD')).toEqual({ manageToken: 'aaaaBBBBccccDDDD' });
    for (const bad of ['', 'ABC', 'ABCDEFG', 'javascript:alert(1)', 'https://x.example/a/short', 'https://x.example/t/short', 'https://x.example/t/aaaa%ZZBBBBccccDDDD', 'ftp://x/a/aaaaBBBBccccDDDD', 'ftp://x/t/aaaaBBBBccccDDDD']) {
      expect(parseCheckIn(bad), bad).toBeNull();
    }
  });

  it('reads a scanned phone ticket page as a remote-queue arrival, token exactly as sent', () => {
    expect(parseCheckIn('https://bank.example/t/AbC_def-1234567890xyz')).toEqual({ ticketToken: 'AbC_def-1234567890xyz' });
    // The kiosk's own ticket QR (and the phone's) carries the language: it is not part of the token.
    expect(parseCheckIn(' http://127.0.0.1:5173/t/aaaaBBBBccccDDDD?lang=en ')).toEqual({ ticketToken: 'aaaaBBBBccccDDDD' });
    expect(parseCheckIn('https://bank.example/t/aaaaBBBBccccDDDD/')).toEqual({ ticketToken: 'aaaaBBBBccccDDDD' });
    // Ends a scan like a booking QR code does.
    const scan = new ScanBuffer();
    let t = 0;
    for (const k of 'https://b.example/t/aaaaBBBBccccDDDD?lang=zh') scan.key(k, (t += 2));
    expect(scan.key('Enter', (t += 2))).toBe('https://b.example/t/aaaaBBBBccccDDDD?lang=zh');
  });

  it('words an unknown ticket in both languages', () => {
    const key = checkInErrorKey('UNKNOWN_TICKET');
    expect(key).toBe('kiosk.checkin.error.UNKNOWN_TICKET');
    expect(translate('en', key)).toMatch(/not in today's queue at this branch/);
    expect(translate('zh', key)).toMatch(/今天的队列中没有这张票/);
    // A paper ticket is not "unknown": it has its own, kind words with its number.
    expect(translate('en', 'kiosk.arrived.not-needed', { number: 'A007' })).toBe('A007 was taken here in the branch: it needs no check-in.');
    expect(translate('zh', 'kiosk.arrived.not-needed', { number: 'A007' })).toBe('A007 号是在网点取的号，无需签到。');
  });

  it('tells a scanned paper ticket or a ticket gone from the queue from a refusal', () => {
    expect(scannedTicketOf({ code: 'CHECK_IN_NOT_NEEDED', message: '', details: { number: 'A007' } })).toEqual({ number: 'A007', outcome: 'not-needed' });
    expect(scannedTicketOf({ code: 'TICKET_ENDED', message: '', details: { number: 'A008', status: 'no-show' } })).toEqual({ number: 'A008', outcome: 'no-show' });
    expect(scannedTicketOf({ code: 'TICKET_ENDED', message: '', details: { number: 'A009', status: 'done' } })).toEqual({ number: 'A009', outcome: 'done' });
    // Anything else stays a refusal: an unknown status, no number, another code.
    expect(scannedTicketOf({ code: 'TICKET_ENDED', message: '', details: { number: 'A009', status: 'waiting' } })).toBeNull();
    expect(scannedTicketOf({ code: 'CHECK_IN_NOT_NEEDED', message: '' })).toBeNull();
    expect(scannedTicketOf({ code: 'UNKNOWN_TICKET', message: '', details: { number: 'A007' } })).toBeNull();
    expect(translate('zh', 'kiosk.arrived.no-show', { number: 'A008' })).toBe('A008 号已过号。');
    expect(translate('en', 'kiosk.arrived.newTicket')).toBe('If you still need service, please take a new ticket here or ask the staff.');
  });

  it("tells another branch's ticket apart, by its number and that branch's name, in both languages", () => {
    const branchName = { zh: '北区支行', en: 'North Branch' };
    expect(scannedTicketOf({ code: 'OTHER_BRANCH', message: '', details: { number: 'B004', branchName } as never })).toEqual({ number: 'B004', outcome: 'other-branch', branch: branchName });
    // Without the branch's name it is no answer to show: a refusal.
    expect(scannedTicketOf({ code: 'OTHER_BRANCH', message: '', details: { number: 'B004' } })).toBeNull();
    expect(translate('zh', 'kiosk.arrived.other-branch', { number: 'B004', branch: branchName.zh })).toBe('B004 号是北区支行的号，无法在本网点签到。');
    expect(translate('en', 'kiosk.arrived.other-branch', { number: 'B004', branch: branchName.en })).toBe('B004 is a ticket for North Branch: it cannot be checked in here.');
  });

  it('tells a scanned link from a typed number or a bare code', () => {
    expect(isCheckInLink('https://bank.example/t/aaaaBBBBccccDDDDeeee?lang=zh')).toBe(true);
    expect(isCheckInLink('http://bank.example/a/aaaaBBBBccccDDDDeeee')).toBe(true);
    for (const typed of ['ABC23D', '138001', '13800138000', 'me@example.com', 'https://bank.example/about']) expect(isCheckInLink(typed), typed).toBe(false);
  });

  it('says when a key begins a new burst (where the contact step notes its fields)', () => {
    const scan = new ScanBuffer();
    expect(scan.startsScan(0)).toBe(true);
    scan.key('h', 0);
    expect(scan.startsScan(5)).toBe(false);
    expect(scan.startsScan(5 + SCAN_GAP_MS + 1)).toBe(true);
    scan.key('t', 5);
    scan.key('Enter', 10);
    expect(scan.startsScan(12)).toBe(true);
  });

  it('tells a scanner burst from keys typed by hand, whatever they typed', () => {
    const scan = new ScanBuffer();
    let t = 0;
    const typed = (text: string, gap: number) => {
      for (const k of text) expect(scan.press(k, (t += gap))).toBeNull();
      return scan.press('Enter', (t += gap));
    };
    // The booking page's QR code holds the bare code; a scanner types it in a few ms.
    expect(typed('ABCD23', 5)).toEqual({ text: 'ABCD23', burst: true });
    t += SCAN_GAP_MS + 1;
    expect(typed('https://www.example-bank.com/promo', 3)).toEqual({ text: 'https://www.example-bank.com/promo', burst: true });
    // A person, even a fast one (80 ms a key), or a busy kiosk's scanner just over the limit.
    t += SCAN_GAP_MS + 1;
    expect(typed('ABCD23', 80)).toEqual({ text: 'ABCD23', burst: false });
    t += SCAN_GAP_MS + 1;
    expect(typed('ABCD23', BURST_KEY_MS + 1)).toEqual({ text: 'ABCD23', burst: false });
    // Too short to tell; Enter alone is nothing.
    t += SCAN_GAP_MS + 1;
    expect(typed('12', 1)).toEqual({ text: '12', burst: false });
    expect(scan.press('Enter', (t += 1))).toBeNull();
  });

  it("hears a scanner's burst on the contact step only as a check-in or as nothing: a loyalty card's digits are no phone number", () => {
    const link = 'https://bank.example/t/aaaaBBBBccccDDDDeeee?lang=zh';
    // In the phone or e-mail field.
    expect(scanOutcome({ text: link, burst: true }, true)).toBe('check-in');
    expect(scanOutcome({ text: link, burst: false }, true)).toBe('check-in');
    expect(scanOutcome({ text: 'ABCD23', burst: true }, true)).toBe('check-in');
    for (const scanned of ['6901234567892', '12345678', '98765432101234', '13800138000', 'https://www.example-bank.com/promo', 'WIFI:S:Bank;;', 'li.na@qq.com']) {
      expect(scanOutcome({ text: scanned, burst: true }, true), scanned).toBe('ignore');
    }
    // Typed by hand: the field's own, Enter submits the form as ever (a code there is a wrong number).
    for (const typed of ['13800138000', '+86 138-0013-8000', 'li.na@qq.com', 'ABCD23', 'hello']) expect(scanOutcome({ text: typed, burst: false }, true), typed).toBeNull();
    // No field: a check-in, burst or not; anything else is left alone.
    expect(scanOutcome({ text: 'ABCD23', burst: false }, false)).toBe('check-in');
    expect(scanOutcome({ text: '6901234567892', burst: true }, false)).toBeNull();
  });

  it("a digit barcode scanned into the phone field is ignored, a number typed by hand is the field's", () => {
    const scan = new ScanBuffer();
    let t = 0;
    const typed = (text: string, gap: number) => {
      for (const k of text) scan.press(k, (t += gap));
      return scanOutcome(scan.press('Enter', (t += gap))!, true);
    };
    expect(typed('6901234567892', 4)).toBe('ignore');
    t += SCAN_GAP_MS + 1;
    expect(typed('13800138000', 90)).toBeNull();
  });

  it('keeps a scanned link across a stall of the busy kiosk, so Enter reads all of it', () => {
    const link = 'https://bank.example/t/aaaaBBBBccccDDDDeeee?lang=en';
    const stalled = (at: number, stall: number) => {
      const scan = new ScanBuffer();
      let t = 1000;
      for (const [i, k] of [...link].entries()) {
        t += i === at ? stall : 3;
        // The contact step notes its fields only once: the stall is no new scan.
        if (i > 0) expect(scan.startsScan(t)).toBe(i === at && stall > LINK_STALL_MS);
        expect(scan.press(k, t)).toBeNull();
      }
      return scan.press('Enter', t + 3);
    };
    // 500 ms lost after "https://bank.exam": the whole link, and still a scanner's burst.
    expect(stalled(17, 500)).toEqual({ text: link, burst: true });
    expect(stalled(8, LINK_STALL_MS)).toEqual({ text: link, burst: true });
    // Longer than that, the scan was given up long ago: only what came after is read.
    expect(stalled(17, LINK_STALL_MS + 1)?.text).toBe(link.slice(17));
    // A stall just before Enter.
    const scan = new ScanBuffer();
    let t = 0;
    for (const k of link) scan.press(k, (t += 3));
    expect(scan.press('Enter', t + 800)).toEqual({ text: link, burst: true });
    expect(scan.key('Enter', t + 810)).toBeNull();
  });

  it('keeps no text but a link across a stall, nor one typed by hand, nor past SCAN_MAX', () => {
    let scan = new ScanBuffer();
    let t = 0;
    const keys = (text: string, gap: number) => {
      for (const k of text) scan.press(k, (t += gap));
    };
    // A bare code's head is no link: after the gap only its tail is read, as before.
    keys('ABC', 3);
    t += SCAN_GAP_MS + 1;
    keys('23D', 3);
    expect(scan.press('Enter', (t += 3))?.text).toBe('23D');
    // "http://..." typed by hand (80 ms a key), a pause, more keys: the pause starts over.
    scan = new ScanBuffer();
    keys('https://bank.ex', 80);
    expect(scan.startsScan(t + SCAN_GAP_MS + 1)).toBe(true);
    t += SCAN_GAP_MS + 1;
    keys('ample/t/aaaaBBBBccccDDDD', 3);
    expect(scan.press('Enter', (t += 3))?.text).toBe('ample/t/aaaaBBBBccccDDDD');
    // A link longer than SCAN_MAX has lost its start: the next stall starts over.
    scan = new ScanBuffer();
    keys(`https://bank.example/?q=${'x'.repeat(SCAN_MAX)}`, 1);
    t += SCAN_GAP_MS + 1;
    keys('/t/aaaaBBBBccccDDDD', 1);
    expect(scan.press('Enter', (t += 1))?.text).toBe('/t/aaaaBBBBccccDDDD');
  });

  it("judges a kept link's burst without the stall, but never lends a scanner's pace to keys typed by hand", () => {
    let scan = new ScanBuffer();
    let t = 0;
    const keys = (text: string, gap: number) => {
      for (const k of text) scan.press(k, (t += gap));
    };
    // A scanner's head, a stall, then keys at a person's pace: kept (it starts a link), but no burst,
    // although the keys averaged together would be under BURST_KEY_MS.
    keys('https://www.example-bank.com/promo/spring', 3);
    t += 400;
    keys('abc', 80);
    const ended = scan.press('Enter', (t += 80))!;
    expect(ended).toEqual({ text: 'https://www.example-bank.com/promo/springabc', burst: false });
    expect((t - 0) / 44).toBeLessThan(BURST_KEY_MS);
    expect(scanOutcome(ended, true)).toBeNull();
    // A scanned promotion link that stalled is still a burst: ignored on the contact step as a whole.
    scan = new ScanBuffer();
    keys('https://www.example-bank.com/pro', 3);
    t += 1500;
    keys('mo', 3);
    const promo = scan.press('Enter', (t += 3))!;
    expect(promo).toEqual({ text: 'https://www.example-bank.com/promo', burst: true });
    expect(scanOutcome(promo, true)).toBe('ignore');
  });

  it('a new link scanned after a stalled one that lost its Enter is read on its own', () => {
    const scan = new ScanBuffer();
    let t = 0;
    for (const k of 'https://bank.example/t/aaaaBBBB') scan.press(k, (t += 3));
    t += 1000;
    for (const k of 'https://bank.example/t/eeeeFFFFggggHHHH') scan.press(k, (t += 3));
    expect(scan.key('Enter', (t += 3))).toBe('https://bank.example/t/eeeeFFFFggggHHHH');
  });

  it('reads the language a scanned link asks for', () => {
    expect(scanLang('https://bank.example/t/aaaaBBBBccccDDDDeeee?lang=zh')).toBe('zh');
    expect(scanLang(' https://bank.example/a/aaaaBBBBccccDDDDeeee?lang=en ')).toBe('en');
    expect(scanLang('https://bank.example/t/aaaaBBBBccccDDDDeeee?lang=fr')).toBeNull();
    expect(scanLang('https://bank.example/t/aaaaBBBBccccDDDDeeee')).toBeNull();
    expect(scanLang('K7P4QX')).toBeNull();
  });

  it('collects a scanner burst ended by Enter; slow keys start over', () => {
    const scan = new ScanBuffer();
    let t = 1000;
    let out: string | null = null;
    for (const k of 'https://b.example/a/aaaaBBBBccccDDDD') out = scan.key(k, (t += 2));
    expect(out).toBeNull();
    expect(scan.key('Enter', (t += 2))).toBe('https://b.example/a/aaaaBBBBccccDDDD');
    // A stray key long before the scan is not part of it.
    scan.key('x', (t += 10));
    t += SCAN_GAP_MS + 1;
    for (const k of 'ABC23D') scan.key(k, (t += 5));
    expect(scan.key('Enter', (t += 5))).toBe('ABC23D');
    // Enter alone, or after something that is no check-in, gives nothing.
    expect(scan.key('Enter', (t += 5))).toBeNull();
    for (const k of 'hello') scan.key(k, (t += 5));
    expect(scan.key('Enter', (t += 5))).toBeNull();
    // Modifier keys are not text.
    for (const k of ['Shift', 'A', 'B', 'C', 'Shift', '2', '3', 'D']) scan.key(k, (t += 5));
    expect(scan.key('Enter', (t += 5))).toBe('ABC23D');
  });

  it('maps refusals to reasons', () => {
    expect(checkInErrorKey('CHECK_IN_TOO_EARLY')).toBe('kiosk.checkin.error.CHECK_IN_TOO_EARLY');
    expect(checkInErrorKey('APPOINTMENT_NOT_FOUND')).toBe('kiosk.checkin.error.APPOINTMENT_NOT_FOUND');
    expect(checkInErrorKey('INTERNAL')).toBe('kiosk.checkin.error.generic');
  });

  it('sends the customer to staff, in both languages, when the kiosk has had too many wrong codes', () => {
    const key = checkInErrorKey('RATE_LIMITED');
    expect(translate('en', key)).toMatch(/ask the staff/);
    expect(translate('zh', key)).toMatch(/工作人员/);
  });

  it("says the kiosk's network is paused, not that codes were wrong, when it was refused for guessed device tokens", () => {
    const key = checkInErrorKey('RATE_LIMITED', 'unknown-device-tokens');
    expect(key).toBe('error.KIOSK_NETWORK_LIMITED');
    expect(translate('en', key)).toMatch(/paused for a few minutes/);
    expect(translate('zh', key)).toMatch(/暂停几分钟/);
  });
});
