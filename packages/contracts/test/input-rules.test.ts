import { describe, expect, it } from 'vitest';
import {
  BookAppointmentBody,
  BookingContact,
  BookingSettingsBody,
  COUNTRY_CODE_MESSAGE,
  DayQuery,
  HandshakeAuth,
  Instant,
  IssueTicketBody,
  isEmailAddress,
  isPhoneNumber,
  phoneProblem,
  normalizePhone,
  formatPhone,
  homeLandlineLookalike,
  maskEmail,
  maskPhone,
  maskName,
  isPlainText,
  LoginBody,
  NotifyContactBody,
  PhoneCheckBody,
  RemoteTicketBody,
  RescheduleBody,
  SlotsQuery,
  StaffCommand,
} from '../src/index.js';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('dates and instants stay within 2000-2100', () => {
  it('accepts instants inside the range, as epoch ms or ISO 8601 with an offset', () => {
    expect(RescheduleBody.parse({ startsAt: Date.UTC(2000, 0, 1) }).startsAt).toBe(Date.UTC(2000, 0, 1));
    expect(RescheduleBody.parse({ startsAt: '2100-12-31T23:59:59Z' }).startsAt).toBe(Date.UTC(2100, 11, 31, 23, 59, 59));
    expect(Instant.parse('2026-01-06T10:00:00+08:00')).toBe(Date.UTC(2026, 0, 6, 2));
  });

  it.each([
    ['the largest Date', 8_640_000_000_000_000],
    ['the largest safe integer', Number.MAX_SAFE_INTEGER],
    ['the year 9999 (ISO)', '9999-12-31T10:00:00+08:00'],
    ['the first instant of 2101', Date.UTC(2101, 0, 1)],
    ['the last instant of 1999', Date.UTC(2000, 0, 1) - 1],
    ['zero', 0],
    ['a negative number', -1],
    ['a fraction', Date.UTC(2026, 0, 1) + 0.5],
  ])('refuses %s with a message naming the range', (_name, startsAt) => {
    const r = RescheduleBody.safeParse({ startsAt });
    expect(r.success).toBe(false);
    if (typeof startsAt === 'number' && Number.isInteger(startsAt)) expect(r.error?.issues[0]?.message).toMatch(/2000-01-01 and 2100-12-31/);
  });

  it('bounds local dates the same way (slots, staff day list, closures)', () => {
    for (const from of ['2000-01-01', '2026-03-03', '2100-12-31']) expect(ok(SlotsQuery, { from })).toBe(true);
    for (const from of ['9999-12-31', '0001-01-01', '1999-12-31', '2101-01-01', '2026-02-30']) expect(ok(SlotsQuery, { from })).toBe(false);
    expect(SlotsQuery.safeParse({ from: '9999-12-31' }).error?.issues[0]?.message).toMatch(/2000-01-01 and 2100-12-31/);
    expect(ok(DayQuery, { day: '9999-12-31' })).toBe(false);
    expect(ok(BookingSettingsBody, { version: 0, settings: { closures: [{ date: '9999-12-31' }] } })).toBe(false);
    expect(ok(BookingSettingsBody, { version: 0, settings: { closures: [{ from: Date.UTC(2030, 0, 1), to: 8_640_000_000_000_000 }] } })).toBe(false);
    expect(ok(BookingSettingsBody, { version: 0, settings: { closures: [{ from: Date.UTC(2030, 0, 1), to: Date.UTC(2030, 0, 2), reason: 'stock take' }] } })).toBe(true);
  });
});

