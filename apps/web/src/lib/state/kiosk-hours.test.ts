import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WalkInHours } from '@tellerline/contracts';
import { closedLines } from './kiosk-hours.js';
import { KioskHours } from './kiosk-hours.svelte.js';

const MON = '2026-03-02';
const next = { opensAt: '2026-03-02T09:00:00+08:00', opensAtLocal: '09:00', date: MON, weekday: 'mon' as const, ticketsFrom: '2026-03-02T08:30:00+08:00', ticketsFromLocal: '08:30' };
const closed = (over: Partial<WalkInHours>): WalkInHours => ({ issuing: false, closed: 'not-yet', reason: null, next, today: MON, ...over });

describe('closedLines', () => {
  it('before opening today: when the doors open and when tickets start, in both languages', () => {
    expect(closedLines(closed({}), 'zh')).toEqual({ title: '尚未开始营业', next: '09:00 开门，08:30 起可取号' });
    expect(closedLines(closed({}), 'en')).toEqual({ title: 'Not open yet', next: 'Opens at 09:00; tickets from 08:30' });
  });

  it('closed today for a reason, opening another day: the reason and that day', () => {
    const holiday = closed({ closed: 'day-off', reason: '国庆节', next: { ...next, date: '2026-03-03', weekday: 'tue' } });
    const zh = closedLines(holiday, 'zh');
    expect(zh.title).toBe('今天休息：国庆节');
    expect(zh.next).toMatch(/^下次营业：.*3.*09:00（08:30 起可取号）$/);
    const en = closedLines(holiday, 'en');
    expect(en.title).toBe('Closed today: 国庆节');
    expect(en.next).toMatch(/^Next opening: Tue.*3 Mar.*, 09:00 \(tickets from 08:30\)$/);
  });

  it('a branch taken out of service: closed for good, and another branch to go to, in both languages', () => {
    const out = closed({ closed: 'inactive', next: null });
    expect(closedLines(out, 'zh')).toEqual({ title: '本网点已停止营业', next: '请前往其他网点办理业务' });
    expect(closedLines(out, 'en')).toEqual({ title: 'This branch is closed', next: 'Please visit another branch' });
  });

  it('after closing, and with no opening in the coming week', () => {
    expect(closedLines(closed({ closed: 'ended', next: null }), 'en')).toEqual({ title: 'Closed for today', next: 'Not open in the coming week' });
    expect(closedLines(closed({ closed: 'closure', reason: '系统升级' }), 'zh').title).toBe('暂停营业：系统升级');
  });

  it('tells a reason given in both languages in the kiosk\'s own', () => {
    const h = closed({ closed: 'day-off', reason: '清明节', reasons: { zh: '清明节', en: 'Qingming Festival' }, next: null });
    expect(closedLines(h, 'en').title).toBe('Closed today: Qingming Festival');
    expect(closedLines(h, 'zh').title).toBe('今天休息：清明节');
  });
});

describe('KioskHours', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is closed only once the server says so, and keeps its last answer when the server cannot be asked', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response(JSON.stringify({ data: closed({}) }), { status: 200 }))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(new Response(JSON.stringify({ data: { issuing: true, closed: null, reason: null, next: null, today: MON } }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const hours = new KioskHours('b1');
    expect(hours.closed).toBeNull();
    await hours.refresh();
    expect(hours.closed?.closed).toBe('not-yet');
    expect(fetch.mock.calls[0]![0]).toBe('/api/v1/branches/b1/walk-in-hours');
    await hours.refresh();
    expect(hours.closed?.closed).toBe('not-yet');
    await hours.refresh();
    expect(hours.closed).toBeNull();
  });
});
