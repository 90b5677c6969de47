import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { NewTeamMember, TeamMemberChange, TeamMemberRecord } from '../types.js';
import { isUniqueViolation, newUserRow, toUser, UsernameTakenError } from './user-repository.js';

/**
 * Staff accounts as managers keep them: a login (users) and, for people who may sign on at a
 * counter, its staff record with skills. Every write that touches both does so in one
 * transaction, so a login never disagrees with its staff record (name, active).
 */
export interface TeamRepository {
  /** The branch's logins (managers and staff), inactive ones included, by username. */
  listBranch(branchId: string): Promise<TeamMemberRecord[]>;
  /** Administrators (logins without a branch), by username. */
  listAdmins(): Promise<TeamMemberRecord[]>;
  find(userId: string): Promise<TeamMemberRecord | null>;
  /** The login and, when `skills` is given, its staff record. Throws {@link UsernameTakenError}. */
  create(member: NewTeamMember): Promise<TeamMemberRecord>;
  /**
   * Display name (login and staff record), role and skills, all or nothing. Given a function, the
   * member is read with the login's row locked (SELECT ... FOR UPDATE) and the change is made from
   * it as stored: no other save lands in between. What the function throws rolls back and is rethrown.
   */
  update(userId: string, change: TeamMemberChange | ((stored: TeamMemberRecord) => TeamMemberChange)): Promise<TeamMemberRecord>;
  /** Deactivates or reactivates the login and its staff record together. */
  setActive(userId: string, active: boolean): Promise<TeamMemberRecord>;
  /**
   * Deactivates an administrator unless they are the last active one: null then, and nothing
   * written. The active administrators are locked first, so two admins deactivating each other at
   * the same moment cannot both succeed and leave nobody to manage accounts.
   */
  deactivateAdmin(userId: string): Promise<TeamMemberRecord | null>;
  /**
   * Deletes a member created moments ago whose live half could not follow (the undo of
   * `create`): nothing refers to a staff record that never reached the queue.
   */
  remove(userId: string): Promise<void>;
}

const include = { staff: { include: { skills: true } } } as const;
type Row = Prisma.UserGetPayload<{ include: typeof include }>;

export function createTeamRepository(prisma: PrismaClient): TeamRepository {
  const read = async (tx: Prisma.TransactionClient, userId: string): Promise<TeamMemberRecord> =>
    toMember(await tx.user.findUniqueOrThrow({ where: { id: userId }, include }));

  return {
    async listBranch(branchId) {
      const rows = await prisma.user.findMany({ where: { branchId, role: { in: ['manager', 'staff'] } }, orderBy: { username: 'asc' }, include });
      return rows.map(toMember);
    },

    async listAdmins() {
      const rows = await prisma.user.findMany({ where: { role: 'admin' }, orderBy: { username: 'asc' }, include });
      return rows.map(toMember);
    },

    async find(userId) {
      const row = await prisma.user.findUnique({ where: { id: userId }, include });
      return row ? toMember(row) : null;
    },

    async create(member) {
      if (member.skills !== null && !member.branchId) throw new Error('a staff record needs a branch');
      try {
        return await prisma.$transaction(async (tx) => {
          const user = await tx.user.create({ data: newUserRow(member) });
          if (member.skills !== null) {
            const staff = await tx.staff.create({ data: { userId: user.id, branchId: member.branchId!, displayName: member.displayName, active: user.active } });
            await writeSkills(tx, staff.id, member.skills);
          }
          return read(tx, user.id);
        });
      } catch (err) {
        throw isUniqueViolation(err) ? new UsernameTakenError(member.username) : err;
      }
    },

    async update(userId, changeOrFrom) {
      return prisma.$transaction(async (tx) => {
        let change: TeamMemberChange;
        if (typeof changeOrFrom === 'function') {
          await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
          change = changeOrFrom(await read(tx, userId));
        } else change = changeOrFrom;
        const user = await tx.user.update({
          where: { id: userId },
          data: { ...(change.displayName !== undefined && { displayName: change.displayName }), ...(change.role !== undefined && { role: change.role }) },
          include: { staff: true },
        });
        let staffId = user.staff?.id;
        if (staffId && change.displayName !== undefined) await tx.staff.update({ where: { id: staffId }, data: { displayName: change.displayName } });
        if (change.skills !== undefined) {
          if (!staffId) {
            if (!user.branchId) throw new Error('a staff record needs a branch');
            staffId = (await tx.staff.create({ data: { userId, branchId: user.branchId, displayName: user.displayName, active: user.active } })).id;
          }
          await tx.staffSkill.deleteMany({ where: { staffId } });
          await writeSkills(tx, staffId, change.skills);
        }
        return read(tx, userId);
      });
    },

    async setActive(userId, active) {
      return prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: userId }, data: { active } });
        await tx.staff.updateMany({ where: { userId }, data: { active } });
        return read(tx, userId);
      });
    },

    async deactivateAdmin(userId) {
      return prisma.$transaction(async (tx) => {
        // FOR UPDATE waits for a concurrent deactivation to commit and then sees it (PostgreSQL
        // re-checks the locked rows against the WHERE clause).
        const active = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`;
        if (!active.some((a) => a.id !== userId)) return null;
        await tx.user.update({ where: { id: userId }, data: { active: false } });
        await tx.staff.updateMany({ where: { userId }, data: { active: false } });
        return read(tx, userId);
      });
    },

    async remove(userId) {
      await prisma.$transaction(async (tx) => {
        await tx.staff.deleteMany({ where: { userId } });
        await tx.user.delete({ where: { id: userId } });
      });
    },
  };
}

async function writeSkills(tx: Prisma.TransactionClient, staffId: string, skills: Record<string, number>): Promise<void> {
  const data = Object.entries(skills).map(([serviceId, proficiency]) => ({ staffId, serviceId, proficiency }));
  if (data.length > 0) await tx.staffSkill.createMany({ data });
}

function toMember(row: Row): TeamMemberRecord {
  return {
    ...toUser({ ...row, staff: row.staff ? { id: row.staff.id } : null }),
    skills: Object.fromEntries((row.staff?.skills ?? []).map((k) => [k.serviceId, k.proficiency])),
  };
}
