import { describe, expect, it } from 'vitest';
import { CODE_KEYS, ScanBuffer, SCAN_GAP_MS, checkInErrorKey, isCompleteCode, normalizeCode, opensAtOf, parseCheckIn, pressCodeKey } from './kiosk-checkin.js';

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
    expect(opensAtOf({ code: 'CHECK_IN_TOO_EARLY', message: 'whatever', details })).toBe('09:00');
    expect(opensAtOf({ code: 'CHECK_IN_TOO_EARLY', message: 'Check-in opens at 09:00' })).toBeNull();
    expect(opensAtOf({ code: 'CHECK_IN_CLOSED', message: '', details })).toBeNull();
    expect(opensAtOf({ code: 'CHECK_IN_TOO_EARLY', message: '', details: { opensAtLocal: '<b>' } })).toBeNull();
  });

  it('reads a typed or scanned code, a manage link, or a link with ?code=', () => {
    expect(parseCheckIn(' abc-23d ')).toEqual({ code: 'ABC23D' });
    expect(parseCheckIn('https://bank.example/a/AbC_def-1234567890xyz')).toEqual({ manageToken: 'AbC_def-1234567890xyz' });
    expect(parseCheckIn('http://127.0.0.1:5173/a/AbC_def-1234567890xyz/?lang=en')).toEqual({ manageToken: 'AbC_def-1234567890xyz' });
    expect(parseCheckIn('https://bank.example/checkin?code=abc23d')).toEqual({ code: 'ABC23D' });
    // A case-sensitive token survives (never upper-cased).
    expect(parseCheckIn('https://x.example/a/aaaaBBBBccccDDDD')).toEqual({ manageToken: 'aaaaBBBBccccDDDD' });
    for (const bad of ['', 'ABC', 'ABCDEFG', 'javascript:alert(1)', 'https://x.example/a/short', 'https://x.example/t/aaaaBBBBccccDDDD', 'ftp://x/a/aaaaBBBBccccDDDD']) {
      expect(parseCheckIn(bad), bad).toBeNull();
    }
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
});
