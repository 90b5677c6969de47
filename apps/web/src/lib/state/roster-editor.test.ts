import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BookingSettingsView } from '@tellerline/contracts';
import { RosterEditor, rosterColleagues, type RosterColleague } from './roster-editor.svelte.js';
import { fakeApi, json, type Answer } from '$lib/testing/fake-api.js';
import { translate } from '$lib/i18n/translate.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const w = (open: string, close: string) => ({ open, close });
const weekdays = { mon: [w('09:00', '17:00')], tue: [w('09:00', '17:00')], wed: [w('09:00', '17:00')], thu: [w('09:00', '17:00')], fri: [w('09:00', '17:00')], sat: [], sun: [] };
const setup = { branch: { id: 'b1', code: 'demo', name: { zh: '网点', en: 'Branch' }, timezone: 'Asia/Shanghai', openingHours: weekdays, pilot: false, active: true }, services: [], counters: [] };
const view = (version: number, rosters: BookingSettingsView['rosters']): BookingSettingsView => ({ version, settings: {}, services: {}, rosters }) as BookingSettingsView;
const colleagues: RosterColleague[] = [
  { staffId: 's-alice', displayName: 'Alice', username: 'alice', skills: { sa: 1 } },
  { staffId: 's-chen', displayName: 'Chen', username: 'chen', skills: { sc: 1 } },
];

