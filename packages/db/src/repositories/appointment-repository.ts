import { randomUUID } from 'node:crypto';
import type { LocalizedText } from '@tellerline/engine';
import { Prisma, type Appointment as AppointmentRow, type PrismaClient } from '../generated/prisma/client.js';
import type { BranchAddress, CustomerRecord, LocalizedList, NewCustomer, OpeningHours } from '../types.js';
import { customerData, customersWith } from './customer-repository.js';
import { WEEKDAYS } from '../types.js';
import { hashManageToken, processManageTokens, type ManageTokens } from '../manage-tokens.js';

export type AppointmentState = 'booked' | 'checked-in' | 'done' | 'no-show' | 'cancelled';
export type AppointmentChannel = 'branch' | 'video' | 'phone';
/** Who cancelled an appointment: its customer (manage page) or the branch (a service it stopped offering). */
export type AppointmentCanceller = 'customer' | 'branch';
/** The changes a customer is told about at once (the confirmation notices). */
export type AppointmentChangeKind = 'booked' | 'moved' | 'cancelled';

/**
 * A confirmation the customer is owed, recorded by the statement that made the change: `at` is
 * when (the server's clock), so a sweep can leave fresh ones to the request that made them.
 */
export interface NoticeOwed {
  kind: AppointmentChangeKind;
  at: number;
}

/**
 * Why a booking tried with a customer's contact was refused, as the notice owed to them says:
 * 'already-booked', it overlapped their booking; 'booking-limit', they hold the most bookings
 * allowed (the notice names their next one).
 */
export type RefusalNoticeKind = 'already-booked' | 'booking-limit';

/** A refusal notice owed to `appointment`'s customer: a booking tried at `at` was refused (`kind`), about `appointment` at `version`. */
export interface OwedAlreadyBooked {
  appointment: AppointmentRecord;
  version: number;
  at: number;
  kind: RefusalNoticeKind;
}

/** An appointment whose confirmation of its current version's change is owed (not queued yet). */
export interface OwedNotice {
  appointment: AppointmentRecord;
  kind: AppointmentChangeKind;
  /** When it became owed. */
  at: number;
}

export interface AppointmentRecord {
  id: string;
  branchId: string;
  serviceId: string;
  customerId: string | null;
  startsAt: number;
  endsAt: number;
  /** Short code for the kiosk, unique per branch. */
  code: string;
  /** The manage link's token (derived, or an older row's own; see `toRecord`): never stored in plain text for a new row. */
  manageToken: string;
  /**
   * The nonce `manageToken` is derived with (manage-tokens.ts); null for an older row, whose token
   * was random. With the id, all a record kept outside the database needs to find the link again
   * (the booking request ledger): never the token itself.
   */
  manageTokenNonce: number | null;
  state: AppointmentState;
  ticketId: string | null;
  channel: AppointmentChannel;
  joinUrl: string | null;
  /** Bumped by every reschedule. */
  version: number;
  checkedInAt: number | null;
  lateArrival: boolean;
  /** This booking made its customer profile (see schema.prisma). */
  createdProfile: boolean;
  /** This booking's own history choice: the needs ticked when it asked to keep a history, else null (see schema.prisma). */
  historyAsked: Record<string, boolean> | null;
  /** Who cancelled it (state `cancelled`); null otherwise. */
  cancelledBy: AppointmentCanceller | null;
  createdAt: number;
  /**
   * When this version was booked: its creation, or the move that made it. A reminder whose time
   * had passed by then was never armed, so re-arming after a Redis loss must not send it either.
   */
  bookedAt: number;
}

export interface NewAppointment {
  branchId: string;
  serviceId: string;
  customerId: string | null;
  startsAt: number;
  endsAt: number;
  code: string;
  channel: AppointmentChannel;
  joinUrl: string | null;
  /** Set when the same transaction made the profile (`createCustomer`). */
  createdProfile?: boolean;
  /** The booking's time on the server's clock (default: the database's now). */
  createdAt?: number;
  historyAsked?: Record<string, boolean> | null;
  /** The booking's confirmation, owed from the moment the row exists (see `OwedNotice`). */
  noticeOwed?: NoticeOwed;
}

