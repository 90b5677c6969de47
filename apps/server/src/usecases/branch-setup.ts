import type {
  BranchAddressBody,
  BranchDeactivationView,
  BranchHasBookingsDetails,
  BranchListItem,
  BranchPatchBody,
  BranchSetupView,
  CounterPatchBody,
  CounterSetupView,
  ExpectedBranchFields,
  NewBranchBody,
  NewServiceBody,
  OpeningHoursBody,
  ServiceHasBookingsDetails,
  ServicePatchBody,
  ServiceSetupView,
  StaleBranchDetails,
} from '@tellerline/contracts';
import { localTimeOf, type BranchState } from '@tellerline/engine';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { fieldChanges, type FieldChange } from './booking-settings-changes.js';
import type { Actor } from './branch-commands.js';
import type { Reconfigure } from './reconfigure.js';
import { branchInUse, counterInUse, lastActiveService, serviceInUse } from './setup-conflicts.js';

type ServiceFields = Omit<ServiceSetupView, 'id'>;
/** A new branch as the store takes it: open to customers or not is always said (the store's default is the seed's, open). */
type NewBranchFields = Omit<NewBranchBody, 'copyFrom' | 'customersOpen'> & { customersOpen: boolean };

/** What a branch made from another took from it (for the audit entry). */
export interface CopiedSetup {
  source: { id: string; code: string };
  services: number;
  counters: number;
}
/** The branch fields an edit may change. */
type BranchFields = Omit<BranchPatchBody, 'expected'>;

/**
 * A branch's set-up as stored (the db package's set-up repository satisfies it). Each write is
 * atomic. A code or label already taken throws an error carrying `duplicate` ('branch-code',
 * 'service-code', 'counter-label') and writes nothing; an id not in the branch answers null.
 */
export interface SetupStore {
  setup(branchId: string): Promise<BranchSetupView | null>;
  /** A pilot branch starts its pilot period on its day at `at` (epoch ms). */
  createBranch(branch: NewBranchFields & { openingHours: OpeningHoursBody }, at?: number): Promise<BranchListItem>;
  /**
   * As `createBranch`, starting with the active branch `sourceId`'s set-up, in one transaction.
   * A source refused throws an error carrying `reason` ('unknown', 'inactive') and writes nothing.
   */
  copyBranch(branch: NewBranchFields, sourceId: string, at?: number): Promise<{ branch: BranchListItem; copied: CopiedSetup }>;
  /**
   * With `check`: a compare-and-set (`check` sees the branch as stored, locked; what it throws rolls back).
   * A pilot flag switched starts or ends a pilot period on the branch's day at `at`, in the same transaction.
   */
  updateBranch(branchId: string, changes: BranchFields & { active?: boolean; at?: number }, check?: (stored: BranchListItem) => void): Promise<BranchListItem | null>;
  createService(branchId: string, service: NewServiceBody): Promise<ServiceSetupView>;
  updateService(branchId: string, serviceId: string, changes: Partial<ServiceFields>): Promise<ServiceSetupView | null>;
  /** Deletes a service nothing refers to yet (undoes a create); false when something does. */
  discardService(branchId: string, serviceId: string): Promise<boolean>;
  createCounter(branchId: string, label: string): Promise<CounterSetupView>;
  updateCounter(branchId: string, counterId: string, changes: Partial<Omit<CounterSetupView, 'id'>>): Promise<CounterSetupView | null>;
  discardCounter(branchId: string, counterId: string): Promise<boolean>;
}

export interface BranchSetupDeps {
  store: SetupStore;
  liveState(branchId: string): Promise<BranchState | null>;
  /** Applies the stored configuration to the live queue (`createReconfigure`). */
  reconfigure: Reconfigure;
  /** staffId -> display name: who is signed on at a counter that cannot be deactivated. */
  staffNames(branchId: string): Promise<Record<string, string>>;
  /**
   * A branch was made, or its name, time zone or hours changed: its daily close follows its time
   * zone, and copies of its profile kept for the lobby are dropped. Best effort: logged, not thrown.
   */
  branchChanged(branch: BranchListItem): Promise<void>;
  /** A service's bookings still to come: read before deactivating it, cancelled when the manager confirms. */
  bookings: ServiceBookings;
  logger: Logger;
  /** The clock pilot periods are dated by (default: the system's). */
  now?: () => number;
}