describe('free text refuses what PostgreSQL cannot store', () => {
  it.each([
    ['a NUL', 'Li\u0000Wei'],
    ['a lone high surrogate', 'Li \ud800'],
    ['a lone low surrogate', '\udc00Li'],
    ['an escape sequence', 'Li\u001b[2J'],
    ['DEL', 'Li\u007f'],
    ['a C1 control', 'Li\u0085Wei'],
    ['a newline inside', 'Li\nWei'],
  ])('refuses %s', (_name, text) => {
    expect(isPlainText(text)).toBe(false);
    expect(ok(BookingContact, { name: text, phone: '13800138000', language: 'zh', consent: true })).toBe(false);
    expect(ok(StaffCommand, { type: 'pause', reason: text })).toBe(false);
    expect(ok(LoginBody, { username: text, password: 'x' })).toBe(false);
  });

  it('accepts ordinary names in any script, emoji (paired surrogates) included', () => {
    for (const name of ['李伟', 'Zoë O’Brien', 'Ана-Мария', 'Sam 😀', ' Li Wei\n']) {
      expect(isPlainText(name.trim())).toBe(true);
      expect(ok(BookingContact, { name, phone: '13800138000', language: 'zh', consent: true })).toBe(true);
    }
  });

  it('keeps device and ticket tokens to their alphabet at the socket handshake', () => {
    expect(ok(HandshakeAuth, { ticketToken: `${'a'.repeat(20)}\u0000` })).toBe(false);
    expect(ok(HandshakeAuth, { deviceToken: 'd'.repeat(20) })).toBe(true);
  });
});

describe('phone numbers need digits', () => {
  it.each(['------', '+      ', '- - - -', '+1 2-3 4 5'])('refuses %j everywhere a phone number is taken', (phone) => {
    expect(isPhoneNumber(phone)).toBe(false);
    expect(ok(BookingContact, { phone, language: 'zh', consent: true })).toBe(false);
    expect(ok(IssueTicketBody, { serviceId: 'svc', contact: { phone, consent: true } })).toBe(false);
    expect(ok(RemoteTicketBody, { serviceId: 'svc', contact: { phone, consent: true } })).toBe(false);
    expect(ok(NotifyContactBody, { channel: 'sms', address: phone, consent: true })).toBe(false);
  });

  it.each(['13800138000', '+86 138 0013 8000', '021-6666-8888', '+44 654321'])('accepts %j', (phone) => {
    expect(isPhoneNumber(phone)).toBe(true);
    expect(ok(IssueTicketBody, { serviceId: 'svc', contact: { phone: ` ${phone} `, consent: true } })).toBe(true);
  });

  it.each([
    ['(021) 6123 4567', '+862161234567'],
    ['+86 (138) 0013 8000', '+8613800138000'],
    ['138.0013.8000', '+8613800138000'],
    ['１３８００１３８０００', '+8613800138000'],
    ['＋８６　１３８－００１３－８０００', '+8613800138000'],
    ['（０２１）６１２３４５６７', '+862161234567'],
    ['+852 9123 4567', '+85291234567'],
  ])('accepts %j with brackets, dots or full-width digits, everywhere, and stores it as %j', (phone, stored) => {
    expect(isPhoneNumber(phone)).toBe(true);
    expect(normalizePhone(phone)).toBe(stored);
    expect(BookingContact.parse({ phone, language: 'zh', consent: true }).phone).toBe(stored);
    expect(IssueTicketBody.parse({ serviceId: 'svc', contact: { phone, consent: true } }).contact?.phone).toBe(stored);
    expect(RemoteTicketBody.parse({ serviceId: 'svc', contact: { phone, consent: true } }).contact?.phone).toBe(stored);
    expect(NotifyContactBody.parse({ channel: 'sms', address: phone, consent: true })).toMatchObject({ address: stored });
  });

  it('stores one form for the ways one number is written, so it compares equal', () => {
    const forms = ['138 0013 8000', '138-0013-8000', '13800138000', '138.0013.8000', '１３８００１３８０００', ' (138) 0013 8000 '];
    expect(new Set(forms.map(normalizePhone))).toEqual(new Set(['+8613800138000']));
  });

  it('stores a number with and without its country code as one (E.164, home country +86)', () => {
    const mobile = ['13800138000', '+86 138 0013 8000', '0086 138 0013 8000', '86 138 0013 8000', '+86-13800138000'];
    expect(new Set(mobile.map(normalizePhone))).toEqual(new Set(['+8613800138000']));
    const landline = ['021 6123 4567', '(021) 6123-4567', '+86 21 6123 4567', '0086 21 6123 4567', '86 21 6123 4567'];
    expect(new Set(landline.map(normalizePhone))).toEqual(new Set(['+862161234567']));
    // Abroad: a number with its own country code keeps it; a local number without one is a home one.
    expect(normalizePhone('00852 9123 4567')).toBe('+85291234567');
    expect(normalizePhone('6123 4567')).toBe('+8661234567');
  });

  it('shows a stored number in the groups people read it in', () => {
    expect(formatPhone(normalizePhone('13800138000'))).toBe('+86 138 0013 8000');
    expect(formatPhone(normalizePhone('021 6123 4567'))).toBe('+86 2161234567');
    expect(formatPhone('+85291234567')).toBe('+85291234567');
  });

  it('masks all but the last four digits, keeping the home country code', () => {
    expect(maskPhone(normalizePhone('138 0013 8000'))).toBe('+86 ••• •••• 8000');
    expect(maskPhone(normalizePhone('021 6123 4567'))).toBe('+86 ••••••4567');
    expect(maskPhone('+85291234567')).toBe('+•••••••4567');
  });

  it('masks an e-mail address to its first character, two dots and the whole domain, whatever its length', () => {
    expect(maskEmail('kim.lee@mail.example')).toBe('k••@mail.example');
    expect(maskEmail('k@mail.example')).toBe('k••@mail.example');
    expect(maskEmail('wang.xiaoming@bank.example')).toBe('w••@bank.example');
    // The first character whole, not half of a surrogate pair; the domain after the last @.
    expect(maskEmail('𠮷田@例子.中国')).toBe('𠮷••@例子.中国');
    expect(maskEmail('"a@b"@mail.example')).toBe('"••@mail.example');
    expect(maskEmail('@mail.example')).toBe('••');
    expect(maskEmail('no-address')).toBe('••');
  });

  it("masks a customer's name as the staff panel shows it: each part's first letter", () => {
    expect(maskName('王小明')).toBe('王••');
    expect(maskName('Wang Wei')).toBe('W••• W••');
    expect(maskName('Customer 12')).toBe('C••• 1•');
    expect(maskName('  ')).toBeNull();
    expect(maskName(null)).toBeNull();
  });

  it.each(['138/0013/8000', '138_0013_8000', '+86 138 0013 8000 ext', '138 0013 8000#'])('still refuses %j', (phone) => {
    expect(isPhoneNumber(phone)).toBe(false);
    expect(ok(BookingContact, { phone, language: 'zh', consent: true })).toBe(false);
  });
});

