/**
 * Setting branches up through the real API (PostgreSQL, Redis): an admin creates and edits a
 * branch; its services and counters can then be added by an admin but not by the demo branch's
 * manager or a teller; input is checked; every change is audited with what changed; a kiosk paired
 * to the new branch issues tickets for its first service at once; a branch without services does
 * not stop the system from starting again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchListItem, BranchSetupView, PairedDevice } from '@tellerline/contracts';
import { HttpClient, startTestSystem, type TestSystem } from './support.js';

let sys: TestSystem;
let admin: HttpClient;
let manager: HttpClient;
let alice: HttpClient;

const WEEKDAY = [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }];
const HOURS = { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [{ open: '09:00', close: '12:00' }], sun: [] };
const ALL_DAY = [{ open: '00:00', close: '23:59' }];
/** Open around the clock: the kiosk issues walk-in tickets only within the hours, and these tests run at any hour. */
const ROUND_THE_CLOCK = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };
const PUDONG = { code: 'sh-pudong', name: { zh: '浦东支行', en: 'Pudong Branch' }, timezone: 'Asia/Shanghai', openingHours: HOURS, pilot: true };
const CASH = { code: 'A', name: { zh: '个人现金', en: 'Personal cash' }, targetMin: 10, defaultDurationMin: 5, documents: { zh: ['身份证'], en: ['ID card'] } };

let pudong: BranchListItem;
const branchPath = (rest = '') => `/api/v1/branches/${pudong.id}${rest}`;
const auditOf = async (action: string) => (await sys.system.parts.db.audit.list(pudong.id, 100)).filter((e) => e.action === action);

beforeAll(async () => {
  sys = await startTestSystem();
  admin = new HttpClient(sys.url);
  await admin.login('admin');
  manager = new HttpClient(sys.url);
  await manager.login('manager');
  alice = new HttpClient(sys.url);
  await alice.login('alice');
});

afterAll(async () => {
  await sys?.close();
});

