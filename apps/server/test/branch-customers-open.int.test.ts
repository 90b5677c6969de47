/**
 * "Open to customers" or "in preparation", against the real system (PostgreSQL, Redis, a clock the
 * test moves). A branch an admin makes through the API (plain or copied) starts in preparation:
 * customers do not find it (public list, booking list, help assistant) and cannot book, see its
 * slots or join its queue remotely (BRANCH_NOT_OPEN), while staff and its kiosk work as before.
 * Opening it (admins only, stale-safe, audited with before and after) makes it bookable; closing
 * an open branch again stops new bookings and keeps the ones already made.
 */
import type { BranchListItem } from '@tellerline/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { local, managerAndTeller, MON, TUE, WED } from './booking-support.js';
import { HttpClient } from './support.js';

const { at, setTime, anyone, kiosk, branchPath, book, booked } = managerAndTeller();
const admin = {} as { client: HttpClient };
beforeAll(async () => {
  admin.client = new HttpClient(at.sys.url);
  await admin.client.login('admin');
});

const made = {} as { plain: BranchListItem; copy: BranchListItem };
const listOf = async (client: HttpClient, query = '') => ((await client.req('GET', `/api/v1/branches${query}`)).body.data as BranchListItem[]).map((b) => b.id);
const updates = async (branchId: string) => (await at.sys.system.parts.db.audit.list(branchId, 200)).filter((e) => e.action === 'update-branch');
const setOpen = (branchId: string, open: boolean, by: HttpClient = admin.client, expected: boolean = !open) =>
  by.req('PATCH', `/api/v1/branches/${branchId}`, { customersOpen: open, expected: { customersOpen: expected } });
const slotsOf = (branchId: string, serviceId: string) => anyone().req('GET', `/api/v1/branches/${branchId}/services/${serviceId}/slots?from=${WED}&days=1`);
const WEEKDAYS = { mon: [{ open: '09:00', close: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe('a branch made through the API', () => {
  it('starts in preparation, plain or copied; the request may open it at once', async () => {
    const plain = await admin.client.req('POST', '/api/v1/branches', { code: 'prep-plain', name: { zh: '筹备一', en: 'Prep One' }, timezone: 'Asia/Shanghai', openingHours: WEEKDAYS });
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body.data.customersOpen).toBe(false);
    const copy = await admin.client.req('POST', '/api/v1/branches', { code: 'prep-copy', name: { zh: '筹备二', en: 'Prep Two' }, timezone: 'Asia/Shanghai', copyFrom: at.sys.branchId });
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body.data.customersOpen).toBe(false);
    made.plain = plain.body.data;
    made.copy = copy.body.data;
    const open = await admin.client.req('POST', '/api/v1/branches', { code: 'open-at-once', name: { zh: '即开', en: 'Open Now' }, timezone: 'Asia/Shanghai', openingHours: WEEKDAYS, customersOpen: true });
    expect(open.body.data.customersOpen).toBe(true);
    expect((await admin.client.req('POST', '/api/v1/branches', { code: 'bad-flag', name: { zh: '坏', en: 'Bad' }, timezone: 'Asia/Shanghai', openingHours: WEEKDAYS, customersOpen: 'yes' })).body.error.code).toBe('VALIDATION_FAILED');
    // The demo branch (seeded, like every branch before the switch existed) is open.
    expect((await admin.client.req('GET', '/api/v1/branches')).body.data.find((b: BranchListItem) => b.id === at.sys.branchId).customersOpen).toBe(true);
    const [entry] = (await at.sys.system.parts.db.audit.list(made.copy.id, 10)).filter((e) => e.action === 'create-branch');
    expect(entry!.details).toMatchObject({ customersOpen: false });
  });

  it('in preparation: absent from every customer list, listed to staff and to its own kiosk', async () => {
    const publicList = await listOf(anyone());
    expect(publicList).toContain(at.sys.branchId);
    expect(publicList).not.toContain(made.plain.id);
    expect(publicList).not.toContain(made.copy.id);
    expect(await listOf(anyone(), '?bookable=true')).not.toContain(made.copy.id);
    // The demo branch's kiosk: another branch in preparation is none of its business.
    expect(await listOf(kiosk())).not.toContain(made.copy.id);
    // Staff set it up and rehearse there: every role sees it.
    for (const client of [admin.client, at.manager, at.alice]) expect(await listOf(client)).toContain(made.copy.id);
    // Even signed in, the booking page's list is the customers' one.
    expect(await listOf(admin.client, '?bookable=true')).not.toContain(made.copy.id);
  });

  it('in preparation: booking, slots, the remote queue and the help assistant are refused with BRANCH_NOT_OPEN', async () => {
    const serviceId = (await admin.client.req('GET', `/api/v1/branches/${made.copy.id}/setup`)).body.data.services[0].id as string;
    const info = await anyone().req('GET', `/api/v1/branches/${made.copy.id}/booking`);
    expect(info.body.data).toMatchObject({ services: [], remoteQueue: false });
    const slots = await slotsOf(made.copy.id, serviceId);
    expect(slots.status, JSON.stringify(slots.body)).toBe(409);
    expect(slots.body.error.code).toBe('BRANCH_NOT_OPEN');
    const booking = await anyone().req('POST', '/api/v1/appointments', { branchId: made.copy.id, serviceId, startsAt: local(WED, '10:00'), contact: { name: 'Early Bird', phone: '+86 139 0000 9999', language: 'en', consent: true } });
    expect(booking.status, JSON.stringify(booking.body)).toBe(409);
    expect(booking.body.error).toMatchObject({ code: 'BRANCH_NOT_OPEN', message: expect.stringMatching(/not open to customers/) });
    const remote = await anyone().req('POST', `/api/v1/branches/${made.copy.id}/remote-tickets`, { serviceId });
    expect(remote.status).toBe(409);
    expect(remote.body.error.code).toBe('BRANCH_NOT_OPEN');
    const help = await anyone().req('POST', `/api/v1/branches/${made.copy.code}/assistant`, { question: 'When do you open?', language: 'en' });
    expect(help.body.error.code).toBe('BRANCH_NOT_OPEN');
  });

  it('only admins open it: a manager is refused (403) and nothing changes', async () => {
    const r = await setOpen(made.copy.id, true, at.manager);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(await listOf(anyone())).not.toContain(made.copy.id);
    expect(await updates(made.copy.id)).toHaveLength(0);
  });

  it('opened by an admin: listed to customers, one audit entry with before and after; a stale second press is refused', async () => {
    const r = await setOpen(made.copy.id, true);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.customersOpen).toBe(true);
    expect(await listOf(anyone())).toContain(made.copy.id);
    const [entry] = await updates(made.copy.id);
    expect(entry).toMatchObject({ role: 'admin', details: { code: 'prep-copy', changes: { customersOpen: { from: false, to: true } } } });
    // A colleague's screen still showing "in preparation" presses again: refused, nothing written.
    const stale = await setOpen(made.copy.id, true);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_BRANCH', details: { current: { id: made.copy.id, customersOpen: true } } });
    expect(await updates(made.copy.id)).toHaveLength(1);
    // Its slots are asked for as any branch's now (no roster copied: no free times yet, but no refusal).
    const serviceId = (await admin.client.req('GET', `/api/v1/branches/${made.copy.id}/setup`)).body.data.services[0].id as string;
    expect((await slotsOf(made.copy.id, serviceId)).status).toBe(200);
  });
});

