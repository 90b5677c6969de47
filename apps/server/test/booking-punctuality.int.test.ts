/**
 * Appointment punctuality for the booking rules screen, through the real API on PostgreSQL and
 * Redis, with a clock the test moves: the demo branch (Asia/Shanghai) on Monday 2 March 2026.
 */
import { describe, expect, it } from 'vitest';
import { local, managerAndTeller, MON } from './booking-support.js';
import { HttpClient, waitFor } from './support.js';

const { setTime, at, command, kiosk, branchPath, booked } = managerAndTeller();
const punctuality = (query = '') => at.manager.req('GET', branchPath(`/booking/punctuality${query}`));

/** Checks the booking in at `checkInHm`, has alice call it at `callHm` and serve it; returns the ticket id. */
async function checkInAndCall(code: string, checkInHm: string, callHm: string): Promise<string> {
  setTime(MON, checkInHm);
  const r = await kiosk().req('POST', branchPath('/check-in'), { code });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.data).toMatchObject({ kind: 'appointment', late: false });
  const ticketId = r.body.data.ticketId as string;
  setTime(MON, callHm);
  expect((await command('call-next')).body.data.called).toMatchObject({ ticketId });
  expect((await command('start', { ticketId })).status).toBe(200);
  expect((await command('complete', { ticketId })).status).toBe(200);
  return ticketId;
}

describe('appointment punctuality', () => {
  it('starts with no booked customers: the last 28 days up to today, branch time, and the goal', async () => {
    const r = await punctuality();
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toEqual({ days: 28, fromDay: '2026-02-03', toDay: MON, goal: 0.95, services: {} });
  });

  it('counts one booked customer called on time and one called late', async () => {
    setTime(MON, '08:00');
    const onTime = await booked('A', local(MON, '11:00'));
    const late = await booked('A', local(MON, '11:30'));
    await checkInAndCall(onTime.code, '10:50', '11:00');
    // Checked in 5 minutes early, called 10 minutes after the slot: late.
    await checkInAndCall(late.code, '11:25', '11:40');

    // The tickets projection follows the event log: wait until both calls are stored.
    const view = await waitFor('both calls counted', async () => {
      const r = await punctuality('?days=28');
      expect(r.status).toBe(200);
      return r.body.data.services[at.sys.service('A')]?.appointments === 2 ? r.body.data : null;
    });
    expect(view).toEqual({ days: 28, fromDay: '2026-02-03', toDay: MON, goal: 0.95, services: { [at.sys.service('A')]: { appointments: 2, onTime: 1 } } });

    // Today only is one day.
    expect((await punctuality('?days=1')).body.data).toMatchObject({ days: 1, fromDay: MON, toDay: MON, services: { [at.sys.service('A')]: { appointments: 2, onTime: 1 } } });
    // Tomorrow, today's calls are still within the last 28 days; a window of one day holds none.
    setTime('2026-03-03', '08:00');
    expect((await punctuality()).body.data).toMatchObject({ fromDay: '2026-02-04', toDay: '2026-03-03', services: { [at.sys.service('A')]: { appointments: 2, onTime: 1 } } });
    expect((await punctuality('?days=1')).body.data.services).toEqual({});
  });

  it('is for managers and admins: a teller is refused', async () => {
    const r = await at.alice.req('GET', branchPath('/booking/punctuality'));
    expect(r).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect((await new HttpClient(at.sys.url).req('GET', branchPath('/booking/punctuality'))).status).toBe(401);
  });

  it('refuses a bad number of days', async () => {
    for (const q of ['?days=0', '?days=366', '?days=2.5', '?days=many', '?days=28&extra=1']) {
      expect(await punctuality(q), q).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    }
    expect((await punctuality('?days=365')).status).toBe(200);
  });

  it('is in the OpenAPI document, with its query', async () => {
    const doc = (await new HttpClient(at.sys.url).req('GET', '/api/v1/openapi.json')).body;
    const get = doc.paths['/api/v1/branches/{branchId}/booking/punctuality']?.get;
    expect(get).toBeDefined();
    expect(get.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'branchId', in: 'path' }), expect.objectContaining({ name: 'days', in: 'query' })]));
    expect(JSON.stringify(get.responses['200'].content['application/json'].schema)).toContain('onTime');
  });
});
