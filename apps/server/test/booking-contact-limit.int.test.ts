/**
 * Anyone can type any phone number or e-mail address into the booking page, and every booking
 * (and move) confirms itself there, every cancel too: booking and cancelling in a loop from a few
 * addresses must not flood a stranger's phone. Bookings and moves are counted per contact (five
 * in ten minutes, ten a day); cancels are free. A refusal writes and sends nothing. The per-IP
 * booking limit counts an IPv6 caller by its /64, which it could otherwise rotate through. Real
 * API on PostgreSQL, Redis and the notice worker (booking-support.ts), on a clock the test moves.
 */
import { normalizePhone } from '@tellerline/contracts';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { describe, expect, it } from 'vitest';
import { FRI, local, managerAndTeller, MON, THU, TUE, WED } from './booking-support.js';
import { waitFor } from './support.js';

const sms = createLoggingSmsProvider(() => undefined);
const { clock, setTime, at, anyone, book, contact } = managerAndTeller({ notify: { smsProvider: sms } });
const texts = (phone: string): string[] => sms.outbox.filter((m) => m.to === normalizePhone(phone)).map((m) => m.text);
/** Moves the test's clock on by `sec` seconds. */
const wait = (sec: number) => void (clock.t += sec * 1000);
const cancel = (manageToken: string) => anyone().req('POST', `/api/v1/appointments/${manageToken}/cancel`);
const move = (manageToken: string, startsAt: number) => anyone().req('POST', `/api/v1/appointments/${manageToken}/reschedule`, { startsAt });

/** Waits until the phone has had `count` texts, then a moment longer to see that no more come. */
async function textsSettle(phone: string, count: number): Promise<string[]> {
  // Ten texts go through the notice worker: seconds on a loaded machine.
  await waitFor(`${count} texts to ${phone}`, async () => texts(phone).length >= count, 30_000);
  await new Promise((r) => setTimeout(r, 300));
  return texts(phone);
}

