import { describe, expect, it } from 'vitest';
import { CODE_KEYS, checkInErrorKey, isCompleteCode, normalizeCode, opensAtFrom, pressCodeKey } from './kiosk-checkin.js';

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

  it('finds the opening time in a too-early refusal', () => {
    expect(opensAtFrom('Check-in opens at 09:00, 30 minutes before your appointment.')).toBe('09:00');
    expect(opensAtFrom('nope')).toBeNull();
  });

  it('maps refusals to reasons', () => {
    expect(checkInErrorKey('CHECK_IN_TOO_EARLY')).toBe('kiosk.checkin.error.CHECK_IN_TOO_EARLY');
    expect(checkInErrorKey('APPOINTMENT_NOT_FOUND')).toBe('kiosk.checkin.error.APPOINTMENT_NOT_FOUND');
    expect(checkInErrorKey('INTERNAL')).toBe('kiosk.checkin.error.generic');
  });
});
