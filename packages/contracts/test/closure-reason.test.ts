import { describe, expect, it } from 'vitest';
import { BOOKING_ERROR_CODES, BookingSettings, BookingSettingsBody, ClosureHasBookingsDetails, closureReasonIn, closureReasonTexts, ERROR_CODES, statusForCode } from '../src/index.js';

describe('closure reasons', () => {
  it('reads a plain reason as stored before bilingual ones, and a reason per language', () => {
    const s = BookingSettings.parse({ closures: [{ date: '2026-04-04', reason: '清明节' }, { date: '2026-05-01', reason: { zh: '劳动节', en: 'Labour Day' } }] });
    expect(closureReasonIn(s.closures[0]!.reason, 'en')).toBe('清明节');
    expect(closureReasonIn(s.closures[1]!.reason, 'en')).toBe('Labour Day');
    expect(closureReasonIn(s.closures[1]!.reason, 'zh')).toBe('劳动节');
  });

  it('falls back to the other language, and has no reason when none is given', () => {
    expect(closureReasonIn({ en: 'Staff training' }, 'zh')).toBe('Staff training');
    expect(closureReasonIn(undefined, 'zh')).toBeNull();
    expect(closureReasonTexts({ zh: '系统升级' })).toEqual({ zh: '系统升级', en: '系统升级' });
    expect(closureReasonTexts(undefined)).toBeNull();
  });

  it('refuses an empty bilingual reason, unknown languages and control characters', () => {
    const parse = (reason: unknown) => BookingSettings.safeParse({ closures: [{ date: '2026-04-04', reason }] }).success;
    expect(parse({})).toBe(false);
    expect(parse({ zh: '', en: '' })).toBe(false);
    expect(parse({ fr: 'Fermé' })).toBe(false);
    expect(parse({ zh: 'a\u0007b' })).toBe(false);
    expect(parse({ en: 'x'.repeat(201) })).toBe(false);
    expect(parse({ zh: '清明节' })).toBe(true);
  });

  it('has a stable code for closures added over booked visits, answered 409, and a body that confirms the cancels', () => {
    expect(BOOKING_ERROR_CODES).toContain('CLOSURE_HAS_BOOKINGS');
    expect(ERROR_CODES).toContain('CLOSURE_HAS_BOOKINGS');
    expect(statusForCode('CLOSURE_HAS_BOOKINGS')).toBe(409);
    expect(BookingSettingsBody.parse({ version: 0, cancelBookings: true }).cancelBookings).toBe(true);
    expect(BookingSettingsBody.safeParse({ version: 0, cancelBookings: 'yes' }).success).toBe(false);
    expect(ClosureHasBookingsDetails.safeParse({ count: 2, closures: { '0': { count: 2, firstAt: 1 } } }).success).toBe(true);
  });

  it('has stable codes for closures refused on save, answered 422', () => {
    for (const code of ['CLOSURE_IN_PAST', 'CLOSURES_OVERLAP'] as const) {
      expect(BOOKING_ERROR_CODES).toContain(code);
      expect(ERROR_CODES).toContain(code);
      expect(statusForCode(code)).toBe(422);
    }
  });
});
