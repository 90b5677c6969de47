import { afterEach, describe, expect, it, vi } from 'vitest';
import { BookingSettings, type BookingSettingsView, type Closure } from '@tellerline/contracts';
import { BookingRulesEditor, windowIssues } from './booking-rules.svelte.js';
import {
  branchToday,
  closureBookingsQuestion,
  closureRows,
  draftToClosure,
  EMPTY_DRAFT,
  rebaseClosures,
  rebaseWindow,
  toWindowForm,
  validateDraft,
  validateWindow,
} from './booking-window.js';
import { translate } from '../i18n/translate.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const TZ = 'Asia/Shanghai';
/** 2026-03-02 10:00 in Shanghai. */
const NOW = Date.UTC(2026, 2, 2, 2, 0);
const TODAY = '2026-03-02';
const settings = BookingSettings.parse({});

describe('the booking window form', () => {
  it('checks every number against the contract\'s limits', () => {
    const form = toWindowForm(settings);
    expect(validateWindow(form)).toEqual({});
    expect(validateWindow({ ...form, slotStepMin: 4, maxActivePerCustomer: 0, checkInLateMin: null, maxDaysAhead: 1.5 })).toEqual({
      slotStepMin: 'bookingWindow.invalid.slotStepMin',
      maxActivePerCustomer: 'bookingWindow.invalid.maxActivePerCustomer',
      checkInLateMin: 'bookingWindow.invalid.checkInLateMin',
      maxDaysAhead: 'bookingWindow.invalid.maxDaysAhead',
    });
    // Every problem has words in both languages.
    for (const key of Object.values(validateWindow({ ...form, slotStepMin: null, minNoticeMin: null, maxDaysAhead: null, maxActivePerCustomer: null, checkInEarlyMin: null, checkInLateMin: null }))) {
      for (const lang of ['zh', 'en'] as const) expect(translate(lang, key!)).not.toBe(key);
    }
  });

  it('after another save keeps what the user changed and takes the rest as stored', () => {
    const loaded = toWindowForm(settings);
    const typed = { ...loaded, slotStepMin: 30 };
    const stored = { ...loaded, maxDaysAhead: 10, slotStepMin: 20 };
    expect(rebaseWindow(loaded, typed, stored)).toEqual({ form: { ...stored, slotStepMin: 30 }, differs: ['slotStepMin'] });
  });

  it('maps the server\'s issues on branch settings to the window fields', () => {
    expect(windowIssues([{ path: 'settings.slotStepMin' }, { path: 'services.a.walkInShare' }, { path: 'settings.closures.0.date' }])).toEqual({ slotStepMin: 'bookingWindow.invalid.slotStepMin' });
  });
});

