/**
 * A kiosk's device token is no key to strangers' appointments or tickets: wrong check-in codes
 * are limited per kiosk (429 RATE_LIMITED with Retry-After, audited once), a customer who
 * mistypes once or twice checks in as before, and a remote ticket's arrival needs its token
 * (never its number, which the lobby screen shows), is audited, and tells a ticket taken in the branch
 * (CHECK_IN_NOT_NEEDED, not counted as a guess) and another branch's live ticket (OTHER_BRANCH, not
 * counted; one that has left that queue is TICKET_ENDED, not counted)
 * from no ticket at all (UNKNOWN_TICKET, counted). Real PostgreSQL, Redis and HTTP.
 */
import { describe, expect, it } from 'vitest';
import { KIOSK_GUESSES_MAX } from '../src/usecases/kiosk-guesses.js';
import { addBranchWithManager, HttpClient, waitFor } from './support.js';
import { local, managerAndTeller, MON } from './booking-support.js';

const { setTime, at, anyone, kiosk, branchPath, booked } = managerAndTeller();
const sys = () => at.sys;

/** A six-character code that no appointment has (booking codes use no 0, 1, O or I). */
// Distinct codes this test's two bookings are (all but surely) not: up to 196 of them.
const wrong = (i: number) => `ZZZZ${'ABCDEFGHJKLMNP'[Math.floor(i / 14)]}${'ABCDEFGHJKLMNP'[i % 14]}`;
const audits = async (action: string) => (await sys().system.parts.db.audit.list(sys().branchId, 500)).filter((e) => e.action === action);

async function pairKiosk(name: string): Promise<HttpClient> {
  const res = await at.manager.req('POST', branchPath('/devices'), { kind: 'kiosk', name });
  expect(res.status).toBe(201);
  return new HttpClient(sys().url, { authorization: `Bearer ${res.body.data.token as string}` });
}

