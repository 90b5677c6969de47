import { describe, expect, it } from 'vitest';
import type { DeviceView } from '@tellerline/contracts';
import { translate } from '../i18n/translate.js';
import { canManageDevices, lastSeenPhrase, nameIssue, nameProblem, pairingUrl, sortDevices, withDevice } from './devices-logic.js';

const NOW = Date.UTC(2025, 5, 2, 9, 30);
const MIN = 60_000;

const device = (over: Partial<DeviceView>): DeviceView => ({ id: 'd1', kind: 'kiosk', name: 'Door kiosk', lastSeenAt: null, revoked: false, createdAt: 1, ...over });

describe('who may manage screens', () => {
  it('managers and admins only', () => {
    expect(canManageDevices('manager')).toBe(true);
    expect(canManageDevices('admin')).toBe(true);
    expect(canManageDevices('staff')).toBe(false);
    expect(canManageDevices(undefined)).toBe(false);
  });
});

describe('last seen', () => {
  const words = (at: number | null, lang: 'zh' | 'en') => {
    const p = lastSeenPhrase(at, NOW);
    return translate(lang, p.key, p.params);
  };

  it('never, in both languages', () => {
    expect(words(null, 'en')).toBe('Never');
    expect(words(null, 'zh')).toBe('从未连接');
  });

  it('just now under a minute, and for a clock a little ahead', () => {
    expect(words(NOW, 'en')).toBe('Just now');
    expect(words(NOW - 59_999, 'en')).toBe('Just now');
    expect(words(NOW + 5_000, 'zh')).toBe('刚刚');
  });

  it('whole minutes, rounded down, under an hour', () => {
    expect(words(NOW - MIN, 'en')).toBe('1 min ago');
    expect(words(NOW - 2 * MIN - 59_000, 'en')).toBe('2 min ago');
    expect(words(NOW - 2 * MIN, 'zh')).toBe('2 分钟前');
    expect(words(NOW - 59 * MIN - 59_000, 'en')).toBe('59 min ago');
  });

  it('whole hours under a day, then days (one day, several days)', () => {
    expect(words(NOW - 60 * MIN, 'en')).toBe('1 h ago');
    expect(words(NOW - 119 * MIN, 'en')).toBe('1 h ago');
    expect(words(NOW - 23 * 60 * MIN - 59 * MIN, 'zh')).toBe('23 小时前');
    expect(words(NOW - 24 * 60 * MIN, 'en')).toBe('1 day ago');
    expect(words(NOW - 24 * 60 * MIN, 'zh')).toBe('1 天前');
    expect(words(NOW - 3 * 24 * 60 * MIN - 1, 'en')).toBe('3 days ago');
  });
});

describe('the list', () => {
  it('paired first, kiosks before lobby screens, then by name, then oldest', () => {
    const list = [
      device({ id: 'a', kind: 'signage', name: 'Hall screen' }),
      device({ id: 'b', kind: 'kiosk', name: 'Side kiosk', revoked: true }),
      device({ id: 'c', kind: 'kiosk', name: 'Door kiosk', createdAt: 5 }),
      device({ id: 'd', kind: 'kiosk', name: 'Door kiosk', createdAt: 2 }),
      device({ id: 'e', kind: 'kiosk', name: 'Back kiosk' }),
    ];
    expect(sortDevices(list).map((d) => d.id)).toEqual(['e', 'd', 'c', 'a', 'b']);
    // A new array: the one given is left as it was.
    expect(list[0]!.id).toBe('a');
  });

  it('replaces a device by id, or adds it, keeping the order', () => {
    const list = sortDevices([device({ id: 'a', name: 'A' }), device({ id: 'b', name: 'B' })]);
    const revoked = withDevice(list, device({ id: 'a', name: 'A', revoked: true }));
    expect(revoked.map((d) => [d.id, d.revoked])).toEqual([
      ['b', false],
      ['a', true],
    ]);
    expect(withDevice(list, device({ id: 'c', name: 'AA' })).map((d) => d.id)).toEqual(['a', 'c', 'b']);
  });
});

describe('the name', () => {
  it('is required, trimmed, and at most 60 characters', () => {
    expect(nameProblem('')).toBe('devices.invalid.nameMissing');
    expect(nameProblem('   ')).toBe('devices.invalid.nameMissing');
    expect(nameProblem('Door kiosk')).toBeNull();
    expect(nameProblem('门口取号机')).toBeNull();
    expect(nameProblem('x'.repeat(60))).toBeNull();
    expect(nameProblem(` ${'x'.repeat(60)} `)).toBeNull();
    expect(nameProblem('x'.repeat(61))).toBe('devices.invalid.nameLong');
  });

  it('has no control characters', () => {
    expect(nameProblem('Door\u0000kiosk')).toBe('devices.invalid.nameChars');
    expect(nameProblem('Door\u2066kiosk')).toBe('devices.invalid.nameChars');
  });

  it('every problem is worded in both languages', () => {
    for (const key of ['devices.invalid.nameMissing', 'devices.invalid.nameLong', 'devices.invalid.nameChars', 'devices.invalid.nameServer']) {
      expect(translate('zh', key)).not.toBe(key);
      expect(translate('en', key)).not.toBe(key);
    }
  });

  it("a server refusal about the name marks the field; others don't", () => {
    expect(nameIssue([{ path: 'name' }])).toBe('devices.invalid.nameServer');
    expect(nameIssue([{ path: 'kind' }])).toBeNull();
    expect(nameIssue([])).toBeNull();
  });
});

describe('the pairing link', () => {
  it("is the page's origin and the server's path", () => {
    expect(pairingUrl('https://bank.example', '/kiosk?device=abc')).toBe('https://bank.example/kiosk?device=abc');
    expect(pairingUrl('http://127.0.0.1:3000/', '/signage/?device=abc')).toBe('http://127.0.0.1:3000/signage/?device=abc');
  });

  it('refuses anything but a path of this origin', () => {
    expect(() => pairingUrl('https://bank.example', 'https://evil.example/x')).toThrow();
    expect(() => pairingUrl('https://bank.example', '//evil.example/x')).toThrow();
  });
});