describe('a new closure', () => {
  const stored: Closure[] = [{ date: '2026-03-10', until: '2026-03-12', reason: '系统升级' }];
  const draft = { ...EMPTY_DRAFT, from: '2026-03-20', reasonZh: '清明节', reasonEn: 'Qingming Festival' };

  it('takes today in the branch\'s time zone, not the browser\'s', () => {
    // 2026-03-01 17:00 UTC is already 2 March in Shanghai.
    expect(branchToday(TZ, Date.UTC(2026, 2, 1, 17, 0))).toBe('2026-03-02');
    expect(branchToday('Europe/London', Date.UTC(2026, 2, 1, 17, 0))).toBe('2026-03-01');
  });

  it('accepts future days that no closure takes, one day when the last is left empty', () => {
    expect(validateDraft(draft, stored, TODAY, TZ, NOW)).toEqual({});
    expect(draftToClosure(draft, TZ)).toEqual({ date: '2026-03-20', reason: { zh: '清明节', en: 'Qingming Festival' } });
    expect(draftToClosure({ ...draft, to: '2026-03-21', reasonEn: ' ' }, TZ)).toEqual({ date: '2026-03-20', until: '2026-03-21', reason: { zh: '清明节' } });
    expect(draftToClosure({ ...draft, reasonZh: '', reasonEn: '' }, TZ)).toEqual({ date: '2026-03-20' });
    // What it makes is what the contract stores.
    expect(BookingSettings.parse({ closures: [draftToClosure(draft, TZ)] }).closures).toHaveLength(1);
  });

  it('refuses a last day before the first, a day in the past, an overlap and a missing date', () => {
    expect(validateDraft({ ...draft, to: '2026-03-19' }, stored, TODAY, TZ, NOW)).toEqual({ to: 'bookingWindow.closure.invalid.order' });
    expect(validateDraft({ ...draft, from: '2026-03-01' }, stored, TODAY, TZ, NOW)).toEqual({ from: 'bookingWindow.closure.invalid.past' });
    expect(validateDraft({ ...draft, from: '2026-03-12', to: '2026-03-14' }, stored, TODAY, TZ, NOW)).toEqual({ from: 'bookingWindow.closure.invalid.overlap' });
    expect(validateDraft({ ...draft, from: '' }, stored, TODAY, TZ, NOW)).toEqual({ from: 'bookingWindow.closure.invalid.date' });
    expect(validateDraft({ ...draft, from: '2026-02-30' }, stored, TODAY, TZ, NOW)).toEqual({ from: 'bookingWindow.closure.invalid.date' });
    expect(validateDraft({ ...draft, reasonEn: 'x'.repeat(201) }, stored, TODAY, TZ, NOW)).toEqual({ reasonEn: 'bookingWindow.closure.invalid.reason' });
    // Today itself may still be closed (an emergency).
    expect(validateDraft({ ...draft, from: TODAY }, stored, TODAY, TZ, NOW)).toEqual({});
  });

  it('counts an interval of instants by the local days it takes', () => {
    // 2026-03-20 14:00 to 16:00 in Shanghai.
    const interval: Closure = { from: Date.UTC(2026, 2, 20, 6), to: Date.UTC(2026, 2, 20, 8) };
    expect(validateDraft(draft, [interval], TODAY, TZ, NOW)).toEqual({ from: 'bookingWindow.closure.invalid.overlap' });
  });
});