describe('branches (admins)', () => {
  it('an admin creates a branch with its weekly hours and pilot flag; it is listed and audited', async () => {
    const res = await admin.req('POST', '/api/v1/branches', { ...PUDONG, timezone: 'asia/shanghai' });
    expect(res.status).toBe(201);
    pudong = res.body.data;
    expect(pudong).toMatchObject({ code: 'sh-pudong', name: PUDONG.name, timezone: 'Asia/Shanghai', pilot: true, openingHours: HOURS });
    // Listed to staff; customers find it only once an admin opens it (it starts in preparation).
    const listed = (await admin.req('GET', '/api/v1/branches')).body.data as BranchListItem[];
    expect(listed.map((b) => b.code)).toEqual(['demo', 'sh-pudong']);
    expect(pudong.customersOpen).toBe(false);
    expect(((await new HttpClient(sys.url).req('GET', '/api/v1/branches')).body.data as BranchListItem[]).map((b) => b.code)).toEqual(['demo']);
    // The booking page is not offered a branch with nothing to book (a new one, or one made by mistake).
    const bookable = (await new HttpClient(sys.url).req('GET', '/api/v1/branches?bookable=true')).body.data as BranchListItem[];
    expect(bookable.map((b) => b.code)).toEqual(['demo']);
    expect((await new HttpClient(sys.url).req('GET', '/api/v1/branches?bookable=yes')).body.error.code).toBe('VALIDATION_FAILED');
    const [entry] = await auditOf('create-branch');
    expect(entry).toMatchObject({ role: 'admin', branchId: pudong.id, details: { code: 'sh-pudong', timezone: 'Asia/Shanghai', pilot: true, openingHours: HOURS } });
    // Its midnight close is scheduled in its own time zone.
    const schedulers = await sys.system.parts.queues.queue.getJobSchedulers();
    expect(schedulers.find((j) => j.key === `daily-close:${pudong.id}`)).toMatchObject({ tz: 'Asia/Shanghai' });
  });

  it('refuses a taken code, bad codes, unknown time zones, overlapping hours and a forgotten weekday', async () => {
    const taken = await admin.req('POST', '/api/v1/branches', { ...PUDONG, name: { zh: '又一个', en: 'Again' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('BRANCH_CODE_TAKEN');
    const { sun: _sun, ...sixDays } = HOURS;
    const bad: [unknown, string][] = [
      [{ ...PUDONG, code: 'SH Pudong' }, 'code'],
      [{ ...PUDONG, code: 'bj', timezone: 'Beijing' }, 'timezone'],
      [{ ...PUDONG, code: 'bj', timezone: '+08:00' }, 'timezone'],
      [{ ...PUDONG, code: 'bj', openingHours: { ...HOURS, mon: [{ open: '09:00', close: '13:30' }, { open: '13:00', close: '17:00' }] } }, 'openingHours.mon'],
      [{ ...PUDONG, code: 'bj', openingHours: { ...HOURS, tue: [{ open: '17:00', close: '09:00' }] } }, 'openingHours.tue.0.close'],
      [{ ...PUDONG, code: 'bj', openingHours: sixDays }, 'openingHours.sun'],
      [{ ...PUDONG, code: 'bj', name: { zh: '北京', en: '' } }, 'name.en'],
    ];
    for (const [body, path] of bad) {
      const r = await admin.req('POST', '/api/v1/branches', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.issues.map((i: { path: string }) => i.path), JSON.stringify(body)).toContain(path);
    }
    expect(((await admin.req('GET', '/api/v1/branches')).body.data as BranchListItem[]).map((b) => b.code)).toEqual(['demo', 'sh-pudong']);
  });

  it('an admin edits names, time zone and pilot flag but never the code; the audit says what changed', async () => {
    expect((await admin.req('PATCH', branchPath(), { code: 'sh-lujiazui' })).status).toBe(400);
    const res = await admin.req('PATCH', branchPath(), { name: { zh: '浦东新区支行', en: 'Pudong New Area' }, pilot: false, timezone: 'Asia/Urumqi' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ code: 'sh-pudong', name: { en: 'Pudong New Area' }, pilot: false, timezone: 'Asia/Urumqi', openingHours: HOURS });
    const [entry] = await auditOf('update-branch');
    expect(entry!.details).toEqual({
      code: 'sh-pudong',
      changes: {
        name: { from: PUDONG.name, to: { zh: '浦东新区支行', en: 'Pudong New Area' } },
        pilot: { from: true, to: false },
        timezone: { from: 'Asia/Shanghai', to: 'Asia/Urumqi' },
      },
    });
    const schedulers = await sys.system.parts.queues.queue.getJobSchedulers();
    expect(schedulers.find((j) => j.key === `daily-close:${pudong.id}`)).toMatchObject({ tz: 'Asia/Urumqi' });
    // Saving the same again changes nothing and leaves no second row.
    expect((await admin.req('PATCH', branchPath(), { pilot: false })).status).toBe(200);
    expect(await auditOf('update-branch')).toHaveLength(1);
    expect((await admin.req('PATCH', branchPath(), { timezone: 'Asia/Shanghai' })).status).toBe(200);
  });

  it('keeps branches to admins, and every branch but their own away from managers and tellers', async () => {
    for (const who of [manager, alice]) {
      expect((await who.req('POST', '/api/v1/branches', { ...PUDONG, code: 'mine' })).body.error.code).toBe('FORBIDDEN');
      expect((await who.req('PATCH', `/api/v1/branches/${sys.branchId}`, { pilot: false })).status).toBe(403);
      for (const r of [
        await who.req('GET', branchPath('/setup')),
        await who.req('PUT', branchPath('/opening-hours'), { openingHours: HOURS }),
        await who.req('POST', branchPath('/services'), CASH),
        await who.req('POST', branchPath('/counters'), { label: '1' }),
      ]) {
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe('FORBIDDEN');
      }
    }
    // A teller is kept out of their own branch's set-up too.
    expect((await alice.req('GET', `/api/v1/branches/${sys.branchId}/setup`)).status).toBe(403);
    expect((await new HttpClient(sys.url).req('GET', branchPath('/setup'))).status).toBe(401);
    expect((await admin.req('GET', '/api/v1/branches/00000000-0000-4000-8000-000000000000/setup')).body.error.code).toBe('BRANCH_UNKNOWN');
    expect((await admin.req('PATCH', '/api/v1/branches/00000000-0000-4000-8000-000000000000', { pilot: true })).status).toBe(404);
    const setup = (await admin.req('GET', branchPath('/setup'))).body.data as BranchSetupView;
    expect(setup).toMatchObject({ branch: { code: 'sh-pudong' }, services: [], counters: [] });
  });

  it('a branch without services is not open, and the system starts again with it', async () => {
    expect((await admin.req('GET', branchPath('/queue'))).body.error.code).toBe('BRANCH_UNKNOWN');
    await sys.restart();
    // The restarted system listens on a new port.
    sys.url = sys.system.url();
    admin = new HttpClient(sys.url);
    await admin.login('admin');
    expect((await admin.req('GET', branchPath('/setup'))).status).toBe(200);
  });
});

describe('a new branch goes live with its first service', () => {
  it('an admin adds a service and a counter: the queue runs them, and a kiosk paired there issues a ticket at once', async () => {
    const created = await admin.req('POST', branchPath('/services'), CASH);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ ...CASH, active: true });
    const counter = await admin.req('POST', branchPath('/counters'), { label: '1' });
    expect(counter.status).toBe(201);

    const queue = await admin.req('GET', branchPath('/queue'));
    expect(queue.body.data.map((s: { code: string; name: { en: string } }) => [s.code, s.name.en])).toEqual([['A', 'Personal cash']]);
    const info = await admin.req('GET', branchPath());
    expect(info.body.data.counters).toEqual([{ id: counter.body.data.id, label: '1' }]);

    const paired = (await admin.req('POST', branchPath('/devices'), { kind: 'kiosk', name: '浦东取号机 Pudong kiosk' })).body.data as PairedDevice;
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${paired.token}` });
    // Its pairing link names no branch: the kiosk asks which one its token is for.
    expect((await kiosk.req('GET', '/api/v1/devices/me')).body.data).toEqual({ id: paired.device.id, kind: 'kiosk', branchId: pudong.id });
    expect((await new HttpClient(sys.url).req('GET', '/api/v1/devices/me')).status).toBe(401);
    expect((await admin.req('PUT', branchPath('/opening-hours'), { openingHours: ROUND_THE_CLOCK })).status).toBe(200);
    let ticket = await kiosk.req('POST', branchPath('/tickets'), { serviceId: created.body.data.id });
    // Each node drops its cached walk-in hours when told over Redis: give the message a moment.
    for (const deadline = Date.now() + 3000; ticket.status === 409 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 100));
      ticket = await kiosk.req('POST', branchPath('/tickets'), { serviceId: created.body.data.id });
    }
    expect(ticket.status).toBe(201);
    expect((await admin.req('PUT', branchPath('/opening-hours'), { openingHours: HOURS })).status).toBe(200);
    expect(ticket.body.data.view).toMatchObject({ number: 'A001', service: { code: 'A', name: CASH.name } });

    const [entry] = await auditOf('create-service');
    expect(entry).toMatchObject({ role: 'admin', details: { serviceId: created.body.data.id, code: 'A', name: CASH.name, targetMin: 10, documents: CASH.documents } });
    expect((await auditOf('create-counter'))[0]?.details).toEqual({ counterId: counter.body.data.id, label: '1' });
  });

  it('refuses bad services and counters with the field named, and taken codes and labels with their own code', async () => {
    for (const [body, path] of [
      [{ ...CASH, code: 'a1' }, 'code'],
      [{ ...CASH, code: 'ABC' }, 'code'],
      [{ ...CASH, code: 'B', targetMin: 0 }, 'targetMin'],
      [{ ...CASH, code: 'B', documents: { zh: ['\u0000'], en: [] } }, 'documents.zh.0'],
      [{ ...CASH, code: 'B', colour: 'red' }, '(root)'],
    ] as const) {
      const r = await admin.req('POST', branchPath('/services'), body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const taken = await admin.req('POST', branchPath('/services'), { ...CASH, name: { zh: '现金', en: 'Cash' } });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'SERVICE_CODE_TAKEN']);
    const label = await admin.req('POST', branchPath('/counters'), { label: '1' });
    expect([label.status, label.body.error.code]).toEqual([409, 'COUNTER_LABEL_TAKEN']);
    expect((await admin.req('PATCH', branchPath('/services/nope'), { targetMin: 5 })).body.error.code).toBe('NOT_FOUND');
    expect((await admin.req('PATCH', branchPath('/counters/nope'), { active: false })).status).toBe(404);
    // The demo branch's service is not this branch's.
    expect((await admin.req('PATCH', branchPath(`/services/${sys.service('A')}`), { targetMin: 5 })).status).toBe(404);
  });

  it("keeps the branch's only active service", async () => {
    const [only] = ((await admin.req('GET', branchPath('/setup'))).body.data as BranchSetupView).services;
    const r = await admin.req('PATCH', branchPath(`/services/${only!.id}`), { active: false });
    expect([r.status, r.body.error.code]).toEqual([409, 'LAST_ACTIVE_SERVICE']);
    expect(r.body.error.message).toMatch(/only active service/);
    expect(((await admin.req('GET', branchPath('/setup'))).body.data as BranchSetupView).services[0]!.active).toBe(true);
  });
});
