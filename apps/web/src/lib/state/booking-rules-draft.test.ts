/**
 * The booking rules screen's unsaved changes: what counts as unsaved (the leave warning's
 * question), and the draft kept when a save meets an ended session, restored after signing in.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BookingSettingsView, ServiceBookingRules } from '@tellerline/contracts';
import { BookingRulesEditor, isBookingRulesDraft } from './booking-rules.svelte.js';
import { DRAFT_TTL_MS } from './unsaved-draft.js';
import { fakeApi, json } from '../testing/fake-api.js';
import { memoryStorage } from '../testing/memory-storage.js';
import { translate } from '../i18n/translate.js';

const goto = vi.hoisted(() => vi.fn());
vi.mock('$app/navigation', () => ({ goto }));

const cash: ServiceBookingRules = { bookable: true, bufferBeforeMin: 0, bufferAfterMin: 5, walkIns: true, walkInShare: 0.25, channels: ['branch'] };
const settings = { enabled: true, slotStepMin: 15, minNoticeMin: 60, maxDaysAhead: 30, maxActivePerCustomer: 2, checkInEarlyMin: 30, checkInLateMin: 15, remoteQueue: false, verifyPhone: false, verifyEmail: false, walkInEarlyMin: 30, closures: [] };
const view: BookingSettingsView = { version: 3, settings, services: { a: cash }, rosters: {} } as BookingSettingsView;
const me = (userId: string) => ({ userId, username: 'mei', displayName: 'Mei', role: 'manager', branchId: 'b1', staffId: null, mustChangePassword: false });
const branch = { id: 'b1', code: 'demo', name: { zh: '网点', en: 'Branch' }, timezone: 'Asia/Shanghai', services: [{ id: 'a', code: 'A', name: { zh: '现金', en: 'Cash' }, targetMin: 10 }], counters: [] };
const NOW = Date.parse('2026-11-30T02:00:00Z');
const expired = () => json(401, { error: { code: 'SESSION_EXPIRED', message: 'Sign in first' } });

function routes(put: () => Response, userId = 'u1', stored: BookingSettingsView = view) {
  return {
    'GET /api/v1/auth/me': () => json(200, { data: me(userId) }),
    'GET /api/v1/branches/b1': () => json(200, { data: branch }),
    'GET /api/v1/branches/b1/booking/settings': () => json(200, { data: stored }),
    'PUT /api/v1/branches/b1/booking/settings': put,
  };
}

async function opened(storage = memoryStorage(), now = NOW): Promise<BookingRulesEditor> {
  const editor = new BookingRulesEditor();
  editor.drafts = storage;
  editor.now = () => now;
  await editor.start();
  expect(editor.load).toBe('ready');
  return editor;
}

/** The reviewer's edit: a closure for 24 December and a longer booking window. */
function edit(editor: BookingRulesEditor): void {
  editor.setDraft('from', '2026-12-24');
  editor.setDraft('to', '2026-12-24');
  expect(editor.addClosure()).toBe(true);
  editor.setWindowNumber('maxDaysAhead', '45');
}

afterEach(() => {
  vi.unstubAllGlobals();
  goto.mockReset();
});

describe('unsaved changes on the booking rules screen', () => {
  it('has none when opened, some after an edit, none again once saved', async () => {
    fakeApi(routes(() => json(200, { data: { ...view, version: 4, settings: { ...settings, maxDaysAhead: 45, closures: [{ date: '2026-12-24' }] } } })));
    const editor = await opened();
    expect(editor.unsaved).toBe(false);
    editor.setWindowNumber('maxDaysAhead', '45');
    expect(editor.unsaved).toBe(true);
    // Typing it back is no change.
    editor.setWindowNumber('maxDaysAhead', '30');
    expect(editor.unsaved).toBe(false);
    edit(editor);
    expect(editor.unsaved).toBe(true);
    expect(await editor.save()).toBe(true);
    expect(editor.unsaved).toBe(false);
  });

  it('counts a closure typed but not yet added, and a changed service rule', async () => {
    fakeApi(routes(() => json(500, {})));
    const editor = await opened();
    editor.setDraft('reasonZh', '盘点');
    expect(editor.unsaved).toBe(true);
    editor.setDraft('reasonZh', '');
    expect(editor.unsaved).toBe(false);
    editor.setNumber('a', 'bufferAfterMin', '10');
    expect(editor.unsaved).toBe(true);
  });
});