describe('a new closure of part of a day', () => {
  const hours = { ...EMPTY_DRAFT, kind: 'hours' as const, day: '2026-03-20', fromTime: '14:00', toTime: '17:00', reasonZh: '消防演练', reasonEn: 'Fire drill' };

  it('turns the times into instants in the branch\'s time zone, not the browser\'s or UTC', () => {
    expect(validateDraft(hours, [], TODAY, TZ, NOW)).toEqual({});
    // 14:00 and 17:00 in Shanghai (UTC+8) are 06:00 and 09:00 UTC.
    expect(draftToClosure(hours, TZ)).toEqual({ from: Date.UTC(2026, 2, 20, 6), to: Date.UTC(2026, 2, 20, 9), reason: { zh: '消防演练', en: 'Fire drill' } });
    // New York on the day after its clocks went forward (UTC-4 then): 14:00 is 18:00 UTC.
    expect(draftToClosure({ ...hours, day: '2026-03-09' }, 'America/New_York')).toMatchObject({ from: Date.UTC(2026, 2, 9, 18), to: Date.UTC(2026, 2, 9, 21) });
    // What it makes is what the contract stores.
    expect(BookingSettings.parse({ closures: [draftToClosure(hours, TZ)] }).closures).toHaveLength(1);
  });

  it('refuses a missing or bad time, an end not after the start, hours already past, and an overlap, by the field', () => {
    expect(validateDraft({ ...hours, fromTime: '' }, [], TODAY, TZ, NOW)).toEqual({ fromTime: 'bookingWindow.closure.invalid.time' });
    expect(validateDraft({ ...hours, toTime: '25:00' }, [], TODAY, TZ, NOW)).toEqual({ toTime: 'bookingWindow.closure.invalid.time' });
    expect(validateDraft({ ...hours, day: '' }, [], TODAY, TZ, NOW)).toEqual({ day: 'bookingWindow.closure.invalid.date' });
    expect(validateDraft({ ...hours, toTime: '14:00' }, [], TODAY, TZ, NOW)).toEqual({ toTime: 'bookingWindow.closure.invalid.timeOrder' });
    expect(validateDraft({ ...hours, toTime: '09:00' }, [], TODAY, TZ, NOW)).toEqual({ toTime: 'bookingWindow.closure.invalid.timeOrder' });
    expect(validateDraft({ ...hours, day: '2026-03-01' }, [], TODAY, TZ, NOW)).toEqual({ day: 'bookingWindow.closure.invalid.past' });
    // Today (10:00 now at the branch): hours already over are refused, hours still to come are not.
    expect(validateDraft({ ...hours, day: TODAY, fromTime: '08:00', toTime: '09:30' }, [], TODAY, TZ, NOW)).toEqual({ toTime: 'bookingWindow.closure.invalid.pastTime' });
    expect(validateDraft({ ...hours, day: TODAY, fromTime: '08:00', toTime: '12:00' }, [], TODAY, TZ, NOW)).toEqual({});
    // A whole day already closed, or hours another part-day closure takes; touching hours do not overlap.
    expect(validateDraft(hours, [{ date: '2026-03-20' }], TODAY, TZ, NOW)).toEqual({ fromTime: 'bookingWindow.closure.invalid.overlapTime' });
    const morning: Closure = { from: Date.UTC(2026, 2, 20, 1), to: Date.UTC(2026, 2, 20, 6, 30) };
    expect(validateDraft(hours, [morning], TODAY, TZ, NOW)).toEqual({ fromTime: 'bookingWindow.closure.invalid.overlapTime' });
    expect(validateDraft({ ...hours, fromTime: '14:30' }, [morning], TODAY, TZ, NOW)).toEqual({});
    // A whole-day draft over a day with a part-day closure overlaps too.
    expect(validateDraft({ ...EMPTY_DRAFT, from: '2026-03-20' }, [draftToClosure(hours, TZ)], TODAY, TZ, NOW)).toEqual({ from: 'bookingWindow.closure.invalid.overlap' });
    // Every problem has words in both languages.
    for (const key of ['time', 'timeOrder', 'pastTime', 'overlapTime']) {
      for (const lang of ['zh', 'en'] as const) expect(translate(lang, `bookingWindow.closure.invalid.${key}`)).not.toBe(`bookingWindow.closure.invalid.${key}`);
    }
  });

  it('is listed by its day and hours in branch time, in time order among whole days', () => {
    const closures: Closure[] = [{ date: '2026-12-25' }, draftToClosure({ ...hours, day: '2026-12-24' }, TZ), { from: Date.UTC(2026, 11, 26, 12), to: Date.UTC(2026, 11, 26, 16) }];
    const rows = closureRows(closures, TODAY, TZ, 'en');
    expect(rows.map((r) => [r.from, r.to, r.fromTime, r.toTime])).toEqual([
      ['2026-12-24', '2026-12-24', '14:00', '17:00'],
      ['2026-12-25', '2026-12-25', undefined, undefined],
      // 20:00 to midnight in Shanghai: until 24:00 that day.
      ['2026-12-26', '2026-12-26', '20:00', '24:00'],
    ]);
    expect(translate('en', 'bookingWindow.closures.hours', { date: '2026-12-24', from: '14:00', to: '17:00' })).toBe('2026-12-24 14:00–17:00');
  });
});

describe('the question after CLOSURE_HAS_BOOKINGS', () => {
  it('names each closure added that takes bookings, by its days and hours, with how many', () => {
    const sent: Closure[] = [past, { from: Date.UTC(2026, 11, 24, 6), to: Date.UTC(2026, 11, 24, 9) }, { date: '2027-01-02' }];
    const failure = { code: 'CLOSURE_HAS_BOOKINGS', details: { count: 4, closures: { '1': { count: 3, firstAt: 1 }, '2': { count: 1, firstAt: 2 } } } };
    expect(closureBookingsQuestion(failure, sent, TZ)).toEqual({
      count: 4,
      closures: [
        { key: closureKeyOf(sent[1]!), from: '2026-12-24', to: '2026-12-24', fromTime: '14:00', toTime: '17:00', count: 3 },
        { key: 'd:2027-01-02:2027-01-02', from: '2027-01-02', to: '2027-01-02', count: 1 },
      ],
    });
    expect(closureBookingsQuestion({ code: 'CLOSURES_OVERLAP' }, sent, TZ)).toBeNull();
    expect(closureBookingsQuestion({ code: 'CLOSURE_HAS_BOOKINGS', details: { count: 'x' } }, sent, TZ)).toBeNull();
  });
});

