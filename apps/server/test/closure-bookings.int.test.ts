/**
 * Closures added over booked visits, against the real system (PostgreSQL, Redis, the BullMQ
 * notice worker, a clock the test moves): the save is refused first with how many bookings each
 * added closure takes (CLOSURE_HAS_BOOKINGS, nothing changed); confirmed with `cancelBookings`,
 * the closure is saved and those bookings cancelled by the branch in one transaction, and each
 * customer is told in their language that the branch is closed then (with the reason), with the
 * manage link to book again. Part-day closures (intervals of instants) are checked the same way,
 * and a closure over no booking saves as before.
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { normalizePhone } from '@tellerline/contracts';
import { describe, expect, it } from 'vitest';
import { reminderJobId } from '../src/jobs/processors/reminder.js';
import { FRI, local, managerAndTeller, MON, THU, WED } from './booking-support.js';
import pg from 'pg';
import { PG_URL, waitFor } from './support.js';

/** The repository's key space of booking locks (appointment-repository.ts BOOKING_LOCK_CLASS). */
const BOOKING_LOCK_CLASS = 0x7e11e7;

/** Text messages the system sent (kept, not sent). */
const sms = createLoggingSmsProvider(() => undefined);
const { at, setTime, anyone, branchPath, booked, book } = managerAndTeller({ notify: { smsProvider: sms } });

const texts = (phone: string): string[] => sms.outbox.filter((m) => m.to === normalizePhone(phone)).map((m) => m.text);
const settingsAudit = async () => (await at.sys.system.parts.db.audit.list(at.sys.branchId, 200)).filter((e) => e.action === 'booking-settings');
const stored = async () => (await at.manager.req('GET', branchPath('/booking/settings'))).body.data as { version: number; settings: { closures: unknown[] } };
const stateOf = async (id: string) => (await at.sys.system.parts.db.booking.findById(id))!;

/** Saves the closures as the booking rules screen does: the whole list, at the version read. */
async function saveClosures(closures: unknown[], extra: Record<string, unknown> = {}) {
  const { version } = await stored();
  return at.manager.req('PUT', branchPath('/booking/settings'), { version, services: {}, settings: { closures }, ...extra });
}

const upgrade = { date: WED, reason: { zh: '系统升级', en: 'System upgrade' } };