describe('a save that meets an ended session', () => {
  it('keeps the draft, goes to sign-in with the way back, and the screen restores it after signing in', async () => {
    const storage = memoryStorage();
    fakeApi(routes(expired));
    const editor = await opened(storage);
    edit(editor);
    editor.setNumber('a', 'sharePct', '40');
    expect(await editor.save()).toBe(false);
    expect(goto).toHaveBeenCalledWith('/staff/login?expired=1&next=%2Fstaff%2Fbooking%3Fbranch%3Db1', { replaceState: true });
    // Handed over: going to sign-in is not a loss to warn about.
    expect(editor.unsaved).toBe(false);
    expect(storage.items.size).toBe(1);
    // Never a password or the session: only the forms and what they were typed against.
    expect([...storage.items.values()][0]).not.toMatch(/password|tl_sid/i);

    // Signed in again, ten minutes later: the same screen, as it was left.
    const sent = fakeApi(routes(() => json(200, { data: { ...view, version: 4 } })));
    const again = await opened(storage, NOW + 10 * 60_000);
    expect(again.restored).toBe(true);
    expect(again.unsaved).toBe(true);
    expect(again.window?.maxDaysAhead).toBe(45);
    expect(again.closures).toEqual([{ date: '2026-12-24' }]);
    expect(again.forms.a?.sharePct).toBe(40);
    expect(storage.items.size).toBe(0);
    expect(await again.save()).toBe(true);
    const put = sent.at(-1)!.body;
    // On the version the draft was typed against: a colleague's save meanwhile is STALE_SETTINGS, not overwritten.
    expect(put).toMatchObject({ version: 3, settings: { maxDaysAhead: 45, closures: [{ date: '2026-12-24' }] }, services: { a: { walkInShare: 0.4 } } });
    expect(again.restored).toBe(false);
  });

  it('restores nothing after an hour, nor for another staff member, nor when nothing was changed', async () => {
    const storage = memoryStorage();
    fakeApi(routes(expired));
    const first = await opened(storage);
    edit(first);
    await first.save();
    fakeApi(routes(() => json(500, {}), 'u1'));
    const late = await opened(storage, NOW + DRAFT_TTL_MS + 1);
    expect([late.restored, late.unsaved, late.window?.maxDaysAhead]).toEqual([false, false, 30]);

    fakeApi(routes(expired));
    const second = await opened(storage);
    edit(second);
    await second.save();
    fakeApi(routes(() => json(500, {}), 'u2'));
    const other = await opened(storage, NOW + 60_000);
    expect([other.restored, other.unsaved]).toEqual([false, false]);
  });

  it('a deactivated account keeps no draft and gets no way back', async () => {
    const storage = memoryStorage();
    fakeApi(routes(() => json(401, { error: { code: 'ACCOUNT_DEACTIVATED', message: 'no' } })));
    const editor = await opened(storage);
    edit(editor);
    await editor.save();
    expect(goto).toHaveBeenCalledWith('/staff/login?deactivated=1', { replaceState: true });
    expect(storage.items.size).toBe(0);
  });

  it('ignores a stored draft of another shape', () => {
    expect(isBookingRulesDraft({ version: 3, forms: {} })).toBe(false);
    expect(isBookingRulesDraft(null)).toBe(false);
  });

  it('says so in both languages', () => {
    expect(translate('zh', 'unsaved.restored')).toBe('您的未保存更改已恢复，请检查后保存。');
    expect(translate('en', 'unsaved.restored')).toBe('Your unsaved changes were restored; check them and save.');
    for (const key of ['unsaved.leaveTitle', 'unsaved.leaveBody', 'unsaved.cancel', 'unsaved.leaveOk']) for (const lang of ['zh', 'en'] as const) expect(translate(lang, key)).not.toBe(key);
  });
});
