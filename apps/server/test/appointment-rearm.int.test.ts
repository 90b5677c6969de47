/**
 * Appointment reminders and no-show timers are BullMQ delayed jobs, so they live in Redis. A
 * Redis that lost its data lost them: booked customers got no reminder and never turned into
 * no-shows. Start-up and the rebuild after a Redis loss now arm them again from PostgreSQL, and a
 * reminder that already went out (recorded in PostgreSQL) is not sent a second time.
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentNoShowJobId, reminderJobId } from '../src/jobs/processors/reminder.js';
import { BANK_HOURS, bookingHelpers, branchClock, local, MON, TUE } from './booking-support.js';
import { REDIS_URL, startTestSystem, waitFor, type TestSystem } from './support.js';

const sms = createLoggingSmsProvider(() => undefined);
const { clock, setTime } = branchClock();
let sys: TestSystem;
const { booked, contact, runNow } = bookingHelpers(() => sys);

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
    const reminders = () => sms.outbox.filter((m) => m.to === phone && !m.text.startsWith('Booked: '));
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
});
