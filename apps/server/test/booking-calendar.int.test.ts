/**
 * The booking calendar in the live state, through the real API, PostgreSQL, Redis and the BullMQ
 * worker: bookings, moves, cancels, check-ins and no-shows keep the branch's `expected`
 * appointments (today's only) in step; the daily close and a restart sync it; and call-next keeps
 * the one skilled colleague free for a booked slot (HELD_FOR_APPOINTMENT). The demo branch
 * (Asia/Shanghai, Mon-Fri 09:00-17:00) on Monday 2 March 2026, with a clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDailyClose } from '../src/jobs/processors/daily-close.js';
import { appointmentNoShowJobId } from '../src/jobs/processors/reminder.js';
import { bookingHelpers, branchClock, local, MON, TUE } from './booking-support.js';
import { HttpClient, openSocket, startTestSystem, waitFor, type TestSystem } from './support.js';

const { clock, setTime } = branchClock();
let sys: TestSystem;
const { anyone, kiosk, branchPath, booked, live, runNow } = bookingHelpers(() => sys);

beforeAll(async () => {
  // Bookings are limited per caller IP: each test customer books from an address of their own.
  sys = await startTestSystem({ TRUST_PROXY: 'true' }, { clock });
});
afterAll(async () => {
  await sys?.close();
});

/** The live calendar: ticket id -> [service code, local time]. */
async function calendar(): Promise<Record<string, [string, string]>> {
  const byId = Object.fromEntries(['A', 'B', 'C', 'D'].map((code) => [sys.service(code), code]));
  const hm = (t: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
  return Object.fromEntries(Object.values((await live()).expected ?? {}).map((e) => [e.ticketId, [byId[e.serviceId]!, hm(e.appointmentAt)]]));
}

describe('the live calendar follows the bookings', () => {
  it('books today into the calendar (not other days), moves it, and cancels it out', async () => {
    setTime(MON, '08:00');
    const today = await booked('A', local(MON, '11:00'));
    const tuesday = await booked('A', local(TUE, '10:00'));
    expect(await calendar()).toEqual({ [today.ticketId]: ['A', '11:00'] });

    // A move within the day changes the time; a move to another day takes it out ...
    const move = (a: { manageToken: string }, startsAt: number) => anyone().req('POST', `/api/v1/appointments/${a.manageToken}/reschedule`, { startsAt });
    expect((await move(today, local(MON, '12:30'))).status).toBe(200);
    expect(await calendar()).toEqual({ [today.ticketId]: ['A', '12:30'] });
    expect((await move(today, local(TUE, '11:00'))).status).toBe(200);
    expect(await calendar()).toEqual({});
    // ... and a move to today puts it in.
    expect((await move(tuesday, local(MON, '13:00'))).status).toBe(200);
    expect(await calendar()).toEqual({ [tuesday.ticketId]: ['A', '13:00'] });

    expect((await anyone().req('POST', `/api/v1/appointments/${tuesday.manageToken}/cancel`)).status).toBe(200);
    expect(await calendar()).toEqual({});
    // The changes are events like any other: in the branch stream and in PostgreSQL.
    const types = (await sys.system.parts.store.readEvents(sys.branchId, 0, 1000)).map((e) => e.type);
    expect(types.filter((t) => t === 'appointment-expected')).toHaveLength(3);
    expect(types.filter((t) => t === 'appointment-dropped')).toHaveLength(2);
    await waitFor('events in PostgreSQL', async () => (await sys.system.parts.db.eventLog.lastSeq(sys.branchId)) >= (await live()).seq);

    // Cleanup: nothing of this test left for the others.
    expect((await anyone().req('POST', `/api/v1/appointments/${today.manageToken}/cancel`)).status).toBe(200);
  });

  it('refuses calendar commands from staff: they are the booking side’s, not a counter’s', async () => {
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    const before = await calendar();
    const r = await alice.req('POST', branchPath('/commands'), { type: 'expect-appointment', ticketId: 'ap-forged', serviceId: sys.service('A'), appointmentAt: local(MON, '15:00') });
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect((await alice.req('POST', branchPath('/commands'), { type: 'drop-appointment', ticketId: 'ap-x' })).status).toBe(400);
    expect(await calendar()).toEqual(before);
  });

  it('replaces the entry by the ticket at check-in, and the no-show timer takes a missed one out', async () => {
    setTime(MON, '08:00');
    const comes = await booked('A', local(MON, '10:00'));
    const missed = await booked('B', local(MON, '10:15'));
    expect(await calendar()).toEqual({ [comes.ticketId]: ['A', '10:00'], [missed.ticketId]: ['B', '10:15'] });

    setTime(MON, '09:45');
    const checkIn = await kiosk().req('POST', branchPath('/check-in'), { code: comes.code });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200);
    expect(checkIn.body.data.ticketId).toBe(comes.ticketId);
    expect((await live()).tickets[comes.ticketId]).toMatchObject({ status: 'waiting', kind: 'appointment' });
    expect(await calendar()).toEqual({ [missed.ticketId]: ['B', '10:15'] });

    setTime(MON, '10:31');
    expect(await runNow(appointmentNoShowJobId(missed.id, 0))).toEqual({ state: 'completed', value: 'no-show' });
    expect(await calendar()).toEqual({});

    // Cleanup: the checked-in customer leaves the queue.
    const alice = new HttpClient(sys.url);
    await alice.login('alice');
    expect((await alice.req('POST', branchPath('/commands'), { type: 'cancel', ticketId: comes.ticketId })).status).toBe(200);
  });
});