/** A booking as the set-up sees it: which, and when. */
export interface ServiceBooking {
  id: string;
  startsAt: number;
}

/**
 * The bookings of a service, or with `serviceId` null of the whole branch (booking-manage.ts): a
 * service deactivated and a branch taken out of service go the same way.
 */
export interface ServiceBookings {
  /** Booked and not yet checked in, by start time. */
  booked(branchId: string, serviceId: string | null): Promise<ServiceBooking[]>;
  /**
   * Marks the service (null: the branch) inactive under the lock bookings take, after checking
   * there (unless `evenIfBooked`) that none is booked: no booking can land between the check and
   * the write, and none after it. Resolves the bookings that stopped it ([] when deactivated;
   * false: no such service or branch).
   */
  deactivate(branchId: string, serviceId: string | null, evenIfBooked: boolean): Promise<ServiceBooking[] | false>;
  /** Cancels every one still booked (the branch's cancel: each customer is told); resolves those cancelled. */
  cancelAll(branchId: string, serviceId: string | null): Promise<ServiceBooking[]>;
}

/** What an edit changed, field by field, for the audit log (empty: nothing did, and nothing was written). */
export type SetupChanges = Record<string, FieldChange>;

const TAKEN: Record<string, AppError> = {
  'branch-code': new AppError('BRANCH_CODE_TAKEN', 'Another branch already has this code; choose another.'),
  'service-code': new AppError('SERVICE_CODE_TAKEN', 'Another service of this branch (active or not) already has this code; choose another letter.'),
  'counter-label': new AppError('COUNTER_LABEL_TAKEN', 'Another counter of this branch (active or not) already has this label.'),
};

const COPY_REFUSED: Record<string, AppError> = {
  unknown: new AppError('COPY_SOURCE_UNKNOWN', 'The branch to copy from does not exist; nothing was made.'),
  inactive: new AppError('COPY_SOURCE_INACTIVE', 'The branch to copy from is out of service; put it back in service or copy another. Nothing was made.'),
};

/** The store's "taken" refusal (or a copy's source refused) as the stable code, anything else as it is. */
async function refusingTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { duplicate?: unknown; reason?: unknown };
    const refusal = TAKEN[String(e.duplicate)] ?? (err instanceof Error && err.name === 'CopySourceError' ? COPY_REFUSED[String(e.reason)] : undefined);
    throw refusal ? new AppError(refusal.code, refusal.message) : err;
  }
}

/**
 * Setting branches up from the product (admins: branches; a branch's managers and admins: its
 * services, counters and opening hours). Every change to services or counters reaches the live
 * queue at once, and PostgreSQL and the live queue never disagree: a deactivation that would
 * orphan live work is refused first with what to do (SERVICE_IN_USE, COUNTER_IN_USE); the change is
 * then stored and applied live, and a live refusal (a customer took a ticket in between, the
 * branch too busy) undoes the stored change. Stored first because the live configuration is read
 * from what is stored; undoing a stored row cannot be refused, undoing a live change could.
 */
