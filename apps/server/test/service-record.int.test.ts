/**
 * Staff notes and outcome of a visit, and its service report, through the real API, Redis and
 * PostgreSQL: only the teller holding the customer (or who served them, the same day) writes
 * their record; bad input is refused; the audit never holds the notes; a transferred visit's
 * report lists both counters' records with its wait and service minutes; the customer's history
 * on the panel shows them. The demo branch (Asia/Shanghai) on Monday 2 March 2026, a moved clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_REQUEST_HEADER, type ServiceReportView } from '@tellerline/contracts';
import { branchClock, MON, TUE } from './booking-support.js';
import { HttpClient, startTestSystem, waitFor, type TestSystem } from './support.js';

const { clock, setTime } = branchClock();
let sys: TestSystem;
let alice: HttpClient;
let bob: HttpClient;
let manager: HttpClient;
let customerId: string;
let ticketId: string;
let issuedNumber: string;

const path = (p: string) => `/api/v1/branches/${sys.branchId}${p}`;
const record = (id = ticketId) => path(`/tickets/${id}/record`);
const command = (c: HttpClient, body: Record<string, unknown>) => c.req('POST', path('/commands'), body);
const NOTES = 'Opened a savings account.\nAsked about a mortgage:\tsend to loans.';

beforeAll(async () => {
  sys = await startTestSystem({}, { clock });
  setTime(MON, '08:50');
  await waitFor('the business day to open', async () => (await sys.system.parts.store.load(sys.branchId))?.openDay === MON);
  [alice, bob, manager] = [new HttpClient(sys.url), new HttpClient(sys.url), new HttpClient(sys.url)];
  await alice.login('alice');
  await bob.login('bob');
  await manager.login('manager');
  expect((await command(alice, { type: 'sign-on', counterId: sys.counter('1') })).status).toBe(200);
  expect((await command(bob, { type: 'sign-on', counterId: sys.counter('2') })).status).toBe(200);
  setTime(MON, '09:00');
  const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
  const issued = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('A'), contact: { phone: '+86 138 0013 5678', consent: true } });
  expect(issued.status).toBe(201);
  ticketId = issued.body.data.ticketId;
  issuedNumber = issued.body.data.view.number;
  customerId = (await sys.system.parts.store.load(sys.branchId))!.tickets[ticketId]!.customerId!;
});

afterAll(async () => {
  await sys?.close();
});

describe('service records', () => {
  it('lets only the teller holding the customer write: a waiting ticket or a colleague gets 403 RECORD_NOT_YOURS', async () => {
    const body = { notes: 'x', outcome: 'resolved' };
    const waiting = await alice.req('PUT', record(), body);
    expect([waiting.status, waiting.body.error?.code]).toEqual([403, 'RECORD_NOT_YOURS']);
    setTime(MON, '09:06');
    expect((await command(alice, { type: 'call-ticket', ticketId, reason: 'record test' })).status).toBe(200);
    setTime(MON, '09:07');
    expect((await command(alice, { type: 'start', ticketId })).status).toBe(200);
    for (const other of [bob, manager]) {
      const r = await other.req('PUT', record(), body);
      expect([r.status, r.body.error?.code]).toEqual([403, 'RECORD_NOT_YOURS']);
    }
    expect((await new HttpClient(sys.url).req('PUT', record(), body)).status).toBe(401);
    expect((await alice.req('PUT', record('no-such-ticket'), body)).body.error?.code).toBe('UNKNOWN_TICKET');
    expect(await sys.system.parts.db.serviceRecords.listByTicket(ticketId)).toEqual([]);
    // Nothing written yet, and the customer is still at the desk.
    expect((await alice.req('GET', record())).body).toEqual({ data: { record: null, visit: null } });
    expect((await bob.req('GET', record())).body.error?.code).toBe('RECORD_NOT_YOURS');
  });

  it('refuses bad input with 400 VALIDATION_FAILED, and takes 2000 characters over several lines', async () => {
    const bad: unknown[] = [
      { notes: 'bell\u0007', outcome: 'resolved' },
      { notes: 'nul\u0000', outcome: 'resolved' },
      { notes: 'escape\u001b[31m', outcome: 'resolved' },
      { notes: 'ok', outcome: 'done' },
      { notes: 'ok' },
      { outcome: 'resolved' },
      { notes: 'ok', outcome: 'resolved', staffId: 'someone-else' },
      'not json',
    ];
    for (const body of bad) {
      const r = await alice.req('PUT', record(), body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
    const tooLong = await alice.req('PUT', record(), { notes: 'x'.repeat(2001), outcome: 'resolved' });
    expect([tooLong.status, tooLong.body.error?.code, tooLong.body.error?.details]).toEqual([400, 'TEXT_TOO_LONG', { field: 'notes', max: 2000 }]);
    const long = ('a'.repeat(98) + '\r\n').repeat(20).slice(0, 1999) + '\t';
    expect(long).toHaveLength(2000);
    const ok = await alice.req('PUT', record(), { notes: long, outcome: 'follow-up' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.data).toMatchObject({ ticketId, notes: long, outcome: 'follow-up', staffName: 'Alice' });
  });

  it('saves and amends the holder\'s own record, audited with the outcome and length but never the notes', async () => {
    const saved = await alice.req('PUT', record(), { notes: NOTES, outcome: 'referred' });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ notes: NOTES, outcome: 'referred', staffName: 'Alice' });
    expect((await alice.req('GET', record())).body.data).toMatchObject({ record: { notes: NOTES, outcome: 'referred' }, visit: null });
    const records = await sys.system.parts.db.serviceRecords.listByTicket(ticketId);
    expect(records.map((r) => [r.staffName, r.outcome, r.notes])).toEqual([['Alice', 'referred', NOTES]]);
    const audit = (await sys.system.parts.db.audit.list(sys.branchId, 200)).filter((e) => e.action === 'service-record-saved');
    expect(audit[0]).toMatchObject({ ticketId, details: { outcome: 'referred', notesLength: NOTES.length } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('savings');
    expect(JSON.stringify(audit)).not.toContain('aaaa');
  });

  it("reports a transferred visit leg by leg: both numbers, who served where under which service and when, each record beside its leg", async () => {
    setTime(MON, '09:17');
    expect((await command(alice, { type: 'transfer', ticketId, toServiceId: sys.service('B') })).status).toBe(200);
    // Transferred away: no longer alice's customer to write about.
    expect((await alice.req('PUT', record(), { notes: 'late', outcome: 'resolved' })).body.error?.code).toBe('RECORD_NOT_YOURS');
    setTime(MON, '09:20');
    expect((await command(bob, { type: 'call-ticket', ticketId, reason: 'record test' })).status).toBe(200);
    setTime(MON, '09:21');
    expect((await command(bob, { type: 'start', ticketId })).status).toBe(200);
    expect((await bob.req('PUT', record(), { notes: 'Mortgage application started.', outcome: 'follow-up' })).status).toBe(200);
    setTime(MON, '09:33');
    expect((await command(bob, { type: 'complete', ticketId })).status).toBe(200);
    // The one who served the customer may amend it later that day; the one before may not.
    setTime(MON, '16:00');
    const amended = await bob.req('PUT', record(), { notes: 'Mortgage application started; documents checked.', outcome: 'resolved' });
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    expect((await alice.req('PUT', record(), { notes: 'late', outcome: 'resolved' })).body.error?.code).toBe('RECORD_NOT_YOURS');

    const res = await manager.req('GET', path(`/tickets/${ticketId}/report`));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = res.body.data as ServiceReportView;
    const t = (hm: string) => Date.parse(`2026-03-02T${hm}:00+08:00`);
    expect(issuedNumber).toMatch(/^A\d{3}$/);
    expect(report).toMatchObject({
      ticketId,
      // The number on the customer's paper ticket, and the one the transfer gave it.
      issuedNumber,
      number: expect.stringMatching(/^B\d{3}$/),
      service: { id: sys.service('B'), code: 'B' },
      kind: 'walk-in',
      priority: 'normal',
      status: 'done',
      day: MON,
      issuedAt: t('09:00'),
      calledAt: t('09:06'),
      servedAt: t('09:07'),
      doneAt: t('09:33'),
      // 6 minutes before alice called (the wait the KPI reports count), 3 more after the
      // transfer (counted apart); 10 at counter 1 and 12 at counter 2.
      waitMin: 6,
      transferWaitMin: 3,
      serviceMin: 22,
      counterLabel: '2',
      staffName: 'Bob',
      recalls: 0,
      transfers: 1,
    });
    expect(report.service.name.en).toBeTruthy();
    const alices = { staffName: 'Alice', counterLabel: '1', outcome: 'referred', notes: NOTES };
    const bobs = { staffName: 'Bob', counterLabel: '2', outcome: 'resolved', notes: 'Mortgage application started; documents checked.' };
    expect(report.legs).toEqual([
      expect.objectContaining({
        number: issuedNumber,
        service: expect.objectContaining({ id: sys.service('A'), code: 'A' }),
        staffName: 'Alice',
        counterLabel: '1',
        waitingFrom: t('09:00'),
        calledAt: t('09:06'),
        startedAt: t('09:07'),
        endedAt: t('09:17'),
        end: 'transferred',
        waitMin: 6,
        serviceMin: 10,
        record: expect.objectContaining(alices),
      }),
      expect.objectContaining({
        number: report.number,
        service: expect.objectContaining({ id: sys.service('B'), code: 'B' }),
        staffName: 'Bob',
        counterLabel: '2',
        waitingFrom: t('09:17'),
        calledAt: t('09:20'),
        startedAt: t('09:21'),
        endedAt: t('09:33'),
        end: 'done',
        waitMin: 3,
        serviceMin: 12,
        record: expect.objectContaining(bobs),
      }),
    ]);
    expect(report.records).toEqual([expect.objectContaining(alices), expect.objectContaining(bobs)]);
    const views = (await sys.system.parts.db.audit.list(sys.branchId, 200)).filter((e) => e.action === 'view-service-report');
    expect(views[0]).toMatchObject({ ticketId });
    // Staff of the branch may read it; nobody signed out, and no ticket that is not there.
    expect((await alice.req('GET', path(`/tickets/${ticketId}/report`))).status).toBe(200);
    expect((await new HttpClient(sys.url).req('GET', path(`/tickets/${ticketId}/report`))).status).toBe(401);
    expect((await manager.req('GET', path('/tickets/nope/report'))).status).toBe(404);
    expect((await manager.req('GET', `/api/v1/branches/other-branch/tickets/${ticketId}/report`)).body.error?.code).toBe('FORBIDDEN');
  });

  it("shows the outcome and notes in the customer's history on their next visit, once they agreed to keep one", async () => {
    setTime(MON, '16:10');
    // Earlier visits are shown only with the customer's consent (history-consent.int.test.ts).
    await sys.system.parts.db.historyConsents.update(customerId, { consents: { history: true }, preferences: {} });
    const next = 'record-next-visit';
    await sys.system.parts.commands.run(sys.branchId, { type: 'issue', ticketId: next, token: 'tok-record-next-visit-aaaa', serviceId: sys.service('A'), kind: 'walk-in', priority: 'normal', customerId }, null);
    expect((await command(alice, { type: 'call-ticket', ticketId: next, reason: 'record test' })).status).toBe(200);
    const res = await alice.req('GET', path(`/tickets/${next}/profile`));
    expect(res.status).toBe(200);
    const past = res.body.data.visits.find((v: { ticketId: string }) => v.ticketId === ticketId);
    expect(past).toMatchObject({ branchId: sys.branchId, status: 'done' });
    expect(past.records.map((r: { staffName: string; outcome: string; notes: string }) => [r.staffName, r.outcome, r.notes])).toEqual([
      ['Alice', 'referred', NOTES],
      ['Bob', 'resolved', 'Mortgage application started; documents checked.'],
    ]);
    expect(res.body.data.visits.find((v: { ticketId: string }) => v.ticketId === next).records).toEqual([]);
  });

  it('keeps the record savable by the teller who held the customer when the visit ended without their complete', async () => {
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const issue = async () => {
      const r = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('A') });
      expect(r.status).toBe(201);
      return r.body.data as { ticketId: string; token: string };
    };
    // The customer cancels on their phone while alice calls them: alice's notes still go in.
    setTime(MON, '16:20');
    expect((await command(alice, { type: 'no-show', ticketId: 'record-next-visit' })).status).toBe(200);
    const cancelled = await issue();
    expect((await command(alice, { type: 'call-ticket', ticketId: cancelled.ticketId, reason: 'record test' })).status).toBe(200);
    expect((await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${cancelled.token}/cancel`, {})).status).toBe(200);
    // Alice's panel keeps her draft and asks her own record why the customer left: it says, and
    // no report view is audited for a report she never opened.
    const reportViews = async () => (await sys.system.parts.db.audit.list(sys.branchId, 500)).filter((e) => e.action === 'view-service-report' && e.ticketId === cancelled.ticketId).length;
    const why = await alice.req('GET', record(cancelled.ticketId), undefined, { [BACKGROUND_REQUEST_HEADER]: '1' });
    expect([why.status, why.body]).toEqual([200, { data: { record: null, visit: { status: 'cancelled' } } }]);
    expect(await reportViews()).toBe(0);
    const saved = await alice.req('PUT', record(cancelled.ticketId), { notes: 'Card swallowed by ATM 3; call back.', outcome: 'follow-up' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await alice.req('GET', record(cancelled.ticketId))).body.data).toMatchObject({ record: { outcome: 'follow-up' }, visit: { status: 'cancelled' } });
    expect((await bob.req('PUT', record(cancelled.ticketId), { notes: 'x', outcome: 'resolved' })).body.error?.code).toBe('RECORD_NOT_YOURS');
    expect((await manager.req('GET', path(`/tickets/${cancelled.ticketId}/report`))).body.data.records.map((r: { staffName: string }) => r.staffName)).toEqual(['Alice']);
    // The report itself still audits a real view.
    expect(await reportViews()).toBe(1);

    // A no-show while called: the same for bob.
    setTime(MON, '16:30');
    const noShow = await issue();
    expect((await command(bob, { type: 'call-ticket', ticketId: noShow.ticketId, reason: 'record test' })).status).toBe(200);
    expect((await command(bob, { type: 'no-show', ticketId: noShow.ticketId })).status).toBe(200);
    expect((await bob.req('PUT', record(noShow.ticketId), { notes: 'Did not come.', outcome: 'not-resolved' })).status).toBe(200);
    expect((await bob.req('GET', record(noShow.ticketId))).body.data).toMatchObject({ record: { notes: 'Did not come.' }, visit: { status: 'no-show' } });
    expect((await alice.req('PUT', record(noShow.ticketId), { notes: 'x', outcome: 'resolved' })).body.error?.code).toBe('RECORD_NOT_YOURS');

    // Transferred away and cancelled while waiting: nobody held it when it ended.
    setTime(MON, '16:40');
    const left = await issue();
    expect((await command(alice, { type: 'call-ticket', ticketId: left.ticketId, reason: 'record test' })).status).toBe(200);
    expect((await command(alice, { type: 'transfer', ticketId: left.ticketId, toServiceId: sys.service('B') })).status).toBe(200);
    expect((await new HttpClient(sys.url).req('POST', `/api/v1/tickets/${left.token}/cancel`, {})).status).toBe(200);
    expect((await alice.req('PUT', record(left.ticketId), { notes: 'x', outcome: 'resolved' })).body.error?.code).toBe('RECORD_NOT_YOURS');
    // Its report: alice's leg, ended by the transfer, and a leg under B that nobody called.
    const leftReport = (await manager.req('GET', path(`/tickets/${left.ticketId}/report`))).body.data as ServiceReportView;
    expect(leftReport.legs.map((l) => [l.service.code, l.staffName, l.counterLabel, l.end, l.serviceMin])).toEqual([
      ['A', 'Alice', '1', 'transferred', null],
      ['B', null, null, 'cancelled', null],
    ]);
    expect(leftReport).toMatchObject({ status: 'cancelled', waitMin: 0, transferWaitMin: null, serviceMin: null });

    // A short service is reported to one decimal, as the KPI screen shows it (20 s: 0.3 min, not 0).
    setTime(MON, '16:42');
    const quick = await issue();
    expect((await command(alice, { type: 'call-ticket', ticketId: quick.ticketId, reason: 'record test' })).status).toBe(200);
    expect((await command(alice, { type: 'start', ticketId: quick.ticketId })).status).toBe(200);
    clock.t += 20_000;
    expect((await command(alice, { type: 'complete', ticketId: quick.ticketId })).status).toBe(200);
    expect((await manager.req('GET', path(`/tickets/${quick.ticketId}/report`))).body.data).toMatchObject({ waitMin: 0, serviceMin: 0.3 });
    expect((await alice.req('GET', record(quick.ticketId))).body.data).toEqual({ record: null, visit: { status: 'done' } });

    // Not after the business day, as for a completed visit.
    setTime(TUE, '09:00');
    expect((await alice.req('PUT', record(cancelled.ticketId), { notes: 'next day', outcome: 'resolved' })).body.error?.code).toBe('RECORD_NOT_YOURS');
    setTime(MON, '16:45');
  });

  it('names a service the branch has since stopped offering, in the report and on the phone page', async () => {
    setTime(MON, '16:50');
    const kiosk = new HttpClient(sys.url, { authorization: `Bearer ${sys.kioskToken}` });
    const r = await kiosk.req('POST', path('/tickets'), { serviceId: sys.service('D') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { ticketId: id, token } = r.body.data as { ticketId: string; token: string };
    const chen = new HttpClient(sys.url);
    await chen.login('chen');
    expect((await command(chen, { type: 'sign-on', counterId: sys.counter('3') })).status).toBe(200);
    for (const type of ['call-ticket', 'start', 'complete']) {
      const done = await command(chen, { type, ticketId: id, ...(type === 'call-ticket' ? { reason: 'record test' } : {}) });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
    expect((await command(chen, { type: 'sign-off' })).status).toBe(200);
    const off = await manager.req('PATCH', path(`/services/${sys.service('D')}`), { active: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    try {
      const report = (await manager.req('GET', path(`/tickets/${id}/report`))).body.data as ServiceReportView;
      expect(report.service).toEqual({ id: sys.service('D'), code: 'D', name: { zh: '理财', en: 'Wealth' } });
      expect(report.legs[0]).toMatchObject({ service: { code: 'D', name: { zh: '理财', en: 'Wealth' } }, counterLabel: '3' });
      const phone = await new HttpClient(sys.url).req('GET', `/api/v1/tickets/${token}`);
      expect(phone.status).toBe(200);
      expect(phone.body.data.service).toEqual({ id: sys.service('D'), code: 'D', name: { zh: '理财', en: 'Wealth' } });
    } finally {
      expect((await manager.req('PATCH', path(`/services/${sys.service('D')}`), { active: true })).status).toBe(200);
    }
  });

  it('closes amending at the end of the business day', async () => {
    setTime(TUE, '09:00');
    const r = await bob.req('PUT', record(), { notes: 'next day', outcome: 'resolved' });
    expect([r.status, r.body.error?.code]).toEqual([403, 'RECORD_NOT_YOURS']);
  });
});
