import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BranchSetupView, ServiceSetupView } from '@tellerline/contracts';
import { SetupScreen } from './branch-setup.svelte.js';
import { BranchesScreen } from './branches.svelte.js';
import { fakeApi, json, type Answer } from '$lib/testing/fake-api.js';
import { translate } from '$lib/i18n/translate.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const refuse = (status: number, code: string, extra: Record<string, unknown> = {}) => () => json(status, { error: { code, message: 'English text the screen never shows', ...extra } });
const me = (role: string, branchId: string | null = 'b1') => ({ userId: 'u1', username: 'mei', displayName: 'Mei', role, branchId, staffId: null });
const day = [{ open: '09:00', close: '17:00' }];
const branch = { id: 'b1', code: 'demo', name: { zh: '网点', en: 'Branch' }, timezone: 'Asia/Shanghai', openingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] }, address: { zh: null, en: null }, pilot: true, active: true, customersOpen: true };
const cash: ServiceSetupView = { id: 's1', code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 10, defaultDurationMin: 5, documents: { zh: [], en: [] }, active: true };
const setup: BranchSetupView = { branch, services: [cash], counters: [{ id: 'c1', label: '1', active: true }] };

const bookingSettings = (walkInEarlyMin: number, version = 7) => ({ version, settings: { enabled: true, slotStepMin: 15, minNoticeMin: 60, maxDaysAhead: 30, maxActivePerCustomer: 2, checkInEarlyMin: 30, checkInLateMin: 15, remoteQueue: true, walkInEarlyMin, closures: [{ date: '2026-10-01', reason: '国庆节' }] }, services: {}, rosters: {} });

const managerRoutes = {
  'GET /api/v1/auth/me': () => json(200, { data: me('manager') }),
  'GET /api/v1/branches/b1/setup': () => json(200, { data: setup }),
  'GET /api/v1/branches/b1/booking/settings': () => json(200, { data: bookingSettings(30) }),
};

