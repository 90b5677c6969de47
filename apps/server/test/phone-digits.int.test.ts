/**
 * 王阿姨 typed `1391234567` on the booking page and a walk-in `1380000111` at the kiosk: a mainland
 * mobile number a digit short, accepted, and every text after it went nowhere. Every route that
 * takes a phone number now refuses a mainland mobile without exactly 11 digits with
 * VALIDATION_FAILED naming the field and saying it in both languages, and nothing is booked,
 * issued or texted; 11-digit mobiles and landlines are still taken. Real API on PostgreSQL, Redis
 * and the notice worker (booking-support.ts), on a clock the test moves.
 */
import { COUNTRY_CODE_MESSAGE, MOBILE_DIGITS_MESSAGE } from '@tellerline/contracts';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { describe, expect, it } from 'vitest';
import { local, managerAndTeller, MON, TUE } from './booking-support.js';
import { kioskTicket } from './support.js';

const sms = createLoggingSmsProvider(() => undefined);
const { setTime, at, anyone, kiosk, branchPath, book, contact, freshIp, live } = managerAndTeller({ notify: { smsProvider: sms } });

type Refusal = { status: number; body: { error?: { code: string; issues?: { path: string; message: string }[] } } };

/** The refusal a form can show at its field: 400, VALIDATION_FAILED, the field's path, the message in zh and en. */
function expectRefused(res: Refusal, path: string, message: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error?.code).toBe('VALIDATION_FAILED');
  expect(res.body.error?.issues).toContainEqual({ path, message });
}

function expectMobileRefused(res: Refusal, path: string): void {
  expectRefused(res, path, MOBILE_DIGITS_MESSAGE);
  expect(MOBILE_DIGITS_MESSAGE).toContain('请输入 11 位手机号码');
  expect(MOBILE_DIGITS_MESSAGE).toContain('Enter an 11-digit mobile number');
}

const waitingIn = async (serviceCode: string) => Object.values((await live()).tickets).filter((t) => t.status === 'waiting' && t.serviceId === at.sys.service(serviceCode)).length;

describe('a mainland mobile number with a digit missing', () => {
  it.each(['1391234567', '+86 139 1234 567', '139123456789'])('is refused for a booking (%j), and nothing is booked or texted', async (phone) => {
    setTime(MON, '08:00');
    const startsAt = local(TUE, '10:00');
    const before = sms.outbox.length;
    expectMobileRefused(await book('A', startsAt, { contact: contact({ phone }) }), 'contact.phone');
    const day = await at.manager.req('GET', branchPath(`/appointments?day=${TUE}`));
    expect(day.status).toBe(200);
    expect(JSON.stringify(day.body)).not.toContain('139123456');
    expect(sms.outbox.length).toBe(before);
  });

  it('is refused at the kiosk (1380000111), and no ticket is issued', async () => {
    setTime(MON, '09:30');
    const before = await waitingIn('A');
    const r = await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A'), contact: { phone: '1380000111', consent: true } });
    expectMobileRefused(r, 'contact.phone');
    expect(await waitingIn('A')).toBe(before);
  });

  it('is refused for the remote queue, for notices on the phone page and for a texted code', async () => {
    setTime(MON, '09:30');
    expectMobileRefused(await anyone().req('POST', branchPath('/remote-tickets'), { serviceId: at.sys.service('A'), contact: { phone: '1391234567', consent: true } }, freshIp()), 'contact.phone');
    const { token } = await kioskTicket(at.sys, 'A');
    expectMobileRefused(await anyone().req('POST', `/api/v1/tickets/${token}/notify`, { channel: 'sms', address: '１３９１２３４５６７', consent: true }), 'address');
    expectMobileRefused(await anyone().req('POST', '/api/v1/phone-checks', { branchId: at.sys.branchId, phone: '1391234567', lang: 'zh' }, freshIp()), 'phone');
    expect((await anyone().req('GET', `/api/v1/tickets/${token}/notify`)).body.data.contacts).toEqual([]);
  });

  it('leaves 11-digit mobiles and landlines bookable', async () => {
    setTime(MON, '08:00');
    for (const [phone, hm] of [['139 1234 5678', '11:00'], ['010 6512 3456', '11:30'], ['021 6123 4567', '14:00']] as const) {
      const r = await book('A', local(TUE, hm), { contact: contact({ phone }) });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  });
});

/**
 * A Hong Kong visitor's "9123 4567" typed without +852: read as +86 it would text a stranger.
 * Every route that takes a phone number refuses it asking for the country code, and nothing is
 * booked, issued or texted; with +852 (or 00852) it is hers.
 */
describe('a foreign number without its country code', () => {
  const expectCountryCodeRefused = (res: Refusal, path: string) => expectRefused(res, path, COUNTRY_CODE_MESSAGE);

  it('is refused for a booking, at the kiosk, for the remote queue, for notices and for a texted code', async () => {
    setTime(MON, '09:30');
    expectCountryCodeRefused(await book('A', local(TUE, '15:00'), { contact: contact({ phone: '9123 4567' }) }), 'contact.phone');
    expectCountryCodeRefused(await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A'), contact: { phone: '91234567', consent: true } }), 'contact.phone');
    expectCountryCodeRefused(await anyone().req('POST', branchPath('/remote-tickets'), { serviceId: at.sys.service('A'), contact: { phone: '9123 4567', consent: true } }, freshIp()), 'contact.phone');
    const { token } = await kioskTicket(at.sys, 'A');
    expectCountryCodeRefused(await anyone().req('POST', `/api/v1/tickets/${token}/notify`, { channel: 'sms', address: '9123 4567', consent: true }), 'address');
    expectCountryCodeRefused(await anyone().req('POST', '/api/v1/phone-checks', { branchId: at.sys.branchId, phone: '9123 4567', lang: 'en' }, freshIp()), 'phone');
    expect((await anyone().req('GET', `/api/v1/tickets/${token}/notify`)).body.data.contacts).toEqual([]);
    // Earlier tests' booking texts may still be on their way: none of them to this number.
    expect(sms.outbox.filter((m) => m.to === '+8691234567' || m.to === '+85291234567')).toEqual([]);
  });

  it('is taken with its country code', async () => {
    setTime(MON, '08:00');
    const r = await book('A', local(TUE, '15:30'), { contact: contact({ phone: '+852 9123 4567' }) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    setTime(MON, '09:30');
    const k = await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A'), contact: { phone: '00852 9123 4567', consent: true } });
    expect(k.status, JSON.stringify(k.body)).toBe(201);
  });
});