const closureKeyOf = (c: Closure) => ('date' in c ? `d:${c.date}:${c.until ?? c.date}` : `i:${c.from}:${c.to}`);

describe('the closures list', () => {
  it('sorts by date, greys ended ones and tells the reason in the screen\'s language', () => {
    const closures: Closure[] = [
      { date: '2026-04-04', reason: { zh: '清明节', en: 'Qingming Festival' } },
      { date: '2026-02-16', until: '2026-02-20', reason: '春节' },
      { date: '2026-03-02', reason: { en: 'Staff training' } },
    ];
    const zh = closureRows(closures, TODAY, TZ, 'zh');
    expect(zh.map((r) => [r.from, r.to, r.reason, r.past])).toEqual([
      ['2026-02-16', '2026-02-20', '春节', true],
      ['2026-03-02', '2026-03-02', 'Staff training', false],
      ['2026-04-04', '2026-04-04', '清明节', false],
    ]);
    expect(closureRows(closures, TODAY, TZ, 'en').map((r) => r.reason)).toEqual(['春节', 'Staff training', 'Qingming Festival']);
  });

  it('after another save keeps both saves\' closures, less those the user removed', () => {
    const a: Closure = { date: '2026-03-10' };
    const b: Closure = { date: '2026-03-20' };
    const c: Closure = { date: '2026-04-01' };
    const mine: Closure = { date: '2026-05-01', reason: { zh: '劳动节' } };
    // Loaded a and b; removed a, added mine; meanwhile someone else added c.
    expect(rebaseClosures([a, b], [b, mine], [a, b, c])).toEqual([b, c, mine]);
  });
});

// --- the editor against a stubbed fetch ---------------------------------------------------------

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const me = { userId: 'u1', username: 'mei', displayName: 'Mei', role: 'manager', branchId: 'b1', staffId: null };
const branch = { id: 'b1', code: 'demo', name: { zh: '网点', en: 'Branch' }, timezone: TZ, services: [], counters: [] };
const past: Closure = { date: '2026-02-16', until: '2026-02-20', reason: '春节' };
const view: BookingSettingsView = { version: 3, settings: { ...settings, closures: [past] }, services: {}, rosters: {} };

function server(put: (body: { settings: BookingSettingsView['settings'] }) => Response) {
  const sent: { method: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const body = init.body ? JSON.parse(init.body as string) : undefined;
      sent.push({ method, body });
      if (path === '/api/v1/auth/me') return json(200, { data: me });
      if (path === '/api/v1/branches/b1') return json(200, { data: branch });
      if (path === '/api/v1/branches/b1/booking/settings') return method === 'PUT' ? put(body) : json(200, { data: view });
      return json(404, { error: { code: 'NOT_FOUND', message: 'no' } });
    }),
  );
  return sent;
}

async function opened(put: (body: { settings: BookingSettingsView['settings'] }) => Response = (b) => json(200, { data: { ...view, version: 4, settings: b.settings } })) {
  const sent = server(put);
  const editor = new BookingRulesEditor();
  editor.now = () => NOW;
  await editor.start();
  return { editor, sent };
}

afterEach(() => vi.unstubAllGlobals());

