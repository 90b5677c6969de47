/**
 * The customer's consent to keep a visit history and needs: given (or not) with a booking, read,
 * given and withdrawn on the manage page, and what the teller serving them then sees. Real API on
 * PostgreSQL and Redis, the demo branch on Monday 2 March 2026 (booking-support.ts).
 */
import { createLoggingSmsProvider, type SmsProvider } from '@tellerline/notify';
import { beforeAll, describe, expect, it } from 'vitest';
import { managerAndTeller, MON, local, TUE, WED } from './booking-support.js';
import { waitFor } from './support.js';
import { normalizePhone } from '@tellerline/contracts';

// Texts are kept, not sent: the confirmation link is read from the outbox, as the customer's phone would.
const sms = createLoggingSmsProvider(() => undefined);
/**
 * While true the SMS gateway fails every call (it times out) — and the text may still reach the
 * phone, the worst case: it is kept in the outbox anyway.
 */
let smsFailing = false;
const gateway: SmsProvider = {
  name: 'gateway',
  send: async (m) => {
    const r = await sms.send(m);
    if (smsFailing) throw new Error('gateway timed out');
    return r;
  },
};
const { setTime, at, command, anyone, kiosk, branchPath, contact, book, booked, consentLinksSent } = managerAndTeller({ notify: { smsProvider: gateway } });
/** The confirmation links texted to a phone, oldest first. */
const links = (phone: string) => sms.outbox.filter((m) => m.to === normalizePhone(phone)).flatMap((m) => [...m.text.matchAll(/\/consent\/([A-Za-z0-9_-]+)/g)].map((x) => x[1]!));
/** The confirmation texts to a phone (the booking's own confirmation is texted too, in between). */
const texts = (phone: string) => sms.outbox.filter((m) => m.to === normalizePhone(phone) && m.text.includes('/consent/')).map((m) => m.text);
const confirmation = (token: string) => `/api/v1/consent-confirmations/${token}`;
const db = () => at.sys.system.parts.db;
const customerOf = async (manageToken: string) => {
  const a = (await db().booking.findByManageToken(manageToken))!;
  return (await db().historyConsents.findById(a.customerId!))!;
};
const history = (manageToken: string) => `/api/v1/appointments/${manageToken}/history`;
const audited = async (action: string) => (await db().audit.list(at.sys.branchId, 500)).filter((e) => e.action === action);