/**
 * What the slot finder needs about a branch: hours, time zone, stored booking settings and
 * rules (raw JSON, partial: the server validates them and fills defaults), active services, and
 * active staff with their skills in active services and rosters.
 */
export interface BookingSetupRecord {
  branchId: string;
  timezone: string;
  name: LocalizedText;
  /** Street address per language, null where not set. */
  address: BranchAddress;
  /** False once the branch was taken out of service. */
  active: boolean;
  /** False while the branch is in preparation: staff only, nothing booked or moved there. */
  customersOpen: boolean;
  openingHours: OpeningHours;
  settings: Record<string, unknown>;
  /** The booking setup's version: bumped by every write of settings, service rules or rosters. */
  version: number;
  services: {
    id: string;
    code: string;
    name: LocalizedText;
    defaultDurationMin: number;
    documents: LocalizedList;
    booking: Record<string, unknown>;
  }[];
  /**
   * The branch's inactive services, by code, as bookings and tickets made before the branch
   * stopped offering them still name them (a cancellation notice, the manage page).
   */
  formerServices: { id: string; code: string; name: LocalizedText; documents: LocalizedList }[];
  staff: { id: string; displayName: string; skills: Record<string, number>; roster: unknown }[];
}

/** New stored booking settings; each part replaces what was stored for it. */
export interface BookingSettingsUpdate {
  settings?: Record<string, unknown>;
  /** serviceId -> rules */
  services?: Record<string, Record<string, unknown>>;
  /** staffId -> weekly roster, or null for "works opening hours" */
  rosters?: Record<string, unknown>;
}

/** Reads and writes made while holding a branch's booking lock. */
export interface BookingTx {
  /** Booked or checked-in appointments of the branch that overlap [from, to). */
  activeBetween(branchId: string, from: number, to: number): Promise<AppointmentRecord[]>;
  /** The customer's booked appointments that have not started at `now` (any branch), less `excludeId`. */
  activeCountForCustomer(customerId: string, now: number, excludeId?: string): Promise<number>;
  /** The customer's next booking still ahead (state booked, any branch), or null. */
  nextActiveForCustomer(customerId: string, now: number): Promise<AppointmentRecord | null>;
  codeTaken(branchId: string, code: string): Promise<boolean>;
  create(appointment: NewAppointment): Promise<AppointmentRecord>;
  /**
   * A new customer profile, written with the booking that needs it: a refused booking leaves no
   * profile behind.
   */
  createCustomer(customer: NewCustomer): Promise<{ id: string }>;
  /**
   * Profiles with this phone (else e-mail), oldest first, read in the booking's transaction: on
   * PGlite (one connection) a read outside it would wait for the transaction to end, and time out.
   */
  customersByContact(contact: { phone?: string | null; email?: string | null }): Promise<CustomerRecord[]>;
  /**
   * Moves a booked appointment and bumps its version; null if it is no longer booked at `version`.
   * `at`: when it is moved, on the server's clock (the new version's `bookedAt`). The move's
   * confirmation is recorded owed at `at` by the same statement (see `OwedNotice`).
   */
  move(id: string, version: number, startsAt: number, endsAt: number, at?: number): Promise<AppointmentRecord | null>;
  /** Whether the service is an active service of the branch and the branch in service, read under the lock. */
  serviceActive(branchId: string, serviceId: string): Promise<boolean>;
  /** The service's appointments still booked (null: every service's), by start time, read under the lock. */
  bookedForService(branchId: string, serviceId: string | null): Promise<AppointmentRecord[]>;
  /** Marks the service inactive (false: not a service of the branch). */
  deactivateService(branchId: string, serviceId: string): Promise<boolean>;
  /** Takes the branch out of service (false: no such branch). */
  deactivateBranch(branchId: string): Promise<boolean>;
  /** The branch's booking settings version now (bumped by every settings save); null: no such branch. */
  bookingVersion(branchId: string): Promise<number | null>;
  /**
   * `AppointmentRepository.saveBookingSettings` in this transaction: a save that must stand or
   * fall with other writes made here (closures and the bookings they cancel).
   */
  saveBookingSettings(branchId: string, update: BookingSettingsUpdate, expectedVersion?: number): Promise<boolean>;
  /** Compare-and-set of an appointment's state in this transaction (as `transition`); null when the condition failed. */
  transition(id: string, from: readonly AppointmentState[], change: AppointmentStateChange): Promise<AppointmentRecord | null>;
  /**
   * Records the refusal notice owed to `a`'s customer for a booking attempt refused at `at`
   * (see `OwedAlreadyBooked`; `kind` 'already-booked' unless given), in the attempt's transaction.
   */
  owesAlreadyBooked(a: { id: string; version: number }, at: number, kind?: RefusalNoticeKind): Promise<void>;
}