describe('an open branch closed to customers again', () => {
  it('keeps the bookings already made and stops new ones; kiosk and staff go on; reopened, it books again', async () => {
    setTime(MON, '08:30');
    const kept = await booked('B', local(WED, '10:00'));
    expect((await setOpen(at.sys.branchId, false)).status).toBe(200);
    expect(await listOf(anyone())).not.toContain(at.sys.branchId);
    expect(await listOf(anyone(), '?bookable=true')).not.toContain(at.sys.branchId);

    const refused = await book('B', local(WED, '11:00'));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('BRANCH_NOT_OPEN');
    expect((await slotsOf(at.sys.branchId, at.sys.service('B'))).body.error.code).toBe('BRANCH_NOT_OPEN');
    const moved = await anyone().req('POST', `/api/v1/appointments/${kept.manageToken}/reschedule`, { startsAt: local(TUE, '10:00') });
    expect(moved.status).toBe(409);
    expect(moved.body.error.code).toBe('BRANCH_NOT_OPEN');
    // The booking itself is still valid and still the customer's to see.
    expect((await at.sys.system.parts.db.booking.findById(kept.id))!.state).toBe('booked');
    expect((await anyone().req('GET', `/api/v1/appointments/${kept.manageToken}`)).status).toBe(200);

    // Staff rehearse: the kiosk still issues tickets and the staff panel reads the queue.
    setTime(MON, '09:30');
    expect((await kiosk().req('POST', branchPath('/tickets'), { serviceId: at.sys.service('A') })).status).toBe(201);
    expect((await at.alice.req('GET', branchPath('/staff-queue'))).status).toBe(200);

    const [closed] = await updates(at.sys.branchId);
    expect(closed!.details).toMatchObject({ changes: { customersOpen: { from: true, to: false } } });

    expect((await setOpen(at.sys.branchId, true)).status).toBe(200);
    expect(await listOf(anyone(), '?bookable=true')).toContain(at.sys.branchId);
    expect((await book('B', local(WED, '11:00'))).status).toBe(201);
  });
});
