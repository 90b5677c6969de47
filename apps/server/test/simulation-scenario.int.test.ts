/**
 * A simulator scenario built from the branch's own recorded days, through the real API on
 * PostgreSQL and Redis, with a clock the test moves: the demo branch (Asia/Shanghai) on Monday
 * 2 March 2026, then the scenario run through the simulator as a manager would.
 */
import { compare, parseScenario } from '@tellerline/simulator';
import { describe, expect, it } from 'vitest';
import { local, managerAndTeller, MON } from './booking-support.js';
import { HttpClient, waitFor } from './support.js';

const { clock, setTime, at, command, kiosk, branchPath, booked } = managerAndTeller();
const scenario = (query = '') => at.manager.req('GET', branchPath(`/simulation/scenario${query}`));

/** A walk-in for A at `hm`, called at once and served for `minutes`. */
async function servedWalkIn(hm: string, minutes: number): Promise<void> {
  setTime(MON, hm);
  const r = await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A') });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const ticketId = r.body.data.ticketId as string;
  expect((await command('call-next')).body.data.called).toMatchObject({ ticketId });
  expect((await command('start', { ticketId })).status).toBe(200);
  clock.t += minutes * 60_000;
  expect((await command('complete', { ticketId })).status).toBe(200);
}

describe('a simulation scenario from the branch\'s own days', () => {
  it('says there is nothing to build from before any ticket, and nothing on a closed day', async () => {
    expect(await scenario('?weekday=mon')).toMatchObject({ status: 422, body: { error: { code: 'NO_HISTORY' } } });
    expect(await scenario('?weekday=sun')).toMatchObject({ status: 422, body: { error: { code: 'CLOSED_THAT_DAY' } } });
  });

  it('builds Monday from the tickets recorded: arrivals per hour, measured service times, rosters; the simulator runs it', async () => {
    setTime(MON, '08:00');
    const appt = await booked('A', local(MON, '11:00'));
    await servedWalkIn('09:10', 4);
    await servedWalkIn('09:40', 6);
    await servedWalkIn('10:20', 8);
    setTime(MON, '10:58');
    expect((await kiosk().req('POST', branchPath('/check-in'), { code: appt.code })).status).toBe(200);

    const view = await waitFor('the tickets stored', async () => {
      const r = await scenario();
      return r.status === 200 && (r.body.data.scenario.services as { code: string; arrivalsPerHour: number[] }[]).find((s) => s.code === 'A')!.arrivalsPerHour[1] === 1 ? r.body.data : null;
    });
    expect(view).toMatchObject({ fromDay: '2026-02-03', toDay: MON, weekday: 'mon', days: 1 });
    const s = parseScenario(view.scenario);
    expect(s.open).toBe('09:00');
    const A = s.services.find((x) => x.code === 'A')!;
    expect(A.arrivalsPerHour.slice(0, 3)).toEqual([2, 1, 0]);
    expect(A.appointmentsPerHour!.slice(0, 3)).toEqual([0, 0, 1]);
    expect([A.meanServiceMin, A.sdServiceMin]).toEqual([6, 2]);
    expect(s.appointments).toMatchObject({ noShowRate: 0, latenessMeanMin: -2 });
    // Every colleague of the demo branch works the opening hours (no roster saved); no names.
    expect(s.staff).toHaveLength(4);
    expect(s.staff.every((st) => JSON.stringify(st.shifts) === JSON.stringify([['09:00', '17:00']]))).toBe(true);
    expect(JSON.stringify(view)).not.toMatch(/Alice|Customer|\+86/);
    const { report } = compare(s, { days: 1 });
    expect(report.policies.tellerline!.customers).toBeGreaterThan(0);
  });

  it('checks its query and is for managers and admins', async () => {
    expect(await scenario('?days=3')).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(await scenario('?weekday=someday')).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(await at.alice.req('GET', branchPath('/simulation/scenario'))).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await new HttpClient(at.sys.url).req('GET', branchPath('/simulation/scenario'))).status).toBe(401);
  });
});
