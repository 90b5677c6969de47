import type { Repositories } from '@tellerline/db';
import type { AuditPerson } from '@tellerline/contracts';
import type { AuditLog, AuditReader } from './auth/ports.js';

/** The audit log over PostgreSQL/PGlite repositories. Part of the composition root. */
export function createAuditPort(repos: Pick<Repositories, 'audit' | 'users'>): AuditLog & AuditReader {
  const search: AuditReader['search'] = async (filter, page) => repos.audit.list(filter, { limit: page.limit, before: page.before ?? null });
  const person = (u: Awaited<ReturnType<Repositories['users']['list']>>[number]): AuditPerson => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    branchId: u.branchId,
    active: u.active,
  });
  return {
    append: async (entry) => void (await repos.audit.append(entry)),
    list: async (branchId, limit, before) => (await search({ branchId }, { limit, before })).items,
    search,
    async people(branchId, find) {
      // A branch's log holds its own people and admins (who act in every branch).
      const users = await repos.users.search(branchId === null ? null : { branchId }, {
        limit: find.limit,
        adminLogins: find.adminLogins,
        ...(find.q !== undefined && { q: find.q }),
        ...(find.id !== undefined && { id: find.id }),
      });
      return users.map(person);
    },
  };
}
