import { afterEach, describe, expect, it, vi } from 'vitest';
import { BookingSettings, type BookingSettingsView, type Closure } from '@tellerline/contracts';
import { BookingRulesEditor, windowIssues } from './booking-rules.svelte.js';
import {
  branchToday,
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
