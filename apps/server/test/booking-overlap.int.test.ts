/**
 * One customer, one place at a time: a second booking (or a move) by the same customer profile
 * that overlaps an active booking of theirs at the branch is refused with OVERLAPPING_BOOKING,
 * whatever the request id, so one person cannot take every place of a slot. Real API, PostgreSQL.
 */
import { normalizePhone } from '@tellerline/contracts';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingHelpers, branchClock, local, MON, TUE, WED } from './booking-support.js';
import { startTestSystem, waitFor, type TestSystem } from './support.js';

const { clock, setTime } = branchClock();
const sms = createLoggingSmsProvider(() => undefined);
const texts = (phone: string) => sms.outbox.filter((m) => m.to === normalizePhone(phone)).map((m) => m.text);
let sys: TestSystem;
const { anyone, book, booked, contact } = bookingHelpers(() => sys);
const MIN = 60_000;

beforeAll(async () => {
  sys = await startTestSystem({ TRUST_PROXY: 'true' }, { clock, notify: { smsProvider: sms } });
  setTime(MON, '08:00');
});
afterAll(async () => {
  await sys?.close();
});

/** The customer's active bookings at the branch on Tuesday. */
async function activeOn(phone: string) {
  const list = await sys.system.parts.db.booking.activeBetween(sys.branchId, local(TUE, '00:00'), local(TUE, '23:59'));
  const mine = (await sys.system.parts.db.customerBook.findByPhone(phone)).map((c) => c.id);
  return list.filter((a) => a.customerId !== null && mine.includes(a.customerId));
}

