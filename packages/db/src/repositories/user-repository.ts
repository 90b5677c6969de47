import { Prisma, type PrismaClient, type User as UserRow } from '../generated/prisma/client.js';
import type { NewUser, Role, UserRecord, UserWithSecret } from '../types.js';

/**
 * The username is someone else's already (usernames are unique across branches). Stable `code`
 * for callers that must not import this package.
 */
export class UsernameTakenError extends Error {
  readonly code = 'USERNAME_TAKEN';
  constructor(readonly username: string) {
    super(`username ${username} is taken`);
    this.name = 'UsernameTakenError';
  }
}

export interface UserRepository {
  /** Throws {@link UsernameTakenError} if the username is taken. */
  create(user: NewUser): Promise<UserRecord>;
  /** For the login check: includes the password hash. Inactive users are returned too. */
  findByUsername(username: string): Promise<UserWithSecret | null>;
  findById(id: string): Promise<UserRecord | null>;
  /** With the password hash (checking the current password before a change). */
  findSecretById(id: string): Promise<UserWithSecret | null>;
  /** All users, or one branch's, ordered by username. */
  list(filter?: { branchId?: string; role?: Role; active?: boolean }): Promise<UserRecord[]>;
  /**
   * Users whose display name or username contains `q` (any case; `%` and `_` are plain
   * characters), or the one with `id`, or (neither) everyone; within `scope`: one branch's users
   * and every admin, or (null) everyone. Names that start with `q` first, then by display name;
   * at most `limit`. Deactivated ones too (their history stays). `adminLogins: false` (a
   * manager's search) matches and orders admins by display name only: their usernames must not
   * show in which of them are found nor where they rank.
   */
  search(scope: { branchId: string } | null, find: { q?: string; id?: string; limit: number; adminLogins?: boolean }): Promise<UserRecord[]>;
  /** A new password; `mustChangePassword` when someone other than its owner chose it. */
  setPassword(id: string, passwordHash: string, mustChangePassword: boolean): Promise<void>;
  setActive(id: string, active: boolean): Promise<void>;
}

type Row = UserRow & { staff: { id: string } | null };

export function createUserRepository(prisma: PrismaClient): UserRepository {
  const include = { staff: { select: { id: true } } } as const;
  return {
    async create(user) {
      try {
        const row = await prisma.user.create({ data: newUserRow(user), include });
        return toUser(row);
      } catch (err) {
        throw isUniqueViolation(err) ? new UsernameTakenError(user.username) : err;
      }
    },
    async findByUsername(username) {
      const row = await prisma.user.findUnique({ where: { username }, include });
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },
    async findById(id) {
      const row = await prisma.user.findUnique({ where: { id }, include });
      return row ? toUser(row) : null;
    },
    async findSecretById(id) {
      const row = await prisma.user.findUnique({ where: { id }, include });
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },
    async list(filter = {}) {
      const rows = await prisma.user.findMany({
        where: {
          ...(filter.branchId !== undefined && { branchId: filter.branchId }),
          ...(filter.role !== undefined && { role: filter.role }),
          ...(filter.active !== undefined && { active: filter.active }),
        },
        orderBy: { username: 'asc' },
        include,
      });
      return rows.map(toUser);
    },
    async search(scope, find) {
      const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
      const contains = `%${like(find.q ?? '')}%`;
      const starts = `${like(find.q ?? '')}%`;
      // Whose username may be searched and ranked by: everyone's, or everyone's but the admins'.
      const login = find.adminLogins === false ? Prisma.sql`u.role <> 'admin'` : Prisma.sql`TRUE`;
      const where = [
        Prisma.sql`((${login} AND u.username ILIKE ${contains}) OR u.display_name ILIKE ${contains})`,
        ...(find.id !== undefined ? [Prisma.sql`u.id = ${find.id}`] : []),
        ...(scope ? [Prisma.sql`(u.branch_id = ${scope.branchId} OR u.role = 'admin')`] : []),
      ];
      const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT u.id FROM users u WHERE ${Prisma.join(where, ' AND ')}
        ORDER BY ((${login} AND u.username ILIKE ${starts}) OR u.display_name ILIKE ${starts}) DESC, u.display_name, CASE WHEN ${login} THEN u.username END, u.id LIMIT ${find.limit}`;
      if (rows.length === 0) return [];
      const found = await prisma.user.findMany({ where: { id: { in: rows.map((r) => r.id) } }, include });
      const byId = new Map(found.map((u) => [u.id, toUser(u)]));
      return rows.map((r) => byId.get(r.id)).filter((u): u is UserRecord => u !== undefined);
    },
    async setPassword(id, passwordHash, mustChangePassword) {
      await prisma.user.update({ where: { id }, data: { passwordHash, mustChangePassword } });
    },
    async setActive(id, active) {
      await prisma.user.update({ where: { id }, data: { active } });
    },
  };
}

/**
 * A unique-constraint violation: Prisma's P2002, or, inside an interactive transaction on PGlite,
 * the driver adapter's own error carrying PostgreSQL's SQLSTATE 23505.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  return e.code === 'P2002' || e.cause?.code === '23505';
}

/** The row of a new login: active, and with its owner's own password, unless said otherwise. */
export function newUserRow(user: NewUser) {
  return {
    username: user.username,
    passwordHash: user.passwordHash,
    role: user.role,
    displayName: user.displayName,
    branchId: user.branchId ?? null,
    active: user.active ?? true,
    mustChangePassword: user.mustChangePassword ?? false,
  };
}

export function toUser(row: Row): UserRecord {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    displayName: row.displayName,
    branchId: row.branchId,
    active: row.active,
    staffId: row.staff?.id ?? null,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt.getTime(),
  };
}
