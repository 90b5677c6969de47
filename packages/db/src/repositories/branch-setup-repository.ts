import type { Counter as CounterRow, PrismaClient, Service as ServiceRow } from '../generated/prisma/client.js';
import type { LocalizedText } from '@tellerline/engine';
import type { BranchAddress, BranchInfo, CounterInfo, LocalizedList, OpeningHours, ServiceInfo } from '../types.js';
import { copyServicesAndCounters, readCopySource, type CopiedSetup } from './branch-copy.js';
import { addressColumns, json, normalizeHours, toDocuments, toInfo } from './branch-repository.js';
import { recordPilotSwitchAt } from './pilot-periods.js';

/** What is already taken when a create or an edit would make a second one. */
export type SetupDuplicate = 'branch-code' | 'service-code' | 'counter-label';

/** A branch code, a service code (in its branch) or a counter label (in its branch) is taken. Nothing was written. */
export class SetupDuplicateError extends Error {
  constructor(readonly duplicate: SetupDuplicate) {
    super(`${duplicate} is taken`);
    this.name = 'SetupDuplicateError';
  }
}

export interface NewBranch {
  code: string;
  name: LocalizedText;
  timezone: string;
  openingHours: OpeningHours;
  /** Absent: none. */
  address?: BranchAddress;
  pilot: boolean;
  /** Absent: open (the column's default, as the demo seed's); the API says false for a new branch. */
  customersOpen?: boolean;
}

/** The fields given change; the code never does (links and the help assistant name a branch by it). */
export interface BranchChanges {
  name?: LocalizedText;
  timezone?: string;
  openingHours?: OpeningHours;
  /** Both languages at once (null: not set). */
  address?: BranchAddress;
  pilot?: boolean;
  /** When the edit is made (epoch ms; default now): a pilot switch starts or ends a pilot period on the branch's day then. */
  at?: number;
  /** In or out of service (see `BranchInfo.active`). */
  active?: boolean;
  /** Open to customers or in preparation (see `BranchInfo.customersOpen`). */
  customersOpen?: boolean;
}

export interface NewService {
  code: string;
  name: LocalizedText;
  targetMin: number;
  defaultDurationMin: number;
  documents: LocalizedList;
}

export type ServiceChanges = Partial<NewService> & { active?: boolean };

export interface CounterChanges {
  label?: string;
  active?: boolean;
}

/**
 * Writes a branch's set-up one entry at a time (the set-up screens), beside `BranchRepository`,
 * which reads it whole and writes the demo seed. Nothing is ever deleted that something may refer
 * to: a service or counter is deactivated, and tickets and history keep pointing at it.
 * Every write is one statement, so it is atomic; a unique code or label taken, also by a
 * concurrent write, throws `SetupDuplicateError` and writes nothing. Updates and reads of an id
 * that is not in the given branch answer null.
 */
export interface BranchSetupRepository {
  /** A new branch without services, counters or staff; a pilot one starts its pilot period today (its time zone). */
  createBranch(branch: NewBranch, at?: number): Promise<BranchInfo>;
  /**
   * A new branch as `createBranch`, starting with the set-up of the active branch `sourceId`
   * (`branch-copy.ts`: its active services with their booking rules, active counters, opening
   * hours unless `openingHours` is given, booking settings with the closures not over at `at`, and
   * queue rules), all in one transaction: a code taken or a source refused (`CopySourceError`)
   * writes nothing.
   */
  copyBranch(branch: Omit<NewBranch, 'openingHours'> & { openingHours?: OpeningHours }, sourceId: string, at?: number): Promise<{ branch: BranchInfo; copied: CopiedSetup }>;
  /**
   * With `check`, the branch is read with its row locked (SELECT ... FOR UPDATE) and `check` sees
   * it as stored before the write; whatever `check` throws rolls the write back and is rethrown.
   * So a compare-and-set: no other save lands between the check and the write. A pilot flag
   * switched starts or ends a pilot period in the same transaction (`recordPilotSwitch`).
   */
  updateBranch(branchId: string, changes: BranchChanges, check?: (stored: BranchInfo) => void): Promise<BranchInfo | null>;
  /** A new, active service. */
  createService(branchId: string, service: NewService): Promise<ServiceInfo>;
  updateService(branchId: string, serviceId: string, changes: ServiceChanges): Promise<ServiceInfo | null>;
  /**
   * Deletes a service made a moment ago that nothing refers to yet: undoes a create the live
   * queue did not take. Answers false (and deletes nothing) once tickets, appointments or skills
   * refer to it.
   */
  discardService(branchId: string, serviceId: string): Promise<boolean>;
  /** A new, active counter. */
  createCounter(branchId: string, label: string): Promise<CounterInfo>;
  updateCounter(branchId: string, counterId: string, changes: CounterChanges): Promise<CounterInfo | null>;
  /** As `discardService`, for a counter no ticket was served at. */
  discardCounter(branchId: string, counterId: string): Promise<boolean>;
}

// A copy writes a few dozen rows; a busy PGlite can take longer than the 5 s default.
const COPY_TX = { timeout: 30_000, maxWait: 10_000 };

