import { describe, expect, it } from 'vitest';
import { CHECK_IN_RECHECK_MS, checkInPhase, nextCheckInChangeIn, opensInZone } from './check-in-window.js';
import { tooEarlyText } from './kiosk-checkin.js';

const MIN = 60_000;
// A 10:00 appointment in Shanghai, check-in from 09:30 (30 min early) to 10:15 (15 min late).
const at = (day: string, hm: string) => Date.parse(`${day}T${hm}:00+08:00`);
const w = { opensAt: at('2026-12-01', '09:30'), closesAt: at('2026-12-01', '10:15') };

describe('the manage page check-in window', () => {
  it('offers check-in only from its opening to its close, both ends included (as the server decides)', () => {
    expect(checkInPhase(w, at('2026-11-30', '09:30'))).toBe('early');
    expect(checkInPhase(w, w.opensAt - 1)).toBe('early');
    expect(checkInPhase(w, w.opensAt)).toBe('open');
    expect(checkInPhase(w, w.closesAt)).toBe('open');
    expect(checkInPhase(w, w.closesAt + 1)).toBe('closed');
  });

  it('looks again when the window opens or closes, at least once a minute, never after it closed', () => {
    expect(nextCheckInChangeIn(w, w.opensAt - 20_000)).toBe(20_000);
    expect(nextCheckInChangeIn(w, w.opensAt - 3 * 24 * 60 * MIN)).toBe(CHECK_IN_RECHECK_MS);
    expect(nextCheckInChangeIn(w, w.closesAt - 5_000)).toBe(5_001);
    // On the very millisecond the phase changes, a timer still waits for the clock to move.
    expect(nextCheckInChangeIn(w, w.closesAt)).toBe(1);
    expect(nextCheckInChangeIn(w, w.closesAt + 1)).toBeNull();
  });

  it('says when check-in opens on the branch clock: the time today, the day too before that (zh and en)', () => {
    const opens = opensInZone(w.opensAt, 'Asia/Shanghai');
    expect(opens).toEqual({ time: '09:30', date: '2026-12-01' });
    const keys = { at: 'appt.checkIn.opensAt', on: 'appt.checkIn.opensOn' };
    // 23:30 on 30 Nov in Shanghai: tomorrow, so the day is named.
    const eve = at('2026-11-30', '23:30');
    expect(tooEarlyText(opens, eve, 'Asia/Shanghai', 'en', keys)).toBe('Check-in opens at 09:30 on Tue 1 Dec.');
    expect(tooEarlyText(opens, eve, 'Asia/Shanghai', 'zh', keys)).toBe('签到将于 12月1日周二 09:30 开放。');
    const morning = at('2026-12-01', '07:00');
    expect(tooEarlyText(opens, morning, 'Asia/Shanghai', 'en', keys)).toBe('Check-in opens at 09:30.');
    expect(tooEarlyText(opens, morning, 'Asia/Shanghai', 'zh', keys)).toBe('签到将于 09:30 开放。');
  });

  it('reads the opening in the branch zone, not the phone one', () => {
    expect(opensInZone(Date.parse('2026-12-01T01:05:00Z'), 'Europe/London')).toEqual({ time: '01:05', date: '2026-12-01' });
    expect(opensInZone(Date.parse('2026-12-01T01:05:00Z'), 'America/New_York')).toEqual({ time: '20:05', date: '2026-11-30' });
  });
});
