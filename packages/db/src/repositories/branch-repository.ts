import { ServiceBookingRules } from '@tellerline/contracts';
import { DEFAULT_ROUTING, localDateOf, type BranchConfig, type RoutingConfig } from '@tellerline/engine';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type {
  BranchAddress,
  BranchDetails,
  BranchInfo,
  BranchSetup,
  LocalizedList,
  OpeningHours,
  SignageSettings,
  StaffInfo,
} from '../types.js';
import { WEEKDAYS } from '../types.js';
import { recordPilotSwitch } from './pilot-periods.js';

type BranchRow = {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  timezone: string;
  openingHours: unknown;
  addressZh: string | null;
  addressEn: string | null;
  pilot: boolean;
  active: boolean;
  customersOpen: boolean;
};

// Interactive transactions default to 5 s; a large branch on a busy PGlite can take longer.
const TX_OPTIONS = { timeout: 30_000, maxWait: 10_000 };

export interface BranchRepository {
  /**
   * Creates or updates a branch and its services, counters and staff from `setup` (matched by
   * branch code), in one transaction. Returns the branch id.
   */
  upsert(setup: BranchSetup): Promise<string>;
  /** Replaces a branch's weekly opening hours (a day left out is closed). */
  setOpeningHours(branchId: string, hours: Partial<OpeningHours>): Promise<void>;
  /** Branches ordered by code, public info only. */
  list(): Promise<BranchInfo[]>;
  info(branchId: string): Promise<BranchInfo | null>;
  findByCode(code: string): Promise<BranchInfo | null>;
  /**
   * Everything about the branch, inactive entries included: services by code, counters by label
   * (numbers by value: 1, 2, ... 10), staff by name.
   */
  details(branchId: string): Promise<BranchDetails | null>;
  /**
   * The engine's view: active services, counters and staff (skills limited to active services),
   * routing with defaults filled in. Ordered by code/label/name so equal data gives equal config.
   */
  loadConfig(branchId: string): Promise<BranchConfig | null>;
}

export function createBranchRepository(prisma: PrismaClient): BranchRepository {
  const repo: BranchRepository = {
    async upsert(setup) {
      return prisma.$transaction(async (tx) => {
        const data = {
          nameZh: setup.name.zh,
          nameEn: setup.name.en,
          timezone: setup.timezone,
          openingHours: json(normalizeHours(setup.openingHours)),
          ...(setup.address && addressColumns(setup.address)),
          pilot: setup.pilot ?? false,
          routing: json(setup.routing ?? {}),
          signage: json(setup.signage ?? {}),
        };
        const branch = await tx.branch.upsert({
          where: { code: setup.code },
          create: { code: setup.code, ...data },
          update: data,
        });
        const branchId = branch.id;
        const today = localDateOf(Date.now(), branch.timezone);
        await recordPilotSwitch(tx, branchId, branch.pilot, branch.pilot ? (setup.pilotSince ?? today) : today);

        const serviceIds = new Map<string, string>();
        for (const s of setup.services) {
          const fields = {
            nameZh: s.name.zh,
            nameEn: s.name.en,
            targetMin: s.targetMin,
            defaultDurationMin: s.defaultDurationMin,
            documents: json(s.documents ?? { zh: [], en: [] }),
            active: s.active ?? true,
          };
          const row = await tx.service.upsert({
            where: { branchId_code: { branchId, code: s.code } },
            create: { branchId, code: s.code, ...fields },
            update: fields,
          });
          serviceIds.set(s.code, row.id);
        }
        await tx.service.updateMany({
          where: { branchId, code: { notIn: setup.services.map((s) => s.code) } },
          data: { active: false },
        });

        for (const c of setup.counters) {
          await tx.counter.upsert({
            where: { branchId_label: { branchId, label: c.label } },
            create: { branchId, label: c.label, active: c.active ?? true },
            update: { active: c.active ?? true },
          });
        }
        await tx.counter.updateMany({
          where: { branchId, label: { notIn: setup.counters.map((c) => c.label) } },
          data: { active: false },
        });

        const existing = await tx.staff.findMany({ where: { branchId } });
        const kept = new Set<string>();
        for (const s of setup.staff) {
          const match = existing.find((e) =>
            s.userId ? e.userId === s.userId : e.userId === null && e.displayName === s.displayName,
          );
          const fields = { displayName: s.displayName, userId: s.userId ?? null, active: s.active ?? true };
          const staff = match
            ? await tx.staff.update({ where: { id: match.id }, data: fields })
            : await tx.staff.create({ data: { branchId, ...fields } });
          kept.add(staff.id);
          await tx.staffSkill.deleteMany({ where: { staffId: staff.id } });
          const skills = Object.entries(s.skills).map(([code, proficiency]) => {
            const serviceId = serviceIds.get(code);
            if (!serviceId) throw new Error(`Staff ${s.displayName}: unknown service code ${code}`);
            return { staffId: staff.id, serviceId, proficiency };
          });
          if (skills.length > 0) await tx.staffSkill.createMany({ data: skills });
        }
        await tx.staff.updateMany({ where: { branchId, id: { notIn: [...kept] } }, data: { active: false } });
        return branchId;
      }, TX_OPTIONS);
    },

    async list() {
      const rows = await prisma.branch.findMany({ orderBy: { code: 'asc' } });
      return rows.map(toInfo);
    },

    async setOpeningHours(branchId, hours) {
      await prisma.branch.update({ where: { id: branchId }, data: { openingHours: json(normalizeHours(hours)) } });
    },
    async info(branchId) {
      const row = await prisma.branch.findUnique({ where: { id: branchId } });
      return row ? toInfo(row) : null;
    },

    async findByCode(code) {
      const row = await prisma.branch.findUnique({ where: { code } });
      return row ? toInfo(row) : null;
    },

    async details(branchId) {
      const row = await prisma.branch.findUnique({
        where: { id: branchId },
        include: {
          // Sorted below, not here: a database sorts text by its collation (PostgreSQL's locale
          // is not PGlite's C), and no collation reads counter "10" after "9".
          services: true,
          counters: true,
          staff: { orderBy: { displayName: 'asc' }, include: { skills: true } },
        },
      });
      if (!row) return null;
      return {
        ...toInfo(row),
        routing: toRouting(row.routing),
        signage: (row.signage ?? {}) as SignageSettings,
        services: [...row.services].sort((a, b) => byCodePoint(a.code, b.code)).map((s) => ({
          id: s.id,
          code: s.code,
          name: { zh: s.nameZh, en: s.nameEn },
          targetMin: s.targetMin,
          defaultDurationMin: s.defaultDurationMin,
          documents: toDocuments(s.documents),
          active: s.active,
          walkIns: takesWalkIns(s.booking),
        })),
        counters: [...row.counters].sort((a, b) => compareLabels(a.label, b.label)).map((c) => ({ id: c.id, label: c.label, active: c.active })),
        staff: row.staff.map(
          (s): StaffInfo => ({
            id: s.id,
            userId: s.userId,
            displayName: s.displayName,
            active: s.active,
            skills: Object.fromEntries(s.skills.map((k) => [k.serviceId, k.proficiency])),
          }),
        ),
      };
    },

    async loadConfig(branchId) {
      const d = await repo.details(branchId);
      if (!d) return null;
      const services = d.services.filter((s) => s.active);
      const activeServiceIds = new Set(services.map((s) => s.id));
      return {
        branchId,
        services: services.map((s) => ({
          id: s.id,
          code: s.code,
          name: s.name,
          targetMin: s.targetMin,
          defaultDurationMin: s.defaultDurationMin,
          ...(s.walkIns === false ? { walkIns: false } : {}),
        })),
        counters: d.counters.filter((c) => c.active).map((c) => ({ id: c.id, label: c.label })),
        staff: d.staff
          .filter((s) => s.active)
          .map((s) => ({
            id: s.id,
            skills: Object.fromEntries(Object.entries(s.skills).filter(([id]) => activeServiceIds.has(id))),
          })),
        routing: d.routing,
      };
    },
  };
  return repo;
}