describe('BookingRulesEditor: window and closures', () => {
  it('adds a bilingual closure and saves it with the version through the PUT', async () => {
    const { editor, sent } = await opened();
    expect(editor.window).toEqual(toWindowForm(settings));
    editor.setDraft('from', '2026-04-04');
    editor.setDraft('reasonZh', '清明节');
    editor.setDraft('reasonEn', 'Qingming Festival');
    expect(editor.addClosure()).toBe(true);
    expect(editor.draft).toEqual(EMPTY_DRAFT);
    expect(editor.lastClosureChange).toEqual({ kind: 'added', key: 'd:2026-04-04:2026-04-04' });
    expect(editor.dirty).toBe(true);
    expect(await editor.save()).toBe(true);
    const put = sent.find((s) => s.method === 'PUT')!.body as { version: number; settings: BookingSettingsView['settings'] };
    expect(put.version).toBe(3);
    expect(put.settings.closures).toEqual([past, { date: '2026-04-04', reason: { zh: '清明节', en: 'Qingming Festival' } }]);
    expect(editor.notice).toBe('saved');
    expect(editor.dirty).toBe(false);
  });

  it('keeps a refused draft out of the list, with the problem by its field', async () => {
    const { editor } = await opened();
    editor.setDraft('from', '2026-03-05');
    editor.setDraft('to', '2026-03-04');
    expect(editor.addClosure()).toBe(false);
    expect(editor.draftErrors).toEqual({ to: 'bookingWindow.closure.invalid.order' });
    expect(editor.closures).toEqual([past]);
    // Correcting it clears the problem as the manager types.
    editor.setDraft('to', '2026-03-06');
    expect(editor.draftErrors).toEqual({});
  });

  it('removes a closure and saves the window fields changed', async () => {
    const { editor, sent } = await opened();
    editor.removeClosure('d:2026-02-16:2026-02-20');
    editor.setWindowNumber('slotStepMin', '30');
    editor.setRemoteQueue(true);
    expect(await editor.save()).toBe(true);
    const put = sent.find((s) => s.method === 'PUT')!.body as { settings: BookingSettingsView['settings'] };
    expect(put.settings).toMatchObject({ slotStepMin: 30, remoteQueue: true, closures: [] });
  });

  it('refuses to send a window number out of range', async () => {
    const { editor, sent } = await opened();
    editor.setWindowNumber('maxDaysAhead', '400');
    expect(editor.windowErrors.maxDaysAhead).toBe('bookingWindow.invalid.maxDaysAhead');
    expect(await editor.save()).toBe(false);
    expect(editor.error).toBe('VALIDATION_FAILED');
    expect(sent.some((s) => s.method === 'PUT')).toBe(false);
  });

  it('shows the server\'s closure refusal by its code, in both languages', async () => {
    const { editor } = await opened(() => json(422, { error: { code: 'CLOSURES_OVERLAP', message: 'overlap' } }));
    editor.setDraft('from', '2026-04-04');
    editor.addClosure();
    expect(await editor.save()).toBe(false);
    expect(editor.error).toBe('CLOSURES_OVERLAP');
    expect(translate('zh', 'bookingRules.error.CLOSURES_OVERLAP')).toContain('重叠');
    expect(translate('en', 'bookingRules.error.CLOSURE_IN_PAST')).toContain('before today');
  });

  it('after STALE_SETTINGS keeps the closure added and the one stored by the other save', async () => {
    const other: Closure = { date: '2026-05-01', reason: '劳动节' };
    const current: BookingSettingsView = { ...view, version: 5, settings: { ...view.settings, slotStepMin: 20, closures: [past, other] } };
    const { editor } = await opened(() => json(409, { error: { code: 'STALE_SETTINGS', message: 'stale', details: { current } } }));
    editor.setDraft('from', '2026-04-04');
    editor.addClosure();
    editor.setWindowNumber('maxDaysAhead', '60');
    expect(await editor.save()).toBe(false);
    expect(editor.error).toBe('STALE_SETTINGS');
    expect(editor.version).toBe(5);
    expect(editor.closures).toEqual([past, other, { date: '2026-04-04' }]);
    expect(editor.window).toMatchObject({ slotStepMin: 20, maxDaysAhead: 60 });
    expect(editor.windowDiffers).toEqual(['maxDaysAhead']);
  });
});

