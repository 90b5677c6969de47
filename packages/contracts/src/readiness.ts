import { z } from 'zod';
import { Id, LocalizedText } from './common.js';

/**
 * Rollout readiness: whether a branch is set up to go live, item by item, computed by the server
 * from what is stored (set-up, team, rosters, devices, booking settings) and how notices are
 * configured. Read-only: each item names the screen that fixes it.
 */

/** The items, in the order the screen lists them. */
export const READINESS_CHECKS = [
  'opening-hours',
  'address',
  'services',
  'service-targets',
  'service-staff',
  'service-cover',
  'counters',
  'kiosk',
  'signage',
  'manager',
  'first-passwords',
  'booking-services',
  'notice-providers',
] as const;
export const ReadinessCheck = z.enum(READINESS_CHECKS);
export type ReadinessCheck = z.infer<typeof ReadinessCheck>;

/** `missing` keeps the branch from going live; `warning` is worth a look but does not. */
export const ReadinessStatus = z.enum(['ok', 'warning', 'missing']);
export type ReadinessStatus = z.infer<typeof ReadinessStatus>;

/** The screens that fix an item (an admin's link carries `?branch=` on the screens that take it). */
export const ReadinessFix = z.enum(['/staff/setup', '/staff/team', '/staff/devices', '/staff/booking', '/staff/branches']);
export type ReadinessFix = z.infer<typeof ReadinessFix>;

export const ReadinessItem = z.object({
  check: ReadinessCheck,
  status: ReadinessStatus,
  /** One sentence per language: what was found, and what to do when it is not ok. */
  text: LocalizedText,
  fix: ReadinessFix,
  /** Kiosk and signage: the latest time any paired one was seen (epoch ms); null when none ever was. */
  lastSeenAt: z.number().nullable().optional(),
});
export type ReadinessItem = z.infer<typeof ReadinessItem>;

export const ReadinessCounts = z.object({ ok: z.number().int(), warning: z.number().int(), missing: z.number().int() });
export type ReadinessCounts = z.infer<typeof ReadinessCounts>;

/** GET /api/v1/branches/:branchId/readiness. `ready`: nothing missing (warnings allowed). */
export const BranchReadiness = z.object({
  branch: z.object({ id: Id, code: z.string(), name: LocalizedText, pilot: z.boolean(), active: z.boolean() }),
  ready: z.boolean(),
  counts: ReadinessCounts,
  items: z.array(ReadinessItem),
});
export type BranchReadiness = z.infer<typeof BranchReadiness>;

/** GET /api/v1/readiness (admins): every branch in service, pilot branches first, then by code. */
export const AllBranchesReadiness = z.object({ branches: z.array(BranchReadiness) });
export type AllBranchesReadiness = z.infer<typeof AllBranchesReadiness>;
