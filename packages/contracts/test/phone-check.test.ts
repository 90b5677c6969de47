import { describe, expect, it } from 'vitest';
import { BookAppointmentBody, BookingSettings, BookingSettingsPatchBody, ERROR_CODES, normalizePhone, PHONE_CHECK_ERROR_CODES, PhoneCheckBody, PhoneCheckProof, statusForCode } from '../src/index.js';

describe('phone checks', () => {
  it('lists its refusals among the error codes, each with its status', () => {
    expect(PHONE_CHECK_ERROR_CODES.map((c) => [c, statusForCode(c)])).toEqual([
      ['PHONE_CHECK_REQUIRED', 422],
      ['PHONE_CODE_WRONG', 422],
      ['PHONE_CODE_EXPIRED', 410],
      ['PHONE_CHECK_UNAVAILABLE', 422],
    ]);
    for (const code of PHONE_CHECK_ERROR_CODES) expect(ERROR_CODES).toContain(code);
  });

  it('is off unless a branch turns it on, and can be saved alone', () => {
    expect(BookingSettings.parse({}).verifyPhone).toBe(false);
    expect(BookingSettingsPatchBody.safeParse({ settings: { verifyPhone: true } }).success).toBe(true);
  });

  it('takes six digits and the check id; a code request names branch, number and language', () => {
    const checkId = 'c'.repeat(32);
    expect(PhoneCheckProof.parse({ checkId, code: ' 012345 ' }).code).toBe('012345');
    for (const code of ['12345', '1234567', '12a456', '']) expect(PhoneCheckProof.safeParse({ checkId, code }).success, code).toBe(false);
    expect(PhoneCheckBody.safeParse({ branchId: 'b1', phone: '+86 139 0000 1234', lang: 'zh' }).success).toBe(true);
    expect(PhoneCheckBody.safeParse({ branchId: 'b1', phone: '+86 139 0000 1234', lang: 'zh', extra: 1 }).success).toBe(false);
    const booking = { branchId: 'b1', serviceId: 's1', startsAt: Date.UTC(2026, 2, 3), contact: { name: 'W', phone: '139 0000 1234', language: 'zh', consent: true } };
    expect(BookAppointmentBody.safeParse({ ...booking, phoneCheck: { checkId, code: '123456' } }).success).toBe(true);
  });

  it('binds a check to the number whatever its spacing or country code', () => {
    expect(normalizePhone(' +86 139-0000 1234 ')).toBe('+8613900001234');
    expect(normalizePhone('139 0000 1234')).toBe('+8613900001234');
  });
});
