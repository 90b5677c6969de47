import { describe, expect, it } from 'vitest';
import {
  BookAppointmentBody,
  BookingSettings,
  BookingSettingsPatchBody,
  CONTACT_CHECK_REFUSALS,
  ContactCheckProof,
  EMAIL_CHECK_ERROR_CODES,
  EmailCheckBody,
  ERROR_CODES,
  normalizeEmail,
  normalizePhone,
  PHONE_CHECK_ERROR_CODES,
  PhoneCheckBody,
  RemoteTicketBody,
  statusForCode,
} from '../src/index.js';

describe('contact checks', () => {
  it('lists each channel its refusals among the error codes, each with its status', () => {
    expect(PHONE_CHECK_ERROR_CODES.map((c) => [c, statusForCode(c)])).toEqual([
      ['PHONE_CHECK_REQUIRED', 422],
      ['PHONE_CODE_WRONG', 422],
      ['PHONE_CODE_EXPIRED', 410],
      ['PHONE_CHECK_UNAVAILABLE', 422],
    ]);
    expect(EMAIL_CHECK_ERROR_CODES.map((c) => [c, statusForCode(c)])).toEqual([
      ['EMAIL_CHECK_REQUIRED', 422],
      ['EMAIL_CODE_WRONG', 422],
      ['EMAIL_CODE_EXPIRED', 410],
      ['EMAIL_CHECK_UNAVAILABLE', 422],
    ]);
    for (const code of [...PHONE_CHECK_ERROR_CODES, ...EMAIL_CHECK_ERROR_CODES]) expect(ERROR_CODES).toContain(code);
    expect(Object.values(CONTACT_CHECK_REFUSALS.email).sort()).toEqual([...EMAIL_CHECK_ERROR_CODES].sort());
    expect(Object.values(CONTACT_CHECK_REFUSALS.sms).sort()).toEqual([...PHONE_CHECK_ERROR_CODES].sort());
  });

  it('is off for each channel unless a branch turns it on; stored settings without the e-mail switch read as off', () => {
    expect(BookingSettings.parse({})).toMatchObject({ verifyPhone: false, verifyEmail: false });
    // A branch that confirmed phone numbers before e-mail checks existed still confirms phone numbers only.
    expect(BookingSettings.parse({ verifyPhone: true })).toMatchObject({ verifyPhone: true, verifyEmail: false });
    expect(BookingSettingsPatchBody.safeParse({ settings: { verifyPhone: true }, expected: { verifyPhone: false } }).success).toBe(true);
    expect(BookingSettingsPatchBody.safeParse({ settings: { verifyEmail: true }, expected: { verifyEmail: false } }).success).toBe(true);
    expect(BookingSettingsPatchBody.safeParse({ settings: { verifyEmail: 'yes' }, expected: { verifyEmail: false } }).success).toBe(false);
  });

  it('takes six digits and the check id; a code request names branch, address and language', () => {
    const checkId = 'c'.repeat(32);
    expect(ContactCheckProof.parse({ checkId, code: ' 012345 ' }).code).toBe('012345');
    for (const code of ['12345', '1234567', '12a456', '']) expect(ContactCheckProof.safeParse({ checkId, code }).success, code).toBe(false);
    expect(PhoneCheckBody.safeParse({ branchId: 'b1', phone: '+86 139 0000 1234', lang: 'zh' }).success).toBe(true);
    expect(PhoneCheckBody.safeParse({ branchId: 'b1', phone: '+86 139 0000 1234', lang: 'zh', extra: 1 }).success).toBe(false);
    expect(EmailCheckBody.safeParse({ branchId: 'b1', email: 'li.na@bank.example', lang: 'en' }).success).toBe(true);
    for (const email of ['li.na', 'li.na@', '', '+86 139 0000 1234']) expect(EmailCheckBody.safeParse({ branchId: 'b1', email, lang: 'en' }).success, email).toBe(false);
    expect(EmailCheckBody.safeParse({ branchId: 'b1', email: 'li.na@bank.example', lang: 'fr' }).success).toBe(false);
    const booking = { branchId: 'b1', serviceId: 's1', startsAt: Date.UTC(2026, 2, 3), contact: { name: 'W', phone: '139 0000 1234', email: 'w@bank.example', language: 'zh', consent: true } };
    expect(BookAppointmentBody.safeParse({ ...booking, phoneCheck: { checkId, code: '123456' }, emailCheck: { checkId, code: '654321' } }).success).toBe(true);
    expect(BookAppointmentBody.safeParse({ ...booking, emailCheck: { checkId, code: '65432' } }).success).toBe(false);
    const join = { serviceId: 's1', contact: { email: 'w@bank.example', consent: true } };
    expect(RemoteTicketBody.safeParse({ ...join, emailCheck: { checkId, code: '123456' } }).success).toBe(true);
    expect(RemoteTicketBody.safeParse({ ...join, emailCheck: { checkId, code: 'abcdef' } }).success).toBe(false);
    const byPhone = { serviceId: 's1', contact: { phone: '139 0000 1234', consent: true } };
    expect(RemoteTicketBody.safeParse({ ...byPhone, phoneCheck: { checkId, code: '123456' } }).success).toBe(true);
    expect(RemoteTicketBody.safeParse({ ...byPhone, phoneCheck: { checkId, code: '12345' } }).success).toBe(false);
  });

  it('binds a check to the address whatever its spacing, case or country code', () => {
    expect(normalizePhone(' +86 139-0000 1234 ')).toBe('+8613900001234');
    expect(normalizePhone('139 0000 1234')).toBe('+8613900001234');
    expect(normalizeEmail(' Li.Na@Bank.Example ')).toBe('li.na@bank.example');
  });
});