export function createBranchSetup(deps: BranchSetupDeps) {
  const { store, logger } = deps;
  const now = deps.now ?? Date.now;

  async function setupOf(branchId: string): Promise<BranchSetupView> {
    const setup = await store.setup(branchId);
    if (!setup) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    return setup;
  }

  async function changed(branch: BranchListItem): Promise<void> {
    await deps.branchChanged(branch).catch((err: unknown) => logger.error({ err, branchId: branch.id }, 'branch changed, but its daily close or cached profile could not follow'));
  }

  /**
   * Applies the stored change live; when the queue refuses, `undo` puts the stored rows back and
   * the refusal is explained by `explain` (read again from the live state) if it can be.
   */
  async function goLive(branchId: string, actor: Actor | null, undo: () => Promise<unknown>, explain: () => Promise<AppError | null> = async () => null): Promise<void> {
    try {
      await deps.reconfigure(branchId, actor);
    } catch (err) {
      await undo().catch((undoErr: unknown) =>
        logger.error({ err: undoErr, refusedWith: err instanceof Error ? err.message : String(err), branchId }, 'could not undo a set-up change the live queue refused: stored and live configuration now differ'),
      );
      throw (await explain().catch(() => null)) ?? err;
    }
  }

  /**
   * Name, time zone, hours, pilot flag; the engine's configuration holds none of them. Only the
   * fields given are written. With `expected`, checked and written with the row locked: a field
   * stored otherwise than expected refuses the whole edit (STALE_BRANCH, with the branch as stored).
   */
  async function updateBranch(branchId: string, body: BranchPatchBody): Promise<{ branch: BranchListItem; changes: SetupChanges }> {
    const { expected, ...fields } = body;
    let before = (await setupOf(branchId)).branch;
    if (Object.keys(fieldChanges(before, { ...before, ...fields })).length === 0 && !staleFor(before, expected)) return { branch: before, changes: {} };
    const branch = await store.updateBranch(branchId, { ...fields, at: now() }, (stored) => {
      if (staleFor(stored, expected)) throw staleBranch(stored);
      before = stored; // the audit compares with what this write replaced
    });
    if (!branch) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
    const changes = fieldChanges(before, { ...before, ...fields });
    if (Object.keys(changes).length > 0) await changed(branch);
    return { branch, changes };
  }

  return {
    view: setupOf,

    /**
     * A new branch; with `copyFrom`, starting with that branch's set-up (`SetupStore.copyBranch`),
     * which then goes live at once (the kiosk and the panel have its services). `copied`: what it
     * took, for the audit entry.
     */
    async createBranch(body: NewBranchBody): Promise<{ branch: BranchListItem; copied: CopiedSetup | null }> {
      const { copyFrom, openingHours, ...given } = body;
      // In preparation unless asked: a branch is set up (staff, counters, address) before customers find it.
      const fields = { ...given, customersOpen: given.customersOpen ?? false };
      if (copyFrom === undefined) {
        if (!openingHours) throw new AppError('VALIDATION_FAILED', 'Give the opening hours, or a branch to copy them from.');
        const branch = await refusingTaken(() => store.createBranch({ ...fields, openingHours }, now()));
        await changed(branch);
        return { branch, copied: null };
      }
      const made = await refusingTaken(() => store.copyBranch({ ...fields, ...(openingHours && { openingHours }) }, copyFrom, now()));
      await changed(made.branch);
      // Stored first and whole; a live queue that cannot take it now (Redis away) gets it when the
      // branch's state is next built from PostgreSQL (start-up, or the next set-up change). No
      // actor: the create-branch entry is the one record of the copy (as start-up's configure).
      await deps.reconfigure(made.branch.id, null).catch((err: unknown) => logger.error({ err, branchId: made.branch.id }, 'copied branch stored, but its live queue could not be configured yet'));
      return made;
    },

    updateBranch,

    /** A manager's own branch's address, both languages (customers are told it: booking, notices, help). */
    setAddress: (branchId: string, address: BranchAddressBody, expected?: { address: BranchAddressBody }) => updateBranch(branchId, { address, ...(expected && { expected }) }),

    /** A manager's own branch's weekly hours (the rest of the branch is the admins'). */
    setOpeningHours: (branchId: string, openingHours: OpeningHoursBody, expected?: { openingHours: OpeningHoursBody }) => updateBranch(branchId, { openingHours, ...(expected && { expected }) }),

    async createService(branchId: string, body: NewServiceBody, actor: Actor | null): Promise<ServiceSetupView> {
      await setupOf(branchId);
      const service = await refusingTaken(() => store.createService(branchId, body));
      await goLive(branchId, actor, () => store.discardService(branchId, service.id));
      return service;
    },

    /**
     * Edits, deactivates or reactivates a service. A deactivation of a service customers have
     * booked is refused first with SERVICE_HAS_BOOKINGS (how many, from when), unless
     * `cancelBookings` confirms them cancelled: then, once the service is inactive (so no new
     * booking can be made), every booking still booked is cancelled and its customer told.
     * `cancelledBookings` lists them (for the audit log). Sent again on an inactive service,
     * `cancelBookings` cancels what is still booked (a retry after the cancels failed: they are one transaction, so all or none).
     */
    async updateService(
      branchId: string,
      serviceId: string,
      body: ServicePatchBody,
      actor: Actor | null,
    ): Promise<{ service: ServiceSetupView; changes: SetupChanges; cancelledBookings: ServiceBooking[] }> {
      const setup = await setupOf(branchId);
      const before = setup.services.find((s) => s.id === serviceId);
      if (!before) throw new AppError('NOT_FOUND', 'No such service in this branch');
      const { cancelBookings, ...fields } = body;
      const cancelAfter = async () => (cancelBookings ? deps.bookings.cancelAll(branchId, serviceId) : []);
      const changes = fieldChanges(before, { ...before, ...fields });
      if (Object.keys(changes).length === 0) return { service: before, changes, cancelledBookings: before.active ? [] : await cancelAfter() };
      const inUse = async () => serviceInUse(await deps.liveState(branchId), before);
      let deactivated = false;
      if (fields.code !== undefined && fields.code !== before.code) {
        const refusal = serviceInUse(await deps.liveState(branchId), before, 'recode');
        if (refusal) throw refusal;
      }
      if (fields.active === false && before.active) {
        const refusal = lastActiveService(setup.services, serviceId) ?? (await inUse());
        if (refusal) throw refusal;
        // Checked and written under the booking lock: a booking either came first and is counted
        // here, or comes after and finds the service inactive (booking-manage.ts `book`).
        const booked = await deps.bookings.deactivate(branchId, serviceId, cancelBookings === true);
        if (booked === false) throw new AppError('NOT_FOUND', 'No such service in this branch');
        if (booked.length > 0) throw hasBookings(before.code, booked, setup.branch.timezone);
        deactivated = true;
      }
      const service = await refusingTaken(() => store.updateService(branchId, serviceId, fields)).catch(async (err: unknown) => {
        // The other fields were refused (a code taken meanwhile): the whole edit is, so reactivate.
        if (deactivated) await store.updateService(branchId, serviceId, { active: true }).catch((undoErr: unknown) => logger.error({ err: undoErr, branchId, serviceId }, 'could not reactivate a service whose edit was refused'));
        throw err;
      });
      if (!service) throw new AppError('NOT_FOUND', 'No such service in this branch');
      const previous = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof ServiceFields]]));
      await goLive(branchId, actor, () => store.updateService(branchId, serviceId, previous), fields.active === false ? inUse : undefined);
      return { service, changes, cancelledBookings: fields.active === false ? await cancelAfter() : [] };
    },

    /** What taking the branch out of service would cancel: its bookings still to come (the admin's confirmation dialog). */
    async deactivation(branchId: string): Promise<BranchDeactivationView> {
      const setup = await setupOf(branchId);
      const booked = await deps.bookings.booked(branchId, null);
      return { bookings: booked.length, firstDate: booked[0] ? localTimeOf(booked[0].startsAt, setup.branch.timezone).date : null };
    },

    /**
     * Takes the branch out of service (admins): no bookings, tickets or sign-ons from then on; its
     * history, audit log and reports stay. Refused while anyone is signed on at its counters
     * (BRANCH_IN_USE) or customers are in today's queue (BRANCH_HAS_CUSTOMERS), and, as a service's
     * deactivation, while customers have booked it (BRANCH_HAS_BOOKINGS) unless `cancelBookings`
     * confirms them cancelled, each customer told. The live state is read again once the branch is
     * marked (a ticket or a sign-on let in by a node that had not heard yet): then it is put back.
     * Sent again on an inactive branch, `cancelBookings` cancels what is left (a retry).
     */
    async deactivateBranch(branchId: string, cancelBookings: boolean): Promise<{ branch: BranchListItem; changed: boolean; cancelledBookings: ServiceBooking[] }> {
      const setup = await setupOf(branchId);
      const cancelAfter = async () => (cancelBookings ? deps.bookings.cancelAll(branchId, null) : []);
      if (!setup.branch.active) return { branch: setup.branch, changed: false, cancelledBookings: await cancelAfter() };
      const inUse = async () => branchInUse(await deps.liveState(branchId), await deps.staffNames(branchId));
      const refusal = await inUse();
      if (refusal) throw refusal;
      // Under the booking lock, as a service's deactivation: a booking either came first and is
      // counted here, or comes after and finds the branch out of service.
      const booked = await deps.bookings.deactivate(branchId, null, cancelBookings);
      if (booked === false) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
      if (booked.length > 0) throw branchHasBookings(booked, setup.branch.timezone);
      const branch = { ...setup.branch, active: false };
      await changed(branch);
      const late = await inUse().catch(() => null);
      if (late) {
        await store.updateBranch(branchId, { active: true });
        await changed(setup.branch);
        throw late;
      }
      return { branch, changed: true, cancelledBookings: await cancelAfter() };
    },

    /** Puts a branch taken out of service back (admins): bookable, tickets and sign-on again. */
    async reactivateBranch(branchId: string): Promise<{ branch: BranchListItem; changed: boolean }> {
      const before = (await setupOf(branchId)).branch;
      if (before.active) return { branch: before, changed: false };
      const branch = await store.updateBranch(branchId, { active: true });
      if (!branch) throw new AppError('BRANCH_UNKNOWN', 'No such branch');
      await changed(branch);
      return { branch, changed: true };
    },

    async createCounter(branchId: string, label: string, actor: Actor | null): Promise<CounterSetupView> {
      await setupOf(branchId);
      const counter = await refusingTaken(() => store.createCounter(branchId, label));
      await goLive(branchId, actor, () => store.discardCounter(branchId, counter.id));
      return counter;
    },

    async updateCounter(branchId: string, counterId: string, body: CounterPatchBody, actor: Actor | null): Promise<{ counter: CounterSetupView; changes: SetupChanges }> {
      const before = (await setupOf(branchId)).counters.find((c) => c.id === counterId);
      if (!before) throw new AppError('NOT_FOUND', 'No such counter in this branch');
      const changes = fieldChanges(before, { ...before, ...body });
      if (Object.keys(changes).length === 0) return { counter: before, changes };
      const inUse = async () => counterInUse(await deps.liveState(branchId), before, await deps.staffNames(branchId));
      if (body.active === false && before.active) {
        const refusal = await inUse();
        if (refusal) throw refusal;
      }
      const counter = await refusingTaken(() => store.updateCounter(branchId, counterId, body));
      if (!counter) throw new AppError('NOT_FOUND', 'No such counter in this branch');
      const previous = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as 'label' | 'active']]));
      await goLive(branchId, actor, () => store.updateCounter(branchId, counterId, previous), body.active === false ? inUse : undefined);
      return { counter, changes };
    },
  };
}

