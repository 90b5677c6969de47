/**
 * Customers are told of a change even when the process that made it could not queue the notice
 * (it died after the commit, or Redis was away for that call), against the real system
 * (PostgreSQL, Redis, the BullMQ workers, a clock the test moves). Each change records the notice
 * it owes in its own statement; the owed-notice sweep (booking-notices-owed.ts: start-up, then
 * every 30 s in the worker role) queues what is still owed after a minute, removes a cancelled
 * visit's reminders, and clears the record: each customer hears once, in their language, and a
 * second sweep sends nothing. Here the queueing fails the way a dead Redis makes it fail, and
 * once the process is stopped right after the change (the restarted worker's start-up sweep).
 * A booking refused for overlapping the contact's own booking owes its "already booked" notice
 * the same way, and one refused at the booking limit its notice naming their next booking.
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { normalizePhone } from '@tellerline/contracts';
import { describe, expect, it } from 'vitest';
import { reminderJobId } from '../src/jobs/processors/reminder.js';
import type { AppointmentNoticeKind } from '../src/usecases/booking-ports.js';
import { local, managerAndTeller, MON, THU, TUE, WED } from './booking-support.js';
import { HttpClient, waitFor } from './support.js';

const sms = createLoggingSmsProvider(() => undefined);
const { at, setTime, anyone, branchPath, book, booked, contact } = managerAndTeller({ notify: { smsProvider: sms } });

/** Signed in on the system as it runs now (a restart moves it to another port). */
async function signedIn(username: string): Promise<HttpClient> {
  const client = new HttpClient(at.sys.system.url());
  await client.login(username);
  return client;
}

const texts = (phone: string, part: string): string[] => sms.outbox.filter((m) => m.to === normalizePhone(phone) && m.text.includes(part)).map((m) => m.text);
const parts = () => at.sys.system.parts;
const stateOf = async (id: string) => (await parts().db.booking.findById(id))!;
/** The job of `kind` for the appointment's current version. */
const jobOf = async (a: { id: string }, kind: AppointmentNoticeKind) => parts().queues.queue.getJob(reminderJobId(a.id, (await stateOf(a.id)).version, kind));
/** Appointments whose confirmation is still owed (any age). */
const owed = async (ids: readonly string[]) => (await parts().db.booking.owedNotices(Date.parse('2100-01-01'), 1000)).filter((o) => ids.includes(o.appointment.id)).map((o) => o.kind);

/**
 * Runs `fn` while the branch timers' queue refuses every write, as it does when its Redis is
 * unreachable: the change commits, queueing its notices (and removing reminders) fails.
 */
async function withQueueDown<T>(fn: () => Promise<T>): Promise<T> {
  const queues = parts().queues;
  const { add } = queues;
  const { remove } = queues.queue;
  const down = async () => {
    throw new Error('Connection is closed.');
  };
  queues.add = down;
  queues.queue.remove = down;
  try {
    return await fn();
  } finally {
    queues.add = add;
    queues.queue.remove = remove;
  }
}

/** Waits until the notice job of `a`'s current version has run, then returns the texts of that kind. */
async function toldOnce(a: { id: string }, kind: AppointmentNoticeKind) {
  const now = await stateOf(a.id);
  await waitFor(`the ${kind} notice job to finish`, async () => (await parts().queues.queue.getJobState(reminderJobId(now.id, now.version, kind))) === 'completed');
}

