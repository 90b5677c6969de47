/**
 * Appointment reminders and no-show timers are BullMQ delayed jobs, so they live in Redis. A
 * Redis that lost its data lost them: booked customers got no reminder and never turned into
 * no-shows. Start-up and the rebuild after a Redis loss now arm them again from PostgreSQL, and a
 * reminder that already went out (recorded in PostgreSQL) is not sent a second time.
 */
import { normalizePhone } from '@tellerline/contracts';
import { createLoggingSmsProvider } from '@tellerline/notify';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentNoShowJobId, reminderJobId } from '../src/jobs/processors/reminder.js';
import { BANK_HOURS, bookingHelpers, branchClock, local, MON, THU, TUE, WED } from './booking-support.js';
import { REDIS_URL, startTestSystem, waitFor, type TestSystem } from './support.js';

const sms = createLoggingSmsProvider(() => undefined);
const { clock, setTime } = branchClock();
let sys: TestSystem;
const { anyone, booked, contact, freshIp, runNow } = bookingHelpers(() => sys);

beforeAll(async () => {
  sys = await startTestSystem({ TRUST_PROXY: 'true' }, { clock, demoOpeningHours: BANK_HOURS, notify: { smsProvider: sms } });
});
afterAll(async () => {
  await sys?.close();
});