describe('overlapping bookings of one customer', () => {
  it('refuses a second booking of the same time, under another request id or none, and of any overlapping time', async () => {
    const me = contact();
    const at = local(TUE, '10:00');
    const first = await book('A', at, { contact: me, requestId: 'overlap-first-1' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // The same request again is the same booking (a lost answer), not an overlap.
    const replay = await book('A', at, { contact: me, requestId: 'overlap-first-1' });
    expect(replay.status).toBe(201);
    expect(replay.body.data.code).toBe(first.body.data.code);

    for (const extra of [{ requestId: 'overlap-second-2' }, {}]) {
      const again = await book('A', at, { contact: me, ...extra });
      expect(again.status).toBe(409);
      expect(again.body.error).toEqual({ code: 'OVERLAPPING_BOOKING', message: 'This time cannot be booked for this contact; please choose another time, or use the links we sent to change a booking.' });
    }
    // Another service at that time overlaps it too.
    const other = await book('B', at, { contact: me });
    expect(other.body.error?.code).toBe('OVERLAPPING_BOOKING');
    expect(await activeOn(me.phone)).toHaveLength(1);

    // The first slot after it ends is fine (slots start every 15 minutes).
    const after = at + Math.ceil((first.body.data.endsAt - at) / (15 * MIN)) * 15 * MIN;
    const next = await book('A', after, { contact: me });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(await activeOn(me.phone)).toHaveLength(2);
  });

  it('lets exactly one of two overlapping bookings sent at once through', async () => {
    const me = contact();
    const at = local(TUE, '11:00');
    const answers = await Promise.all([book('A', at, { contact: me, requestId: 'overlap-race-a' }), book('A', at, { contact: me, requestId: 'overlap-race-b' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('OVERLAPPING_BOOKING');
    expect(await activeOn(me.phone)).toHaveLength(1);
  });

  it('is about the customer: someone else, or a family member sharing the phone under their own name, books the same time', async () => {
    const me = contact();
    const at = local(TUE, '09:00');
    expect((await book('A', at, { contact: me })).status).toBe(201);
    expect((await book('A', at, { contact: { ...me, name: `${me.name} Junior` } })).status).toBe(201);
  });

  it('refuses a move onto the time of another of their bookings, but not a move that overlaps only itself', async () => {
    const me = contact();
    const morning = await booked('A', local(TUE, '13:00'), { contact: me });
    const afternoon = await booked('A', local(TUE, '15:00'), { contact: me });
    const move = (token: string, startsAt: number) => anyone().req('POST', `/api/v1/appointments/${token}/reschedule`, { startsAt });

    const onto = await move(afternoon.manageToken, local(TUE, '13:00'));
    expect(onto.status).toBe(409);
    expect(onto.body.error.code).toBe('OVERLAPPING_BOOKING');
    expect((await move(afternoon.manageToken, local(TUE, '15:15'))).status).toBe(200);

    // Once the other one is cancelled, its time is free for them again.
    expect((await anyone().req('POST', `/api/v1/appointments/${morning.manageToken}/cancel`)).status).toBe(200);
    const moved = await move(afternoon.manageToken, local(TUE, '13:00'));
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.data.startsAt).toBe(local(TUE, '13:00'));
  });
});

/**
 * Whoever knows a person's name and phone must not learn from the booking answers when (or that)
 * that person has a booking. The per-person refusals come only where the same request from a
 * stranger would have booked: at a time that is no slot, or a full one, everyone hears the same.
 */
describe('what the booking answers tell about someone else’s bookings', () => {
  const refusal = async (service: string, at: number, who: Record<string, unknown>) => {
    const r = await book(service, at, { contact: who });
    return [r.status, r.body.error?.code, r.body.error?.message];
  };

  it('answers a time that is no slot the same whether or not the contact has a booking around it', async () => {
    const victim = contact();
    expect((await book('A', local(TUE, '14:00'), { contact: victim })).status).toBe(201);
    // 14:01 is no slot (they start every 15 minutes) but overlaps the 14:00 booking.
    const offGrid = local(TUE, '14:01');
    expect(await refusal('A', offGrid, victim)).toEqual(await refusal('A', offGrid, contact()));
    expect((await refusal('A', offGrid, victim))[1]).toBe('SLOT_UNAVAILABLE');
  });

  it('tells the contact on file, not the caller, why a free time was refused, with the link to the booking it has', async () => {
    const victim = contact();
    const mine = await book('A', local(TUE, '15:00'), { contact: victim });
    expect(mine.status).toBe(201);
    await waitFor('the booking confirmation', async () => texts(victim.phone).length === 1 || null, 30_000);
    // Someone with the name and phone tries 15:00 (free for anyone else): refused, and the answer
    // says nothing of when or what the person has booked.
    const probe = await book('B', local(TUE, '15:00'), { contact: victim });
    expect([probe.status, probe.body.error?.code]).toEqual([409, 'OVERLAPPING_BOOKING']);
    expect(probe.body.error).toEqual({ code: 'OVERLAPPING_BOOKING', message: 'This time cannot be booked for this contact; please choose another time, or use the links we sent to change a booking.' });
    // The person is told, on the phone on file, with their booking's manage link.
    const told = await waitFor('the already-booked text', async () => texts(victim.phone).find((t) => t.startsWith('Not booked:')), 30_000);
    expect(told).toContain(mine.body.data.manageToken);
    expect(told).toMatch(/which stays as it is/);
    // Each such attempt sends a message, so it counts against the contact as a booking does: with
    // the booking and this one, three more make five in ten minutes, and the sixth is refused.
    for (let i = 0; i < 3; i++) expect((await book('B', local(TUE, '15:00'), { contact: victim })).body.error?.code).toBe('OVERLAPPING_BOOKING');
    const sixth = await book('B', local(TUE, '15:00'), { contact: victim });
    expect([sixth.status, sixth.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
  });

  it('counts a BOOKING_LIMIT refusal against the contact as a booking, so probing for it is not free', async () => {
    // The most bookings allowed is two, and five sends per contact in ten minutes: the two
    // bookings and three refusals at free times make five, and the sixth attempt is refused.
    const victim = contact();
    expect((await book('A', local(WED, '09:00'), { contact: victim })).status).toBe(201);
    expect((await book('A', local(WED, '10:00'), { contact: victim })).status).toBe(201);
    for (const hm of ['11:00', '11:30', '12:00']) {
      const r = await book('A', local(WED, hm), { contact: victim });
      expect([r.status, r.body.error?.code]).toEqual([409, 'BOOKING_LIMIT']);
    }
    const sixth = await book('A', local(WED, '13:00'), { contact: victim });
    expect([sixth.status, sixth.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    // A stranger still books that time: it was free, only this contact is out of sends.
    expect((await book('A', local(WED, '13:00'), { contact: contact() })).status).toBe(201);
  });

  it('tells the contact on file, not the caller, of a BOOKING_LIMIT refusal at a free time, once, with the link of their next booking', async () => {
    const victim = contact();
    const later = await book('A', local(WED, '14:30'), { contact: victim });
    const next = await book('A', local(WED, '14:00'), { contact: victim });
    expect([later.status, next.status]).toEqual([201, 201]);
    await waitFor('both confirmations', async () => texts(victim.phone).length === 2 || null, 30_000);
    const probe = await book('B', local(WED, '15:30'), { contact: victim });
    // The caller's answer is the one it always was.
    expect([probe.status, probe.body.error]).toEqual([409, { code: 'BOOKING_LIMIT', message: 'This contact already has the most bookings allowed; use the links we sent to change them.' }]);
    const limitTexts = () => texts(victim.phone).filter((t) => t.startsWith('Not booked: a booking just tried with your contact details was refused'));
    const told = await waitFor('the booking-limit text', async () => limitTexts().length > 0 && limitTexts(), 30_000);
    expect(told).toHaveLength(1);
    // Their next booking (14:00), with its manage link.
    expect(told[0]).toContain(`/a/${next.body.data.manageToken}`);
    expect(told[0]).toMatch(/Your next one: .*Wed 4 Mar 2026 at 14:00\./);
    // Nothing of the refused attempt is owed any more (it was queued by the request).
    expect((await sys.system.parts.db.booking.owedAlreadyBooked(Date.parse('2100-01-01'), 1000)).filter((o) => o.appointment.code === next.body.data.code)).toEqual([]);
  });

  it('answers a full slot SLOT_FULL whether the contact holds a place in it or the most bookings allowed', async () => {
    // Loans (C) has one place per slot: the victim's booking fills 16:00.
    const victim = contact();
    const full = local(TUE, '16:00');
    expect((await book('C', full, { contact: victim })).status).toBe(201);
    expect((await book('C', local(WED, '16:00'), { contact: victim })).status).toBe(201);
    const stranger = await refusal('C', full, contact());
    expect(stranger[1]).toBe('SLOT_FULL');
    expect(await refusal('C', full, victim)).toEqual(stranger);
    // At the most bookings allowed (two): a full slot elsewhere still reads full, not "at the limit".
    const other = local(WED, '16:30');
    expect((await book('C', other)).status).toBe(201);
    expect(await refusal('C', other, victim)).toEqual(await refusal('C', other, contact()));
  });
});