describe('a notice the change could not queue', () => {
  it('a closure over booked visits: each customer is told once, in their language, by the sweep; their reminders go', async () => {
    setTime(MON, '08:00');
    const zh = await booked('B', local(WED, '10:00'), { contact: contact({ name: '王芳', phone: '+86 139 3333 0001', language: 'zh' }) });
    const en = await booked('B', local(WED, '15:00'), { contact: contact({ name: 'Lee Ann', phone: '+86 139 3333 0002', language: 'en' }) });
    expect(await jobOf(zh, '24h')).toBeDefined();

    const { version } = (await at.manager.req('GET', branchPath('/booking/settings'))).body.data as { version: number };
    const closure = { date: WED, reason: { zh: '系统升级', en: 'System upgrade' } };
    const saved = await withQueueDown(() => at.manager.req('PUT', branchPath('/booking/settings'), { version, services: {}, settings: { closures: [closure] }, cancelBookings: true }));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    for (const a of [zh, en]) {
      expect(await stateOf(a.id)).toMatchObject({ state: 'cancelled', cancelledBy: 'branch' });
      // Nothing was queued, the reminders stayed: as if the process had died after the commit.
      expect(await jobOf(a, 'cancelled')).toBeUndefined();
      expect(await jobOf(a, '24h')).toBeDefined();
    }
    expect(await owed([zh.id, en.id])).toEqual(['cancelled', 'cancelled']);

    // A fresh one is the request's own to queue: a sweep right away leaves it.
    await parts().booking.queueOwedNotices();
    expect(await owed([zh.id, en.id])).toHaveLength(2);

    setTime(MON, '08:02');
    await parts().booking.queueOwedNotices();
    expect(await owed([zh.id, en.id])).toEqual([]);
    await toldOnce(zh, 'cancelled');
    await toldOnce(en, 'cancelled');
    const chinese = texts('+86 139 3333 0001', '暂停营业');
    expect(chinese).toHaveLength(1);
    expect(chinese[0]).toContain('3月4日（周三）10:00暂停营业（系统升级）');
    expect(chinese[0]).toContain(`/a/${zh.manageToken}`);
    const english = texts('+86 139 3333 0002', 'is closed');
    expect(english).toHaveLength(1);
    expect(english[0]).toContain('is closed Wed 4 Mar 2026 at 15:00 (System upgrade)');
    // Nobody is reminded of a visit to a closed branch.
    for (const a of [zh, en]) expect(await jobOf(a, '24h')).toBeUndefined();

    // Swept again (the next interval, another node): nothing more is queued or sent.
    expect(await parts().booking.queueOwedNotices()).toEqual({ queued: 0, failed: 0 });
    expect(texts('+86 139 3333 0001', '暂停营业')).toHaveLength(1);
    expect(texts('+86 139 3333 0002', 'is closed')).toHaveLength(1);
  });

  it('a sweep while Redis is still away leaves the notice owed, and the next one sends it', async () => {
    setTime(MON, '09:00');
    const a = await booked('B', local(THU, '10:00'), { contact: contact({ name: 'Ann Cole', phone: '+86 139 3333 0003', language: 'en' }) });
    const cancelled = await withQueueDown(() => anyone().req('POST', `/api/v1/appointments/${a.manageToken}/cancel`));
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    setTime(MON, '09:05');
    expect(await withQueueDown(() => parts().booking.queueOwedNotices())).toMatchObject({ failed: 1 });
    expect(await owed([a.id])).toEqual(['cancelled']);

    await parts().booking.queueOwedNotices();
    await toldOnce(a, 'cancelled');
    expect(texts('+86 139 3333 0003', 'is cancelled')).toHaveLength(1);
    expect(await jobOf(a, '24h')).toBeUndefined();
    expect(await parts().booking.queueOwedNotices()).toEqual({ queued: 0, failed: 0 });
  });

  it('a booking whose confirmation and reminders could not be queued gets both from the sweep', async () => {
    setTime(MON, '10:00');
    const a = await withQueueDown(() => booked('B', local(THU, '11:00'), { contact: contact({ name: '李雷', phone: '+86 139 3333 0004', language: 'zh' }) }));
    expect(await jobOf(a, 'booked')).toBeUndefined();
    expect(await jobOf(a, '24h')).toBeUndefined();
    setTime(MON, '10:02');
    await parts().booking.queueOwedNotices();
    await toldOnce(a, 'booked');
    expect(texts('+86 139 3333 0004', '您已预约')).toHaveLength(1);
    expect(await jobOf(a, '24h')).toBeDefined();
    expect(await owed([a.id])).toEqual([]);
    // Its `bookedAt` stayed the booking's time (the 24 h reminder of a later re-arm depends on it).
    expect((await stateOf(a.id)).bookedAt).toBe(local(MON, '10:00'));
  });

  it('a notice still owed when the visit has begun is dropped, not sent', async () => {
    setTime(MON, '10:30');
    const a = await booked('B', local(THU, '14:00'), { contact: contact({ name: 'Bo Tan', phone: '+86 139 3333 0006', language: 'en' }) });
    expect((await withQueueDown(() => anyone().req('POST', `/api/v1/appointments/${a.manageToken}/cancel`))).status).toBe(200);
    setTime(THU, '14:05');
    expect(await parts().booking.queueOwedNotices()).toMatchObject({ failed: 0 });
    expect(await owed([a.id])).toEqual([]);
    expect(await jobOf(a, 'cancelled')).toBeUndefined();
    expect(texts('+86 139 3333 0006', 'is cancelled')).toEqual([]);
  });

  it('the process stops right after the commit: the restarted worker tells the customer once (the start-up sweep)', async () => {
    setTime(MON, '12:00');
    const a = await booked('B', local(THU, '15:00'), { contact: contact({ name: 'Kim Ode', phone: '+86 139 3333 0007', language: 'en' }) });
    expect((await withQueueDown(() => anyone().req('POST', `/api/v1/appointments/${a.manageToken}/cancel`))).status).toBe(200);
    setTime(MON, '12:02');
    await at.sys.restart();
    const told = await waitFor('the cancel notice', async () => texts('+86 139 3333 0007', 'is cancelled').length > 0 && texts('+86 139 3333 0007', 'is cancelled'));
    expect(told).toHaveLength(1);
    expect(await owed([a.id])).toEqual([]);
    await toldOnce(a, 'cancelled');
    expect(await parts().booking.queueOwedNotices()).toEqual({ queued: 0, failed: 0 });
    expect(texts('+86 139 3333 0007', 'is cancelled')).toHaveLength(1);
  });

  it('an "already booked" notice of a refused overlapping attempt that could not be queued: the sweep sends it once, with the manage link', async () => {
    setTime(MON, '13:00');
    const who = contact({ name: 'Eve Park', phone: '+86 139 3333 0008', language: 'en' });
    // Another service at the same time: free for anyone else, so only the overlap refuses it.
    const a = await booked('A', local(THU, '16:00'), { contact: who });
    const refused = await withQueueDown(() => book('B', local(THU, '16:00'), { contact: who }));
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'OVERLAPPING_BOOKING']);
    const alreadyBooked = () => texts('+86 139 3333 0008', 'Not booked:');
    const owedFor = async () => (await parts().db.booking.owedAlreadyBooked(Date.parse('2100-01-01'), 1000)).filter((o) => o.appointment.id === a.id);
    expect(await owedFor()).toHaveLength(1);

    // Fresh: the request's own to queue (as for a confirmation), so a sweep right away leaves it.
    await parts().booking.queueOwedNotices();
    expect(await owedFor()).toHaveLength(1);

    setTime(MON, '13:02');
    expect(await parts().booking.queueOwedNotices()).toMatchObject({ queued: 1, failed: 0 });
    expect(await owedFor()).toEqual([]);
    const told = await waitFor('the already-booked text', async () => alreadyBooked().length > 0 && alreadyBooked(), 30_000);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`/a/${a.manageToken}`);

    // Swept again: nothing more is queued or sent.
    expect(await parts().booking.queueOwedNotices()).toEqual({ queued: 0, failed: 0 });
    const job = (await parts().queues.queue.getJobs(['completed'])).find((j) => j.id?.startsWith(reminderJobId(a.id, 0, 'already-booked')));
    expect(job?.returnvalue).toBe('sent');
    expect(alreadyBooked()).toHaveLength(1);
  });

  it('a BOOKING_LIMIT refusal whose notice could not be queued: the sweep tells the contact on file once, with their next booking', async () => {
    setTime(MON, '13:10');
    const who = contact({ name: 'Lea Fox', phone: '+86 139 3333 0010', language: 'en' });
    const next = await booked('A', local(THU, '10:00'), { contact: who });
    await booked('A', local(THU, '11:00'), { contact: who });
    // The most bookings allowed is two: a free time is refused at the limit, the caller told only that.
    const refused = await withQueueDown(() => book('B', local(THU, '14:00'), { contact: who }));
    expect([refused.status, refused.body.error]).toEqual([409, { code: 'BOOKING_LIMIT', message: 'This contact already has the most bookings allowed; use the links we sent to change them.' }]);
    const limitTexts = () => texts('+86 139 3333 0010', 'most bookings allowed;');
    const owedFor = async () => (await parts().db.booking.owedAlreadyBooked(Date.parse('2100-01-01'), 1000)).filter((o) => o.appointment.id === next.id);
    expect((await owedFor()).map((o) => o.kind)).toEqual(['booking-limit']);

    setTime(MON, '13:12');
    expect(await parts().booking.queueOwedNotices()).toMatchObject({ queued: 1, failed: 0 });
    expect(await owedFor()).toEqual([]);
    const told = await waitFor('the booking-limit text', async () => limitTexts().length > 0 && limitTexts(), 30_000);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`/a/${next.manageToken}`);

    expect(await parts().booking.queueOwedNotices()).toEqual({ queued: 0, failed: 0 });
    const job = (await parts().queues.queue.getJobs(['completed'])).find((j) => j.id?.startsWith(reminderJobId(next.id, 0, 'booking-limit')));
    expect(job?.returnvalue).toBe('sent');
    expect(limitTexts()).toHaveLength(1);
  });

  it('an "already booked" notice queued at the attempt is not owed afterwards', async () => {
    setTime(MON, '14:00');
    const who = contact({ name: 'Ida Moss', phone: '+86 139 3333 0009', language: 'en' });
    const a = await booked('A', local(THU, '09:30'), { contact: who });
    expect((await book('B', local(THU, '09:30'), { contact: who })).body.error?.code).toBe('OVERLAPPING_BOOKING');
    expect((await parts().db.booking.owedAlreadyBooked(Date.parse('2100-01-01'), 1000)).filter((o) => o.appointment.id === a.id)).toEqual([]);
    await waitFor('the already-booked text', async () => texts('+86 139 3333 0009', 'Not booked:').length === 1 || null, 30_000);
    setTime(MON, '14:05');
    await parts().booking.queueOwedNotices();
    expect(texts('+86 139 3333 0009', 'Not booked:')).toHaveLength(1);
  });

  it('a branch taken out of service: each customer is told once that it closed', async () => {
    setTime(MON, '11:00');
    const a = await booked('D', local(TUE, '11:00'), { contact: contact({ name: '张伟', phone: '+86 139 3333 0005', language: 'zh' }) });
    expect((await (await signedIn('alice')).req('POST', branchPath('/commands'), { type: 'sign-off' })).status).toBe(200);
    const admin = await signedIn('admin');
    const r = await withQueueDown(() => admin.req('POST', branchPath('/deactivate'), { cancelBookings: true }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await stateOf(a.id)).toMatchObject({ state: 'cancelled', cancelledBy: 'branch' });
    expect(await jobOf(a, 'cancelled')).toBeUndefined();

    setTime(MON, '11:02');
    await parts().booking.queueOwedNotices();
    await toldOnce(a, 'cancelled');
    const told = texts('+86 139 3333 0005', '网点取消');
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('已停止营业');
    expect(await jobOf(a, '24h')).toBeUndefined();
    expect(await parts().booking.queueOwedNotices()).toEqual({ queued: 0, failed: 0 });
    expect(texts('+86 139 3333 0005', '网点取消')).toHaveLength(1);
  });
});