async function opened(routes: Record<string, Answer | Answer[]> = {}) {
  const sent = fakeApi({ ...managerRoutes, ...routes });
  const screen = new SetupScreen();
  await screen.start('other');
  return { screen, sent };
}

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('SetupScreen', () => {
  it("opens a manager's own branch with its services, counters and hours; keeps tellers out", async () => {
    const { screen, sent } = await opened();
    expect(screen.load).toBe('ready');
    expect(screen.setup?.services.map((s) => s.code)).toEqual(['A']);
    expect(screen.hours.hours.mon).toEqual(day);
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/auth/me', '/api/v1/branches/b1/setup', '/api/v1/branches/b1/booking/settings']);
    expect(screen.savedEarlyMin).toBe(30);
    expect(screen.earlyMin).toBe('30');

    const teller = fakeApi({ 'GET /api/v1/auth/me': () => json(200, { data: me('staff') }) });
    const kept = new SetupScreen();
    await kept.start();
    expect(kept.load).toBe('forbidden');
    expect(teller).toHaveLength(1);
  });

  it("saves the kiosk's early window alone (PATCH, with the value it showed), never the other settings; a bad number sends nothing", async () => {
    const { screen, sent } = await opened({
      'PATCH /api/v1/branches/b1/booking/settings': () => json(200, { data: bookingSettings(45, 8) }),
    });
    for (const bad of ['241', '-5', '1.5', '']) {
      screen.setEarly(bad);
      expect(await screen.saveEarly()).toBe(false);
      expect(screen.earlyError).toBe('setup.early.invalid');
    }
    // A marked field follows the text.
    screen.setEarly('45');
    expect(screen.earlyError).toBeNull();
    const before = sent.length;
    expect(await screen.saveEarly()).toBe(true);
    expect(sent.slice(before)).toEqual([{ method: 'PATCH', path: '/api/v1/branches/b1/booking/settings', body: { settings: { walkInEarlyMin: 45 }, expected: { walkInEarlyMin: 30 } } }]);
    expect(screen.savedEarlyMin).toBe(45);
    expect(screen.notice).toEqual({ key: 'earlySaved', params: { n: '45' } });
    // The same number again: nothing sent.
    const after = sent.length;
    expect(await screen.saveEarly()).toBe(true);
    expect(sent.length).toBe(after);
    expect(screen.notice).toEqual({ key: 'nothing', params: {} });
  });

  it('after a colleague changed the early window (STALE_SETTINGS): says so, shows the value stored now, keeps what was typed', async () => {
    const current = bookingSettings(60, 8);
    const { screen } = await opened({
      'PATCH /api/v1/branches/b1/booking/settings': refuse(409, 'STALE_SETTINGS', { details: { current } }),
    });
    screen.setEarly('45');
    expect(await screen.saveEarly()).toBe(false);
    expect(screen.error).toMatchObject({ area: 'early', code: 'STALE_SETTINGS' });
    expect(screen.savedEarlyMin).toBe(60);
    expect(screen.earlyMin).toBe('45');
  });

  it('never saves the early window without the value it showed: after a failed first read it reads again, shows what is stored, then saves against it', async () => {
    const { screen, sent } = await opened({
      'GET /api/v1/branches/b1/booking/settings': [() => json(503, { error: { code: 'UNAVAILABLE', message: 'x' } }), () => json(503, { error: { code: 'UNAVAILABLE', message: 'x' } }), () => json(200, { data: bookingSettings(60, 8) })],
      'PATCH /api/v1/branches/b1/booking/settings': () => json(200, { data: bookingSettings(45, 9) }),
    });
    expect(screen.savedEarlyMin).toBeNull();
    screen.setEarly('45');
    // The read fails again: its refusal shows, nothing is saved.
    let before = sent.length;
    expect(await screen.saveEarly()).toBe(false);
    expect(sent.slice(before).map((s) => `${s.method} ${s.path}`)).toEqual(['GET /api/v1/branches/b1/booking/settings']);
    expect(screen.error).toMatchObject({ area: 'early', code: 'UNAVAILABLE' });
    // It answers: the stored value shows under the field with the "changed since" message, the typed one stays.
    before = sent.length;
    expect(await screen.saveEarly()).toBe(false);
    expect(sent.slice(before).map((s) => s.method)).toEqual(['GET']);
    expect(screen.error).toMatchObject({ area: 'early', code: 'STALE_SETTINGS' });
    expect([screen.savedEarlyMin, screen.earlyMin]).toEqual([60, '45']);
    expect(await screen.saveEarly()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'PATCH', path: '/api/v1/branches/b1/booking/settings', body: { settings: { walkInEarlyMin: 45 }, expected: { walkInEarlyMin: 60 } } });
    expect(sent.filter((s) => s.method === 'PATCH')).toHaveLength(1);
  });

  it('adds a service from the dialog, in capitals, and says so; a form with problems sends nothing', async () => {
    const made = { ...cash, id: 's2', code: 'E', name: { zh: '外汇', en: 'Foreign exchange' } };
    const { screen, sent } = await opened({ 'POST /api/v1/branches/b1/services': () => json(201, { data: made }) });
    screen.openService(null);
    screen.setField('code', 'a');
    expect(await screen.saveService()).toBe(false);
    expect(screen.formErrors).toMatchObject({ code: 'setup.invalid.serviceCodeTaken', nameZh: 'setup.invalid.required' });
    expect(screen.error).toMatchObject({ area: 'dialog', code: 'VALIDATION_FAILED' });
    // Correcting a marked field clears its mark as the text is typed.
    screen.setField('code', 'e');
    expect(screen.formErrors.code).toBeUndefined();
    screen.setField('nameZh', '外汇');
    screen.setField('nameEn', 'Foreign exchange');
    expect(await screen.saveService()).toBe(true);
    expect(sent.filter((s) => s.method !== 'GET')).toEqual([
      { method: 'POST', path: '/api/v1/branches/b1/services', body: { code: 'E', name: { zh: '外汇', en: 'Foreign exchange' }, targetMin: 10, defaultDurationMin: 5, documents: { zh: [], en: [] } } },
    ]);
    expect(screen.dialog).toBeNull();
    expect(screen.setup?.services.map((s) => s.code)).toEqual(['A', 'E']);
    // Nobody has the new service's skill yet: the notice says so and leads to the team screen.
    expect(screen.notice).toEqual({ key: 'serviceAddedNoStaff', params: { code: 'E' } });
    expect(screen.teamLink).toBe('/staff/team?branch=b1');
    expect(translate('zh', 'setup.notice.serviceAddedNoStaff', { code: 'E' })).toContain('还没有员工能办理');
    expect(translate('en', 'setup.notice.serviceAddedNoStaff', { code: 'E' })).toContain('nobody can serve it yet');
  });

  it('marks the code when the server says it was taken meanwhile', async () => {
    const { screen } = await opened({ 'PATCH /api/v1/branches/b1/services/s1': refuse(409, 'SERVICE_CODE_TAKEN') });
    screen.openService(cash);
    screen.setField('code', 'B');
    expect(await screen.saveService()).toBe(false);
    expect(screen.formErrors).toEqual({ code: 'setup.invalid.serviceCodeTaken' });
    expect(screen.dialog).not.toBeNull();
  });

  it('keeps a service that customers still wait for, with the numbers to word the refusal', async () => {
    const { screen } = await opened({ 'PATCH /api/v1/branches/b1/services/s1': refuse(409, 'SERVICE_IN_USE', { details: { serviceCode: 'A', waiting: 3, called: 0, serving: 0 } }) });
    expect(await screen.setServiceActive(cash, false)).toBe(false);
    expect(screen.error).toMatchObject({ area: 'services', code: 'SERVICE_IN_USE', details: { waiting: 3 } });
    expect(screen.setup?.services[0]?.active).toBe(true);
  });

  it('adds and renames counters, and marks a taken label', async () => {
    const { screen, sent } = await opened({
      'POST /api/v1/branches/b1/counters': () => json(201, { data: { id: 'c10', label: '10', active: true } }),
      'PATCH /api/v1/branches/b1/counters/c1': refuse(409, 'COUNTER_LABEL_TAKEN'),
    });
    screen.setNewLabel('1');
    expect(await screen.addCounter()).toBe(false);
    expect(screen.newLabelError).toBe('setup.invalid.counterLabelTaken');
    screen.setNewLabel(' 10 ');
    expect(await screen.addCounter()).toBe(true);
    expect(screen.setup?.counters.map((c) => c.label)).toEqual(['1', '10']);
    screen.startRename(screen.setup!.counters[0]!);
    screen.renaming = { ...screen.renaming!, label: 'VIP' };
    expect(await screen.saveRename()).toBe(false);
    expect(screen.renaming?.error).toBe('setup.invalid.counterLabelTaken');
    expect(sent.filter((s) => s.method !== 'GET').map((s) => [s.method, s.body])).toEqual([
      ['POST', { label: '10' }],
      ['PATCH', { label: 'VIP' }],
    ]);
  });

  it('a refusal about the counters goes once the manager acts on the list again (renames, types a new label)', async () => {
    const { screen } = await opened({ 'PATCH /api/v1/branches/b1/counters/c1': refuse(409, 'COUNTER_IN_USE', { details: { counterLabel: '1', staff: 'Alice' } }) });
    expect(await screen.setCounterActive(setup.counters[0]!, false)).toBe(false);
    expect(screen.error).toMatchObject({ area: 'counters', code: 'COUNTER_IN_USE' });
    screen.startRename(screen.setup!.counters[0]!);
    expect(screen.error).toBeNull();
    expect(await screen.setCounterActive(setup.counters[0]!, false)).toBe(false);
    screen.setNewLabel('5');
    expect(screen.error).toBeNull();
  });

  it('sends every weekday in time order, and refuses overlapping intervals without sending', async () => {
    const saved = { ...branch, openingHours: { ...branch.openingHours, mon: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:00' }] } };
    const { screen, sent } = await opened({ 'PUT /api/v1/branches/b1/opening-hours': () => json(200, { data: saved }) });
    screen.hours.setTime('mon', 0, 'close', '12:00');
    screen.hours.add('mon');
    screen.hours.setTime('mon', 1, 'open', '11:00');
    expect(screen.hours.errors.mon).toBe('setup.invalid.overlap');
    expect(await screen.saveHours()).toBe(false);
    expect(sent.filter((s) => s.method === 'PUT')).toEqual([]);
    screen.hours.setTime('mon', 1, 'open', '13:00');
    expect(await screen.saveHours()).toBe(true);
    const put = sent.find((s) => s.method === 'PUT')!;
    expect(put.body).toEqual({ openingHours: saved.openingHours, expected: { openingHours: branch.openingHours } });
    expect(screen.notice).toEqual({ key: 'hoursSaved', params: {} });
    expect(screen.hours.dirty).toBe(false);
  });

  it("after a colleague changed the hours (STALE_BRANCH): shows the hours stored now, keeps the manager's, and saves them again against what is stored", async () => {
    const saturday = [{ open: '10:00', close: '14:00' }];
    const current = { ...branch, openingHours: { ...branch.openingHours, sat: saturday } };
    let answer = refuse(409, 'STALE_BRANCH', { details: { current } });
    const { screen, sent } = await opened({ 'PUT /api/v1/branches/b1/opening-hours': () => answer() });
    screen.hours.add('sun');
    expect(await screen.saveHours()).toBe(false);
    expect(screen.error).toMatchObject({ area: 'hours', code: 'STALE_BRANCH' });
    expect(screen.staleHours).toMatchObject({ sat: saturday });
    expect(screen.hours.hours.sun).toHaveLength(1);
    expect(translate('zh', 'setup.error.STALE_BRANCH')).toContain('修改了营业时间');
    answer = () => json(200, { data: { ...current, openingHours: { ...branch.openingHours, sun: screen.hours.hours.sun } } });
    expect(await screen.saveHours()).toBe(true);
    expect((sent.filter((s) => s.method === 'PUT').at(-1)!.body as { expected: unknown }).expected).toEqual({ openingHours: current.openingHours });
    expect(screen.staleHours).toBeNull();
  });
});

describe('BranchesScreen', () => {
  const adminRoutes = {
    'GET /api/v1/auth/me': () => json(200, { data: me('admin', null) }),
    'GET /api/v1/branches': () => json(200, { data: [branch] }),
  };

  it('is for admins only', async () => {
    fakeApi({ 'GET /api/v1/auth/me': () => json(200, { data: me('manager') }) });
    const s = new BranchesScreen();
    await s.start();
    expect(s.load).toBe('forbidden');
  });

  it('creates a branch with its hours, marks a taken code, and switches the pilot flag', async () => {
    const created = { ...branch, id: 'b2', code: 'sh-pudong', pilot: false };
    let taken = true;
    const sent = fakeApi({
      ...adminRoutes,
      'POST /api/v1/branches': () => (taken ? refuse(409, 'BRANCH_CODE_TAKEN')() : json(201, { data: created })),
      'PATCH /api/v1/branches/b1': () => json(200, { data: { ...branch, pilot: false } }),
    });
    const s = new BranchesScreen();
    await s.start();
    expect(s.load).toBe('ready');
    s.open(null);
    for (const [field, value] of [['code', 'sh-pudong'], ['nameZh', '浦东'], ['nameEn', 'Pudong']] as const) s.setField(field, value);
    s.hours.add('mon');
    expect(await s.save()).toBe(false);
    expect(s.formErrors).toEqual({ code: 'branches.invalid.codeTaken' });
    taken = false;
    expect(await s.save()).toBe(true);
    expect(sent.find((x) => x.method === 'POST')?.body).toMatchObject({ code: 'sh-pudong', name: { zh: '浦东', en: 'Pudong' }, timezone: 'Asia/Shanghai', pilot: false, openingHours: { mon: day, sun: [] } });
    expect(s.branches.map((b) => b.code)).toEqual(['demo', 'sh-pudong']);
    expect(s.notice).toEqual({ key: 'created', code: 'sh-pudong' });

    expect(await s.setPilot(branch, false)).toBe(true);
    expect(sent.at(-1)).toMatchObject({ method: 'PATCH', body: { pilot: false } });
    expect(s.branches.find((b) => b.id === 'b1')?.pilot).toBe(false);
  });
  it('takes a branch out of service only as confirmed: its bookings asked about, cancelled only once seen, and lists it after the branches in service', async () => {
    const north = { ...branch, id: 'b2', code: 'aa-north', pilot: false };
    let bookedMeanwhile = true;
    const sent = fakeApi({
      ...adminRoutes,
      'GET /api/v1/branches': () => json(200, { data: [branch, north] }),
      'GET /api/v1/branches/b1/deactivation': () => json(200, { data: { bookings: 0, firstDate: null } }),
      'POST /api/v1/branches/b1/deactivate': () =>
        bookedMeanwhile ? refuse(409, 'BRANCH_HAS_BOOKINGS', { details: { count: 2, firstAt: 1, firstDate: '2026-03-03' } })() : json(200, { data: { ...branch, active: false } }),
      'POST /api/v1/branches/b1/reactivate': () => json(200, { data: branch }),
    });
    const s = new BranchesScreen();
    await s.start();
    expect(s.branches.map((b) => b.code)).toEqual(['aa-north', 'demo']);
    expect(await s.askDeactivate(branch)).toBe(true);
    expect(s.deactivating).toMatchObject({ bookings: 0, firstDate: null });
    // None were shown, so none are cancelled: a booking made meanwhile is asked about, not cancelled unseen.
    expect(await s.deactivate()).toBe(false);
    expect(sent.at(-1)).toMatchObject({ method: 'POST', body: {} });
    expect(s.deactivating).toMatchObject({ bookings: 2, firstDate: '2026-03-03' });
    bookedMeanwhile = false;
    expect(await s.deactivate()).toBe(true);
    expect(sent.at(-1)).toMatchObject({ method: 'POST', body: { cancelBookings: true } });
    expect(s.deactivating).toBeNull();
    expect(s.notice).toEqual({ key: 'offCancelled', code: 'demo', n: 2 });
    expect(s.branches.map((b) => [b.code, b.active])).toEqual([['aa-north', true], ['demo', false]]);

    expect(await s.reactivate({ ...branch, active: false })).toBe(true);
    expect(s.notice).toEqual({ key: 'on', code: 'demo' });
    expect(s.branches.map((b) => b.code)).toEqual(['aa-north', 'demo']);
  });
});

describe('unsaved changes (the leave warning asks only when something would be lost)', () => {
  it('set-up: a changed service dialog, counter name, opening hours or early window; a dialog only looked at is none', async () => {
    const { screen } = await opened();
    expect(screen.unsaved).toBe(false);
    screen.openService(cash);
    expect(screen.unsaved).toBe(false);
    screen.setField('nameEn', 'Cash desk');
    expect(screen.unsaved).toBe(true);
    screen.closeService();
    expect(screen.unsaved).toBe(false);
    screen.setNewLabel('7');
    expect(screen.unsaved).toBe(true);
    screen.setNewLabel('');
    screen.startRename(setup.counters[0]!);
    expect(screen.unsaved).toBe(false);
    screen.renaming = { ...screen.renaming!, label: '1A' };
    expect(screen.unsaved).toBe(true);
    screen.startRename(null);
    screen.setEarly('45');
    expect(screen.unsaved).toBe(true);
    screen.setEarly('30');
    expect(screen.unsaved).toBe(false);
    screen.hours.remove('mon', 0);
    expect(screen.unsaved).toBe(true);
  });

  it('branches: the dialog changed (fields or hours), not merely opened', async () => {
    fakeApi({ 'GET /api/v1/auth/me': () => json(200, { data: me('admin', null) }), 'GET /api/v1/branches': () => json(200, { data: [branch] }) });
    const s = new BranchesScreen();
    await s.start();
    s.open(null);
    expect(s.unsaved).toBe(false);
    s.setField('nameZh', '浦东支行');
    expect(s.unsaved).toBe(true);
    s.close();
    expect(s.unsaved).toBe(false);
    s.open(branch);
    s.hours.add('sat');
    expect(s.unsaved).toBe(true);
  });
});
