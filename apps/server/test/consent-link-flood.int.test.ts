/**
 * A confirmation link texts the profile's own phone, and anyone who knows a name and phone can
 * book and ask for one: repeating the ask must not flood that phone. One open link per profile, a
 * cooldown before a new one, a cap per profile and per caller address a day. The link is sent by
 * a notice queue job, and the answer is the same whatever the job does: never an error that tells
 * the asker something about the profile. Real API on PostgreSQL, Redis and BullMQ (booking-support.ts).
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { describe, expect, it } from 'vitest';
import { managerAndTeller, MON, local, TUE, WED } from './booking-support.js';
import { normalizePhone } from '@tellerline/contracts';

const sms = createLoggingSmsProvider(() => undefined);
const { setTime, at, anyone, contact, booked, consentLinksSent } = managerAndTeller({ notify: { smsProvider: sms } });
const links = (phone: string) => sms.outbox.filter((m) => m.to === normalizePhone(phone)).flatMap((m) => [...m.text.matchAll(/\/consent\/([A-Za-z0-9_-]+)/g)].map((x) => x[1]!));
const history = (manageToken: string) => `/api/v1/appointments/${manageToken}/history`;
const confirmation = (token: string) => `/api/v1/consent-confirmations/${token}`;
const audited = async (action: string) => (await at.sys.system.parts.db.audit.list(at.sys.branchId, 1000)).filter((e) => e.action === action);
const from = (ip: string) => ({ 'x-forwarded-for': ip });

/** Her own booking (it made the profile) and a joined one by whoever knows her name and phone. */
async function joinedProfile(name: string, phone: string, hm: string) {
  await booked('A', local(TUE, hm), { contact: contact({ name, phone }) });
  return booked('A', local(WED, hm), { contact: contact({ name, phone }) });
}

describe('asking for the consent link again and again', () => {
  it('sends one text; repeats within 10 minutes answer the same (200) without texting; later a new link replaces the open one', async () => {
    setTime(MON, '08:00');
    const phone = '+86 137 0000 0001';
    const joined = await joinedProfile('Qian Wei', phone, '09:00');
    const requestsBefore = (await audited('request-history-consent')).length;

    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await anyone().req('PUT', history(joined.manageToken), { keep: true, preferences: { hearing: true } }, from('203.0.113.7')));
    for (const r of answers) expect([r.status, r.body.data]).toEqual([200, { kept: true, preferences: { hearing: true }, needsStored: true }]);
    await consentLinksSent();
    expect(links(phone)).toHaveLength(1);
    // Each ask is audited as asked for (whether a link went is the job's log, not the answer's).
    expect(await audited('request-history-consent')).toHaveLength(requestsBefore + 30);

    // Eleven minutes on, asking again sends a new link, and the first one no longer opens anything:
    // at most one link of a profile is open.
    setTime(MON, '08:11');
    const again = await anyone().req('PUT', history(joined.manageToken), { keep: true, preferences: { reading: true } }, from('203.0.113.7'));
    expect([again.status, again.body.data]).toEqual([200, { kept: true, preferences: { reading: true }, needsStored: true }]);
    await consentLinksSent();
    const [first, second] = links(phone);
    expect(second).toBeDefined();
    expect((await anyone().req('GET', confirmation(first!))).body.error?.code).toBe('CONSENT_CONFIRMATION_NOT_FOUND');
    expect((await anyone().req('GET', confirmation(second!))).body.data.preferences).toEqual({ reading: true });
  });

  it('texts a profile at most 3 times a day, however long the asker waits in between and from however many addresses', async () => {
    setTime(MON, '08:00');
    const phone = '+86 137 0000 0002';
    const joined = await joinedProfile('Zhou Yan', phone, '09:15');
    for (let i = 0; i < 6; i++) {
      setTime(MON, `${String(9 + i).padStart(2, '0')}:00`);
      const r = await anyone().req('PUT', history(joined.manageToken), { keep: true }, from(`203.0.113.${20 + i}`));
      // Past the cap the answer is the same: the asker learns nothing about the profile.
      expect([r.status, r.body.data]).toEqual([200, { kept: true, preferences: {}, needsStored: false }]);
      await consentLinksSent();
    }
    expect(links(phone)).toHaveLength(3);
  });

  it('a booking with the box ticked, repeated, texts once; neither answer says whether a link went', async () => {
    setTime(MON, '08:00');
    const phone = '+86 137 0000 0003';
    await booked('A', local(TUE, '09:30'), { contact: contact({ name: 'Wu Hao', phone }) });
    for (const hm of ['09:45', '10:00']) {
      const r = await booked('A', local(WED, hm), { contact: contact({ name: 'Wu Hao', phone }), history: { keep: true } });
      expect(r).not.toHaveProperty('historyConfirmationSent');
      expect(r).not.toHaveProperty('historyConfirmationPending');
      // Two bookings at a time per customer: this one goes before the next try.
      expect((await anyone().req('POST', `/api/v1/appointments/${r.manageToken}/cancel`)).status).toBe(200);
    }
    await consentLinksSent();
    expect(links(phone)).toHaveLength(1);
  });

  it('one address asking for many profiles gets its links texted up to 10 a day, then the same answer texting nobody more', async () => {
    setTime(MON, '08:00');
    const ip = '203.0.113.99';
    const phones = Array.from({ length: 12 }, (_, i) => `+86 137 0000 01${String(i).padStart(2, '0')}`);
    const joined = [];
    for (const [i, phone] of phones.entries()) joined.push(await joinedProfile(`Name ${i}`, phone, `${String(13 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`));
    const answers = [];
    for (const j of joined) answers.push(await anyone().req('PUT', history(j.manageToken), { keep: true }, from(ip)));
    // No 429 past the limit: that would tell the asker these contacts have profiles (a new one would not be limited).
    for (const r of answers) {
      expect([r.status, r.body.data]).toEqual([200, { kept: true, preferences: {}, needsStored: false }]);
      expect(r.headers.get('retry-after')).toBeNull();
    }
    await consentLinksSent();
    expect(phones.slice(0, 10).map((p) => links(p).length)).toEqual(Array(10).fill(1));
    expect(phones.slice(10).flatMap(links)).toEqual([]);
    // The profile refused for the address is not held back for others: another address gets its link.
    expect((await anyone().req('PUT', history(joined[10]!.manageToken), { keep: true }, from('203.0.113.100'))).status).toBe(200);
    await consentLinksSent();
    expect(links(phones[10]!)).toHaveLength(1);
  });
});
