import { localDateOf } from '@tellerline/engine';
import type { Prisma } from '../generated/prisma/client.js';

/** Days a branch was a pilot, both ends included (YYYY-MM-DD, branch time zone); `to` null: still one. */
export interface PilotPeriod {
  from: string;
  to: string | null;
}

type Tx = Prisma.TransactionClient;

/**
 * Records a switch of a branch's pilot flag on `day` (its business day, branch time zone), in the
 * caller's transaction so the period and the flag never disagree. On: a period starts, unless one
 * is open already or one ended this very day (switched off and on again: it simply goes on). Off:
 * the open period ends with this day, so the day the flag went off still counts as a pilot day.
 */
export async function recordPilotSwitch(tx: Tx, branchId: string, pilot: boolean, day: string): Promise<void> {
  if (!pilot) {
    await tx.branchPilotPeriod.updateMany({ where: { branchId, endsOn: null }, data: { endsOn: day } });
    return;
  }
  if (await tx.branchPilotPeriod.count({ where: { branchId, endsOn: null } })) return;
  const { count } = await tx.branchPilotPeriod.updateMany({ where: { branchId, endsOn: { gte: day } }, data: { endsOn: null } });
  if (count === 0) await tx.branchPilotPeriod.create({ data: { branchId, startsOn: day } });
}

/** As `recordPilotSwitch`, at an instant: the day is the branch's own at that instant. */
export const recordPilotSwitchAt = (tx: Tx, branch: { id: string; timezone: string }, pilot: boolean, at: number) =>
  recordPilotSwitch(tx, branch.id, pilot, localDateOf(at, branch.timezone));

/**
 * SQL true when business day `day` of branch `branchId` (SQL expressions) was in a pilot period:
 * what the KPI reports group by, so a flag switched later never re-labels past days.
 */
export const inPilotSql = (branchId: string, day: string) =>
  `EXISTS (SELECT 1 FROM branch_pilot_periods pp WHERE pp.branch_id = ${branchId} AND pp.starts_on <= ${day} AND (pp.ends_on IS NULL OR ${day} <= pp.ends_on))`;