export type BranchSetup = ReturnType<typeof createBranchSetup>;

/** True when a field of `expected` (what the screen showed) is stored otherwise in `stored`. */
function staleFor(stored: BranchListItem, expected: ExpectedBranchFields | undefined): boolean {
  if (!expected) return false;
  const shown = expected as Record<string, unknown>;
  return Object.keys(fieldChanges(Object.fromEntries(Object.keys(shown).map((k) => [k, stored[k as keyof BranchListItem]])), shown)).length > 0;
}

/** STALE_BRANCH with the branch as stored now, so the screen can show it and keep what was typed. */
function staleBranch(current: BranchListItem): AppError {
  const details: StaleBranchDetails = { current };
  return new AppError('STALE_BRANCH', 'Someone changed this branch since you opened it; here is what is stored now. Nothing was saved.', undefined, details);
}

/** BRANCH_HAS_BOOKINGS: as SERVICE_HAS_BOOKINGS, for the whole branch. */
function branchHasBookings(booked: readonly ServiceBooking[], timezone: string): AppError {
  const firstAt = booked[0]!.startsAt;
  const details: BranchHasBookingsDetails = { count: booked.length, firstAt, firstDate: localTimeOf(firstAt, timezone).date };
  const visits = booked.length === 1 ? '1 booked visit' : `${booked.length} booked visits`;
  return new AppError('BRANCH_HAS_BOOKINGS', `${visits} from ${details.firstDate}: take the branch out of service again with cancelBookings to cancel them and tell the customers.`, undefined, { ...details });
}

/** SERVICE_HAS_BOOKINGS: how many booked visits, from which day (in the branch's zone), so the screen can word the question. */
function hasBookings(serviceCode: string, booked: readonly ServiceBooking[], timezone: string): AppError {
  const firstAt = booked[0]!.startsAt;
  const details: ServiceHasBookingsDetails = { serviceCode, count: booked.length, firstAt, firstDate: localTimeOf(firstAt, timezone).date };
  const visits = booked.length === 1 ? '1 booked visit' : `${booked.length} booked visits`;
  return new AppError('SERVICE_HAS_BOOKINGS', `${visits} from ${details.firstDate}: deactivate again with cancelBookings to cancel them and tell the customers.`, undefined, { ...details });
}