describe('booking with and without the consent', () => {
  beforeAll(() => setTime(MON, '08:00'));

  it('keeps the consent and the ticked needs only when the box was ticked', async () => {
    const kept = await booked('A', local(TUE, '10:00'), { history: { keep: true, preferences: { hearing: true, stepFree: true, reading: false } } });
    expect(await customerOf(kept.manageToken)).toMatchObject({ consents: { notices: true, history: true }, preferences: { hearing: true, stepFree: true } });
    expect((await customerOf(kept.manageToken)).preferences).not.toHaveProperty('reading');

    const plain = await booked('A', local(TUE, '10:15'));
    expect(await customerOf(plain.manageToken)).toMatchObject({ consents: { notices: true, history: false }, preferences: {} });
    const unticked = await booked('A', local(TUE, '10:30'), { history: { keep: false } });
    expect(await customerOf(unticked.manageToken)).toMatchObject({ consents: { history: false }, preferences: {} });
  });

  it("joins only a profile whose name and addresses agree, never changes another person's, and a refused booking writes nothing", async () => {
    const phone = '+86 139 1234 0001';
    const first = await booked('A', local(TUE, '11:00'), { contact: contact({ name: 'Wang Fang', phone }) });
    const firstCustomer = (await db().booking.findByManageToken(first.manageToken))!.customerId!;

    // Someone else with the same phone (a family member, or a stranger who knows it): a profile of their own.
    const other = await booked('A', local(TUE, '11:15'), { contact: contact({ name: 'Wang Lei', phone }), history: { keep: true, preferences: { interpreter: true } } });
    expect((await db().booking.findByManageToken(other.manageToken))!.customerId).not.toBe(firstCustomer);
    const withEmail = await booked('A', local(TUE, '11:30'), { contact: contact({ name: 'Wang Fang', phone, email: 'not-hers@example.com' }), history: { keep: true, preferences: { reading: true } } });
    expect((await db().booking.findByManageToken(withEmail.manageToken))!.customerId).not.toBe(firstCustomer);
    expect(await db().historyConsents.findById(firstCustomer)).toMatchObject({ consents: { history: false }, preferences: {} });

    // A refused booking (Sunday is closed) by the person herself, ticked: nothing changes, nothing is made.
    const refused = await book('A', local('2026-03-08', '10:00'), { contact: contact({ name: 'Wang Fang', phone }), history: { keep: true, preferences: { hearing: true } } });
    expect(refused.body.error.code).toBe('SLOT_UNAVAILABLE');
    expect(await db().historyConsents.findById(firstCustomer)).toMatchObject({ consents: { history: false }, preferences: {} });
    const nobodyPhone = '+86 139 1234 0002';
    expect((await book('A', local('2026-03-08', '10:00'), { contact: contact({ phone: nobodyPhone }), history: { keep: true } })).status).toBe(409);
    expect(await db().customerBook.findByPhone(nobodyPhone)).toEqual([]);

    // A second booking with her name and phone, ticked: it joins her profile but cannot give her
    // consent (anyone knowing those could); a link goes to her phone and nothing changes yet.
    const again = await book('A', local(WED, '11:00'), { contact: contact({ name: 'wang fang', phone }), history: { keep: true, preferences: { hearing: true } } });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.data).not.toHaveProperty('historyConfirmationSent');
    expect((await db().booking.findByManageToken(again.body.data.manageToken))!.customerId).toBe(firstCustomer);
    expect(await db().historyConsents.findById(firstCustomer)).toMatchObject({ consents: { history: false }, preferences: {} });
    await consentLinksSent();
    expect(links(phone)).toHaveLength(1);
    // Opening the link (her phone) applies it.
    expect((await anyone().req('POST', `${confirmation(links(phone)[0]!)}/confirm`)).status).toBe(200);
    expect(await db().historyConsents.findById(firstCustomer)).toMatchObject({ consents: { history: true }, preferences: { hearing: true } });
    // A later booking with the box unticked is no withdrawal: that is the manage page's. (Two
    // bookings at a time per customer: the first goes.)
    expect((await anyone().req('POST', `/api/v1/appointments/${first.manageToken}/cancel`)).status).toBe(200);
    const joined = await booked('A', local(WED, '11:15'), { contact: contact({ name: 'Wang Fang', phone }) });
    expect(await db().historyConsents.findById(firstCustomer)).toMatchObject({ consents: { history: true }, preferences: { hearing: true } });
    // That booking could have been anyone who knows her name and phone: its manage page says
    // nothing of her profile (not even that it keeps a history or holds needs). The booking whose
    // own link she confirmed sees that it is kept, never which needs.
    const seen = await anyone().req('GET', `/api/v1/appointments/${joined.manageToken}/history`);
    expect(seen.body.data).toEqual({ kept: false, preferences: {}, needsStored: false });
    const confirmedOne = await anyone().req('GET', `/api/v1/appointments/${again.body.data.manageToken}/history`);
    expect(confirmedOne.body.data).toEqual({ kept: true, preferences: {}, needsStored: true });
  });

  it('refuses unknown needs, values that are not booleans and needs without the consent with 400 VALIDATION_FAILED, booking nothing', async () => {
    const phone = '+86 139 1234 0003';
    for (const h of [{ keep: true, preferences: { pets: true } }, { keep: true, preferences: { hearing: 'yes' } }, { keep: 'yes' }, { keep: false, preferences: { hearing: true } }, { keep: true, note: 'wheelchair' }]) {
      const r = await book('A', local(TUE, '14:00'), { contact: contact({ phone }), history: h });
      expect([r.status, r.body.error?.code], JSON.stringify(h)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await db().customerBook.findByPhone(phone)).toEqual([]);
  });
});