describe('a contact says how to reach the customer', () => {
  it('refuses consent without a phone number or an e-mail address', () => {
    const booking = { branchId: 'b', serviceId: 's', startsAt: '2026-03-03T10:00:00+08:00' };
    expect(ok(BookAppointmentBody, { ...booking, contact: { name: 'Li Wei', language: 'zh', consent: true } })).toBe(false);
    expect(BookingContact.safeParse({ name: 'Li Wei', language: 'zh', consent: true }).error?.issues[0]?.message).toMatch(/phone number or an e-mail/);
    expect(ok(IssueTicketBody, { serviceId: 'svc', contact: { consent: true } })).toBe(false);
    expect(ok(RemoteTicketBody, { serviceId: 'svc', contact: { consent: true } })).toBe(false);
  });

  it('takes either one, or no contact at all where it is optional', () => {
    expect(ok(BookingContact, { email: 'li@example.cn', language: 'en', consent: true })).toBe(true);
    expect(ok(IssueTicketBody, { serviceId: 'svc', contact: { phone: '13800138000', consent: true } })).toBe(true);
    expect(ok(IssueTicketBody, { serviceId: 'svc' })).toBe(true);
    expect(ok(RemoteTicketBody, { serviceId: 'svc' })).toBe(true);
  });
});

describe('e-mail addresses: the forms and the server agree', () => {
  const CASES: [string, boolean][] = [
    ['li.wei@example.cn', true],
    ["o'brien+queue@mail.example.com", true],
    ['a_b-c@sub-domain.example.org', true],
    ['a..b@example.com', false],
    ['.a@example.com', false],
    ['a.@example.com', false],
    ['张三@例子.com', false],
    ['li@例子.com', false],
    ['li@example', false],
    ['li@example.c', false],
    ['li wei@example.com', false],
    ['@example.com', false],
    ['li@-example.com', false],
    [`${'a'.repeat(245)}@example.com`, false],
  ];
  it.each(CASES)('%s: %s', (email, accepted) => {
    expect(isEmailAddress(email)).toBe(accepted);
    expect(ok(IssueTicketBody, { serviceId: 'svc', contact: { email, consent: true } })).toBe(accepted);
    expect(ok(BookingContact, { email, language: 'zh', consent: true })).toBe(accepted);
    expect(ok(NotifyContactBody, { channel: 'email', address: email, consent: true })).toBe(accepted);
  });
});

