/**
 * Withdrawing the consent to keep a visit history from a booking's manage page. A booking joins a
 * customer's profile on name and phone, which others may know: such a booking withdraws only its
 * own choice, and the profile's history and needs are cleared only when the profile's own contact
 * confirms by the link texted to it. The booking that made the profile withdraws at once. Real API
 * on PostgreSQL, Redis and BullMQ, the demo branch on Monday 2 March 2026 (booking-support.ts).
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { normalizePhone } from '@tellerline/contracts';
import { describe, expect, it } from 'vitest';
import { managerAndTeller, MON, local, TUE, WED } from './booking-support.js';

const sms = createLoggingSmsProvider(() => undefined);
const { setTime, at, anyone, contact, booked, consentLinksSent } = managerAndTeller({ notify: { smsProvider: sms } });
const db = () => at.sys.system.parts.db;
const history = (manageToken: string) => `/api/v1/appointments/${manageToken}/history`;
const confirmation = (token: string) => `/api/v1/consent-confirmations/${token}`;
/** The consent texts to a phone, oldest first, and the links in them. */
const texts = (phone: string) => sms.outbox.filter((m) => m.to === normalizePhone(phone) && m.text.includes('/consent/')).map((m) => m.text);
const links = (phone: string) => texts(phone).flatMap((t) => [...t.matchAll(/\/consent\/([A-Za-z0-9_-]+)/g)].map((x) => x[1]!));
const audited = async (action: string) => (await db().audit.list(at.sys.branchId, 1000)).filter((e) => e.action === action);
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const profileOf = async (manageToken: string) => {
  const a = (await db().booking.findByManageToken(manageToken))!;
  return (await db().historyConsents.findById(a.customerId!))!;
};
const NOTHING = { kept: false, preferences: {}, needsStored: false };