/** Every key of this test's system in the shared Redis: what a Redis that restarted empty no longer has. */
async function loseRedisData(): Promise<void> {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${sys.system.parts.config.redisPrefix}*`, COUNT: 500 })) if (keys.length) await redis.del(keys);
  await redis.close();
}

async function jobIds(appointmentId: string): Promise<string[]> {
  const jobs = await sys.system.parts.queues.queue.getDelayed();
  return jobs.filter((j) => j.data.appointmentId === appointmentId).map((j) => j.id!).sort();
}

describe('appointment timers after Redis lost its data', () => {
  it('arms reminders and no-show timers again from PostgreSQL, without sending a reminder twice', async () => {
    setTime(MON, '08:00');
    const phone = '+86 136 4444 5555';
    const appt = await booked('B', local(TUE, '10:00'), { contact: contact({ phone }) });
    const reminders = () => sms.outbox.filter((m) => m.to === normalizePhone(phone) && !m.text.startsWith('Booked: '));
    // The day before: the 24 h reminder goes out.
    setTime(MON, '10:05');
    expect(await runNow(reminderJobId(appt.id, 0, '24h'))).toEqual({ state: 'completed', value: 'sent' });
    expect(reminders()).toHaveLength(1);

    await loseRedisData();
    // The running server notices and rebuilds; the 1 h reminder and the no-show timer are back.
    await waitFor('the appointment jobs to be armed again', async () => (await jobIds(appt.id)).length === 2 || null, 15_000);
    expect(await jobIds(appt.id)).toEqual([appointmentNoShowJobId(appt.id, 0), reminderJobId(appt.id, 0, '1h')].sort());
    // The 24 h reminder, due already, was queued again and ran at once: it knew it had been sent.
    const again = await waitFor('the re-armed 24 h reminder to run', async () => {
      const { queue } = sys.system.parts.queues;
      return (await queue.getJobState(reminderJobId(appt.id, 0, '24h'))) === 'completed' ? (await queue.getJob(reminderJobId(appt.id, 0, '24h')))!.returnvalue : null;
    });
    expect(again).toBe('skipped');
    expect(reminders()).toHaveLength(1);

    // A restart re-arms the same jobs (idempotent), and the 1 h reminder still goes out once.
    await sys.restart();
    expect(await jobIds(appt.id)).toEqual([appointmentNoShowJobId(appt.id, 0), reminderJobId(appt.id, 0, '1h')].sort());
    setTime(TUE, '09:05');
    expect(await runNow(reminderJobId(appt.id, 0, '1h'))).toEqual({ state: 'completed', value: 'sent' });
    expect(reminders()).toHaveLength(2);
    // The customer never came: the re-armed timer makes the appointment a no-show.
    setTime(TUE, '10:30');
    expect(await runNow(appointmentNoShowJobId(appt.id, 0))).toEqual({ state: 'completed', value: 'no-show' });
  }, 60_000);

  it('sends no 24 h reminder to a customer who booked less than 24 h ahead, after a Redis loss or a restart', async () => {
    setTime(WED, '08:00');
    const phone = '+86 136 4444 6666';
    const appt = await booked('B', local(WED, '14:00'), { contact: contact({ phone }) });
    const reminders = () => sms.outbox.filter((m) => m.to === normalizePhone(phone) && !m.text.startsWith('Booked: '));
    const { queue } = sys.system.parts.queues;
    expect(await jobIds(appt.id)).toEqual([appointmentNoShowJobId(appt.id, 0), reminderJobId(appt.id, 0, '1h')].sort());

    await loseRedisData();
    await waitFor('the appointment jobs to be armed again', async () => (await jobIds(appt.id)).length === 2 || null, 15_000);
    expect(await jobIds(appt.id)).toEqual([appointmentNoShowJobId(appt.id, 0), reminderJobId(appt.id, 0, '1h')].sort());
    // Never armed when booked (its time, Tuesday 14:00, had passed), so never armed again.
    expect(await queue.getJob(reminderJobId(appt.id, 0, '24h'))).toBeUndefined();
    await sys.restart();
    expect(await sys.system.parts.queues.queue.getJob(reminderJobId(appt.id, 0, '24h'))).toBeUndefined();
    expect(reminders()).toEqual([]);
    // The 1 h reminder still goes out, once.
    setTime(WED, '13:05');
    expect(await runNow(reminderJobId(appt.id, 0, '1h'))).toEqual({ state: 'completed', value: 'sent' });
    expect(reminders()).toHaveLength(1);
  }, 60_000);

  it('sends a reminder missed during the outage only while it still helps', async () => {
    setTime(WED, '08:00');
    const soon = '+86 136 4444 7777';
    const later = '+86 136 4444 8888';
    const moved = '+86 136 4444 9999';
    const apptSoon = await booked('B', local(THU, '14:30'), { contact: contact({ phone: soon }) });
    const apptLater = await booked('B', local(THU, '15:00'), { contact: contact({ phone: later }) });
    const apptMoved = await booked('B', local(THU, '16:00'), { contact: contact({ phone: moved }) });
    // Moved on Thursday morning to the afternoon: its new time is less than 24 h after the move.
    setTime(THU, '09:00');
    const m = await anyone().req('POST', `/api/v1/appointments/${apptMoved.manageToken}/reschedule`, { startsAt: local(THU, '16:30') }, freshIp());
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    const remindersTo = (phone: string) => sms.outbox.filter((x) => x.to === normalizePhone(phone) && !/^(Booked|Moved): /.test(x.text));

    // Redis lost its data; the server notices at 14:20 on Thursday: every 24 h reminder is past
    // its use (the 1 h ones are due or nearly); the 14:30 visit's 1 h reminder (13:30) comes
    // 10 min before it, too late to help; the 15:00 visit's (14:00) still helps.
    setTime(THU, '14:20');
    await loseRedisData();
    await waitFor('the missed 1 h reminder to go out', async () => remindersTo(later).length === 1 || null, 15_000);
    await waitFor('the moved visit to be armed again', async () => (await jobIds(apptMoved.id)).length === 2 || null, 15_000);
    expect(await jobIds(apptMoved.id)).toEqual([appointmentNoShowJobId(apptMoved.id, 1), reminderJobId(apptMoved.id, 1, '1h')].sort());
    const { queue } = sys.system.parts.queues;
    for (const [a, v] of [[apptSoon, 0], [apptLater, 0], [apptMoved, 1]] as const) expect(await queue.getJob(reminderJobId(a.id, v, '24h')), a.code).toBeUndefined();
    expect(await queue.getJob(reminderJobId(apptSoon.id, 0, '1h'))).toBeUndefined();
    expect(remindersTo(soon)).toEqual([]);
    expect(remindersTo(moved)).toEqual([]);
    expect(remindersTo(later)).toHaveLength(1);
  }, 60_000);
});
