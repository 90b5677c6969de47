import { describe, expect, it } from 'vitest';
import type { TeamMember } from '@tellerline/contracts';
import { canManageTeam, displayNameProblem, distinctName, sameNamedMember, fieldIssues, isMe, mayChange, percent, presence, rolesFor, servingPhrase, skillChoices, skillsOf, sortMembers, usernameProblem, withMember } from './team-logic.js';

const member = (over: Partial<TeamMember>): TeamMember => ({
  userId: 'u1',
  username: 'alice',
  displayName: 'Alice',
  role: 'staff',
  active: true,
  mustChangePassword: false,
  canServe: true,
  staffId: 's1',
  skills: {},
  signedOn: false,
  counterLabel: null,
  holding: null,
  ...over,
});

describe('team screen rules', () => {
  it('lets managers and admins in; managers add tellers only, admins managers too', () => {
    expect([canManageTeam('manager'), canManageTeam('admin'), canManageTeam('staff'), canManageTeam(undefined)]).toEqual([true, true, false, false]);
    expect(rolesFor('manager')).toEqual(['staff']);
    expect(rolesFor('admin')).toEqual(['staff', 'manager']);
  });

  it('offers changes a manager may make on tellers only, and knows who "me" is', () => {
    const mei = { role: 'manager' as const, userId: 'u-mei' };
    expect(mayChange(mei, member({}))).toBe(true);
    expect(mayChange(mei, member({ role: 'manager' }))).toBe(false);
    expect(mayChange({ role: 'admin', userId: 'root' }, member({ role: 'manager' }))).toBe(true);
    expect(mayChange(null, member({}))).toBe(false);
    expect(isMe(mei, member({ userId: 'u-mei' }))).toBe(true);
  });

  it('lists active members first, then by name; a changed member takes its place', () => {
    const list = sortMembers([member({ userId: 'c', displayName: 'Chen', active: false }), member({ userId: 'b', displayName: 'Bob' }), member({ userId: 'a', displayName: 'Alice' })]);
    expect(list.map((m) => m.userId)).toEqual(['a', 'b', 'c']);
    expect(withMember(list, member({ userId: 'a', displayName: 'Zoe' })).map((m) => m.userId)).toEqual(['b', 'a', 'c']);
  });

  it('says where a member is now', () => {
    expect(presence(member({}))).toEqual({ key: 'team.now.off', params: {} });
    expect(presence(member({ signedOn: true, counterLabel: '2' }))).toEqual({ key: 'team.now.signedOn', params: { counter: '2' } });
    expect(presence(member({ signedOn: true, counterLabel: '2', holding: 'A001' }))).toEqual({ key: 'team.now.holding', params: { counter: '2', number: 'A001' } });
  });

  it('turns skills into the form choices and back, one choice per service shown', () => {
    const choices = skillChoices(['a', 'b', 'c'], { a: 1, c: 0.55 });
    expect(choices).toEqual({ a: '1', b: '', c: '0.55' });
    expect(skillsOf({ ...choices, b: '0.3' })).toEqual({ a: 1, b: 0.3, c: 0.55 });
    expect(skillsOf({ a: '', b: '' })).toEqual({});
    expect(percent(0.55)).toBe('55%');
    expect(percent(1)).toBe('100%');
  });

  it('checks usernames and display names as the server does', () => {
    expect(usernameProblem('')).toBe('team.invalid.usernameMissing');
    expect(usernameProblem('Fei')).toBe('team.invalid.usernameFormat');
    expect(usernameProblem('fe')).toBe('team.invalid.usernameFormat');
    expect(usernameProblem(' fei.wang ')).toBeNull();
    expect(displayNameProblem('  ')).toBe('team.invalid.displayNameMissing');
    expect(displayNameProblem('王'.repeat(61))).toBe('team.invalid.displayNameLong');
    expect(displayNameProblem('Fei\u0007')).toBe('team.invalid.displayNameChars');
    // The server's rule for names: no text-direction control, something that shows.
    expect(displayNameProblem('abc\u202Edef')).toBe('team.invalid.displayNameChars');
    expect(displayNameProblem('\u200B')).toBe('team.invalid.displayNameChars');
    expect(displayNameProblem('王飞 Fei')).toBeNull();
    expect(fieldIssues([{ path: 'username' }, { path: 'skills.x' }])).toEqual({ username: 'team.invalid.server' });
  });

  it('words MEMBER_SERVING with the customer and counter when given, never with odd text', () => {
    expect(servingPhrase({ ticketNumber: 'D001', counterLabel: '2' })).toEqual({ key: 'team.error.MEMBER_SERVING.details', params: { number: 'D001', counter: '2' } });
    expect(servingPhrase({ ticketNumber: '<b>', counterLabel: '2' }).key).toBe('team.error.MEMBER_SERVING');
    expect(servingPhrase(null).key).toBe('team.error.MEMBER_SERVING');
  });
});

describe('two members of one name', () => {
  const alice = member({ userId: 'u1', username: 'alice', displayName: 'Alice' });
  const alice2 = member({ userId: 'u2', username: 'alice.w', displayName: ' alice ' });
  const bob = member({ userId: 'u3', username: 'bob', displayName: 'Bob' });
  const gone = member({ userId: 'u4', username: 'bob.old', displayName: 'Bob', active: false });

  it('warns of an active member of the same name (case and spaces aside), not of the one edited or a deactivated one', () => {
    expect(sameNamedMember('ALICE', [alice, bob], null)?.username).toBe('alice');
    expect(sameNamedMember('Alice', [alice, bob], 'u1')).toBeNull();
    expect(sameNamedMember('Bob', [gone], null)).toBeNull();
    expect(sameNamedMember('  ', [alice], null)).toBeNull();
  });

  it('shows the username beside a name two of the shown share, and the name alone otherwise', () => {
    expect([alice, alice2, bob].map((m) => distinctName(m, [alice, alice2, bob]))).toEqual(['Alice (alice)', ' alice  (alice.w)', 'Bob']);
    expect(distinctName(alice, [alice, bob])).toBe('Alice');
  });
});
