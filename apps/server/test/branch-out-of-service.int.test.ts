/**
 * Taking a branch out of service and putting it back, against the real system (PostgreSQL, Redis,
 * the BullMQ worker, a clock the test moves). Admins only. Refused, with nothing changed, while
 * someone is signed on (BRANCH_IN_USE, naming who), while customers are in today's queue
 * (BRANCH_HAS_CUSTOMERS, how many) and while customers have booked it (BRANCH_HAS_BOOKINGS) unless
 * the admin confirms cancelling them: then each customer is told through the booking-cancellation
 * notice path. Once out of service it is offered for nothing (booking list, booking, kiosk, remote
 * queue, help assistant, sign-on: BRANCH_INACTIVE), its midnight close is gone, and its history and
 * reports stay readable; reactivated, it works again. Audited both ways.
 */
import { createLoggingSmsProvider } from '@tellerline/notify';
import { normalizePhone, type BranchListItem } from '@tellerline/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { local, managerAndTeller, MON, TUE, WED } from './booking-support.js';
import { HttpClient, waitFor } from './support.js';

const sms = createLoggingSmsProvider(() => undefined);
const { at, setTime, command, anyone, kiosk, branchPath, book, booked, contact } = managerAndTeller({ notify: { smsProvider: sms } });
const admin = {} as { client: HttpClient };
beforeAll(async () => {
  admin.client = new HttpClient(at.sys.url);
  await admin.client.login('admin');
});

const texts = (phone: string): string[] => sms.outbox.filter((m) => m.to === normalizePhone(phone)).map((m) => m.text);
const auditOf = async (action: string) => (await at.sys.system.parts.db.audit.list(at.sys.branchId, 200)).filter((e) => e.action === action);
const deactivate = (body: Record<string, unknown> = {}, by: HttpClient = admin.client) => by.req('POST', branchPath('/deactivate'), body);
const reactivate = (by: HttpClient = admin.client) => by.req('POST', branchPath('/reactivate'), {});
const listed = async (query = '') => ((await anyone().req('GET', `/api/v1/branches${query}`)).body.data as BranchListItem[]).find((b) => b.id === at.sys.branchId);
const kioskTicket = (code = 'A') => kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service(code) });
const dailyClose = async () => (await at.sys.system.parts.queues.queue.getJobSchedulers()).find((j) => j.key === `daily-close:${at.sys.branchId}`);