export const json = (value: unknown) => value as Prisma.InputJsonValue;

/**
 * The same order on every backend and every read: the config built from it is what the live state
 * keeps, and so the order of GET /branches/:id, the kiosk tiles and the signage board.
 */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Counter labels as people read them: "2" before "10", "VIP 2" before "VIP 10"; text parts by
 * code point, so digits come before letters ("1" before "VIP 1"). Labels are unique per branch;
 * ties in value ("01", "1") still get one fixed order.
 */
function compareLabels(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      // Compared as digit strings, so a label of any length sorts by value without overflow.
      const nx = x.replace(/^0+/, '');
      const ny = y.replace(/^0+/, '');
      if (nx !== ny) return nx.length !== ny.length ? nx.length - ny.length : byCodePoint(nx, ny);
      continue;
    }
    return byCodePoint(x, y);
  }
  return pa.length - pb.length || byCodePoint(a, b);
}

/** A branch row as callers see it (shared with the set-up repository). */
export function toInfo(row: BranchRow): BranchInfo {
  return {
    id: row.id,
    code: row.code,
    name: { zh: row.nameZh, en: row.nameEn },
    timezone: row.timezone,
    openingHours: normalizeHours(row.openingHours as Partial<OpeningHours> | null),
    address: { zh: row.addressZh, en: row.addressEn },
    pilot: row.pilot,
    active: row.active,
    customersOpen: row.customersOpen,
  };
}

/** The address columns of a write (an empty line is stored as not set). */
export function addressColumns(address: BranchAddress): { addressZh: string | null; addressEn: string | null } {
  return { addressZh: address.zh?.trim() || null, addressEn: address.en?.trim() || null };
}

export function normalizeHours(hours: Partial<OpeningHours> | null | undefined): OpeningHours {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, hours?.[d] ?? []])) as OpeningHours;
}

/** Stored routing may be partial (or from an older version): defaults fill the gaps. */
function toRouting(stored: unknown): RoutingConfig {
  const r = (stored ?? {}) as Partial<RoutingConfig>;
  return {
    ...DEFAULT_ROUTING,
    ...r,
    priorityBoost: { ...DEFAULT_ROUTING.priorityBoost, ...r.priorityBoost },
  };
}

export function toDocuments(stored: unknown): LocalizedList {
  const d = (stored ?? {}) as Partial<LocalizedList>;
  return { zh: d.zh ?? [], en: d.en ?? [] };
}

/**
 * Whether a service's stored booking rules leave it open to walk-ins, read as the booking side
 * reads them: rules that do not parse (edited by hand, an older version) count as the defaults,
 * which take walk-ins.
 */
function takesWalkIns(booking: unknown): boolean {
  const rules = ServiceBookingRules.safeParse(booking);
  return rules.success ? rules.data.walkIns : true;
}