describe('a booking that joins a profile answers exactly as one that makes a profile', () => {
  /** The fields that differ between any two bookings (their own code and link); every other one must match. */
  const shared = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([k]) => !['code', 'manageToken', 'icsUrl'].includes(k)));

  it('ticked: the same answer field by field and the same history view, while the link goes to the real contact only', async () => {
    setTime(MON, '08:00');
    const herPhone = '+86 139 1234 0021';
    const newPhone = '+86 139 1234 0022';
    await booked('A', local(TUE, '15:00'), { contact: contact({ name: 'Zhou Min', phone: herPhone }) });
    const history_ = { keep: true, preferences: { hearing: true } };
    // Someone who knows her name and phone (joins her profile), and someone new (makes one), same slot, same choice.
    const joined = await book('A', local(WED, '15:00'), { contact: contact({ name: 'Zhou Min', phone: herPhone }), history: history_ });
    const fresh = await book('A', local(WED, '15:00'), { contact: contact({ name: 'Qian Yu', phone: newPhone }), history: history_ });
    expect([joined.status, fresh.status]).toEqual([201, 201]);
    expect(Object.keys(joined.body.data).sort()).toEqual(Object.keys(fresh.body.data).sort());
    expect(shared(joined.body.data)).toEqual(shared(fresh.body.data));
    const [joinedView, freshView] = await Promise.all([anyone().req('GET', history(joined.body.data.manageToken)), anyone().req('GET', history(fresh.body.data.manageToken))]);
    expect(joinedView.body.data).toEqual(freshView.body.data);
    expect(joinedView.body.data).toEqual({ kept: true, preferences: {}, needsStored: true });
    // The consent link went to her phone (she alone can give her consent); none to the new contact.
    await consentLinksSent();
    expect(links(herPhone)).toHaveLength(1);
    expect(links(newPhone)).toEqual([]);
    expect(await customerOf(joined.body.data.manageToken)).toMatchObject({ consents: { history: false }, preferences: {} });
    expect(await customerOf(fresh.body.data.manageToken)).toMatchObject({ consents: { history: true }, preferences: { hearing: true } });
  });

  it('unticked: the same answer and the same view, and no link to anyone', async () => {
    setTime(MON, '08:00');
    const herPhone = '+86 139 1234 0023';
    const newPhone = '+86 139 1234 0024';
    await booked('A', local(TUE, '15:15'), { contact: contact({ name: 'Sun Li', phone: herPhone }), history: { keep: true, preferences: { stepFree: true } } });
    const joined = await book('A', local(WED, '15:15'), { contact: contact({ name: 'Sun Li', phone: herPhone }) });
    const fresh = await book('A', local(WED, '15:15'), { contact: contact({ name: 'Li Na', phone: newPhone }) });
    expect(shared(joined.body.data)).toEqual(shared(fresh.body.data));
    const [joinedView, freshView] = await Promise.all([anyone().req('GET', history(joined.body.data.manageToken)), anyone().req('GET', history(fresh.body.data.manageToken))]);
    expect(joinedView.body.data).toEqual(freshView.body.data);
    expect(joinedView.body.data).toEqual({ kept: false, preferences: {}, needsStored: false });
    expect([...links(herPhone), ...links(newPhone)]).toEqual([]);
  });
});

