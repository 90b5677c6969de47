import { describe, expect, it } from 'vitest';
import { ChangePasswordBody, CreateMemberBody, passwordProblem, statusForCode, TEAM_ERROR_CODES, UpdateMemberBody } from '../src/index.js';

describe('passwordProblem', () => {
  it('wants ten characters, counting a Chinese character once', () => {
    expect(passwordProblem('short-one', { username: 'fei' })).toBe('too-short');
    expect(passwordProblem('long-enough', { username: 'fei' })).toBeNull();
    expect(passwordProblem('我的密码很长很长很长', { username: 'fei' })).toBeNull();
    expect(passwordProblem('我的密码很长很长很', { username: 'fei' })).toBe('too-short');
  });

  it('counts no spaces around it, and wants four different characters', () => {
    expect(passwordProblem('          ', { username: 'fei' })).toBe('too-short');
    expect(passwordProblem('   short-one   ', { username: 'fei' })).toBe('too-short');
    expect(passwordProblem('aaaaaaaaaa', { username: 'fei' })).toBe('too-simple');
    expect(passwordProblem('abababcabc', { username: 'fei' })).toBe('too-simple');
    expect(passwordProblem('abcdabcdab', { username: 'fei' })).toBeNull();
    expect(passwordProblem('我我我我我的的的的密码', { username: 'fei' })).toBeNull();
  });

  it('refuses the username and the demo password in any case, and the current password', () => {
    expect(passwordProblem('Fei.Wang.01', { username: 'fei.wang.01' })).toBe('same-as-username');
    expect(passwordProblem('DEMO1234', { username: 'x' })).toBe('too-short');
    expect(passwordProblem('  demo1234  ', { username: 'x' })).toBe('too-short');
    expect(passwordProblem('the-old-one-1', { username: 'x', current: 'the-old-one-1' })).toBe('same-as-current');
    expect(passwordProblem('the-new-one-1', { username: 'x', current: 'the-old-one-1' })).toBeNull();
  });
});

describe('team bodies', () => {
  it('takes lowercase usernames of 3-32 characters, a display name, staff by default, skills of 0.1-1', () => {
    expect(CreateMemberBody.parse({ username: 'fei.wang_2', displayName: ' 王飞 ' })).toEqual({ username: 'fei.wang_2', displayName: '王飞', role: 'staff', skills: {} });
    for (const username of ['Fei', 'fe', 'fei wang', '.fei', 'x'.repeat(33), 'fei@bank']) {
      expect(CreateMemberBody.safeParse({ username, displayName: 'F' }).success, username).toBe(false);
    }
    expect(CreateMemberBody.safeParse({ username: 'fei', displayName: 'F', role: 'admin' }).success).toBe(false);
    expect(CreateMemberBody.safeParse({ username: 'fei', displayName: 'F', skills: { s1: 0.05 } }).success).toBe(false);
    expect(CreateMemberBody.safeParse({ username: 'fei', displayName: 'F', skills: { s1: 1.5 } }).success).toBe(false);
    expect(CreateMemberBody.safeParse({ username: 'fei', displayName: 'F', skills: { constructor: 1 } }).success).toBe(false);
    expect(CreateMemberBody.safeParse({ username: 'fei', displayName: 'F', password: 'x' }).success).toBe(false);
  });

  it('an edit changes something, and a password change has both passwords', () => {
    expect(UpdateMemberBody.safeParse({}).success).toBe(false);
    expect(UpdateMemberBody.safeParse({ skills: {} }).success).toBe(true);
    expect(ChangePasswordBody.safeParse({ currentPassword: 'a', newPassword: '' }).success).toBe(false);
    expect(ChangePasswordBody.safeParse({ currentPassword: 'a', newPassword: 'x'.repeat(257) }).success).toBe(false);
  });

  it('each refusal has its own status', () => {
    expect(TEAM_ERROR_CODES.map((c) => [c, statusForCode(c)])).toEqual([
      ['PASSWORD_CHANGE_REQUIRED', 403],
      ['WRONG_PASSWORD', 403],
      ['WEAK_PASSWORD', 422],
      ['USERNAME_TAKEN', 409],
      ['MEMBER_SERVING', 409],
      ['OWN_ACCOUNT', 403],
      ['LAST_ACTIVE_ADMIN', 409],
      ['STALE_MEMBER', 409],
    ]);
  });
});
