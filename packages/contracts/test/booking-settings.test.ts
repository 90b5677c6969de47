import { describe, expect, it } from 'vitest';
import { BookingSettingsBody, BookingSettingsPatchBody } from '../src/index.js';

describe('booking settings body', () => {
  it('needs the version a save is based on, and a PATCH the value each changed field replaces: without them a colleague\'s save would be overwritten unseen', () => {
    const put = BookingSettingsBody.safeParse({ settings: { remoteQueue: true } });
    expect(put.success).toBe(false);
    expect(put.error?.issues.map((i) => i.path)).toEqual([['version']]);
    expect(BookingSettingsBody.safeParse({ version: 3, settings: { remoteQueue: true } }).success).toBe(true);
    const patch = BookingSettingsPatchBody.safeParse({ settings: { remoteQueue: true, walkInEarlyMin: 10 }, expected: { remoteQueue: false } });
    expect(patch.success).toBe(false);
    expect(patch.error?.issues.map((i) => i.path)).toEqual([['expected', 'walkInEarlyMin']]);
  });

  it('refuses a walk-in share on a service by appointment only, and takes every consistent rule', () => {
    const bad = BookingSettingsBody.safeParse({ version: 0, services: { s1: { walkIns: false, walkInShare: 0.5 } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['services', 's1', 'walkInShare']);
    for (const ok of [{ walkIns: false }, { walkIns: false, walkInShare: 0 }, { walkIns: true, walkInShare: 0.5 }, { walkInShare: 0.34 }]) {
      expect(BookingSettingsBody.safeParse({ version: 0, services: { s1: ok } }).success).toBe(true);
    }
  });
});

describe('booking settings ids and closures', () => {
  it('refuses built-in names as service or staff ids, __proto__ included (zod would drop it unsaid)', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype']) {
      for (const part of ['services', 'rosters'] as const) {
        const r = BookingSettingsBody.safeParse(JSON.parse(`{"version":0,"${part}":{"${key}":${part === 'rosters' ? 'null' : '{}'}}}`));
        expect(r.success, `${part}.${key}`).toBe(false);
        expect(r.error?.issues[0]).toMatchObject({ path: [part, key], message: expect.stringContaining('not an id') });
      }
    }
    expect(BookingSettingsBody.safeParse({ version: 0, services: { 'c0a8e2f4-1b2c-4d5e-8f90-123456789abc': {} }, rosters: { s1: null } }).success).toBe(true);
  });

  it('refuses a closure whose until is before its date, and takes one day or a forward range', () => {
    const bad = BookingSettingsBody.safeParse({ version: 0, settings: { closures: [{ date: '2026-04-06', until: '2026-04-01' }] } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues).toEqual([expect.objectContaining({ path: ['settings', 'closures', 0, 'until'], message: expect.stringMatching(/on or after date/) })]);
    for (const c of [{ date: '2026-04-06' }, { date: '2026-04-06', until: '2026-04-06' }, { date: '2026-04-06', until: '2026-04-08', reason: 'Qingming' }]) {
      expect(BookingSettingsBody.safeParse({ version: 0, settings: { closures: [c] } }).success, JSON.stringify(c)).toBe(true);
    }
  });
});

describe('rosters in a booking settings save', () => {
  const roster = (mon: { open: string; close: string }[]) => BookingSettingsBody.safeParse({ version: 0, rosters: { s1: { mon } } });

  it('refuses shifts of a day that overlap, naming the day; shifts that only touch are two shifts', () => {
    const bad = roster([
      { open: '13:00', close: '17:00' },
      { open: '09:00', close: '13:30' },
    ]);
    expect(bad.error?.issues).toEqual([expect.objectContaining({ path: ['rosters', 's1', 'mon'], message: 'the shifts of a day must not overlap' })]);
    expect(
      roster([
        { open: '09:00', close: '12:00' },
        { open: '12:00', close: '17:00' },
      ]).success,
    ).toBe(true);
  });

  it('refuses a shift that ends before it starts or past 23:59, and takes no roster (null) and a week with days off', () => {
    expect(roster([{ open: '12:00', close: '09:00' }]).error?.issues[0]?.path).toEqual(['rosters', 's1', 'mon', 0, 'close']);
    expect(roster([{ open: '09:00', close: '24:00' }]).error?.issues[0]?.path).toEqual(['rosters', 's1', 'mon', 0, 'close']);
    expect(BookingSettingsBody.safeParse({ version: 0, rosters: { s1: null, s2: { mon: [], sun: [{ open: '10:00', close: '12:00' }] } } }).success).toBe(true);
  });
});