export interface AppointmentStateChange {
  state: AppointmentState;
  ticketId?: string;
  checkedInAt?: number;
  lateArrival?: boolean;
  /** With state `cancelled`: who cancelled; null when a cancel is undone (back to `booked`). */
  cancelledBy?: AppointmentCanceller | null;
  /**
   * The confirmation the change owes the customer, written by the same statement (a cancel's);
   * null forgets one owed (a cancel undone before anyone was told).
   */
  noticeOwed?: NoticeOwed | null;
}

export interface AppointmentRepository {
  bookingSetup(branchId: string): Promise<BookingSetupRecord | null>;
  /**
   * Stores booking settings, service rules and rosters in one transaction and bumps the version;
   * ids must belong to the branch. With `expectedVersion`, a compare-and-set: when the stored
   * version is another (a save came first) nothing is written and it resolves false.
   */
  saveBookingSettings(branchId: string, update: BookingSettingsUpdate, expectedVersion?: number): Promise<boolean>;
  /**
   * Read-modify-write of the branch's booking settings with the row locked (SELECT ... FOR UPDATE),
   * so no other save lands between the read and the write: `change` gets the settings as stored and
   * returns what to store (it may throw to write nothing). Bumps the version. Resolves the new
   * version, or null when there is no such branch.
   */
  updateBookingSettings(branchId: string, change: (stored: Record<string, unknown>) => Record<string, unknown>): Promise<number | null>;
  /**
   * Runs `fn` in one transaction that first takes the branch's booking lock (a transaction-scoped
   * PostgreSQL advisory lock): bookings and moves of one branch are serialised, so a capacity
   * check made inside `fn` still holds when `fn` writes. Other branches are not blocked.
   */
  withBookingLock<T>(branchId: string, fn: (tx: BookingTx) => Promise<T>): Promise<T>;
  /** Booked or checked-in appointments of the branch that overlap [from, to) (no lock: listings). */
  activeBetween(branchId: string, from: number, to: number): Promise<AppointmentRecord[]>;
  findById(id: string): Promise<AppointmentRecord | null>;
  /** By the manage link's token (looked up by its hash); the record carries the token presented. */
  findByManageToken(manageToken: string): Promise<AppointmentRecord | null>;
  /**
   * Clears the plaintext tokens kept for rows from before tokens were hashed, of visits that began
   * by `before` (their notices are over; the link keeps working by its hash). Resolves how many.
   */
  forgetPlainManageTokens(before: number): Promise<number>;
  findByCode(branchId: string, code: string): Promise<AppointmentRecord | null>;
  /** The appointments of a service (null: of every service of the branch) still booked (not checked in, missed or cancelled), by start time. */
  bookedForService(branchId: string, serviceId: string | null): Promise<AppointmentRecord[]>;
  /** Every appointment of the branch starting in [from, to), any state, by start time. */
  listStartingBetween(branchId: string, from: number, to: number): Promise<AppointmentRecord[]>;
  /**
   * Compare-and-set: applies `change` only if the appointment is in one of `from` (and at
   * `version`, when given). Returns the updated record, or null when the condition failed.
   */
  transition(id: string, from: readonly AppointmentState[], change: AppointmentStateChange, version?: number): Promise<AppointmentRecord | null>;
  /** Refusal notices ('already-booked', 'booking-limit') owed since `before` or earlier (oldest first, at most `limit`). */
  owedAlreadyBooked(before: number, limit: number): Promise<OwedAlreadyBooked[]>;
  /** Forgets the 'already-booked' notice owed for the attempt at `at` (it is queued, or no longer of use). */
  alreadyBookedQueued(appointmentId: string, at: number): Promise<void>;
  /**
   * Confirmations owed since `before` or earlier (oldest first, at most `limit`): changes whose
   * notice the process that made them did not queue (it died, or Redis was away).
   */
  owedNotices(before: number, limit: number): Promise<OwedNotice[]>;
  /**
   * Clears the owed `kind` of the appointment's `version` once its notice is queued; false when
   * another change owes a notice of its own since (that one stays owed). Leaves `updatedAt` (a
   * booked row's `bookedAt`) as it was.
   */
  noticeQueued(id: string, version: number, kind: AppointmentChangeKind): Promise<boolean>;
  /** Records that a remote ticket's holder arrived; the first arrival wins. Returns its time. */
  recordArrival(branchId: string, ticketId: string, at: number): Promise<number>;
  /** Records this booking's own history choice (the needs ticked, or null for none). */
  setHistoryAsked(id: string, asked: Record<string, boolean> | null): Promise<void>;
  /** ticketId -> arrival time, for those of `ticketIds` that arrived. */
  arrivals(ticketIds: readonly string[]): Promise<Record<string, number>>;
}

