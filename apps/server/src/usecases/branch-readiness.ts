import type { AllBranchesReadiness, BranchReadiness, BranchSetupView } from '@tellerline/contracts';
import { AppError } from '../errors.js';
import type { BookingSetup } from './booking-ports.js';
import { toBranchBooking } from './booking-settings.js';
import type { StoredDevice } from './devices.js';
import { checkReadiness, type NoticeProviders } from './readiness-check.js';
import type { StoredMember } from './team.js';

/** What the readiness check reads (the db package's set-up, team, device and booking repositories). */
export interface ReadinessDeps {
  setup(branchId: string): Promise<BranchSetupView | null>;
  members(branchId: string): Promise<StoredMember[]>;
  devices(branchId: string): Promise<StoredDevice[]>;
  bookingSetup(branchId: string): Promise<BookingSetup | null>;
  /** Every branch (the admins' overview keeps those in service). */
  branchIds(): Promise<{ id: string; active: boolean }[]>;
  /** How this installation sends notices (from its configuration). */
  notices: NoticeProviders;
}

/** Rollout readiness: per branch for its managers and admins, and every branch in service for admins. Reads only. */
export function createReadiness(deps: ReadinessDeps) {
  async function branch(branchId: string): Promise<BranchReadiness> {
    const [setup, members, devices, stored] = await Promise.all([deps.setup(branchId), deps.members(branchId), deps.devices(branchId), deps.bookingSetup(branchId)]);
    if (!setup || !stored) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    const booking = toBranchBooking(stored);
    const bookable = new Set([...booking.services.values()].filter((s) => s.rules.bookable).map((s) => s.id));
    return checkReadiness({
      branch: setup.branch,
      services: setup.services,
      counters: setup.counters,
      members,
      rosters: booking.rosters,
      devices,
      booking: { enabled: booking.settings.enabled, bookable },
      notices: deps.notices,
    });
  }

  async function all(): Promise<AllBranchesReadiness> {
    const ids = (await deps.branchIds()).filter((b) => b.active).map((b) => b.id);
    const branches: BranchReadiness[] = [];
    // One branch at a time: a handful of reads each, and the overview is opened by admins only.
    for (const id of ids) branches.push(await branch(id));
    branches.sort((a, b) => Number(b.branch.pilot) - Number(a.branch.pilot) || a.branch.code.localeCompare(b.branch.code));
    return { branches };
  }

  return { branch, all };
}

export type Readiness = ReturnType<typeof createReadiness>;