/** Slots of Loans (C, one place each) on Tuesday from 09:00, one per call. */
let slot = 0;
const nextSlot = () => {
  const m = 9 * 60 + 30 * slot++;
  return local(TUE, `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
};

describe('confirmations per phone number and e-mail address', () => {
  it("a customer's own booking, move, cancel and new booking work; five in ten minutes, ten a day; cancels free; refusals write and send nothing", async () => {
    setTime(MON, '08:00');
    const phone = '+86 137 0000 0099';
    const mine = { name: 'Li Lei', phone, language: 'en', consent: true };
    const bookMine = (startsAt: number, who: Record<string, unknown> = mine) => book('C', startsAt, { contact: who });
    const bookAndCancel = async () => {
      const r = await bookMine(nextSlot());
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect((await cancel(r.body.data.manageToken)).status).toBe(200);
    };

    // What the real customer does: book, move, cancel, book again (three confirmations counted).
    const first = await bookMine(nextSlot());
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await move(first.body.data.manageToken, nextSlot())).status).toBe(200);
    expect((await cancel(first.body.data.manageToken)).status).toBe(200);
    await bookAndCancel();
    await bookAndCancel();
    // The fifth confirmation in these ten minutes (four bookings and a move).
    await bookAndCancel();

    // The sixth in ten minutes is refused, from a fresh address, under any name with this number.
    const refusedAt = nextSlot();
    const profilesBefore = (await at.sys.system.parts.db.customerBook.findByPhone(phone)).length;
    const sixth = await bookMine(refusedAt, { ...mine, name: 'Someone Else' });
    expect([sixth.status, sixth.body.error?.code, sixth.body.error?.details?.retryAfterSec, sixth.headers.get('retry-after')]).toEqual([429, 'RATE_LIMITED', 600, '600']);
    // Nothing written: no profile for the new name, the slot (one place) still free for another number.
    expect(await at.sys.system.parts.db.customerBook.findByPhone(phone)).toHaveLength(profilesBefore);
    expect((await book('C', refusedAt)).status).toBe(201);
    // Nothing sent: 4 bookings + 1 move confirmed, 4 cancels confirmed.
    const sent = await textsSettle(phone, 9);
    expect(sent.filter((t) => /^(Booked|Moved): /.test(t))).toHaveLength(5);
    expect(sent).toHaveLength(9);

    // Ten minutes on: five more, and the eleventh of the day is refused until a day after the first.
    wait(600);
    for (let i = 0; i < 5; i++) await bookAndCancel();
    wait(600);
    const eleventh = await bookMine(nextSlot());
    expect([eleventh.status, eleventh.body.error?.code, eleventh.body.error?.details?.retryAfterSec]).toEqual([429, 'RATE_LIMITED', 86_400 - 1_200]);
    expect(await textsSettle(phone, 19)).toHaveLength(19);

    // Another number still books.
    expect((await book('C', nextSlot(), { contact: contact() })).status).toBe(201);
    // A cancel is never refused: the customer can always give their place back.
    expect((await cancel(first.body.data.manageToken)).status).toBe(200);
  }, 90_000);

  it('counts an e-mail address however it is capitalised, and a move as a confirmation', async () => {
    setTime(WED, '08:00');
    const spellings = ['Flood@Example.com', 'flood@example.com', 'FLOOD@example.COM'];
    const made = await book('A', local(THU, '09:00'), { contact: { name: 'Mail Person', email: spellings[0], language: 'zh', consent: true } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    for (const t of ['09:30', '10:00']) expect((await move(made.body.data.manageToken, local(THU, t))).status).toBe(200);
    for (let i = 1; i <= 2; i++) {
      const r = await book('A', local(THU, `1${i}:00`), { contact: { name: `Mail ${i}`, email: spellings[i], language: 'zh', consent: true } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    // Five: the next move of the first booking is refused too, and it stays where it was.
    const sixth = await move(made.body.data.manageToken, local(THU, '14:00'));
    expect([sixth.status, sixth.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await anyone().req('GET', `/api/v1/appointments/${made.body.data.manageToken}`)).body.data.startsAt).toBe(local(THU, '10:00'));
  });
});

describe('the per-IP booking limit and IPv6', () => {
  it('counts a caller by its /64: a neighbour address shares the count, the next /64 does not', async () => {
    setTime(MON, '08:00');
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const bookFrom = (ip: string, hm: string) =>
      anyone().req('POST', '/api/v1/appointments', { branchId: at.sys.branchId, serviceId: at.sys.service('A'), startsAt: local(WED, hm), contact: contact() }, from(ip));
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await bookFrom(`2001:db8:77:1::${(i + 1).toString(16)}`, `${String(9 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`)).status);
    expect(answers).toEqual(Array(10).fill(201));
    const neighbour = await bookFrom('2001:db8:77:1:9f3c:11ab:4e2:7d10', '15:00');
    expect([neighbour.status, neighbour.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await bookFrom('2001:db8:77:2::1', '15:00')).status).toBe(201);
  });
});

describe('remote tickets per phone number', () => {
  it('counts joins from the phone with bookings: five in ten minutes whatever the address, a refused join issues nothing', async () => {
    setTime(THU, '10:00');
    const on = await at.manager.saveBookingSettings(`/api/v1/branches/${at.sys.branchId}/booking/settings`, { settings: { remoteQueue: true } });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    const phone = '+86 137 0000 0077';
    const join = (ip: string, who = phone) =>
      anyone().req('POST', `/api/v1/branches/${at.sys.branchId}/remote-tickets`, { serviceId: at.sys.service('B'), lang: 'zh', contact: { phone: who, consent: true } }, { 'x-forwarded-for': ip });
    const tickets = async () => Object.keys((await at.sys.system.parts.store.load(at.sys.branchId))!.tickets).length;

    // A booking with the number counts as one; then four joins, each from its own address.
    expect((await book('A', local(FRI, '09:00'), { contact: { name: '李雷', phone, language: 'zh', consent: true } })).status).toBe(201);
    for (let i = 1; i <= 4; i++) expect((await join(`203.0.113.${i}`)).status).toBe(201);
    const before = await tickets();
    const sixth = await join('203.0.113.50');
    expect([sixth.status, sixth.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(await tickets()).toBe(before);
    // Another number joins from that same address: the refused joins did not use up its joins
    // (five per address), nor does a refused one from a full address count against the number.
    for (let i = 0; i < 3; i++) expect([(await join('203.0.113.50')).status]).toEqual([429]);
    for (let i = 78; i < 83; i++) expect((await join('203.0.113.50', `+86 137 0000 00${i}`)).status).toBe(201);
    const full = await join('203.0.113.50', '+86 137 0000 0090');
    expect([full.status, full.body.error?.message]).toEqual([429, 'Too many tickets from this connection; try again later.']);
    expect((await join('203.0.113.51', '+86 137 0000 0090')).status).toBe(201);
  });
});
