/**
 * Walk-in tickets only while the branch is open, against the real system on a moved clock (the
 * demo branch with a bank's week: Mon-Fri 09:00-17:00, Asia/Shanghai): the kiosk and the remote
 * queue refuse with 409 BRANCH_CLOSED before opening, after closing and on a closure day, and
 * issue from the early window before opening; appointment check-in keeps its own window.
 */
import { describe, expect, it } from 'vitest';
import { local, managerAndTeller, MON, TUE } from './booking-support.js';

const { setTime, at, kiosk, anyone, branchPath, freshIp, booked } = managerAndTeller();
const SUN = '2026-03-08';

const walkIn = (extra: Record<string, unknown> = {}) => kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A'), ...extra });
const hours = async () => (await anyone().req('GET', branchPath('/walk-in-hours'))).body.data;
const tickets = async () => Object.keys((await at.sys.system.parts.store.load(at.sys.branchId))!.tickets).length;

describe('walk-in tickets and opening hours', () => {
  it('refuses at 03:00 with when it opens and when tickets start; issues from 08:30 (30 min early) until 17:00', async () => {
    setTime(MON, '03:00');
    const before = await tickets();
    const night = await walkIn({ contact: { phone: '+86 139 0000 7001', consent: true } });
    expect(night.status).toBe(409);
    expect(night.body.error).toMatchObject({
      code: 'BRANCH_CLOSED',
      message: expect.stringContaining('opens at 09:00; tickets from 08:30'),
      details: { closed: 'not-yet', opensAt: '2026-03-02T09:00:00+08:00', opensAtLocal: '09:00', date: MON, weekday: 'mon', ticketsFromLocal: '08:30' },
    });
    expect(await tickets()).toBe(before);
    expect(await hours()).toMatchObject({ issuing: false, closed: 'not-yet', today: MON, next: { opensAtLocal: '09:00', ticketsFromLocal: '08:30' } });

    setTime(MON, '08:29');
    expect((await walkIn()).body.error.code).toBe('BRANCH_CLOSED');
    setTime(MON, '08:30');
    expect((await walkIn()).status).toBe(201);
    expect(await hours()).toEqual({ issuing: true, closed: null, reason: null, next: null, today: MON });
    setTime(MON, '16:59');
    expect((await walkIn()).status).toBe(201);

    setTime(MON, '17:00');
    const evening = await walkIn();
    expect([evening.status, evening.body.error.code, evening.body.error.details]).toEqual([409, 'BRANCH_CLOSED', expect.objectContaining({ closed: 'ended', date: TUE, opensAtLocal: '09:00' })]);
  });

  it('answers a retry after closing with the ticket issued before it (same request id)', async () => {
    setTime(TUE, '16:59');
    const requestId = 'retry-over-closing-1';
    const first = await walkIn({ requestId });
    expect(first.status).toBe(201);
    setTime(TUE, '17:01');
    const retry = await walkIn({ requestId });
    expect([retry.status, retry.body.data.token]).toEqual([200, first.body.data.token]);
    expect((await walkIn({ requestId: 'retry-over-closing-2' })).body.error.code).toBe('BRANCH_CLOSED');
  });

  it('refuses on Sunday and on a closure day the manager entered, with its reason, at once after saving', async () => {
    setTime(SUN, '11:00');
    expect((await walkIn()).body.error.details).toMatchObject({ closed: 'day-off', date: '2026-03-09', weekday: 'mon' });

    setTime('2026-03-04', '10:00');
    expect((await walkIn()).status).toBe(201);
    const saved = await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { closures: [{ date: '2026-03-04', reason: '系统升级' }] } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const refused = await walkIn();
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([409, 'BRANCH_CLOSED', expect.objectContaining({ closed: 'day-off', reason: '系统升级', date: '2026-03-05' })]);
    expect(refused.body.error.message).toContain('(系统升级)');
    expect(await hours()).toMatchObject({ issuing: false, closed: 'day-off', reason: '系统升级', today: '2026-03-04' });
    await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { closures: [] } });
    expect((await walkIn()).status).toBe(201);
  });

  it('takes its early window from the booking settings (walkInEarlyMin)', async () => {
    const saved = await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { walkInEarlyMin: 0 } });
    expect(saved.body.data.settings.walkInEarlyMin).toBe(0);
    setTime('2026-03-05', '08:45');
    expect((await walkIn()).body.error.details).toMatchObject({ closed: 'not-yet', ticketsFromLocal: '09:00' });
    setTime('2026-03-05', '09:00');
    expect((await walkIn()).status).toBe(201);
    await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: {} });
  });

  it('the remote queue refuses the same way, before counting a join against the caller', async () => {
    expect((await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { remoteQueue: true } })).status).toBe(200);
    const ip = freshIp();
    const join = () => anyone().req('POST', branchPath('/remote-tickets'), { serviceId: at.sys.service('B'), lang: 'zh' }, ip);
    setTime('2026-03-06', '06:00');
    for (let i = 0; i < 6; i++) {
      const r = await join();
      expect([r.status, r.body.error.code, r.body.error.details.opensAtLocal]).toEqual([409, 'BRANCH_CLOSED', '09:00']);
    }
    setTime('2026-03-06', '10:00');
    expect((await join()).status).toBe(201);
  });

  it('appointment check-in keeps its own window: before the kiosk issues walk-ins', async () => {
    setTime('2026-03-06', '10:00');
    expect((await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { checkInEarlyMin: 60 } })).status).toBe(200);
    const appt = await booked('A', local('2026-03-09', '09:00'));
    setTime('2026-03-09', '08:10');
    expect((await walkIn()).body.error.code).toBe('BRANCH_CLOSED');
    const checkIn = await kiosk().req('POST', branchPath('/check-in'), { code: appt.code });
    expect(checkIn.status, JSON.stringify(checkIn.body)).toBe(200);
    expect(checkIn.body.data).toMatchObject({ kind: 'appointment', view: { status: 'waiting' } });
  });

  it('an opening just after midnight: its early window starts at 00:00, not the evening before (the daily close would cancel the ticket)', async () => {
    setTime('2026-03-06', '10:00');
    const week = { open: '09:00', close: '17:00' };
    const setHours = (sat: { open: string; close: string }[]) =>
      at.manager.req('PUT', `/api/v1/branches/${at.sys.branchId}/opening-hours`, { openingHours: { mon: [week], tue: [week], wed: [week], thu: [week], fri: [week], sat, sun: [] } });
    expect((await setHours([{ open: '00:30', close: '08:00' }])).status).toBe(200);
    expect((await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: { walkInEarlyMin: 60 } })).status).toBe(200);
    try {
      // Friday 23:45 in Shanghai, 45 minutes before Saturday's 00:30 opening.
      setTime('2026-03-06', '23:45');
      const eve = await walkIn();
      expect([eve.status, eve.body.error?.code]).toEqual([409, 'BRANCH_CLOSED']);
      expect(eve.body.error.details).toMatchObject({ closed: 'ended', date: '2026-03-07', opensAtLocal: '00:30', ticketsFromLocal: '00:00' });
      expect(eve.body.error.message).toContain('tickets from 00:00');
      setTime('2026-03-07', '00:00');
      expect((await walkIn()).status).toBe(201);
    } finally {
      expect((await setHours([])).status).toBe(200);
      await at.manager.saveBookingSettings(branchPath('/booking/settings'), { settings: {} });
    }
  });

  it('refuses an unknown branch with 404 BRANCH_UNKNOWN', async () => {
    const r = await anyone().req('GET', '/api/v1/branches/no-such-branch/walk-in-hours');
    expect([r.status, r.body.error.code]).toEqual([404, 'BRANCH_UNKNOWN']);
  });
});