describe('check-in codes at a kiosk', () => {
  it('lets a customer who mistypes twice check in, then refuses the kiosk after ten wrong codes, right or wrong, with Retry-After', async () => {
    setTime(MON, '08:00');
    const mine = await booked('A', local(MON, '11:00'));
    const stranger = await booked('A', local(MON, '11:30'));
    const door = await pairKiosk('Kiosk by the door');
    const checkIn = (code: string) => door.req('POST', branchPath('/check-in'), { code });

    setTime(MON, '10:50');
    // Two slips, then the right code: checked in as before.
    expect((await checkIn(wrong(0))).body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    expect((await checkIn(wrong(1))).body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    const ok = await checkIn(mine.code);
    expect(ok.status).toBe(200);
    // A success neither counts nor resets: a repeat answers the same ticket.
    for (let i = 0; i < 3; i++) expect((await checkIn(mine.code)).body.data.token).toBe(ok.body.data.token);
    for (let i = 2; i < KIOSK_GUESSES_MAX - 1; i++) expect((await checkIn(wrong(i))).status, `miss ${i + 1}`).toBe(404);
    expect(await audits('kiosk-guesses-limited')).toHaveLength(0);
    // The last wrong code allowed still gets its answer...
    expect((await checkIn(wrong(KIOSK_GUESSES_MAX - 1))).status).toBe(404);

    // ...the next lookup is refused whatever the code, so guessing stops paying.
    const refused = await checkIn(stranger.code);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((await checkIn(wrong(KIOSK_GUESSES_MAX + 1))).status).toBe(429);
    expect((await door.req('POST', branchPath('/check-in'), { manageToken: stranger.manageToken })).status).toBe(429);
    // Nothing of the stranger's appointment moved.
    expect((await sys().system.parts.db.booking.findById(stranger.id))!.state).toBe('booked');

    // Audited once, when it tripped, as this kiosk.
    const entries = await waitFor('the audit row', async () => {
      const rows = await audits('kiosk-guesses-limited');
      return rows.length > 0 ? rows : null;
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ role: expect.stringMatching(/^device:/), details: { what: 'check-in', misses: KIOSK_GUESSES_MAX, windowSec: 600 } });

    // Another kiosk of the branch is not held by this one's misses.
    setTime(MON, '11:05');
    expect((await kiosk().req('POST', branchPath('/check-in'), { code: stranger.code })).status).toBe(200);
  });
});

describe('remote arrival at a kiosk', () => {
  it('needs the ticket token, tells a paper ticket it needs no check-in without counting it, and is audited', async () => {
    setTime(MON, '16:00');
    expect((await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { remoteQueue: true } })).status).toBe(200);
    const join = await anyone().req('POST', branchPath('/remote-tickets'), { serviceId: sys().service('B') }, { 'x-forwarded-for': '203.0.113.7' });
    expect(join.status).toBe(201);
    const { token, ticketId, view } = join.body.data as { token: string; ticketId: string; view: { number: string } };
    const lobby = await pairKiosk('Kiosk by the lift');

    // The number is on the lobby screen for anyone to read: it is no proof of being the customer.
    const byNumber = await lobby.req('POST', branchPath('/arrive'), { code: view.number });
    expect([byNumber.status, byNumber.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);

    // A paper ticket's QR code held to the scanner: told it needs no check-in, with its number,
    // and not counted as a guess, however many customers try it.
    const walkIn = await lobby.req('POST', branchPath('/tickets'), { serviceId: sys().service('B') });
    for (let i = 0; i < KIOSK_GUESSES_MAX + 2; i++) {
      const asWalkIn = await lobby.req('POST', branchPath('/arrive'), { ticketToken: walkIn.body.data.token });
      expect([asWalkIn.status, asWalkIn.body.error.code, asWalkIn.body.error.details]).toEqual([409, 'CHECK_IN_NOT_NEEDED', { number: walkIn.body.data.view.number }]);
    }
    // A remote ticket its holder cancelled: what became of it, with its number, and no guess either.
    const left = await anyone().req('POST', branchPath('/remote-tickets'), { serviceId: sys().service('B') }, { 'x-forwarded-for': '203.0.113.8' });
    expect((await anyone().req('POST', `/api/v1/tickets/${left.body.data.token}/cancel`)).status).toBe(200);
    for (let i = 0; i < KIOSK_GUESSES_MAX + 2; i++) {
      const asLeft = await lobby.req('POST', branchPath('/arrive'), { ticketToken: left.body.data.token });
      expect([asLeft.status, asLeft.body.error.code, asLeft.body.error.details]).toEqual([409, 'TICKET_ENDED', { number: left.body.data.view.number, status: 'cancelled' }]);
    }
    const asNothing = await lobby.req('POST', branchPath('/arrive'), { ticketToken: 'nosuchtoken-aaaaaaaaaaaaaaaa' });
    expect([asNothing.status, asNothing.body.error.code]).toEqual([404, 'UNKNOWN_TICKET']);

    setTime(MON, '16:10');
    const arrived = await lobby.req('POST', branchPath('/arrive'), { ticketToken: token });
    expect(arrived.body.data).toMatchObject({ ticketId, number: view.number, arrivedAt: local(MON, '16:10') });
    const row = await waitFor('the arrival audit row', async () => (await audits('remote-arrival')).find((e) => e.ticketId === ticketId) ?? null);
    expect(row).toMatchObject({ role: expect.stringMatching(/^device:/), details: { number: view.number } });

    // Unknown tickets count with the kiosk's wrong codes: one so far, the rest and it is refused.
    for (let i = 0; i < KIOSK_GUESSES_MAX - 1; i++) await lobby.req('POST', branchPath('/arrive'), { ticketToken: `nosuchtoken-${i}-aaaaaaaaaaaaaa` });
    expect((await lobby.req('POST', branchPath('/arrive'), { ticketToken: token })).status).toBe(429);
  });
});

describe("another branch's ticket at a kiosk", () => {
  it('tells its holder which branch it belongs to (number and branch name only), however often, without counting a guess', async () => {
    setTime(MON, '16:20');
    expect((await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { remoteQueue: true } })).status).toBe(200);
    // The customer joined the demo branch's queue, then walked into North Branch.
    const join = await anyone().req('POST', branchPath('/remote-tickets'), { serviceId: sys().service('B') }, { 'x-forwarded-for': '203.0.113.31' });
    expect(join.status).toBe(201);
    const paper = await kiosk().req('POST', branchPath('/tickets'), { serviceId: sys().service('B') });
    expect(paper.status).toBe(201);
    const north = await addBranchWithManager(sys(), { code: 'north-kg', zh: '北区支行', en: 'North Branch' }, 'north-kg-manager');
    const northManager = new HttpClient(sys().url);
    await northManager.login('north-kg-manager');
    // Its first service: North's queue runs (an unknown token there is a miss like anywhere).
    const service = await northManager.req('POST', `/api/v1/branches/${north}/services`, { code: 'A', name: { zh: '个人现金', en: 'Personal cash' }, targetMin: 10, defaultDurationMin: 5 });
    expect(service.status, JSON.stringify(service.body)).toBe(201);
    const paired = await northManager.req('POST', `/api/v1/branches/${north}/devices`, { kind: 'kiosk', name: 'North lobby' });
    expect(paired.status).toBe(201);
    const northKiosk = new HttpClient(sys().url, { authorization: `Bearer ${paired.body.data.token as string}` });
    const arrive = (ticketToken: string) => northKiosk.req('POST', `/api/v1/branches/${north}/arrive`, { ticketToken });
    const listed = (await anyone().req('GET', '/api/v1/branches')).body.data as { id: string; name: { zh: string; en: string } }[];
    const demoName = listed.find((b) => b.id === sys().branchId)!.name;

    // More scans than the guess limit: each answered the same, none refused.
    for (let i = 0; i < 40; i++) {
      const r = await arrive(i % 2 ? paper.body.data.token : join.body.data.token);
      const number = (i % 2 ? paper : join).body.data.view.number as string;
      expect([r.status, r.body.error.code, r.body.error.details], `scan ${i + 1}`).toEqual([409, 'OTHER_BRANCH', { number, branchName: { zh: demoName.zh, en: demoName.en } }]);
    }
    // Nothing was recorded: the holder is not marked as here at their own branch.
    expect(await audits('remote-arrival')).not.toContainEqual(expect.objectContaining({ ticketId: join.body.data.ticketId }));

    // A ticket that has left the demo branch's queue is no reason to go there: told what became of
    // it (take a new ticket here), however often, and no guess either.
    const left = await anyone().req('POST', branchPath('/remote-tickets'), { serviceId: sys().service('B') }, { 'x-forwarded-for': '203.0.113.32' });
    expect(left.status).toBe(201);
    expect((await anyone().req('POST', `/api/v1/tickets/${left.body.data.token}/cancel`)).status).toBe(200);
    for (let i = 0; i < KIOSK_GUESSES_MAX + 2; i++) {
      const r = await arrive(left.body.data.token);
      expect([r.status, r.body.error.code, r.body.error.details], `ended scan ${i + 1}`).toEqual([409, 'TICKET_ENDED', { number: left.body.data.view.number, status: 'cancelled' }]);
    }

    // The North kiosk's guesses are all still there: a whole limit of unknown tokens is answered, then refused.
    for (let i = 0; i < KIOSK_GUESSES_MAX; i++) {
      const miss = await arrive(`nosuchtoken-north-${i}-aaaaaaaa`);
      expect([miss.status, miss.body.error.code], `miss ${i + 1}`).toEqual([404, 'UNKNOWN_TICKET']);
    }
    expect((await arrive(join.body.data.token)).status).toBe(429);
  });
});
