import { describe, expect, it, vi } from 'vitest';
import { dictionaries } from '$lib/i18n/messages/index.js';
import { translate } from '$lib/i18n/translate.js';
import { arrivalCode, returnAddress, signInAddress } from './sign-in-again.js';
import { AUTH_CODES, errorKey } from './staff-errors.js';

vi.mock('$app/navigation', () => ({ goto: vi.fn() }));

describe('back to sign-in', () => {
  it('a deactivated account is told so on the sign-in page, not that its session expired (zh/en)', () => {
    expect(AUTH_CODES.has('ACCOUNT_DEACTIVATED')).toBe(true);
    const address = signInAddress('ACCOUNT_DEACTIVATED');
    expect(address).toBe('/staff/login?deactivated=1');
    const code = arrivalCode(new URL(address, 'http://x').searchParams);
    expect(code).toBe('ACCOUNT_DEACTIVATED');
    const say = (lang: 'zh' | 'en') => translate(lang, errorKey(code!, (k) => k in dictionaries[lang]), {});
    expect(say('en')).toBe('Your account has been deactivated, so you were signed out. Ask your manager or an administrator if this is a mistake.');
    expect(say('zh')).toBe('您的账号已被停用，已退出登录。如有疑问，请联系网点经理或系统管理员。');
  });

  it('an expired session says it expired; a plain sign-out says nothing', () => {
    expect(arrivalCode(new URL(signInAddress('SESSION_EXPIRED'), 'http://x').searchParams)).toBe('SESSION_EXPIRED');
    expect(signInAddress('UNAUTHENTICATED')).toBe('/staff/login');
    expect(arrivalCode(new URLSearchParams())).toBeNull();
  });
});

describe('back to the screen after signing in again', () => {
  it('an expired session returns to the screen that kept the unsaved changes', () => {
    const address = signInAddress('SESSION_EXPIRED', '/staff/booking?branch=b1');
    const q = new URL(address, 'http://x').searchParams;
    expect(arrivalCode(q)).toBe('SESSION_EXPIRED');
    expect(returnAddress(q.get('next'))).toBe('/staff/booking?branch=b1');
  });

  it('a deactivated account has nothing to return to', () => {
    expect(signInAddress('ACCOUNT_DEACTIVATED', '/staff/booking')).toBe('/staff/login?deactivated=1');
  });

  it('returns only to a staff screen of this site', () => {
    for (const bad of ['https://evil.example/staff/x', '//evil.example/staff/', '/\\evil.example', '/staff/login?next=/x', '/kiosk', '/staff/../admin', 'javascript:alert(1)', '', null]) {
      expect(returnAddress(bad)).toBeNull();
    }
    expect(returnAddress('/staff/setup')).toBe('/staff/setup');
  });
});
