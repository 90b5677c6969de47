import { describe, expect, it, vi } from 'vitest';
import { dictionaries } from '$lib/i18n/messages/index.js';
import { translate } from '$lib/i18n/translate.js';
import { arrivalCode, signInAddress } from './sign-in-again.js';
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