describe("the manage page's 'keep my history' answers the same for a joined profile and a new one", () => {
  it('field by field, status and headers, whether a link goes, is on its way already or cannot be sent', async () => {
    setTime(MON, '08:00');
    const herPhone = '+86 139 1234 0025';
    await booked('A', local(TUE, '14:30'), { contact: contact({ name: 'Xu Ying', phone: herPhone }) });
    // Someone who knows her name and phone (the booking joins her profile), and someone new (it makes one).
    const joined = await booked('A', local(WED, '14:30'), { contact: contact({ name: 'Xu Ying', phone: herPhone }) });
    const fresh = await booked('A', local(WED, '14:30'), { contact: contact({ name: 'Ma Lin', phone: '+86 139 1234 0026' }) });
    expect((await db().booking.findByManageToken(joined.manageToken))!.createdProfile).toBe(false);
    expect((await db().booking.findByManageToken(fresh.manageToken))!.createdProfile).toBe(true);

    /** Both bookings ask the same; the answers must match in every field. */
    async function both(body: unknown) {
      const j = await anyone().req('PUT', history(joined.manageToken), body);
      const f = await anyone().req('PUT', history(fresh.manageToken), body);
      expect(j.status, JSON.stringify(j.body)).toBe(f.status);
      expect(Object.keys(j.body).sort()).toEqual(Object.keys(f.body).sort());
      expect(Object.keys(j.body.data).sort()).toEqual(Object.keys(f.body.data).sort());
      for (const field of Object.keys(f.body.data)) expect(j.body.data[field], field).toEqual(f.body.data[field]);
      for (const header of ['content-type', 'cache-control']) expect(j.headers.get(header), header).toBe(f.headers.get(header));
      const [jv, fv] = [await anyone().req('GET', history(joined.manageToken)), await anyone().req('GET', history(fresh.manageToken))];
      expect(jv.body.data).toEqual(fv.body.data);
      return [j.status, j.body.data];
    }

    // A link goes to her phone.
    expect(await both({ keep: true, preferences: { hearing: true, stepFree: true } })).toEqual([200, { kept: true, preferences: { hearing: true, stepFree: true }, needsStored: true }]);
    // Asked again at once: a link is on its way, none is sent now.
    expect(await both({ keep: true })).toEqual([200, { kept: true, preferences: {}, needsStored: false }]);
    await consentLinksSent();
    expect(links(herPhone)).toHaveLength(1);
    // Later, with the SMS gateway down: the link cannot be sent just now.
    setTime(MON, '08:11');
    smsFailing = true;
    try {
      expect(await both({ keep: true, preferences: { reading: true } })).toEqual([200, { kept: true, preferences: { reading: true }, needsStored: true }]);
      await waitFor('the failed text', async () => links(herPhone).length >= 2);
    } finally {
      smsFailing = false;
    }
    // Withdrawing: at once for the new profile, a link to her for the joined one; the same answer.
    expect(await both({ keep: false })).toEqual([200, { kept: false, preferences: {}, needsStored: false }]);
    await consentLinksSent();
    setTime(MON, '08:00');
  });
});

describe('a booking by someone else with her name and phone', () => {
  it("reads nothing of her profile's consent or needs, asking or not, and the booking limit does not confirm her bookings", async () => {
    setTime(MON, '08:00');
    const phone = '+86 139 1234 0009';
    // Her own booking, keeping her history with needs.
    const hers = await booked('A', local(TUE, '13:00'), { contact: contact({ name: 'Gao Jing', phone }), history: { keep: true, preferences: { hearing: true, stepFree: true } } });
    expect((await anyone().req('GET', history(hers.manageToken))).body.data).toEqual({ kept: true, preferences: {}, needsStored: true });

    // Someone who knows her name and phone books: the booking joins her profile...
    const theirs = await booked('A', local(WED, '13:00'), { contact: contact({ name: 'Gao Jing', phone }) });
    expect((await db().booking.findByManageToken(theirs.manageToken))!.customerId).toBe((await db().booking.findByManageToken(hers.manageToken))!.customerId);
    // ...but its manage page shows nothing from her earlier booking,
    expect((await anyone().req('GET', history(theirs.manageToken))).body.data).toEqual({ kept: false, preferences: {}, needsStored: false });
    // nor does asking to keep it, once or again (a link goes to her phone; the answer is the one
    // a new profile gets, and does not say what she keeps or whether a link went).
    for (let i = 0; i < 2; i++) expect((await anyone().req('PUT', history(theirs.manageToken), { keep: true })).body.data).toEqual({ kept: true, preferences: {}, needsStored: false });
    await consentLinksSent();
    expect(links(phone)).toHaveLength(1);

    // A third booking with her contact is refused (two at a time), in words that neither count nor list her bookings.
    const third = await book('A', local(WED, '14:00'), { contact: contact({ name: 'Gao Jing', phone }) });
    expect(third.body.error).toEqual({ code: 'BOOKING_LIMIT', message: 'This contact already has the most bookings allowed; use the links we sent to change them.' });
  });
});