describe('BookingRulesEditor: part-day closures and booked visits', () => {
  it('adds part of a day in the branch\'s zone and saves it as instants', async () => {
    const { editor, sent } = await opened();
    editor.setDraftKind('hours');
    editor.setDraft('day', '2026-12-24');
    editor.setDraft('fromTime', '14:00');
    editor.setDraft('toTime', '17:00');
    expect(editor.addClosure()).toBe(true);
    // The form stays on part of a day for the next one.
    expect(editor.draft).toEqual({ ...EMPTY_DRAFT, kind: 'hours' });
    expect(await editor.save()).toBe(true);
    const put = sent.find((s) => s.method === 'PUT')!.body as { settings: BookingSettingsView['settings']; cancelBookings?: boolean };
    expect(put.settings.closures).toEqual([past, { from: Date.UTC(2026, 11, 24, 6), to: Date.UTC(2026, 11, 24, 9) }]);
    expect(put.cancelBookings).toBeUndefined();
  });

  it('shows a refused part-day draft\'s problem by its field, cleared as it is corrected', async () => {
    const { editor } = await opened();
    editor.setDraftKind('hours');
    editor.setDraft('day', '2026-12-24');
    editor.setDraft('fromTime', '17:00');
    editor.setDraft('toTime', '14:00');
    expect(editor.addClosure()).toBe(false);
    expect(editor.draftErrors).toEqual({ toTime: 'bookingWindow.closure.invalid.timeOrder' });
    editor.setDraft('toTime', '18:00');
    expect(editor.draftErrors).toEqual({});
    // Switching to whole days drops the other kind's problems.
    editor.setDraft('toTime', '');
    editor.addClosure();
    editor.setDraftKind('days');
    expect(editor.draftErrors).toEqual({});
  });

  it('asks before cancelling booked visits, and saves again with cancelBookings only when confirmed', async () => {
    let refuse = true;
    const { editor, sent } = await opened((b) =>
      refuse ? json(409, { error: { code: 'CLOSURE_HAS_BOOKINGS', message: '3 booked visits', details: { count: 3, closures: { '1': { count: 3, firstAt: 1 } } } } }) : json(200, { data: { ...view, version: 4, settings: b.settings } }),
    );
    editor.setDraftKind('hours');
    editor.setDraft('day', '2026-12-24');
    editor.setDraft('fromTime', '14:00');
    editor.setDraft('toTime', '17:00');
    editor.addClosure();
    expect(await editor.save()).toBe(false);
    expect(editor.error).toBe('CLOSURE_HAS_BOOKINGS');
    expect(editor.closureBookings).toMatchObject({ count: 3, closures: [{ from: '2026-12-24', fromTime: '14:00', toTime: '17:00', count: 3 }] });
    // Going back saves nothing and keeps the closure typed.
    editor.dismissClosureBookings();
    expect(editor.closureBookings).toBeNull();
    expect(editor.error).toBe('CLOSURE_HAS_BOOKINGS');
    expect(editor.closures).toHaveLength(2);
    expect(sent.filter((s) => s.method === 'PUT')).toHaveLength(1);

    expect(await editor.save()).toBe(false);
    refuse = false;
    expect(await editor.confirmCancelBookings()).toBe(true);
    const puts = sent.filter((s) => s.method === 'PUT').map((s) => s.body as { cancelBookings?: boolean });
    expect(puts.map((p) => p.cancelBookings)).toEqual([undefined, undefined, true]);
    expect(editor.closureBookings).toBeNull();
    expect(editor.cancelledBookings).toBe(3);
    expect(editor.notice).toBe('saved');
    for (const lang of ['zh', 'en'] as const) {
      for (const key of ['title', 'question', 'questionOne', 'row', 'note', 'confirm', 'back', 'cancelled']) expect(translate(lang, `bookingWindow.closureBookings.${key}`)).not.toBe(`bookingWindow.closureBookings.${key}`);
      expect(translate(lang, 'bookingRules.error.CLOSURE_HAS_BOOKINGS')).not.toBe('bookingRules.error.CLOSURE_HAS_BOOKINGS');
    }
    expect(translate('zh', 'bookingWindow.closureBookings.confirm')).toBe('取消这些预约并保存');
    expect(translate('en', 'bookingWindow.closureBookings.confirm')).toBe('Cancel them and save');
  });
});
