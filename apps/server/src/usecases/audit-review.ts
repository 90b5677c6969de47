import { unnamedRosterStaff, type AllAuditQuery, type AuditEntryView, type AuditPeopleQuery, type AuditPerson, type Role } from '@tellerline/contracts';
import type { AuditFilter, AuditReader, StoredAuditEntry, UserLookup } from '../auth/ports.js';
import { AppError } from '../errors.js';
import { auditCsvHeader, auditCsvRow, auditCsvScope } from './audit-csv.js';
import { CSV_BOM } from './csv.js';
import type { BranchDirectory, BranchProfile } from './ports.js';

/** Where a look at the log reaches: one branch's entries, those of no branch (null), or every entry (undefined). */
export type AuditScope = { branchId: string | null | undefined };

/** Who is looking: what they may read of an entry depends on their role. */
export type AuditViewer = { role: Role };

/**
 * Managers see admins by name and role, never by the username they sign in with: half of an
 * admin's credentials is no branch's business, and a username in the log of a branch is there for
 * anyone with that branch's manager account to read (or to guess with, in the "who" search).
 */
const seesAdminLogins = (viewer: AuditViewer) => viewer.role === 'admin';

/** The filters of a look (both routes' queries; `branchId`/`branch` are read into the scope). */
export type AuditLook = Omit<AllAuditQuery, 'branchId' | 'branch'>;

export interface AuditReviewDeps {
  reader: AuditReader;
  directory: Pick<BranchDirectory, 'list'>;
  users: Pick<UserLookup, 'findById'>;
}

/** Entries one read of an export fetches: the file is written as it is read, never held whole. */
const EXPORT_PAGE = 500;

/**
 * The time zone of entries without a branch (an admin's sign-in, an export of every branch): the
 * branches' own zone when they share one, as a bank in one country does, else UTC. Their days
 * are filtered and their times shown in it.
 */
export function headOfficeZone(branches: readonly Pick<BranchProfile, 'timezone'>[]): string {
  const zones = new Set(branches.map((b) => b.timezone));
  return zones.size === 1 ? [...zones][0]! : 'UTC';
}

/**
 * Managers and admins review the audit log: a page of entries (newest first), the whole of it as
 * CSV, and the people the "who" filter offers. Reading is not audited; the export is, by the route.
 */
export function createAuditReview(deps: AuditReviewDeps) {
  /** The branches (names, the head office's zone). An unknown branch is refused, as on every branch route: an empty log would read as "nothing happened there". */
  async function branchesFor(scope: AuditScope): Promise<{ branches: BranchProfile[]; zone: string }> {
    const branches = await deps.directory.list();
    if (typeof scope.branchId === 'string' && !branches.some((b) => b.id === scope.branchId)) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    return { branches, zone: headOfficeZone(branches) };
  }

  const filterOf = (scope: AuditScope, q: AuditLook, zone: string): AuditFilter => ({
    ...(scope.branchId !== undefined && { branchId: scope.branchId }),
    ...(q.action !== undefined && { action: q.action }),
    ...(q.userId !== undefined && { userId: q.userId }),
    ...(q.ticketId !== undefined && { ticketId: q.ticketId }),
    ...(q.ticketNumber !== undefined && { ticketNumber: q.ticketNumber }),
    ...(q.from !== undefined && { fromDay: q.from }),
    ...(q.to !== undefined && { toDay: q.to }),
    zoneWithoutBranch: zone,
  });

  const view = ({ branchTimezone, ...e }: StoredAuditEntry, zone: string, viewer: AuditViewer): AuditEntryView => ({
    ...e,
    ...(e.role === 'admin' && !seesAdminLogins(viewer) && { username: null }),
    timezone: branchTimezone ?? zone,
  });

  return {
    /** One page, newest first: `q.before` is the last id of the page before. */
    async page(scope: AuditScope, q: AuditLook, viewer: AuditViewer): Promise<AuditEntryView[]> {
      const { zone } = await branchesFor(scope);
      const { items } = await deps.reader.search(filterOf(scope, q, zone), { limit: q.limit, before: q.before });
      return items.map((e) => view(e, zone, viewer));
    },

    /**
     * Every matching entry as CSV (limit and before do not apply). The first page is read before
     * anything is sent, so a failing database answers with an error rather than a cut-off file.
     */
    async csv(scope: AuditScope, q: AuditLook, lang: 'zh' | 'en', viewer: AuditViewer): Promise<{ filename: string; lines: AsyncIterable<string> }> {
      const { branches, zone } = await branchesFor(scope);
      const filter = filterOf(scope, q, zone);
      const first = await deps.reader.search(filter, { limit: EXPORT_PAGE });
      const byId = new Map(branches.map((b) => [b.id, b]));
      const branchName = (id: string) => (byId.get(id) ? `${byId.get(id)!.code} ${byId.get(id)!.name[lang]}` : id);
      const filtered = q.userId ? await deps.users.findById(q.userId) : null;
      const user = q.userId ? (filtered ? (filtered.role === 'admin' && !seesAdminLogins(viewer) ? filtered.displayName : filtered.username) : q.userId) : undefined;
      const { reader } = deps;
      const where = scope.branchId === undefined ? 'all-branches' : scope.branchId === null ? 'no-branch' : (byId.get(scope.branchId)?.code ?? 'branch');
      const filename = ['audit', where, ...(q.from ? [q.from] : []), ...(q.to ? [q.to] : [])].join('-') + '.csv';
      const lines = (async function* () {
        yield CSV_BOM + auditCsvHeader(lang);
        let page = first;
        // Colleagues whose rosters a booking rules save changed, by name: the screen asks the "who"
        // search for each by id, scoped as the log; so does the file (one look-up each per file).
        const names: Record<string, string> = {};
        const looked = new Set<string>();
        for (;;) {
          const entries = page.items.map((e) => view(e, zone, viewer));
          for (const id of unnamedRosterStaff(entries, names).filter((id) => !looked.has(id))) {
            looked.add(id);
            const [person] = await reader.people(scope.branchId ?? null, { id, limit: 1, adminLogins: seesAdminLogins(viewer) });
            if (person) names[id] = person.displayName;
          }
          yield entries.map((e) => auditCsvRow(e, lang, branchName, names)).join('');
          if (page.nextCursor === null) break;
          page = await reader.search(filter, { limit: EXPORT_PAGE, before: page.nextCursor });
        }
        const branch = scope.branchId === undefined ? 'all' : scope.branchId === null ? 'none' : branchName(scope.branchId);
        yield auditCsvScope(lang, { branch, action: q.action, user, ticketId: q.ticketNumber ?? q.ticketId, from: q.from, to: q.to });
      })();
      return { filename, lines };
    },

    /**
     * Whom the "who" filter suggests for what was typed, scoped as the log itself: a branch's
     * users and the admins, or for every branch (and none) everyone. Never more than `q.limit`,
     * however large the bank. A manager finds admins by name only, and is not told their username.
     */
    async people(scope: AuditScope, q: AuditPeopleQuery, viewer: AuditViewer): Promise<AuditPerson[]> {
      await branchesFor(scope);
      // In the query, not after it: admins matched by username and then dropped used up the
      // limit, and their rank followed their username, so the answer spelled it out regardless.
      const adminLogins = seesAdminLogins(viewer);
      const found = await deps.reader.people(typeof scope.branchId === 'string' ? scope.branchId : null, { ...q, adminLogins });
      return adminLogins ? found : found.map((p) => (p.role === 'admin' ? { ...p, username: null } : p));
    },
  };
}

export type AuditReview = ReturnType<typeof createAuditReview>;