async function opened(put: Answer | Answer[], stored: BookingSettingsView['rosters'] = { 's-alice': null, 's-chen': null }, offered = colleagues) {
  const sent = fakeApi({
    'GET /api/v1/branches/b1/booking/settings': () => json(200, { data: view(3, stored) }),
    'GET /api/v1/branches/b1/setup': () => json(200, { data: setup }),
    'PUT /api/v1/branches/b1/booking/settings': put,
  });
  const r = new RosterEditor();
  await r.start('b1', offered);
  return { r, sent };
}

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('RosterEditor', () => {
  it('lists active members with a staff record only', () => {
    const m = { userId: 'u', username: 'x', role: 'staff', mustChangePassword: false, canServe: true, skills: {}, signedOn: false, counterLabel: null, holding: null } as const;
    expect(
      rosterColleagues([
        { ...m, displayName: 'A', active: true, staffId: 's1' },
        { ...m, displayName: 'B', active: false, staffId: 's2' },
        { ...m, displayName: 'Mei', active: true, staffId: null, canServe: false },
      ]).map((c) => c.displayName),
    ).toEqual(['A']);
  });

  it('opens on the first colleague without a roster: available whenever the branch is open, nothing unsaved', async () => {
    const { r } = await opened(() => json(500, {}));
    expect([r.load, r.selected, r.own['s-alice'], r.unsaved]).toEqual(['ready', 's-alice', false, false]);
    expect(r.gaps(colleagues, ['sa', 'sc'])).toEqual([]);
  });

  it('a first roster starts from the opening hours; copying a morning to the other weekdays saves with the version read', async () => {
    const morning = [w('09:00', '12:00')];
    const chen = { mon: morning, tue: morning, wed: morning, thu: morning, fri: morning, sat: [], sun: [] };
    const { r, sent } = await opened(() => json(200, { data: view(4, { 's-alice': null, 's-chen': chen }) }));
    r.select('s-chen');
    r.setOwn('s-chen', true);
    // Nothing changed yet: the roster says what "no roster" meant.
    expect(r.week!.hours.mon).toEqual([w('09:00', '17:00')]);
    r.week!.setTime('mon', 0, 'close', '12:00');
    r.week!.copyDay('mon', ['tue', 'wed', 'thu', 'fri']);
    expect(r.unsaved).toBe(true);
    // Chen alone serves C: the afternoons are named, on the rosters as edited.
    const gaps = r.gaps(colleagues, ['sa', 'sc']);
    expect(gaps.map((g) => `${g.serviceId} ${g.day} ${g.open}-${g.close}`)).toEqual(['sc mon 12:00-17:00', 'sc tue 12:00-17:00', 'sc wed 12:00-17:00', 'sc thu 12:00-17:00', 'sc fri 12:00-17:00']);
    expect(await r.save()).toBe(true);
    expect(sent.at(-1)).toEqual({ method: 'PUT', path: '/api/v1/branches/b1/booking/settings', body: { version: 3, rosters: { 's-chen': chen } } });
    expect([r.notice, r.version, r.unsaved]).toEqual(['saved', 4, false]);
  });

  it('never sends a save without the version read: with none, reads the rosters stored now, says so, keeps the ones typed', async () => {
    const { r, sent } = await opened(() => json(200, { data: view(4, {}) }));
    // As if the rosters had never been read: there is no version to save against.
    r.version = null;
    r.setOwn('s-alice', true);
    const before = sent.length;
    expect(await r.save()).toBe(false);
    expect(sent.slice(before).map((s) => `${s.method} ${s.path}`)).toEqual(['GET /api/v1/branches/b1/booking/settings']);
    expect([r.error, r.version, r.own['s-alice'], r.unsaved]).toEqual(['STALE_SETTINGS', 3, true, true]);
    expect(await r.save()).toBe(true);
    expect(sent.at(-1)).toMatchObject({ method: 'PUT', body: { version: 3 } });
    for (const lang of ['zh', 'en'] as const) expect(translate(lang, 'roster.error.STALE_SETTINGS')).not.toBe('roster.error.STALE_SETTINGS');
  });

  it('refuses overlapping shifts and a shift ending before it starts in the browser, by day, in both languages', async () => {
    const { r, sent } = await opened(() => json(500, {}));
    r.setOwn('s-alice', true);
    r.week!.add('mon');
    r.week!.setTime('mon', 1, 'open', '16:00');
    r.week!.setTime('mon', 1, 'close', '18:00');
    expect(r.week!.errors.mon).toBe('roster.invalid.overlap');
    r.week!.setTime('tue', 0, 'close', '08:00');
    expect(r.week!.errors.tue).toBe('roster.invalid.closeBeforeOpen');
    expect(await r.save()).toBe(false);
    expect(r.error).toBe('VALIDATION_FAILED');
    expect(sent.filter((s) => s.method === 'PUT')).toEqual([]);
    expect(translate('en', 'roster.invalid.overlap')).toBe('The shifts of a day must not overlap.');
    expect(translate('zh', 'roster.invalid.closeBeforeOpen')).toBe('班次的结束时间必须晚于开始时间。');
  });

  it('"correct the marked days" goes once no day is marked, on a switch of colleague, and after a copy', async () => {
    const { r } = await opened(() => json(500, {}));
    r.setOwn('s-alice', true);
    r.week!.setTime('tue', 0, 'close', '08:00');
    expect(await r.save()).toBe(false);
    expect(r.shownError).toBe('VALIDATION_FAILED');
    r.week!.setTime('tue', 0, 'close', '17:00');
    expect(r.shownError).toBeNull();

    r.week!.setTime('tue', 0, 'close', '08:00');
    expect(await r.save()).toBe(false);
    r.select('s-chen');
    expect(r.shownError).toBeNull();

    r.select('s-alice');
    expect(await r.save()).toBe(false);
    expect(r.shownError).toBe('VALIDATION_FAILED');
    r.week!.copyDay('mon', ['wed']);
    r.toolUsed();
    expect(r.shownError).toBeNull();
  });

  it('marks the day the server refused, on the colleague it names', async () => {
    const { r } = await opened(() => json(400, { error: { code: 'VALIDATION_FAILED', message: 'bad', issues: [{ path: 'rosters.s-chen.wed', message: 'the shifts of a day must not overlap' }] } }));
    r.setOwn('s-chen', true);
    expect(await r.save()).toBe(false);
    expect([r.error, r.selected, r.weeks['s-chen']!.errors.wed]).toEqual(['VALIDATION_FAILED', 's-chen', 'roster.invalid.server']);
  });

  it("after STALE_SETTINGS: keeps the roster typed, shows a colleague's save of another, names what is stored now, and saves again on the new version", async () => {
    const theirs = { mon: [w('13:00', '17:00')] };
    const current = view(7, { 's-alice': theirs, 's-chen': { tue: [w('10:00', '12:00')] } });
    const { r, sent } = await opened([() => json(409, { error: { code: 'STALE_SETTINGS', message: 'stale', details: { current } } }), () => json(200, { data: current })]);
    r.setOwn('s-alice', true);
    r.week!.clearDay('tue');
    expect(await r.save()).toBe(false);
    expect(r.error).toBe('STALE_SETTINGS');
    expect(r.weeks['s-alice']!.hours.tue).toEqual([]);
    expect(r.own['s-chen']).toBe(true);
    expect(r.weeks['s-chen']!.hours.tue).toEqual([w('10:00', '12:00')]);
    expect(r.differs.map((d) => [d.staffId, d.stored?.mon, d.stored?.tue])).toEqual([
      ['s-alice', [w('13:00', '17:00')], []],
      ['s-chen', [], [w('10:00', '12:00')]],
    ]);
    expect(await r.save()).toBe(true);
    expect(sent.at(-1)!.body).toMatchObject({ version: 7 });
    expect(Object.keys((sent.at(-1)!.body as { rosters: object }).rosters)).toEqual(['s-alice']);
  });

  it("after STALE_SETTINGS: names the colleague another manager's save changed, not the one typed here, whose draft stays", async () => {
    const bobSaturday = { ...weekdays, sat: [w('09:00', '12:00')] };
    // Another manager saved Bob's Saturday shift after this screen loaded the rosters.
    const current = view(8, { 's-alice': null, 's-bob': bobSaturday, 's-chen': null });
    const { r, sent } = await opened(
      [() => json(409, { error: { code: 'STALE_SETTINGS', message: 'stale', details: { current } } }), () => json(200, { data: current })],
      { 's-alice': null, 's-bob': weekdays, 's-chen': null },
      [...colleagues, { staffId: 's-bob', displayName: 'Bob', username: 'bob', skills: { sa: 1 } }],
    );
    // Here: Chen gets a Sunday shift.
    r.select('s-chen');
    r.setOwn('s-chen', true);
    r.week!.hours.sun = [w('10:00', '14:00')];
    expect(await r.save()).toBe(false);
    expect(r.error).toBe('STALE_SETTINGS');
    expect(r.differs).toEqual([{ staffId: 's-bob', stored: bobSaturday }]);
    expect(r.weeks['s-bob']!.hours.sat).toEqual([w('09:00', '12:00')]);
    expect([r.own['s-chen'], r.weeks['s-chen']!.hours.sun]).toEqual([true, [w('10:00', '14:00')]]);
    expect(await r.save()).toBe(true);
    expect(sent.at(-1)!.body).toMatchObject({ version: 8 });
    expect(Object.keys((sent.at(-1)!.body as { rosters: object }).rosters)).toEqual(['s-chen']);
  });

  it('a colleague added since the rosters were read has no roster, and can be given one', async () => {
    const { r, sent } = await opened(() => json(200, { data: view(4, {}) }));
    r.include([...colleagues, { staffId: 's-fei', displayName: 'Fei', username: 'fei', skills: { sc: 0.9 } }]);
    expect([r.own['s-fei'], r.unsaved, r.own['s-alice']]).toEqual([false, false, false]);
    r.setOwn('s-fei', true);
    r.weeks['s-fei']!.clearDay('mon');
    expect(await r.save()).toBe(true);
    expect(Object.keys((sent.at(-1)!.body as { rosters: object }).rosters)).toEqual(['s-fei']);
  });

  it('back to no roster saves null', async () => {
    const { r, sent } = await opened(() => json(200, { data: view(4, { 's-alice': null, 's-chen': null }) }), { 's-alice': { mon: [w('09:00', '12:00')] }, 's-chen': null });
    expect(r.own['s-alice']).toBe(true);
    r.setOwn('s-alice', false);
    expect(await r.save()).toBe(true);
    expect(sent.at(-1)!.body).toEqual({ version: 3, rosters: { 's-alice': null } });
  });
});