describe('a closure added over booked visits', () => {
  it('is refused with how many bookings it takes, and nothing changes', async () => {
    setTime(MON, '08:00');
    await booked('B', local(WED, '10:00'), { contact: { name: '王芳', phone: '+86 139 2222 0001', language: 'zh', consent: true } });
    await booked('B', local(WED, '15:00'), { contact: { name: 'Lee Ann', phone: '+86 139 2222 0002', language: 'en', consent: true } });
    // Neither a booking cancelled by its customer, nor one on another day, counts.
    const gone = await booked('B', local(WED, '11:00'));
    expect((await anyone().req('POST', `/api/v1/appointments/${gone.manageToken}/cancel`)).status).toBe(200);
    await booked('B', local(THU, '10:00'));
    const auditBefore = (await settingsAudit()).length;

    const refused = await saveClosures([upgrade]);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CLOSURE_HAS_BOOKINGS', details: { count: 2, closures: { '0': { count: 2, firstAt: local(WED, '10:00') } } } });
    expect(refused.body.error.message).toContain('2 booked visits');
    expect((await stored()).settings.closures).toEqual([]);
    const wed = (await at.sys.system.parts.db.booking.listStartingBetween(at.sys.branchId, local(WED, '00:00'), local(THU, '00:00'))).map((a) => a.state);
    expect(wed).toEqual(['booked', 'cancelled', 'booked']);
    expect(await settingsAudit()).toHaveLength(auditBefore);
  });

  it('a save landing meanwhile makes the confirmed one stale, and no booking is left cancelled: cancels and save stand or fall together', async () => {
    // Holds the branch's booking lock (the repository's advisory lock) so the confirmed save waits
    // for it after its early version check, then lands another save (a version bump) meanwhile.
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(`set search_path to "${at.sys.system.parts.config.databaseSchema}"`);
      await client.query('begin');
      await client.query('select pg_advisory_xact_lock($1::int, hashtext($2))', [BOOKING_LOCK_CLASS, at.sys.branchId]);
      const saving = saveClosures([upgrade], { cancelBookings: true });
      await waitFor('the save to wait for the booking lock', async () => (await client.query("select 1 from pg_locks where locktype = 'advisory' and not granted")).rowCount! > 0 || null);
      await client.query('update branches set booking_version = booking_version + 1 where id = $1', [at.sys.branchId]);
      await client.query('commit');
      const stale = await saving;
      expect(stale.status, JSON.stringify(stale.body)).toBe(409);
      expect(stale.body.error.code).toBe('STALE_SETTINGS');
    } finally {
      await client.end();
    }
    const wed = await at.sys.system.parts.db.booking.listStartingBetween(at.sys.branchId, local(WED, '00:00'), local(THU, '00:00'));
    expect(wed.map((a) => a.state)).toEqual(['booked', 'cancelled', 'booked']);
    expect((await stored()).settings.closures).toEqual([]);
  });

  it('confirmed, saves the closure, cancels those bookings and tells each customer in their language', async () => {
    const wed = (await at.sys.system.parts.db.booking.listStartingBetween(at.sys.branchId, local(WED, '00:00'), local(THU, '00:00'))).filter((a) => a.state === 'booked');
    expect(wed).toHaveLength(2);
    const saved = await saveClosures([upgrade], { cancelBookings: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data.settings.closures).toEqual([upgrade]);

    for (const b of wed) {
      const a = await stateOf(b.id);
      expect(a).toMatchObject({ state: 'cancelled', cancelledBy: 'branch' });
      // Nobody is reminded of a visit to a closed branch.
      expect(await at.sys.system.parts.queues.queue.getJob(reminderJobId(a.id, a.version, '24h'))).toBeUndefined();
    }
    // Thursday's booking stays.
    const thu = await at.sys.system.parts.db.booking.listStartingBetween(at.sys.branchId, local(THU, '00:00'), local(FRI, '00:00'));
    expect(thu.map((a) => a.state)).toEqual(['booked']);

    const chinese = await waitFor('the Chinese notice', async () => texts('+86 139 2222 0001').find((t) => t.includes('暂停营业')));
    expect(chinese).toContain('3月4日（周三）10:00暂停营业（系统升级）');
    expect(chinese).toContain('重新预约');
    expect(chinese).not.toContain('System upgrade');
    expect(chinese).toContain(`/a/${wed.find((b) => b.startsAt === local(WED, '10:00'))!.manageToken}`);
    const english = await waitFor('the English notice', async () => texts('+86 139 2222 0002').find((t) => t.includes('is closed')));
    expect(english).toContain('is closed Wed 4 Mar 2026 at 15:00 (System upgrade)');
    expect(english).toContain('book another time');
    expect(english).not.toContain('系统升级');
    expect(english).toContain(`/a/${wed.find((b) => b.startsAt === local(WED, '15:00'))!.manageToken}`);
    // Queued by the save itself, so nothing is left owed: a later owed-notice sweep tells nobody twice.
    const owed = await at.sys.system.parts.db.booking.owedNotices(Date.parse('2100-01-01'), 1000);
    expect(owed.filter((o) => wed.some((b) => b.id === o.appointment.id))).toEqual([]);
    expect(await at.sys.system.parts.booking.queueOwedNotices()).toMatchObject({ queued: 0 });
    expect(texts('+86 139 2222 0001').filter((t) => t.includes('暂停营业'))).toHaveLength(1);
    expect(texts('+86 139 2222 0002').filter((t) => t.includes('is closed'))).toHaveLength(1);

    // The manage page says the branch cancelled it.
    const view = await anyone().req('GET', `/api/v1/appointments/${wed[0]!.manageToken}`);
    expect(view.body.data).toMatchObject({ state: 'cancelled', cancelledBy: 'branch' });

    // Audited with the settings change: the closure added and how many were cancelled.
    const [entry] = await settingsAudit();
    expect(entry).toMatchObject({ role: 'manager', details: { parts: ['closures'], closures: { added: [upgrade], removed: [], cancelledBookings: 2 } } });
    expect(JSON.stringify(entry)).not.toContain('+86');
  });

  it('a part-day closure counts the bookings its hours take, and cancels them when confirmed', async () => {
    setTime(MON, '08:00');
    const inside = await booked('B', local(THU, '14:00'), { contact: { name: '李雷', phone: '+86 139 2222 0003', language: 'zh', consent: true } });
    const after = await booked('B', local(THU, '16:00'));
    const afternoon = { from: local(THU, '13:00'), to: local(THU, '15:00'), reason: { zh: '消防演练', en: 'Fire drill' } };
    const closures = [upgrade, afternoon];

    const refused = await saveClosures(closures);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    // Only the part-day closure (index 1) takes one: 14:00; Thursday 10:00 and 16:00 are outside it.
    expect(refused.body.error).toMatchObject({ code: 'CLOSURE_HAS_BOOKINGS', details: { count: 1, closures: { '1': { count: 1, firstAt: local(THU, '14:00') } } } });
    expect(Object.keys(refused.body.error.details.closures)).toEqual(['1']);

    const saved = await saveClosures(closures, { cancelBookings: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await stateOf(inside.id)).toMatchObject({ state: 'cancelled', cancelledBy: 'branch' });
    expect((await stateOf(after.id)).state).toBe('booked');
    const notice = await waitFor('the notice', async () => texts('+86 139 2222 0003').find((t) => t.includes('暂停营业')));
    expect(notice).toContain('3月5日（周四）14:00暂停营业（消防演练）');

    // The slot finder no longer offers the closed hours.
    const slots = await anyone().req('GET', branchPath(`/services/${at.sys.service('B')}/slots?from=${THU}&days=1`));
    expect(slots.status, JSON.stringify(slots.body)).toBe(200);
    const times = (slots.body.data.days as { slots: { time: string }[] }[])[0]!.slots.map((x) => x.time);
    expect(times).toContain('12:00');
    expect(times).not.toContain('13:00');
    expect(times).not.toContain('14:30');
    expect(times).toContain('15:00');
  });

  it('a closure over no booking saves at once, as before', async () => {
    setTime(MON, '08:00');
    const before = (await settingsAudit()).length;
    const { settings } = await stored();
    const saved = await saveClosures([...settings.closures, { date: FRI }]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data.settings.closures).toContainEqual({ date: FRI });
    const rows = await settingsAudit();
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]!.details).toEqual({ parts: ['closures'], closures: { added: [{ date: FRI }], removed: [] } });
  });

  it('a booking racing a closure of its day either stops the save or is refused: never booked into the closure', async () => {
    setTime(MON, '08:00');
    const day = '2026-03-10';
    for (let i = 0; i < 6; i++) {
      const { settings } = await stored();
      const [made, save] = await Promise.all([book('B', local(day, `${10 + i}:00`)), saveClosures([...settings.closures, { date: day }])]);
      const after = (await stored()).settings.closures;
      if (made.status === 201) {
        expect([save.status, save.body.error?.code], JSON.stringify(save.body)).toEqual([409, 'CLOSURE_HAS_BOOKINGS']);
        expect(after).not.toContainEqual({ date: day });
        expect((await anyone().req('POST', `/api/v1/appointments/${made.body.data.manageToken}/cancel`)).status).toBe(200);
      } else {
        expect(save.status, JSON.stringify(save.body)).toBe(200);
        // Refused as any closed day is, or (it read the rules before the save) asked to try again.
        expect([409, 422, 503], JSON.stringify(made.body)).toContain(made.status);
        expect((await saveClosures(settings.closures)).status).toBe(200);
      }
    }
  });
});