describe('keeping the one skilled colleague free for a booked slot', () => {
  it('answers call-next with HELD_FOR_APPOINTMENT near the slot, then calls the booked customer once checked in', async () => {
    // Loans (C): only Chen is skilled; 20 minutes, so a loans walk-in would run past a slot 10 min away.
    setTime(MON, '08:00');
    const appt = await booked('C', local(MON, '14:00'));
    const chen = new HttpClient(sys.url);
    await chen.login('chen');
    const command = (type: string, extra: Record<string, unknown> = {}) => chen.req('POST', branchPath('/commands'), { type, ...extra });
    setTime(MON, '13:40');
    expect((await command('sign-on', { counterId: sys.counter('3') })).status).toBe(200);
    const walkIn = await kiosk().req('POST', branchPath('/tickets'), { serviceId: sys.service('C') });
    expect(walkIn.status).toBe(201);

    setTime(MON, '13:50');
    const held = await command('call-next');
    expect(held.status).toBe(409);
    expect(held.body.error).toEqual({
      code: 'HELD_FOR_APPOINTMENT',
      message: 'Please stay free: the C appointment in 10 min needs you.',
      details: { serviceId: sys.service('C'), serviceCode: 'C', appointmentAt: local(MON, '14:00'), minutes: 10 },
    });
    // The staff panel's path (a socket ack) carries the same code and details.
    const socket = await openSocket(sys.url, { cookie: chen.cookie! });
    try {
      const ack = await socket.timeout(5000).emitWithAck('staff:command', { type: 'call-next' });
      expect(ack).toEqual({ error: held.body.error });
    } finally {
      socket.close();
    }
    expect((await live()).tickets[walkIn.body.data.ticketId]?.status).toBe('waiting');

    setTime(MON, '13:52');
    const checkIn = await kiosk().req('POST', branchPath('/check-in'), { code: appt.code });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200);
    const called = await command('call-next');
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    expect(called.body.data.called).toMatchObject({ ticketId: appt.ticketId });
    await command('start', { ticketId: appt.ticketId });
    setTime(MON, '14:10');
    await command('complete', { ticketId: appt.ticketId });
    // Nothing booked left to keep free for: the walk-in is next.
    expect((await command('call-next')).body.data.called).toMatchObject({ ticketId: walkIn.body.data.ticketId });
    await command('start', { ticketId: walkIn.body.data.ticketId });
    await command('complete', { ticketId: walkIn.body.data.ticketId });
    expect((await command('sign-off')).status).toBe(200);
  });
});

describe('syncing the calendar', () => {
  it('brings the new day’s bookings in at the daily close', async () => {
    setTime(MON, '15:00');
    const tuesday = await booked('D', local(TUE, '10:00'));
    expect(await calendar()).not.toHaveProperty(tuesday.ticketId);

    setTime(TUE, '00:00');
    const deps = { directory: sys.system.parts.db.directory, commands: sys.system.parts.commands, booking: sys.system.parts.booking };
    expect(await processDailyClose({ branchId: sys.branchId }, clock.now(), deps)).toBe('closed');
    expect(await calendar()).toEqual({ [tuesday.ticketId]: ['D', '10:00'] });
    // Again (a retried job, a second node): nothing new.
    const seq = (await live()).seq;
    expect(await processDailyClose({ branchId: sys.branchId }, clock.now(), deps)).toBe('already-open');
    expect((await live()).seq).toBe(seq);
  });

  it('restores a lost entry and forgets a stale one at start-up', async () => {
    setTime(TUE, '08:00');
    const kept = Object.keys(await calendar());
    expect(kept).toHaveLength(1);
    const [lost] = kept as [string];
    // A command that never arrived (a crash between booking and calendar), and one for a booking gone meanwhile.
    await sys.system.parts.commands.run(sys.branchId, { type: 'drop-appointment', ticketId: lost }, null);
    await sys.system.parts.commands.run(sys.branchId, { type: 'expect-appointment', ticketId: 'ap-gone', serviceId: sys.service('A'), appointmentAt: local(TUE, '11:00') }, null);
    expect(await calendar()).toEqual({ 'ap-gone': ['A', '11:00'] });

    await sys.restart();
    expect(await calendar()).toEqual({ [lost]: ['D', '10:00'] });
  });
});