describe('manage page', () => {
  it('shows, gives and withdraws the consent (clearing the needs), audited as the customer without the needs', async () => {
    setTime(MON, '08:00');
    const a = await booked('A', local(TUE, '15:00'));
    expect((await anyone().req('GET', history(a.manageToken))).body.data).toEqual({ kept: false, preferences: {}, needsStored: false });

    const given = await anyone().req('PUT', history(a.manageToken), { keep: true, preferences: { interpreter: true, reading: true, hearing: false } });
    expect(given.status, JSON.stringify(given.body)).toBe(200);
    expect(given.body.data).toEqual({ kept: true, preferences: { interpreter: true, reading: true }, needsStored: true });
    // Read back, it says that needs are kept, never which: the token proves who booked, not whose profile it joined.
    expect((await anyone().req('GET', history(a.manageToken))).body.data).toEqual({ kept: true, preferences: {}, needsStored: true });
    const gives = await audited('give-history-consent');
    expect(gives.at(0)).toMatchObject({ role: 'customer', userId: null, branchId: at.sys.branchId, details: { code: a.code } });
    expect(JSON.stringify(gives)).not.toMatch(/interpreter|reading|Customer/);

    const withdrawn = await anyone().req('PUT', history(a.manageToken), { keep: false });
    expect(withdrawn.body.data).toEqual({ kept: false, preferences: {}, needsStored: false });
    expect(await customerOf(a.manageToken)).toMatchObject({ consents: { history: false }, preferences: {} });
    expect((await audited('withdraw-history-consent')).at(0)).toMatchObject({ role: 'customer', details: { code: a.code } });
  });

  it('refuses bad input with 400 VALIDATION_FAILED and an unknown token with 404, changing nothing', async () => {
    setTime(MON, '08:00');
    const a = await booked('A', local(TUE, '15:15'), { history: { keep: true, preferences: { stepFree: true } } });
    for (const body of [{ keep: true, preferences: { wheelchair: true } }, { keep: true, preferences: { stepFree: 1 } }, { keep: 'false' }, {}, { keep: false, preferences: { stepFree: true } }, 'yes']) {
      const r = await anyone().req('PUT', history(a.manageToken), body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await customerOf(a.manageToken)).toMatchObject({ consents: { history: true }, preferences: { stepFree: true } });
    expect((await anyone().req('PUT', history('no-such-token-aaaaaaaa'), { keep: false })).body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    expect((await anyone().req('GET', history('no-such-token-aaaaaaaa'))).status).toBe(404);
  });
});

describe('consent that only the customer can give', () => {
  /** Her own first booking (it made her profile), and a joined one by whoever knows her name and phone. */
  async function herAndOther(name: string, phone: string, language: 'zh' | 'en', hm: [string, string]) {
    const own = await booked('A', local(TUE, hm[0]), { contact: contact({ name, phone, language }), history: { keep: true, preferences: { hearing: true, reading: true } } });
    const other = await booked('A', local(WED, hm[1]), { contact: contact({ name, phone, language }) });
    const customerId = (await db().booking.findByManageToken(own.manageToken))!.customerId!;
    expect((await db().booking.findByManageToken(other.manageToken))!.customerId).toBe(customerId);
    return { own, other, customerId };
  }

  it("a joined booking's manage page cannot give back a withdrawn consent: it texts her a link, and only opening it applies, once", async () => {
    setTime(MON, '08:00');
    const phone = '+86 131 5550 0001';
    const { own, other, customerId } = await herAndOther('李娜', phone, 'zh', ['16:00', '16:00']);
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: true }, preferences: { hearing: true, reading: true } });

    // She withdraws; the other booking (same name and phone) tries to give it again with other needs.
    expect((await anyone().req('PUT', history(own.manageToken), { keep: false })).body.data).toEqual({ kept: false, preferences: {}, needsStored: false });
    const asked = await anyone().req('PUT', history(other.manageToken), { keep: true, preferences: { interpreter: true } });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.data).toEqual({ kept: true, preferences: { interpreter: true }, needsStored: true });
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: false }, preferences: {} });
    expect((await audited('request-history-consent')).at(0)).toMatchObject({ role: 'customer', details: { code: other.code } });
    await consentLinksSent();

    // The text went to her phone, in her language, naming the branch, with a link.
    const [token] = links(phone);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const text = texts(phone).at(-1)!;
    expect(text).toMatch(/^请确认.+可以保留您的来访记录和需求：http\S+\/consent\/[A-Za-z0-9_-]+\?lang=zh 。如非本人操作，请忽略本消息。$/);

    // The page shows what would be kept; nothing is applied by looking.
    const shown = await anyone().req('GET', confirmation(token!));
    expect(shown.status).toBe(200);
    expect(shown.body.data).toMatchObject({ preferences: { interpreter: true }, branch: { zh: expect.any(String), en: expect.any(String) } });
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: false } });

    const confirmed = await anyone().req('POST', `${confirmation(token!)}/confirm`);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.data).toEqual({ kept: true, preferences: { interpreter: true } });
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: true }, preferences: { interpreter: true } });
    const audits = await audited('confirm-history-consent');
    expect(audits.at(0)).toMatchObject({ role: 'customer', userId: null, details: { code: other.code } });
    expect(JSON.stringify(audits)).not.toMatch(/interpreter|李娜/);

    // Withdrawing from that booking is no more hers than giving was: it asks her by a new link
    // (once the cooldown since the last has passed), and changes nothing until she opens it.
    setTime(MON, '08:11');
    expect((await anyone().req('PUT', history(other.manageToken), { keep: false })).body.data).toEqual({ kept: false, preferences: {}, needsStored: false });
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: true }, preferences: { interpreter: true } });
    await consentLinksSent();
    expect(texts(phone).at(-1)).toMatch(/^有人通过预约请求.+停止保留您的来访记录并清除您的需求。/);
    expect((await anyone().req('POST', `${confirmation(links(phone).at(-1)!)}/confirm`)).body.data).toEqual({ kept: false, preferences: {} });
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: false }, preferences: {} });
    setTime(MON, '08:00');
    // Single use: a second tap is refused with a stable code, and changes nothing.
    for (const r of [await anyone().req('POST', `${confirmation(token!)}/confirm`), await anyone().req('GET', confirmation(token!))]) {
      expect([r.status, r.body.error?.code]).toEqual([410, 'CONSENT_CONFIRMATION_USED']);
    }
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: false }, preferences: {} });
  });

  it('a joined booking with the box ticked gives nothing and texts her a link in English, which expires after 7 days', async () => {
    setTime(MON, '08:00');
    const phone = '+86 131 5550 0002';
    const own = await booked('A', local(TUE, '16:15'), { contact: contact({ name: 'Li Na', phone, language: 'en' }) });
    const customerId = (await db().booking.findByManageToken(own.manageToken))!.customerId!;
    const r = await book('A', local(WED, '16:15'), { contact: contact({ name: 'li na', phone, language: 'en' }), history: { keep: true, preferences: { stepFree: true } } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.data).not.toHaveProperty('historyConfirmationSent');
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: false }, preferences: {} });
    await consentLinksSent();
    expect(texts(phone).at(-1)).toMatch(/^Confirm that .+ may keep your visit history and needs: http\S+\/consent\/[A-Za-z0-9_-]+\?lang=en \. If this was not you, ignore this message\.$/);
    const [token] = links(phone);
    expect((await anyone().req('GET', confirmation(token!))).body.data.preferences).toEqual({ stepFree: true });

    // Eight days later the link is refused, saying why, and gives nothing.
    setTime('2026-03-10', '09:00');
    for (const res of [await anyone().req('GET', confirmation(token!)), await anyone().req('POST', `${confirmation(token!)}/confirm`)]) {
      expect([res.status, res.body.error?.code]).toEqual([410, 'CONSENT_CONFIRMATION_EXPIRED']);
    }
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: false }, preferences: {} });
    setTime(MON, '08:00');
  });

  it('a failed send answers as a sent one, keeps no usable link, and is sent again in the background once the gateway is back', async () => {
    setTime(MON, '08:00');
    const phone = '+86 131 5550 0004';
    const own = await booked('A', local(TUE, '16:30'), { contact: contact({ name: 'Sun Li', phone }) });
    const customerId = (await db().booking.findByManageToken(own.manageToken))!.customerId!;
    const joined = await booked('A', local(WED, '16:30'), { contact: contact({ name: 'Sun Li', phone }) });

    smsFailing = true;
    let unsent: string;
    try {
      const asked = await anyone().req('PUT', history(joined.manageToken), { keep: true, preferences: { hearing: true } });
      // The answer cannot wait for the gateway: it is the one any booking gets.
      expect([asked.status, asked.body.data]).toEqual([200, { kept: true, preferences: { hearing: true }, needsStored: true }]);
      // The text reached her after all, but the gateway said it failed: its link opens nothing.
      unsent = (await waitFor('the failed text', async () => links(phone).at(0)))!;
      await waitFor('the failed link to be discarded', async () => (await anyone().req('GET', confirmation(unsent))).status === 404);
    } finally {
      smsFailing = false;
    }
    expect(unsent).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect((await anyone().req('POST', `${confirmation(unsent)}/confirm`)).body.error?.code).toBe('CONSENT_CONFIRMATION_NOT_FOUND');
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: false }, preferences: {} });

    // The gateway is back: the job tries again by itself and a new link goes out, which applies.
    await consentLinksSent();
    const token = links(phone).at(-1)!;
    expect(token).not.toBe(unsent);
    expect((await anyone().req('POST', `${confirmation(token)}/confirm`)).status).toBe(200);
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: true }, preferences: { hearing: true } });
  });

  it('two taps on the link at once: one applies it, the other is told it was used', async () => {
    setTime(MON, '08:00');
    const phone = '+86 131 5550 0003';
    const own = await booked('A', local(TUE, '16:45'), { contact: contact({ name: 'Zhao Min', phone }) });
    const customerId = (await db().booking.findByManageToken(own.manageToken))!.customerId!;
    const joined = await booked('A', local(WED, '16:45'), { contact: contact({ name: 'Zhao Min', phone }) });
    expect((await anyone().req('PUT', history(joined.manageToken), { keep: true, preferences: { hearing: true } })).status).toBe(200);
    await consentLinksSent();
    const [token] = links(phone);
    const taps = await Promise.all([anyone().req('POST', `${confirmation(token!)}/confirm`), anyone().req('POST', `${confirmation(token!)}/confirm`)]);
    expect(taps.map((t) => t.status).sort()).toEqual([200, 410]);
    expect(taps.find((t) => t.status === 410)!.body.error.code).toBe('CONSENT_CONFIRMATION_USED');
    expect(await db().historyConsents.findById(customerId)).toMatchObject({ consents: { history: true }, preferences: { hearing: true } });
  });

  it('refuses a malformed token with 400 VALIDATION_FAILED and an unknown one with 404', async () => {
    for (const bad of ['short', 'has%20space-aaaaaaaaaaaaaaa', 'x'.repeat(200)]) {
      for (const res of [await anyone().req('GET', confirmation(bad)), await anyone().req('POST', `${confirmation(bad)}/confirm`)]) {
        expect([res.status, res.body.error?.code], bad).toEqual([400, 'VALIDATION_FAILED']);
      }
    }
    const unknown = 'A'.repeat(43);
    for (const res of [await anyone().req('GET', confirmation(unknown)), await anyone().req('POST', `${confirmation(unknown)}/confirm`)]) {
      expect([res.status, res.body.error?.code]).toEqual([404, 'CONSENT_CONFIRMATION_NOT_FOUND']);
    }
  });
});

