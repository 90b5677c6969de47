/**
 * The team use case's two halves, stored and live, with fakes: whatever the live queue refuses,
 * PostgreSQL is put back, so the two never disagree afterwards; sessions end only once the queue
 * agreed. Pure (the real system has team.int.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { DomainError, type BranchState } from '@tellerline/engine';
import { createLogger } from '../src/logger.js';
import { createTeam, type StoredMember, type TeamDeps, type TeamStore } from '../src/usecases/team.js';

const actor = { userId: 'u-mei', role: 'manager', ip: null, userAgent: null };
const mei = { userId: 'u-mei', role: 'manager' as const, branchId: 'b1', actor };

function fixture(live: Partial<TeamDeps> = {}) {
  const rows = new Map<string, StoredMember>([
    ['u-dana', { id: 'u-dana', username: 'dana', role: 'staff', displayName: 'Dana', branchId: 'b1', active: true, mustChangePassword: false, staffId: 's-dana', skills: { svcD: 1, retired: 0.7 } }],
  ]);
  const copy = (m: StoredMember) => structuredClone(m);
  const store: TeamStore = {
    listBranch: async (b) => [...rows.values()].filter((m) => m.branchId === b).map(copy),
    listAdmins: async () => [],
    find: async (id) => (rows.has(id) ? copy(rows.get(id)!) : null),
    create: async (m) => {
      const row: StoredMember = { id: `u-${m.username}`, username: m.username, role: m.role, displayName: m.displayName, branchId: m.branchId, active: true, mustChangePassword: m.mustChangePassword, staffId: m.skills ? `s-${m.username}` : null, skills: m.skills ?? {} };
      rows.set(row.id, row);
      return copy(row);
    },
    update: async (id, c) => {
      const row = { ...rows.get(id)!, ...(typeof c === 'function' ? c(copy(rows.get(id)!)) : c) };
      rows.set(id, row);
      return copy(row);
    },
    setActive: async (id, active) => {
      rows.get(id)!.active = active;
      return copy(rows.get(id)!);
    },
    deactivateAdmin: async (id) => {
      rows.get(id)!.active = false;
      return copy(rows.get(id)!);
    },
    lastSignIns: async () => ({}),
    remove: async (id) => void rows.delete(id),
    setPassword: async () => undefined,
  };
  const ended: string[] = [];
  const state = { staff: { 's-dana': { id: 's-dana', skills: {}, status: 'available', counterId: 'c2' } }, tickets: {}, counters: { c2: { id: 'c2', label: '2' } } } as unknown as BranchState;
  const team = createTeam({
    store,
    sessions: { endAllOf: async (id) => (ended.push(id), 1), changeAllOf: async () => undefined },
    activeServices: async () => new Set(['svcA', 'svcD']),
    liveState: async () => state,
    reconfigure: async () => undefined,
    signOff: async () => undefined,
    hashPassword: async (pw) => `hash:${pw}`,
    temporaryPassword: () => 'abcd-efgh-jkmn',
    logger: createLogger('silent'),
    ...live,
  });
  return { team, rows, ended };
}

describe('team changes the live queue refuses', () => {
  it('a deactivation raced by a call (sign-off refused) is undone: still active, still signed in, MEMBER_SERVING', async () => {
    const { team, rows, ended } = fixture({ signOff: async () => Promise.reject(new DomainError('STAFF_BUSY', 'Finish your current ticket before signing off.')) });
    await expect(team.deactivate({ branchId: 'b1' }, mei, 'u-dana')).rejects.toMatchObject({ code: 'MEMBER_SERVING', details: { counterLabel: '2' } });
    expect(rows.get('u-dana')!.active).toBe(true);
    expect(ended).toEqual([]);
  });

  it('a deactivation whose configure is refused for live work is undone too', async () => {
    const { team, rows, ended } = fixture({ reconfigure: async () => Promise.reject(new DomainError('CONFIG_CONFLICT', 'Staff s-dana holds a ticket.')) });
    await expect(team.deactivate({ branchId: 'b1' }, mei, 'u-dana')).rejects.toMatchObject({ code: 'MEMBER_SERVING' });
    expect(rows.get('u-dana')!.active).toBe(true);
    expect(ended).toEqual([]);
  });

  it('any other failure of the queue (Redis away) undoes the deactivation and is passed on as it is', async () => {
    const { team, rows } = fixture({ reconfigure: async () => Promise.reject(new Error('Socket closed unexpectedly')) });
    await expect(team.deactivate({ branchId: 'b1' }, mei, 'u-dana')).rejects.toThrow('Socket closed unexpectedly');
    expect(rows.get('u-dana')!.active).toBe(true);
  });

  it('a skills change the queue refuses puts the stored skills back, those of retired services included', async () => {
    const { team, rows } = fixture({ reconfigure: async () => Promise.reject(new DomainError('INVALID_CONFIG', 'x')) });
    await expect(team.update('b1', mei, 'u-dana', { skills: { svcA: 0.5 } })).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
    expect(rows.get('u-dana')!.skills).toEqual({ svcD: 1, retired: 0.7 });
  });

  it('a new member the queue could not take is removed again', async () => {
    const { team, rows } = fixture({ reconfigure: async () => Promise.reject(new Error('down')) });
    await expect(team.createMember('b1', mei, { username: 'fei', displayName: 'Fei', role: 'staff', skills: { svcA: 1 } })).rejects.toThrow('down');
    expect(rows.has('u-fei')).toBe(false);
  });

  it('when the queue agrees: stored, skills of retired services kept but not shown, sessions ended last', async () => {
    const calls: string[] = [];
    const { team, rows, ended } = fixture({ signOff: async () => void calls.push('sign-off'), reconfigure: async () => void calls.push('configure') });
    const updated = await team.update('b1', mei, 'u-dana', { skills: { svcA: 0.5 } });
    expect(rows.get('u-dana')!.skills).toEqual({ retired: 0.7, svcA: 0.5 });
    expect(updated.member.skills).toEqual({ svcA: 0.5 });
    const { member, changed } = await team.deactivate({ branchId: 'b1' }, mei, 'u-dana');
    expect(changed).toBe(true);
    expect(member.active).toBe(false);
    expect(calls).toEqual(['configure', 'sign-off', 'configure']);
    expect(ended).toEqual(['u-dana']);
  });
});