describe('a booking made with her name and phone withdraws the consent', () => {
  it("changes nothing of her profile, texts her a link that only applies when she opens it, and answers as her own withdrawal would", async () => {
    setTime(MON, '08:00');
    const phone = '+8613611112222';
    const victim = await booked('A', local(TUE, '09:00'), { contact: contact({ name: 'Wang Fang', phone, language: 'zh' }), history: { keep: true, preferences: { stepFree: true, hearing: true } } });
    expect((await anyone().req('GET', history(victim.manageToken))).body.data).toEqual({ kept: true, preferences: {}, needsStored: true });

    // Someone who knows her name and phone (written differently) books: the booking joins her profile.
    const attacker = await booked('A', local(WED, '09:00'), { contact: contact({ name: 'wang fang', phone: '+86 136 1111 2222', language: 'zh' }) });
    expect((await db().booking.findByManageToken(attacker.manageToken))!.customerId).toBe((await db().booking.findByManageToken(victim.manageToken))!.customerId);

    const withdrawn = await anyone().req('PUT', history(attacker.manageToken), { keep: false }, from('198.51.100.1'));
    expect([withdrawn.status, withdrawn.body.data]).toEqual([200, NOTHING]);
    // Its own page reads its own choice back, as a booking that made a profile and withdrew reads.
    expect((await anyone().req('GET', history(attacker.manageToken))).body.data).toEqual(NOTHING);
    // Her history and needs are untouched, and her page still says so.
    expect(await profileOf(victim.manageToken)).toMatchObject({ consents: { history: true }, preferences: { stepFree: true, hearing: true } });
    expect((await anyone().req('GET', history(victim.manageToken))).body.data).toEqual({ kept: true, preferences: {}, needsStored: true });
    expect((await audited('request-history-withdrawal')).at(0)).toMatchObject({ role: 'customer', userId: null, details: { code: attacker.code } });
    expect(await audited('withdraw-history-consent')).toEqual([]);

    // She is told: a text to her own phone asks her to confirm, and ignoring it changes nothing.
    await consentLinksSent();
    expect(texts(phone)).toHaveLength(1);
    expect(texts(phone)[0]).toMatch(/^有人通过预约请求.+停止保留您的来访记录并清除您的需求。如是您本人，请确认：http\S+\/consent\/[A-Za-z0-9_-]+\?lang=zh 。如非本人操作，请忽略本消息，您的记录不受影响。$/);
    const [token] = links(phone);
    const shown = await anyone().req('GET', confirmation(token!));
    expect([shown.status, shown.body.data.keep, shown.body.data.preferences]).toEqual([200, false, {}]);
    expect(await profileOf(victim.manageToken)).toMatchObject({ consents: { history: true }, preferences: { stepFree: true, hearing: true } });

    // Only opening the link (her phone) withdraws it, once.
    const confirmed = await anyone().req('POST', `${confirmation(token!)}/confirm`);
    expect([confirmed.status, confirmed.body.data]).toEqual([200, { kept: false, preferences: {} }]);
    expect(await profileOf(victim.manageToken)).toMatchObject({ consents: { history: false }, preferences: {} });
    expect((await anyone().req('GET', history(victim.manageToken))).body.data).toEqual(NOTHING);
    expect((await audited('confirm-history-withdrawal')).at(0)).toMatchObject({ role: 'customer', details: { code: attacker.code } });
    expect((await anyone().req('POST', `${confirmation(token!)}/confirm`)).body.error?.code).toBe('CONSENT_CONFIRMATION_USED');
  });

  it('answers field by field as a booking that made its profile, and texts nobody when the profile keeps nothing', async () => {
    setTime(MON, '08:00');
    const herPhone = '+86 136 1111 2223';
    const newPhone = '+86 136 1111 2224';
    await booked('A', local(TUE, '09:15'), { contact: contact({ name: 'Tang Yi', phone: herPhone }) });
    const joined = await booked('A', local(WED, '09:15'), { contact: contact({ name: 'Tang Yi', phone: herPhone }) });
    const fresh = await booked('A', local(WED, '09:15'), { contact: contact({ name: 'Feng Yu', phone: newPhone }), history: { keep: true, preferences: { reading: true } } });
    const [j, f] = [await anyone().req('PUT', history(joined.manageToken), { keep: false }, from('198.51.100.2')), await anyone().req('PUT', history(fresh.manageToken), { keep: false }, from('198.51.100.2'))];
    expect([j.status, j.body]).toEqual([f.status, f.body]);
    for (const header of ['content-type', 'cache-control']) expect(j.headers.get(header), header).toBe(f.headers.get(header));
    expect((await anyone().req('GET', history(joined.manageToken))).body.data).toEqual((await anyone().req('GET', history(fresh.manageToken))).body.data);
    // The one that made its profile withdrew at once; hers kept nothing, so nobody is texted.
    expect(await profileOf(fresh.manageToken)).toMatchObject({ consents: { history: false }, preferences: {} });
    await consentLinksSent();
    expect([...texts(herPhone), ...texts(newPhone)]).toEqual([]);
  });

  it("takes back the booking's own request: a link it asked for earlier no longer gives the consent", async () => {
    setTime(MON, '08:00');
    const phone = '+86 136 1111 2225';
    const own = await booked('A', local(TUE, '09:30'), { contact: contact({ name: 'Lu Qing', phone, language: 'en' }) });
    const joined = await booked('A', local(WED, '09:30'), { contact: contact({ name: 'Lu Qing', phone, language: 'en' }) });
    expect((await anyone().req('PUT', history(joined.manageToken), { keep: true, preferences: { hearing: true } }, from('198.51.100.3'))).status).toBe(200);
    await consentLinksSent();
    const [asked] = links(phone);
    expect((await anyone().req('GET', confirmation(asked!))).body.data).toMatchObject({ keep: true, preferences: { hearing: true } });

    expect((await anyone().req('PUT', history(joined.manageToken), { keep: false }, from('198.51.100.3'))).body.data).toEqual(NOTHING);
    expect((await anyone().req('POST', `${confirmation(asked!)}/confirm`)).body.error?.code).toBe('CONSENT_CONFIRMATION_NOT_FOUND');
    expect(await profileOf(own.manageToken)).toMatchObject({ consents: { history: false }, preferences: {} });
    // Her profile keeps nothing: there is no withdrawal to ask her about.
    await consentLinksSent();
    expect(links(phone)).toEqual([asked]);
  });

  it('texts the withdrawal in English to a profile in English, and her own booking still withdraws at once', async () => {
    setTime(MON, '08:00');
    const phone = '+86 136 1111 2226';
    const own = await booked('A', local(TUE, '09:45'), { contact: contact({ name: 'Kong Jie', phone, language: 'en' }), history: { keep: true, preferences: { interpreter: true } } });
    const joined = await booked('A', local(WED, '09:45'), { contact: contact({ name: 'Kong Jie', phone, language: 'en' }) });
    expect((await anyone().req('PUT', history(joined.manageToken), { keep: false }, from('198.51.100.4'))).status).toBe(200);
    await consentLinksSent();
    expect(texts(phone).at(-1)).toMatch(/^A booking asked .+ to stop keeping your visit history and clear your needs\. If this was you, confirm: http\S+\/consent\/[A-Za-z0-9_-]+\?lang=en \. If not, ignore this message: nothing changes\.$/);
    expect(await profileOf(own.manageToken)).toMatchObject({ consents: { history: true }, preferences: { interpreter: true } });

    // She withdraws from the booking that made her profile: at once, no link.
    const mine = await anyone().req('PUT', history(own.manageToken), { keep: false }, from('198.51.100.4'));
    expect(mine.body.data).toEqual(NOTHING);
    expect(await profileOf(own.manageToken)).toMatchObject({ consents: { history: false }, preferences: {} });
    expect((await audited('withdraw-history-consent')).at(0)).toMatchObject({ role: 'customer', details: { code: own.code } });
    await consentLinksSent();
    expect(texts(phone)).toHaveLength(1);
  });
});