/** Key space of the booking locks (pg_advisory_xact_lock(int, int)); the second key is the branch. */
const BOOKING_LOCK_CLASS = 0x7e11e7;
const ACTIVE: AppointmentState[] = ['booked', 'checked-in'];
// Waiting for the lock counts against the transaction: allow for a burst of bookings.
const TX_OPTIONS = { timeout: 20_000, maxWait: 10_000 };

async function activeBetween(db: Pick<PrismaClient, 'appointment'>, rec: ToRecord, branchId: string, from: number, to: number): Promise<AppointmentRecord[]> {
  const rows = await db.appointment.findMany({
    where: { branchId, state: { in: ACTIVE }, startsAt: { lt: new Date(to) }, endsAt: { gt: new Date(from) } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(rec);
}

async function bookedFor(db: Pick<PrismaClient, 'appointment'>, rec: ToRecord, branchId: string, serviceId: string | null): Promise<AppointmentRecord[]> {
  const rows = await db.appointment.findMany({ where: { branchId, ...(serviceId === null ? {} : { serviceId }), state: 'booked' }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] });
  return rows.map(rec);
}

type Tx = Prisma.TransactionClient;
type ToRecord = (row: AppointmentRow) => AppointmentRecord;

async function writeBookingSettings(tx: Tx, branchId: string, update: BookingSettingsUpdate, expectedVersion?: number): Promise<boolean> {
  // First, so the row stays locked to the end: a concurrent save at the same version waits
  // here, then finds the version moved on (READ COMMITTED re-checks the WHERE) and writes nothing.
  const bumped = await tx.branch.updateMany({
    where: { id: branchId, ...(expectedVersion === undefined ? {} : { bookingVersion: expectedVersion }) },
    data: { bookingVersion: { increment: 1 } },
  });
  if (bumped.count !== 1) return false;
  if (update.settings) await tx.branch.update({ where: { id: branchId }, data: { booking: json(update.settings) } });
  for (const [id, rules] of Object.entries(update.services ?? {})) {
    const n = await tx.service.updateMany({ where: { id, branchId }, data: { booking: json(rules) } });
    if (n.count !== 1) throw new Error(`Service ${id} is not in branch ${branchId}`);
  }
  for (const [id, roster] of Object.entries(update.rosters ?? {})) {
    const n = await tx.staff.updateMany({ where: { id, branchId }, data: { roster: roster === null ? Prisma.DbNull : json(roster) } });
    if (n.count !== 1) throw new Error(`Staff ${id} is not in branch ${branchId}`);
  }
  return true;
}

/** The owed-notice columns for `owed` (null: none owed). */
function owedData(owed: NoticeOwed | null): { noticeOwed: string | null; noticeOwedAt: Date | null } {
  return owed ? { noticeOwed: owed.kind, noticeOwedAt: new Date(owed.at) } : { noticeOwed: null, noticeOwedAt: null };
}

async function transition(db: Pick<PrismaClient, 'appointment'>, rec: ToRecord, id: string, from: readonly AppointmentState[], change: AppointmentStateChange, version?: number): Promise<AppointmentRecord | null> {
  const data: Prisma.AppointmentUpdateManyMutationInput = { state: change.state };
  if (change.ticketId !== undefined) data.ticketId = change.ticketId;
  if (change.checkedInAt !== undefined) data.checkedInAt = new Date(change.checkedInAt);
  if (change.lateArrival !== undefined) data.lateArrival = change.lateArrival;
  if (change.cancelledBy !== undefined) data.cancelledBy = change.cancelledBy;
  if (change.noticeOwed !== undefined) Object.assign(data, owedData(change.noticeOwed));
  const n = await db.appointment.updateMany({
    where: { id, state: { in: [...from] }, ...(version !== undefined ? { version } : {}) },
    data,
  });
  if (n.count !== 1) return null;
  const row = await db.appointment.findUnique({ where: { id } });
  return row && rec(row);
}

/**
 * `tokens` derives the manage links' tokens (manage-tokens.ts); the server passes those of its
 * link secret. Without it, a secret of this process only (tests).
 */
export function createAppointmentRepository(prisma: PrismaClient, tokens: ManageTokens = processManageTokens()): AppointmentRepository {
  const rec: ToRecord = (row) => toRecord(row, tokens);
  return {
    async bookingSetup(branchId) {
      const row = await prisma.branch.findUnique({
        where: { id: branchId },
        include: {
          services: { orderBy: { code: 'asc' } },
          staff: { where: { active: true }, orderBy: { displayName: 'asc' }, include: { skills: true } },
        },
      });
      if (!row) return null;
      const services = row.services.filter((s) => s.active);
      const active = new Set(services.map((s) => s.id));
      return {
        branchId: row.id,
        timezone: row.timezone,
        name: { zh: row.nameZh, en: row.nameEn },
        address: { zh: row.addressZh, en: row.addressEn },
        active: row.active,
        customersOpen: row.customersOpen,
        openingHours: Object.fromEntries(WEEKDAYS.map((d) => [d, (row.openingHours as Partial<OpeningHours> | null)?.[d] ?? []])) as OpeningHours,
        settings: asObject(row.booking),
        version: row.bookingVersion,
        services: services.map((s) => ({
          id: s.id,
          code: s.code,
          name: { zh: s.nameZh, en: s.nameEn },
          defaultDurationMin: s.defaultDurationMin,
          documents: { zh: [], en: [], ...(s.documents as Partial<LocalizedList>) },
          booking: asObject(s.booking),
        })),
        formerServices: row.services
          .filter((s) => !s.active)
          .map((s) => ({ id: s.id, code: s.code, name: { zh: s.nameZh, en: s.nameEn }, documents: { zh: [], en: [], ...(s.documents as Partial<LocalizedList>) } })),
        staff: row.staff.map((m) => ({
          id: m.id,
          displayName: m.displayName,
          skills: Object.fromEntries(m.skills.filter((k) => active.has(k.serviceId)).map((k) => [k.serviceId, k.proficiency])),
          roster: m.roster,
        })),
      };
    },

    async saveBookingSettings(branchId, update, expectedVersion) {
      return prisma.$transaction((tx) => writeBookingSettings(tx, branchId, update, expectedVersion), TX_OPTIONS);
    },

    async updateBookingSettings(branchId, change) {
      return prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ booking: unknown }[]>`SELECT booking FROM branches WHERE id = ${branchId} FOR UPDATE`;
        if (rows.length === 0) return null;
        const next = change(asObject(rows[0]!.booking));
        const row = await tx.branch.update({ where: { id: branchId }, data: { booking: json(next), bookingVersion: { increment: 1 } }, select: { bookingVersion: true } });
        return row.bookingVersion;
      }, TX_OPTIONS);
    },

    async withBookingLock(branchId, fn) {
      return prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOKING_LOCK_CLASS}::int, hashtext(${branchId}))`;
        return fn({
          activeBetween: (b, from, to) => activeBetween(tx, rec, b, from, to),
          activeCountForCustomer: (customerId, now, excludeId) =>
            tx.appointment.count({
              where: { customerId, state: 'booked', startsAt: { gt: new Date(now) }, ...(excludeId ? { id: { not: excludeId } } : {}) },
            }),
          async nextActiveForCustomer(customerId, now) {
            const row = await tx.appointment.findFirst({ where: { customerId, state: 'booked', startsAt: { gt: new Date(now) } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] });
            return row && rec(row);
          },
          async codeTaken(b, code) {
            return (await tx.appointment.count({ where: { branchId: b, code } })) > 0;
          },
          async create({ noticeOwed, ...a }) {
            // The id is made here, not by the database: the token's hash, stored with the row, is of it.
            const id = randomUUID();
            const row = await tx.appointment.create({
              data: { ...a, id, manageTokenHash: hashManageToken(tokens.tokenOf(id, 0)), manageTokenNonce: 0, ...(noticeOwed ? owedData(noticeOwed) : {}), startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt), createdAt: a.createdAt !== undefined ? new Date(a.createdAt) : undefined, historyAsked: a.historyAsked ? json(a.historyAsked) : Prisma.DbNull },
            });
            return rec(row);
          },
          async createCustomer(c) {
            const row = await tx.customer.create({ data: customerData(c), select: { id: true } });
            return { id: row.id };
          },
          customersByContact: async ({ phone, email }) => (phone ? customersWith(tx, { phone }) : email ? customersWith(tx, { email }) : []),
          async move(id, version, startsAt, endsAt, at) {
            const n = await tx.appointment.updateMany({
              where: { id, version, state: 'booked' },
              // updatedAt: the moved version's booking time (`bookedAt`); a booked row changes only by moves.
              data: { startsAt: new Date(startsAt), endsAt: new Date(endsAt), version: { increment: 1 }, ...(at !== undefined ? { updatedAt: new Date(at), ...owedData({ kind: 'moved', at }) } : {}) },
            });
            if (n.count !== 1) return null;
            const row = await tx.appointment.findUnique({ where: { id } });
            return row && rec(row);
          },
          serviceActive: async (b, serviceId) => (await tx.service.count({ where: { id: serviceId, branchId: b, active: true, branch: { active: true } } })) === 1,
          bookedForService: (b, serviceId) => bookedFor(tx, rec, b, serviceId),
          deactivateService: async (b, serviceId) => (await tx.service.updateMany({ where: { id: serviceId, branchId: b }, data: { active: false } })).count === 1,
          deactivateBranch: async (b) => (await tx.branch.updateMany({ where: { id: b }, data: { active: false } })).count === 1,
          bookingVersion: async (b) => (await tx.branch.findUnique({ where: { id: b }, select: { bookingVersion: true } }))?.bookingVersion ?? null,
          saveBookingSettings: (b, update, expectedVersion) => writeBookingSettings(tx, b, update, expectedVersion),
          transition: (id, from, change) => transition(tx, rec, id, from, change),
          async owesAlreadyBooked(a, at, kind = 'already-booked') {
            await tx.alreadyBookedOwed.createMany({ data: [{ appointmentId: a.id, version: a.version, at: new Date(at), kind }], skipDuplicates: true });
          },
        });
      }, TX_OPTIONS);
    },

    activeBetween: (branchId, from, to) => activeBetween(prisma, rec, branchId, from, to),
    async findById(id) {
      const row = await prisma.appointment.findUnique({ where: { id } });
      return row && rec(row);
    },
    async findByManageToken(manageToken) {
      const row = await prisma.appointment.findUnique({ where: { manageTokenHash: hashManageToken(manageToken) } });
      // The token presented is the appointment's (its hash matched): an older row's too, after its
      // plaintext was cleared.
      return row && { ...rec(row), manageToken };
    },
    async forgetPlainManageTokens(before) {
      return (await prisma.appointment.updateMany({ where: { manageToken: { not: null }, startsAt: { lte: new Date(before) } }, data: { manageToken: null } })).count;
    },
    async findByCode(branchId, code) {
      const row = await prisma.appointment.findUnique({ where: { branchId_code: { branchId, code } } });
      return row && rec(row);
    },
    bookedForService: (branchId, serviceId) => bookedFor(prisma, rec, branchId, serviceId),
    async listStartingBetween(branchId, from, to) {
      const rows = await prisma.appointment.findMany({
        where: { branchId, startsAt: { gte: new Date(from), lt: new Date(to) } },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(rec);
    },
    transition: (id, from, change, version) => transition(prisma, rec, id, from, change, version),
    async owedNotices(before, limit) {
      const rows = await prisma.appointment.findMany({ where: { noticeOwedAt: { lte: new Date(before) } }, orderBy: [{ noticeOwedAt: 'asc' }, { id: 'asc' }], take: limit });
      return rows.flatMap((row) => {
        const kind = row.noticeOwed;
        if (kind !== 'booked' && kind !== 'moved' && kind !== 'cancelled') return [];
        return [{ appointment: rec(row), kind, at: row.noticeOwedAt!.getTime() }];
      });
    },
    async owedAlreadyBooked(before, limit) {
      const rows = await prisma.alreadyBookedOwed.findMany({ where: { at: { lte: new Date(before) } }, orderBy: [{ at: 'asc' }, { appointmentId: 'asc' }], take: limit, include: { appointment: true } });
      return rows.map((row) => ({ appointment: rec(row.appointment), version: row.version, at: row.at.getTime(), kind: row.kind === 'booking-limit' ? ('booking-limit' as const) : ('already-booked' as const) }));
    },
    async alreadyBookedQueued(appointmentId, at) {
      await prisma.alreadyBookedOwed.deleteMany({ where: { appointmentId, at: new Date(at) } });
    },
    async noticeQueued(id, version, kind) {
      // Raw: Prisma's @updatedAt would move a booked row's `bookedAt` (what re-arming reminders reads).
      const n = await prisma.$executeRaw`UPDATE appointments SET notice_owed = NULL, notice_owed_at = NULL WHERE id = ${id} AND version = ${version} AND notice_owed = ${kind}`;
      return n === 1;
    },
    async setHistoryAsked(id, asked) {
      await prisma.$transaction(async (tx) => {
        const row = await tx.appointment.findUnique({ where: { id }, select: { updatedAt: true } });
        if (!row) return;
        // updatedAt kept: it is the moved version's booking time (`bookedAt`), not this choice's.
        await tx.appointment.update({ where: { id }, data: { historyAsked: asked ? json(asked) : Prisma.DbNull, updatedAt: row.updatedAt } });
      }, TX_OPTIONS);
    },
    async recordArrival(branchId, ticketId, at) {
      await prisma.ticketArrival.createMany({ data: [{ ticketId, branchId, arrivedAt: new Date(at) }], skipDuplicates: true });
      const row = await prisma.ticketArrival.findUnique({ where: { ticketId } });
      return row!.arrivedAt.getTime();
    },
    async arrivals(ticketIds) {
      if (ticketIds.length === 0) return {};
      const rows = await prisma.ticketArrival.findMany({ where: { ticketId: { in: [...ticketIds] } } });
      return Object.fromEntries(rows.map((r) => [r.ticketId, r.arrivedAt.getTime()]));
    },
  };
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function historyAskedOf(v: unknown): Record<string, boolean> | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
}

function toRecord(row: AppointmentRow, tokens: ManageTokens): AppointmentRecord {
  return {
    id: row.id,
    branchId: row.branchId,
    serviceId: row.serviceId,
    customerId: row.customerId,
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
    code: row.code,
    // An older row's own token while it is kept; a newer row's derived one. An older row's token
    // once cleared (its visit has begun) is nowhere: '' (no notice about it is sent any more, and a
    // lookup by the token answers with the token presented, `findByManageToken`).
    manageToken: row.manageToken ?? (row.manageTokenNonce === null ? '' : tokens.tokenOf(row.id, row.manageTokenNonce)),
    manageTokenNonce: row.manageTokenNonce,
    state: row.state as AppointmentState,
    ticketId: row.ticketId,
    channel: row.channel as AppointmentChannel,
    joinUrl: row.joinUrl,
    version: row.version,
    checkedInAt: row.checkedInAt?.getTime() ?? null,
    lateArrival: row.lateArrival,
    createdProfile: row.createdProfile,
    historyAsked: historyAskedOf(row.historyAsked),
    cancelledBy: row.cancelledBy === 'branch' || row.cancelledBy === 'customer' ? row.cancelledBy : row.state === 'cancelled' ? 'customer' : null,
    createdAt: row.createdAt.getTime(),
    // A booked row changes only by moves (each bumps the version); once it leaves 'booked' no
    // reminder is armed, so the last update is the moved version's booking time.
    bookedAt: (row.version === 0 ? row.createdAt : row.updatedAt).getTime(),
  };
}