describe("the teller's view of the customer", () => {
  it('lists earlier visits and their records only while the customer consents; the needs show with the consent', async () => {
    setTime(MON, '08:00');
    const appt = await booked('A', local(MON, '11:00'), { history: { keep: true, preferences: { hearing: true, stepFree: true } } });
    const customerId = (await db().booking.findByManageToken(appt.manageToken))!.customerId!;

    // An earlier visit of the same customer, with alice's notes.
    setTime(MON, '09:00');
    const past = 'consent-past-visit';
    await at.sys.system.parts.commands.run(at.sys.branchId, { type: 'issue', ticketId: past, token: 'tok-consent-past-visit-aaaaaaa', serviceId: at.sys.service('A'), kind: 'walk-in', priority: 'normal', customerId }, null);
    expect((await command('call-ticket', { ticketId: past, reason: 'consent test' })).status).toBe(200);
    expect((await command('start', { ticketId: past })).status).toBe(200);
    expect((await at.alice.req('PUT', branchPath(`/tickets/${past}/record`), { notes: 'Asked about a pension account.', outcome: 'follow-up' })).status).toBe(200);
    expect((await command('complete', { ticketId: past })).status).toBe(200);

    setTime(MON, '10:50');
    const checkIn = await kiosk().req('POST', branchPath('/check-in'), { code: appt.code });
    expect(checkIn.status).toBe(200);
    const now = checkIn.body.data.ticketId as string;
    expect((await command('call-ticket', { ticketId: now, reason: 'consent test' })).status).toBe(200);
    const profile = async () => {
      const r = await at.alice.req('GET', branchPath(`/tickets/${now}/profile`));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.data as { customer: { historyKept: boolean; preferences: Record<string, boolean> }; visits: { ticketId: string; records: { notes: string }[] }[] };
    };

    const kept = await profile();
    expect(kept.customer).toMatchObject({ historyKept: true, preferences: { hearing: true, stepFree: true } });
    expect(kept.visits.find((v) => v.ticketId === past)?.records.map((r) => r.notes)).toEqual(['Asked about a pension account.']);

    // Withdrawn on the manage page while at the counter: nothing from earlier visits, no needs.
    expect((await anyone().req('PUT', history(appt.manageToken), { keep: false })).status).toBe(200);
    const hidden = await profile();
    expect(hidden.customer).toMatchObject({ historyKept: false, preferences: {} });
    expect(hidden.visits.map((v) => v.ticketId)).toEqual([now]);
    expect(JSON.stringify(hidden)).not.toContain('pension');
    // This visit's own record stays the teller's to write and read.
    expect((await at.alice.req('PUT', branchPath(`/tickets/${now}/record`), { notes: 'Opened the account.', outcome: 'resolved' })).status).toBe(200);
    expect((await profile()).visits.find((v) => v.ticketId === now)?.records.map((r) => r.notes)).toEqual(['Opened the account.']);

    // Given again: the earlier visits show again (the tickets were never the profile's to delete).
    expect((await anyone().req('PUT', history(appt.manageToken), { keep: true })).status).toBe(200);
    const again = await profile();
    expect(again.customer).toMatchObject({ historyKept: true, preferences: {} });
    expect(again.visits.map((v) => v.ticketId)).toEqual(expect.arrayContaining([now, past]));
    expect((await command('start', { ticketId: now })).status).toBe(200);
    expect((await command('complete', { ticketId: now })).status).toBe(200);
  });

  it('shows a customer who never consented no earlier visits', async () => {
    setTime(MON, '08:00');
    const appt = await booked('A', local(MON, '12:00'));
    const customerId = (await db().booking.findByManageToken(appt.manageToken))!.customerId!;
    setTime(MON, '11:20');
    const past = 'consent-never-past';
    await at.sys.system.parts.commands.run(at.sys.branchId, { type: 'issue', ticketId: past, token: 'tok-consent-never-past-aaaaaaa', serviceId: at.sys.service('A'), kind: 'walk-in', priority: 'normal', customerId }, null);
    expect((await command('call-ticket', { ticketId: past, reason: 'consent test' })).status).toBe(200);
    expect((await command('start', { ticketId: past })).status).toBe(200);
    expect((await at.alice.req('PUT', branchPath(`/tickets/${past}/record`), { notes: 'Lost card.', outcome: 'resolved' })).status).toBe(200);
    expect((await command('complete', { ticketId: past })).status).toBe(200);

    setTime(MON, '11:50');
    const now = (await kiosk().req('POST', branchPath('/check-in'), { code: appt.code })).body.data.ticketId as string;
    expect((await command('call-ticket', { ticketId: now, reason: 'consent test' })).status).toBe(200);
    const r = await at.alice.req('GET', branchPath(`/tickets/${now}/profile`));
    expect(r.body.data.customer).toMatchObject({ historyKept: false, preferences: {} });
    expect(r.body.data.visits.map((v: { ticketId: string }) => v.ticketId)).toEqual([now]);
    expect(JSON.stringify(r.body)).not.toContain('Lost card');
  });
});
