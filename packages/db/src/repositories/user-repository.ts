import type { PrismaClient, User as UserRow } from '../generated/prisma/client.js';
import type { NewUser, Role, UserRecord, UserWithSecret } from '../types.js';

export interface UserRepository {
  /** Throws if the username is taken (usernames are unique across branches). */
  create(user: NewUser): Promise<UserRecord>;
  /** For the login check: includes the password hash. Inactive users are returned too. */
  findByUsername(username: string): Promise<UserWithSecret | null>;
  findById(id: string): Promise<UserRecord | null>;
  /** All users, or one branch's, ordered by username. */
  list(filter?: { branchId?: string; role?: Role }): Promise<UserRecord[]>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  setActive(id: string, active: boolean): Promise<void>;
}

type Row = UserRow & { staff: { id: string } | null };

export function createUserRepository(prisma: PrismaClient): UserRepository {
  const include = { staff: { select: { id: true } } } as const;
  return {
    async create(user) {
      const row = await prisma.user.create({
        data: {
          username: user.username,
          passwordHash: user.passwordHash,
          role: user.role,
          displayName: user.displayName,
          branchId: user.branchId ?? null,
          active: user.active ?? true,
        },
        include,
      });
      return toUser(row);
    },
    async findByUsername(username) {
      const row = await prisma.user.findUnique({ where: { username }, include });
      return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
    },
    async findById(id) {
      const row = await prisma.user.findUnique({ where: { id }, include });
      return row ? toUser(row) : null;
    },
    async list(filter = {}) {
      const rows = await prisma.user.findMany({
        where: {
          ...(filter.branchId !== undefined && { branchId: filter.branchId }),
          ...(filter.role !== undefined && { role: filter.role }),
        },
        orderBy: { username: 'asc' },
        include,
      });
      return rows.map(toUser);
    },
    async setPasswordHash(id, passwordHash) {
      await prisma.user.update({ where: { id }, data: { passwordHash } });
    },
    async setActive(id, active) {
      await prisma.user.update({ where: { id }, data: { active } });
    },
  };
}

function toUser(row: Row): UserRecord {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    displayName: row.displayName,
    branchId: row.branchId,
    active: row.active,
    staffId: row.staff?.id ?? null,
    createdAt: row.createdAt.getTime(),
  };
}
