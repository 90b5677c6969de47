import { describe, expect, it } from 'vitest';
import type { Role } from '@tellerline/contracts';
import { teamPolicy, type TeamActor, type TeamTarget } from '../src/usecases/team-policy.js';

const admin: TeamActor = { userId: 'root', role: 'admin', branchId: null };
const manager: TeamActor = { userId: 'mei', role: 'manager', branchId: 'b1' };
const teller: TeamActor = { userId: 'ali', role: 'staff', branchId: 'b1' };
const account = (id: string, role: Role, branchId: string | null): TeamTarget => ({ id, role, branchId });
const codeOf = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('team policy', () => {
  it('finds an account only in its own scope', () => {
    expect(codeOf(() => teamPolicy.inScope(account('x', 'staff', 'b1'), { branchId: 'b1' }))).toBeNull();
    expect(codeOf(() => teamPolicy.inScope(account('x', 'staff', 'b2'), { branchId: 'b1' }))).toBe('NOT_FOUND');
    expect(codeOf(() => teamPolicy.inScope(account('x', 'admin', null), { branchId: 'b1' }))).toBe('NOT_FOUND');
    expect(codeOf(() => teamPolicy.inScope(account('x', 'admin', null), 'admins'))).toBeNull();
    expect(codeOf(() => teamPolicy.inScope(account('x', 'manager', 'b1'), 'admins'))).toBe('NOT_FOUND');
  });

  it('a manager changes staff of their own branch only; an admin anyone; staff nobody', () => {
    expect(codeOf(() => teamPolicy.mayChange(manager, account('x', 'staff', 'b1')))).toBeNull();
    expect(codeOf(() => teamPolicy.mayChange(manager, account('x', 'staff', 'b2')))).toBe('FORBIDDEN');
    expect(codeOf(() => teamPolicy.mayChange(manager, account('x', 'manager', 'b1')))).toBe('FORBIDDEN');
    expect(codeOf(() => teamPolicy.mayChange(manager, account('mei', 'manager', 'b1')))).toBe('FORBIDDEN');
    expect(codeOf(() => teamPolicy.mayChange(manager, account('x', 'admin', null)))).toBe('FORBIDDEN');
    expect(codeOf(() => teamPolicy.mayChange(admin, account('x', 'manager', 'b2')))).toBeNull();
    expect(codeOf(() => teamPolicy.mayChange(teller, account('x', 'staff', 'b1')))).toBe('FORBIDDEN');
  });

  it('a manager adds staff only; an admin managers and admins too', () => {
    expect(codeOf(() => teamPolicy.mayCreate(manager, 'staff'))).toBeNull();
    expect(codeOf(() => teamPolicy.mayCreate(manager, 'manager'))).toBe('FORBIDDEN');
    expect(codeOf(() => teamPolicy.mayCreate(manager, 'admin'))).toBe('FORBIDDEN');
    expect(codeOf(() => teamPolicy.mayCreate(admin, 'manager'))).toBeNull();
    expect(codeOf(() => teamPolicy.mayCreate(admin, 'admin'))).toBeNull();
    expect(codeOf(() => teamPolicy.mayCreate(teller, 'staff'))).toBe('FORBIDDEN');
  });

  it('only an admin changes a role, never their own; the same role is no change', () => {
    expect(codeOf(() => teamPolicy.mayChangeRole(manager, account('x', 'staff', 'b1'), 'staff'))).toBeNull();
    expect(codeOf(() => teamPolicy.mayChangeRole(manager, account('x', 'staff', 'b1'), 'manager'))).toBe('FORBIDDEN');
    expect(codeOf(() => teamPolicy.mayChangeRole(admin, account('x', 'manager', 'b1'), 'staff'))).toBeNull();
    expect(codeOf(() => teamPolicy.mayChangeRole(admin, account('root', 'admin', null), 'staff'))).toBe('OWN_ACCOUNT');
    expect(codeOf(() => teamPolicy.notOwn(admin, account('root', 'admin', null), 'deactivate yourself'))).toBe('OWN_ACCOUNT');
    expect(codeOf(() => teamPolicy.notOwn(admin, account('x', 'admin', null), 'deactivate yourself'))).toBeNull();
  });
});