describe('Id', () => {
  it("refuses the names every object inherits, and takes the ids we mint", async () => {
    const { Id } = await import('../src/common.js');
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']) expect(Id.safeParse(name).success).toBe(false);
    for (const id of ['svc-a', 'cmf3k2x0a0001', 'A', '0b7e1c2d-3f4a-4b5c-8d9e-0f1a2b3c4d5e']) expect(Id.safeParse(id).success).toBe(true);
  });
});

describe('a mainland mobile number has 11 digits', () => {
  it.each([
    ['1391234567', '10 digits'],
    ['1380000111', '10 digits'],
    ['139123456789', '12 digits'],
    ['+86 139 1234 567', '10 digits after +86'],
    ['0086 139 1234 56789', '12 digits after 0086'],
    ['１３９１２３４５６７', '10 full-width digits'],
    ['123456', '6 digits starting 1'],
  ])('refuses %j (%s) everywhere a phone number is taken, saying why', (phone) => {
    expect(isPhoneNumber(phone)).toBe(false);
    expect(phoneProblem(phone)).toBe('mobileDigits');
    for (const r of [
      BookingContact.safeParse({ phone, language: 'zh', consent: true }),
      IssueTicketBody.safeParse({ serviceId: 'svc', contact: { phone, consent: true } }),
      RemoteTicketBody.safeParse({ serviceId: 'svc', contact: { phone, consent: true } }),
      NotifyContactBody.safeParse({ channel: 'sms', address: phone, consent: true }),
    ]) {
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.message)).toContain('请输入 11 位手机号码 / Enter an 11-digit mobile number');
    }
  });

  it.each(['13912345678', '139 1234 5678', '+86 139-1234-5678', '0086 13912345678', '8613912345678', '１３９１２３４５６７８'])('accepts %j', (phone) => {
    expect(phoneProblem(phone)).toBeNull();
    expect(BookingContact.parse({ phone, language: 'zh', consent: true }).phone).toBe('+8613912345678');
  });

  it.each([
    ['021 6123 4567', '+862161234567'],
    ['010 6512 3456', '+861065123456'],
    ['+86 10 6512 3456', '+861065123456'],
    ['0755 8888 1234', '+8675588881234'],
    ['0571 8765432', '+865718765432'],
  ])('keeps accepting the landline %j (Beijing 10 is an area code, not a mobile)', (phone, stored) => {
    expect(phoneProblem(phone)).toBeNull();
    expect(IssueTicketBody.parse({ serviceId: 'svc', contact: { phone, consent: true } }).contact?.phone).toBe(stored);
  });

  it.each([
    ['+852 9123 4567', '+85291234567'],
    ['+1 415 555 0100', '+14155550100'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 555 0100', '+15550100'],
  ])('leaves other countries\' numbers to their own rules: %j', (phone, stored) => {
    expect(phoneProblem(phone)).toBeNull();
    expect(NotifyContactBody.parse({ channel: 'sms', address: phone, consent: true })).toMatchObject({ address: stored });
  });

  it('still says a number without enough digits is malformed, not a short mobile', () => {
    expect(phoneProblem('------')).toBe('format');
    expect(phoneProblem('13')).toBe('format');
  });

  it('still shows and masks a 10-digit mobile stored before the rule', () => {
    expect(formatPhone('+861391234567')).toBe('+86 1391234567');
    expect(maskPhone('+861391234567')).toBe('+86 ••••••4567');
  });
});