export function createBranchSetupRepository(prisma: PrismaClient): BranchSetupRepository {
  return {
    async createBranch(b, at = Date.now()) {
      const row = await unique('branch-code', () =>
        prisma.$transaction(async (tx) => {
          const made = await tx.branch.create({
            data: { code: b.code, nameZh: b.name.zh, nameEn: b.name.en, timezone: b.timezone, openingHours: json(normalizeHours(b.openingHours)), ...(b.address && addressColumns(b.address)), pilot: b.pilot, ...(b.customersOpen !== undefined && { customersOpen: b.customersOpen }) },
          });
          if (b.pilot) await recordPilotSwitchAt(tx, made, true, at);
          return made;
        }),
      );
      return toInfo(row);
    },

    async copyBranch(b, sourceId, at = Date.now()) {
      return unique('branch-code', () =>
        prisma.$transaction(async (tx) => {
          const source = await readCopySource(tx, sourceId, b.timezone, at);
          const made = await tx.branch.create({
            data: {
              code: b.code,
              nameZh: b.name.zh,
              nameEn: b.name.en,
              timezone: b.timezone,
              openingHours: json(normalizeHours(b.openingHours ?? source.openingHours)),
              ...(b.address && addressColumns(b.address)),
              pilot: b.pilot,
              // Never the source's: a copy is a new branch, in preparation unless the admin said otherwise.
              ...(b.customersOpen !== undefined && { customersOpen: b.customersOpen }),
              booking: source.booking,
              routing: source.routing,
            },
          });
          if (b.pilot) await recordPilotSwitchAt(tx, made, true, at);
          const counts = await copyServicesAndCounters(tx, sourceId, made.id);
          return { branch: toInfo(made), copied: { source: source.source, ...counts } };
        }, COPY_TX),
      );
    },

    async updateBranch(branchId, c, check) {
      const data = {
        ...(c.name && { nameZh: c.name.zh, nameEn: c.name.en }),
        ...(c.timezone !== undefined && { timezone: c.timezone }),
        ...(c.openingHours && { openingHours: json(normalizeHours(c.openingHours)) }),
        ...(c.address && addressColumns(c.address)),
        ...(c.pilot !== undefined && { pilot: c.pilot }),
        ...(c.active !== undefined && { active: c.active }),
        ...(c.customersOpen !== undefined && { customersOpen: c.customersOpen }),
      };
      return prisma.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM branches WHERE id = ${branchId} FOR UPDATE`;
        if (locked.length === 0) return null;
        const stored = toInfo(await tx.branch.findUniqueOrThrow({ where: { id: branchId } }));
        check?.(stored);
        const row = await tx.branch.update({ where: { id: branchId }, data });
        if (c.pilot !== undefined && c.pilot !== stored.pilot) await recordPilotSwitchAt(tx, row, c.pilot, c.at ?? Date.now());
        return toInfo(row);
      });
    },

    async createService(branchId, s) {
      const row = await unique('service-code', () =>
        prisma.service.create({
          data: { branchId, code: s.code, nameZh: s.name.zh, nameEn: s.name.en, targetMin: s.targetMin, defaultDurationMin: s.defaultDurationMin, documents: json(s.documents) },
        }),
      );
      return toService(row);
    },

    async updateService(branchId, serviceId, c) {
      const { count } = await unique('service-code', () =>
        prisma.service.updateMany({
          where: { id: serviceId, branchId },
          data: {
            ...(c.code !== undefined && { code: c.code }),
            ...(c.name && { nameZh: c.name.zh, nameEn: c.name.en }),
            ...(c.targetMin !== undefined && { targetMin: c.targetMin }),
            ...(c.defaultDurationMin !== undefined && { defaultDurationMin: c.defaultDurationMin }),
            ...(c.documents && { documents: json(c.documents) }),
            ...(c.active !== undefined && { active: c.active }),
          },
        }),
      );
      if (count === 0) return null;
      return toService(await prisma.service.findUniqueOrThrow({ where: { id: serviceId } }));
    },

    async discardService(branchId, serviceId) {
      const { count } = await prisma.service.deleteMany({
        where: { id: serviceId, branchId, tickets: { none: {} }, appointments: { none: {} }, skills: { none: {} } },
      });
      return count > 0;
    },

    async createCounter(branchId, label) {
      return toCounter(await unique('counter-label', () => prisma.counter.create({ data: { branchId, label } })));
    },

    async updateCounter(branchId, counterId, c) {
      const { count } = await unique('counter-label', () =>
        prisma.counter.updateMany({
          where: { id: counterId, branchId },
          data: { ...(c.label !== undefined && { label: c.label }), ...(c.active !== undefined && { active: c.active }) },
        }),
      );
      if (count === 0) return null;
      return toCounter(await prisma.counter.findUniqueOrThrow({ where: { id: counterId } }));
    },

    async discardCounter(branchId, counterId) {
      const { count } = await prisma.counter.deleteMany({ where: { id: counterId, branchId, tickets: { none: {} } } });
      return count > 0;
    },
  };
}

/**
 * Runs a write whose only unique constraint (besides the id) is `what`. A unique violation comes
 * back as Prisma's P2002 from the PostgreSQL driver adapter, and with SQLSTATE 23505 in its cause
 * from PGlite's: both mean the code or label is taken.
 */
async function unique<T>(what: SetupDuplicate, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new SetupDuplicateError(what);
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown; originalCode?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === 'P2002' || e.code === '23505' || e.originalCode === '23505') return true;
  }
  return false;
}

function toService(row: ServiceRow): ServiceInfo {
  return {
    id: row.id,
    code: row.code,
    name: { zh: row.nameZh, en: row.nameEn },
    targetMin: row.targetMin,
    defaultDurationMin: row.defaultDurationMin,
    documents: toDocuments(row.documents),
    active: row.active,
  };
}

function toCounter(row: CounterRow): CounterInfo {
  return { id: row.id, label: row.label, active: row.active };
}