describe('taking a branch out of service', () => {
  it('is for admins only: a manager is refused, and nothing changes', async () => {
    expect((await deactivate({}, at.manager)).body.error.code).toBe('FORBIDDEN');
    expect((await at.manager.req('GET', branchPath('/deactivation'))).status).toBe(403);
    expect((await reactivate(at.manager)).status).toBe(403);
    expect((await deactivate({ cancelBookings: false })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await listed())!.active).toBe(true);
  });

  it('is refused while someone is signed on at a counter, naming who', async () => {
    const r = await deactivate();
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'BRANCH_IN_USE', details: { count: 1, staffName: expect.stringMatching(/alice/i) } });
    expect(r.body.error.message).toMatch(/alice.* is signed on/i);
    expect((await listed())!.active).toBe(true);
  });

  it('is refused while customers wait in today\'s queue, saying how many', async () => {
    expect((await command('sign-off')).status).toBe(200);
    setTime(MON, '09:30');
    const issued = await Promise.all([kioskTicket('A'), kioskTicket('A')]);
    expect(issued.map((r) => r.status)).toEqual([201, 201]);
    const r = await deactivate();
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'BRANCH_HAS_CUSTOMERS', details: { waiting: 2, called: 0, serving: 0 } });
    expect((await listed())!.active).toBe(true);
    // They leave (the customers cancel from their phones): the queue is empty again.
    for (const t of issued) expect((await anyone().req('POST', `/api/v1/tickets/${t.body.data.token}/cancel`, {})).status).toBe(200);
  });

  it('with booked visits: says how many and from when, and changes nothing until confirmed', async () => {
    const zh = contact({ name: '王芳', phone: '+86 139 2222 0001', language: 'zh' });
    const en = contact({ name: 'Lee Ann', phone: '+86 139 2222 0002', language: 'en' });
    await booked('D', local(WED, '10:00'), { contact: zh });
    await booked('B', local(TUE, '14:00'), { contact: en });
    expect((await admin.client.req('GET', branchPath('/deactivation'))).body.data).toEqual({ bookings: 2, firstDate: TUE });

    const r = await deactivate();
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'BRANCH_HAS_BOOKINGS', details: { count: 2, firstAt: local(TUE, '14:00'), firstDate: TUE } });
    expect((await listed())!.active).toBe(true);
    expect((await at.sys.system.parts.db.booking.bookedForService(at.sys.branchId, null)).map((a) => a.state)).toEqual(['booked', 'booked']);
    expect(await auditOf('deactivate-branch')).toHaveLength(0);
  });

  it('confirmed: goes out of service, cancels the bookings and tells each customer in their language; audited with the count', async () => {
    const bookings = await at.sys.system.parts.db.booking.bookedForService(at.sys.branchId, null);
    const r = await deactivate({ cancelBookings: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ id: at.sys.branchId, active: false });
    for (const b of bookings) expect(await at.sys.system.parts.db.booking.findById(b.id)).toMatchObject({ state: 'cancelled', cancelledBy: 'branch' });

    const chinese = await waitFor('the Chinese notice', async () => texts('+86 139 2222 0001').find((t) => t.includes('网点取消')));
    expect(chinese).toContain('已停止营业');
    expect(chinese).toContain(`/a/${bookings.find((b) => b.startsAt === local(WED, '10:00'))!.manageToken}`);
    const english = await waitFor('the English notice', async () => texts('+86 139 2222 0002').find((t) => t.includes('cancelled your')));
    expect(english).toContain('has closed');

    const [entry] = await auditOf('deactivate-branch');
    expect(entry).toMatchObject({ role: 'admin', branchId: at.sys.branchId, details: { cancelledBookings: 2, appointmentIds: expect.arrayContaining(bookings.map((b) => b.id)) } });
    expect(entry!.at).toBeGreaterThan(0);
    // No new work: its midnight close is gone.
    expect(await dailyClose()).toBeUndefined();
    // Sent again (a retry): nothing more to do, no second entry.
    expect((await deactivate({ cancelBookings: true })).status).toBe(200);
    expect(await auditOf('deactivate-branch')).toHaveLength(1);
  });

  it('out of service: listed for history, offered for nothing', async () => {
    expect((await listed())!.active).toBe(false);
    expect(await listed('?bookable=true')).toBeUndefined();
    // A link straight to its booking page offers nothing to book.
    expect((await anyone().req('GET', branchPath('/booking'))).body.data.services).toEqual([]);

    const bookingRefused = await book('B', local(WED, '11:00'));
    expect(bookingRefused.status, JSON.stringify(bookingRefused.body)).toBe(409);
    expect(bookingRefused.body.error.code).toBe('BRANCH_INACTIVE');

    const ticket = await kioskTicket('A');
    expect(ticket.status).toBe(409);
    expect(ticket.body.error.code).toBe('BRANCH_INACTIVE');
    expect((await anyone().req('GET', branchPath('/walk-in-hours'))).body.data).toMatchObject({ issuing: false, closed: 'inactive', next: null });
    const remote = await anyone().req('POST', branchPath('/remote-tickets'), { serviceId: at.sys.service('A') });
    expect(remote.status, JSON.stringify(remote.body)).toBe(409);
    expect(remote.body.error.code).toBe('BRANCH_INACTIVE');

    const assistant = await anyone().req('POST', branchPath('/assistant'), { question: 'When do you open?', language: 'en' });
    expect(assistant.body.error.code).toBe('BRANCH_INACTIVE');

    const signOn = await command('sign-on', { counterId: at.sys.counter('1') });
    expect(signOn.status).toBe(409);
    expect(signOn.body.error.code).toBe('BRANCH_INACTIVE');
    // The staff panel learns it from the branch.
    expect((await at.alice.req('GET', branchPath(''))).body.data.active).toBe(false);
  });

  it('out of service: its audit log and KPI reports stay readable, and "all branches" still counts its past', async () => {
    expect((await at.manager.req('GET', branchPath('/audit'))).status).toBe(200);
    const own = await admin.client.req('GET', branchPath(`/kpis?from=${MON}&to=${MON}`));
    expect(own.status).toBe(200);
    expect(own.body.data.totals.issued).toBe(2);
    const all = await admin.client.req('GET', `/api/v1/kpis?from=${MON}&to=${MON}`);
    expect(all.status).toBe(200);
    expect(all.body.data.branches.find((b: { branchId: string }) => b.branchId === at.sys.branchId).figures.issued).toBe(2);
    expect(all.body.data.totals.issued).toBeGreaterThanOrEqual(2);
  });

  it('reactivated: bookable, tickets and sign-on again; audited; its midnight close scheduled again', async () => {
    const r = await reactivate();
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.active).toBe(true);
    expect(await auditOf('reactivate-branch')).toHaveLength(1);
    expect((await listed('?bookable=true'))?.active).toBe(true);
    expect((await kioskTicket('A')).status).toBe(201);
    expect((await command('sign-on', { counterId: at.sys.counter('1') })).status).toBe(200);
    expect(await dailyClose()).toMatchObject({ tz: 'Asia/Shanghai' });
    expect((await book('B', local(WED, '11:00'))).status).toBe(201);
  });
});