describe('a number without its country code must be a mainland one', () => {
  it.each([
    ['9123 4567', 'a Hong Kong mobile'],
    ['6123 4567', 'a local landline without its area code'],
    ['07911 123456 78', 'too long for a mainland landline'],
    ['447911123456', 'a British mobile with 44 but no +'],
    ['654321', 'six digits'],
    ['12012345678', '11 digits starting 12: no mainland mobile'],
    ['85291234567', 'a Hong Kong mobile with 852 but no +'],
    ['852 9123 4567', 'the same, spaced'],
    ['4155550100', 'an American number without +1'],
    ['2161234567', 'a landline without its trunk 0: reads as a foreign number'],
    ['755 8888 1234', 'the same for a 3-digit area code'],
    ['９１２３　４５６７', 'a Hong Kong mobile in full-width digits'],
  ])('refuses %j (%s) everywhere a phone number is taken, asking for the country code', (phone) => {
    expect(isPhoneNumber(phone)).toBe(false);
    expect(phoneProblem(phone)).toBe('countryCode');
    for (const r of [
      BookingContact.safeParse({ phone, language: 'zh', consent: true }),
      IssueTicketBody.safeParse({ serviceId: 'svc', contact: { phone, consent: true } }),
      RemoteTicketBody.safeParse({ serviceId: 'svc', contact: { phone, consent: true } }),
      NotifyContactBody.safeParse({ channel: 'sms', address: phone, consent: true }),
      PhoneCheckBody.safeParse({ branchId: 'b', phone, lang: 'zh' }),
    ]) {
      expect(r.success).toBe(false);
      const messages = r.error?.issues.map((i) => i.message) ?? [];
      expect(messages).toContain(COUNTRY_CODE_MESSAGE);
      // One reason, said once: not "the format is wrong" or "11 digits" as well.
      expect(messages).toHaveLength(1);
    }
    expect(COUNTRY_CODE_MESSAGE).toContain('请在号码前加国家代码，例如 +44');
    expect(COUNTRY_CODE_MESSAGE).toContain('Add the country code, e.g. +44');
  });

  it.each([
    ['+852 9123 4567', '+85291234567'],
    ['00852 9123 4567', '+85291234567'],
    ['+44 7911 123456', '+447911123456'],
    ['0044 7911 123456', '+447911123456'],
    ['+86 6123 4567', '+8661234567'],
    ['+1 555 0100', '+15550100'],
  ])('accepts %j with + or 00, as it is', (phone, stored) => {
    expect(phoneProblem(phone)).toBeNull();
    expect(BookingContact.parse({ phone, language: 'zh', consent: true }).phone).toBe(stored);
    expect(NotifyContactBody.parse({ channel: 'sms', address: phone, consent: true })).toMatchObject({ address: stored });
  });

  it.each([
    ['15912345678', '+8615912345678'],
    ['010 6512 3456', '+861065123456'],
    ['010 651 2345', '+86106512345'],
    ['020 8123 4567', '+862081234567'],
    ['0755 8888 1234', '+8675588881234'],
    ['0571 8765432', '+865718765432'],
  ])('accepts the mainland number %j without a country code', (phone, stored) => {
    expect(phoneProblem(phone)).toBeNull();
    expect(IssueTicketBody.parse({ serviceId: 'svc', contact: { phone, consent: true } }).contact?.phone).toBe(stored);
  });
});

describe('a British mobile typed without +44 is shown back as the Chinese landline it is read as', () => {
  it.each([
    ['07911 123456', '+86 791 1123 456'],
    ['07911123456', '+86 791 1123 456'],
    ['０７９１１　１２３４５６', '+86 791 1123 456'],
    ['0755 1234 567', '+86 755 1234 567'],
  ])('reads %j as the landline %j, still accepted and stored as before', (phone, shown) => {
    expect(homeLandlineLookalike(phone)).toBe(shown);
    expect(phoneProblem(phone)).toBeNull();
    expect(normalizePhone(phone)).toBe(`+${shown.replace(/\D/g, '')}`);
  });

  it.each([
    ['+44 7911 123456', 'with its country code'],
    ['0044 7911 123456', 'with 00 and its country code'],
    ['+86 791 1123456', 'a Chinese landline with +86'],
    ['0755 8888 1234', 'a Shenzhen landline with 8 digits (12 in all)'],
    ['0571 8765432', 'a landline of another area'],
    ['010 6512 3456', 'a Beijing landline'],
    ['15912345678', 'a mainland mobile'],
    ['9123 4567', 'a number refused anyway'],
    ['07911 12345', 'too short to be a British mobile'],
  ])('leaves %j (%s) as it is', (phone) => {
    expect(homeLandlineLookalike(phone)).toBeNull();
  });
});
