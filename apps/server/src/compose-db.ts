import { mkdirSync } from 'node:fs';
import type { BranchEvent } from '@tellerline/engine';
import { join } from 'node:path';
import { createDb, createManageTokens, createRepositories, hashDeviceToken, holdPgliteFolder, migrate, newDeviceToken, seedDemo, underStartupLock, type DataFolderLock, type OpeningHours, type Repositories } from '@tellerline/db';
import { resolveLinkSecret } from './link-secret.js';
import type { AuditLog, AuditReader, DeviceLookup, UserLookup } from './auth/ports.js';
import type { Config } from './config.js';
import { neededOnly, type CustomerProfileView } from '@tellerline/contracts';
import { maskPhone } from '@tellerline/contracts/input-rules';
import type { CustomerSink } from './http/routes/ticket.routes.js';
import type { BranchDirectory, EventLog, TicketLookup } from './usecases/ports.js';
import type { EventLogGaps } from './usecases/event-log-catch-up.js';
import type { BookingStore, CustomerBook, SentNotices } from './usecases/booking-ports.js';
import type { DeviceStore } from './usecases/devices.js';
import type { TeamStore } from './usecases/team.js';
import type { PasswordChangeDeps } from './usecases/password-change.js';
import type { SetupStore } from './usecases/branch-setup.js';
import type { SurveyStore } from './usecases/survey.js';
import type { ServiceRecordStore, VisitStore } from './usecases/service-records.js';
import type { KpiStore } from './usecases/kpis.js';
import type { HistoryConsentStore } from './usecases/history-consent.js';
import type { ConsentConfirmationStore } from './usecases/history-consent-requests.js';
import { createNoticeStore } from './compose-db-notices.js';
import { createAuditPort } from './compose-db-audit.js';
import type { NotifySettings } from './compose-notify.js';
import type { NoticeStore } from './notifications/ports.js';

/**
 * The lock for the database `config` names: PGlite's folder under DATA_DIR (the db package's
 * `holdPgliteFolder`, shared with `npm run migrate`); none for DATABASE_URL (PostgreSQL serves many).
 */
export function holdEmbeddedDatabase(config: Config): DataFolderLock {
  if (config.databaseUrl) return { release: () => undefined };
  return holdPgliteFolder(pgliteFolder(config));
}

export const pgliteFolder = (config: Config): string => join(config.dataDir, 'pglite');

export interface DemoSeed {
  branchId: string;
  kioskToken: string | null;
  signageToken: string | null;
  logins: { username: string; password: string; role: string; skills: string }[];
  /** The demo branch's weekly hours as stored (the kiosk issues walk-in tickets only within them). */
  openingHours: OpeningHours;
}

/** The server's ports over PostgreSQL/PGlite. Part of the composition root. */
export interface CustomerProfiles {
  /**
   * What staff see about the customer holding `currentTicketId`. Earlier visits and what was
   * recorded about them only with the customer's consent to keep a history; without it, the
   * current visit alone (its record is this visit's, not history) and no needs.
   */
  profile(customerId: string, currentTicketId: string): Promise<CustomerProfileView>;
}

export interface DatabasePorts {
  kind: 'postgres' | 'pglite';
  eventLog: EventLog & EventLogGaps;
  /** The branch's stored events with seq > afterSeq, oldest first, at most `limit` (the lobby's recent calls after a rebuild). */
  eventHistory: (branchId: string, afterSeq: number, limit: number) => Promise<BranchEvent[]>;
  directory: BranchDirectory;
  tickets: TicketLookup;
  users: UserLookup;
  /** Staff accounts as managers keep them (logins, staff records, skills, passwords). */
  team: TeamStore;
  /** One's own password: the current hash to check, the new one to store. */
  passwords: PasswordChangeDeps['users'];
  /** Whether anyone can administer the installation (the start-up banner says how to create the first admin). */
  hasActiveAdmin(): Promise<boolean>;
  devices: DeviceLookup;
  /** Branches, services, counters and opening hours as admins and managers set them up. */
  setupStore: SetupStore;
  /** The branch's paired kiosks and screens, as managers change them. */
  deviceStore: DeviceStore;
  /** Staff notes and outcomes of visits; each visit's stored projection and events (service reports). */
  serviceRecords: ServiceRecordStore;
  visits: VisitStore;
  /** KPI reports: SQL aggregates over tickets, events, appointments and survey answers. */
  kpis: KpiStore;
  audit: AuditLog & AuditReader;
  customers: CustomerSink & CustomerProfiles;
  notices: NoticeStore;
  settings: NotifySettings;
  /** Appointments, booking settings, remote arrivals; and customers as booking creates/updates them. */
  booking: BookingStore;
  customerBook: CustomerBook;
  /** The consent to keep a visit history, and the needs, per customer profile. */
  historyConsents: HistoryConsentStore;
  /** One-time links confirming a consent asked for on a profile a booking joined. */
  consentConfirmations: ConsentConfirmationStore;
  /** Customer notices that went out (reminders, queue notices): outlives Redis's jobs and markers. */
  sentNotices: SentNotices;
  /** Survey answers, and finished tickets as the projection keeps them. */
  surveys: SurveyStore;
  /** `openingHours`: the demo branch's hours when it is created (default: around the clock). */
  seedDemo(hash: (pw: string) => Promise<string>, openingHours?: OpeningHours): Promise<DemoSeed>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, pgliteDir: string): Promise<DatabasePorts> {
  // PGlite wants its folder to exist; a fresh checkout has no ./data yet.
  if (!config.databaseUrl) mkdirSync(pgliteDir, { recursive: true });
  const db = createDb(
    config.databaseUrl
      ? { url: config.databaseUrl, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}) }
      : { pgliteDir },
  );
  await migrate(db);
  // Manage links are derived under the link secret and stored only as hashes (security L5).
  const repos = createRepositories(db, { manageTokens: createManageTokens(await resolveLinkSecret(config)) });

  return {
    kind: db.kind,
    eventLog: {
      append: async (events) => void (await repos.events.appendEvents(events)),
      lastSeq: (branchId) => repos.events.lastSeq(branchId),
      missingSeqs: (branchId, toSeq) => repos.events.missingSeqs(branchId, toSeq),
      rebuildState: async (branchId) => {
        const state = await repos.events.rebuildState(branchId);
        return state.seq > 0 ? state : null;
      },
    },
    eventHistory: (branchId, afterSeq, limit) => repos.events.eventsSince(branchId, afterSeq, limit),
    directory: {
      list: () => repos.branches.list(),
      profile: (branchId) => repos.branches.info(branchId),
      config: (branchId) => repos.branches.loadConfig(branchId),
      staffNames: async (branchId) => Object.fromEntries((await repos.branches.details(branchId))?.staff.map((s) => [s.id, s.displayName]) ?? []),
      labels: async (branchId) => {
        const d = await repos.branches.details(branchId);
        return {
          services: Object.fromEntries(d?.services.map((s) => [s.id, { code: s.code, name: s.name }]) ?? []),
          counters: Object.fromEntries(d?.counters.map((c) => [c.id, c.label]) ?? []),
        };
      },
    },
    tickets: {
      byToken: async (token) => {
        const t = await repos.events.findTicketByToken(token);
        return t && { ...t, ticketId: t.id };
      },
      byId: async (ticketId) => {
        const t = await repos.events.findTicket(ticketId);
        return t && { ...t, ticketId: t.id };
      },
    },
    users: {
      findByUsername: (username) => repos.users.findByUsername(username),
      findById: async (id) => {
        const u = await repos.users.findById(id);
        return u && { ...u, passwordHash: '' };
      },
    },
    team: { ...repos.team, setPassword: (userId, hash, mustChange) => repos.users.setPassword(userId, hash, mustChange), lastSignIns: (userIds) => repos.audit.lastSignIns(userIds) },
    passwords: {
      findSecretById: (id) => repos.users.findSecretById(id),
      setPassword: (id, hash, mustChange) => repos.users.setPassword(id, hash, mustChange),
    },
    hasActiveAdmin: async () => (await repos.users.list({ role: 'admin', active: true })).length > 0,
    setupStore: {
      ...repos.branchSetup,
      setup: async (branchId) => {
        const d = await repos.branches.details(branchId);
        if (!d) return null;
        return {
          branch: { id: d.id, code: d.code, name: d.name, timezone: d.timezone, openingHours: d.openingHours, address: d.address, pilot: d.pilot, active: d.active, customersOpen: d.customersOpen },
          services: d.services.map((s) => ({ id: s.id, code: s.code, name: s.name, targetMin: s.targetMin, defaultDurationMin: s.defaultDurationMin, documents: s.documents, active: s.active })),
          counters: d.counters.map((c) => ({ id: c.id, label: c.label, active: c.active })),
        };
      },
    },
    deviceStore: repos.devices,
    serviceRecords: repos.serviceRecords,
    visits: { findTicket: (ticketId) => repos.events.findTicket(ticketId), ticketEvents: (ticketId) => repos.events.ticketEvents(ticketId) },
    devices: {
      findByTokenHash: async (tokenHash) => {
        const d = await repos.devices.findByTokenHash(tokenHash);
        if (!d) return null;
        // Seen means let in: a revoked screen retrying on its own must not look alive.
        if (!d.revoked) void repos.devices.touch(d.id).catch(() => undefined);
        return { id: d.id, branchId: d.branchId, kind: d.kind, revoked: d.revoked };
      },
      pairedTokenHashes: () => repos.devices.pairedTokenHashes(),
    },
    audit: createAuditPort(repos),
    customers: {
      create: async (input) => (await repos.customers.create({ ...input, consents: { notices: true } })).id,
      profile: async (customerId, currentTicketId) => {
        // The same latest ten visits, each with what staff recorded about it.
        const [c, all, records] = await Promise.all([
          repos.customers.findById(customerId),
          repos.customers.visitHistory(customerId, 10),
          repos.serviceRecords.listLatestByCustomer(customerId, 10),
        ]);
        const visits = c?.consents.history ? all : all.filter((v) => v.id === currentTicketId);
        return {
          customer: c && {
            id: c.id,
            name: c.name,
            phoneMasked: c.phone ? maskPhone(c.phone) : null,
            language: c.language,
            historyKept: c.consents.history,
            preferences: c.consents.history ? neededOnly(c.preferences) : {},
          },
          visits: visits.map((v) => ({
            ticketId: v.id,
            branchId: v.branchId,
            number: v.number,
            serviceId: v.serviceId,
            status: v.status,
            issuedAt: v.issuedAt,
            day: v.day,
            records: records
              .filter((r) => r.ticketId === v.id)
              .map((r) => ({ ticketId: r.ticketId, staffId: r.staffId, staffName: r.staffName, outcome: r.outcome, notes: r.notes, updatedAt: r.updatedAt })),
          })),
        };
      },
    },
    notices: createNoticeStore(repos),
    sentNotices: repos.sentNotices,
    settings: repos.settings,
    // Punctuality is read from the tickets projection, beside the appointments themselves.
    booking: {
      ...repos.appointments,
      appointmentPunctuality: (branchId, fromDay, toDay) => repos.events.appointmentPunctuality(branchId, fromDay, toDay),
      branchHistory: (branchId, range) => repos.events.branchHistory(branchId, range),
    },
    customerBook: repos.customers,
    historyConsents: repos.customers,
    consentConfirmations: repos.consentConfirmations,
    surveys: {
      ticketByToken: async (token) => {
        const t = await repos.events.findTicketByToken(token);
        return t && { branchId: t.branchId, ticketId: t.id, serviceId: t.serviceId, status: t.status, staffId: t.staffId, doneAt: t.doneAt };
      },
      insertOnce: (answer) => repos.surveys.insertOnce(answer),
      findByTicket: (ticketId) => repos.surveys.findByTicket(ticketId),
    },
    kpis: repos.kpis,
    seedDemo: (hash, openingHours) =>
      // Several nodes starting at once on a new database seed one after the other, as they
      // migrate: without the lock each found no demo user yet and the slower one stopped with
      // "username alice is taken" (and two nodes could each rotate a device token the other printed).
      underStartupLock(db, async () => {
        const seed = await seedDemo(db, { passwordHash: hash, ...(openingHours ? { openingHours } : {}) });
        const tokenOf = async (kind: 'kiosk' | 'signage') => {
          const d = seed.devices.find((x) => x.kind === kind);
          return d ? demoDeviceToken(repos, d) : null;
        };
        const config = await repos.branches.details(seed.branchId);
        const serviceCode = new Map(config?.services.map((s) => [s.id, s.code]));
        const skillsOf = (username: string) => {
          const staff = config?.staff.find((s) => s.displayName.toLowerCase().startsWith(username.toLowerCase()));
          return staff ? Object.entries(staff.skills).map(([id, p]) => `${serviceCode.get(id) ?? id}:${p}`).join(' ') : '';
        };
        return {
          branchId: seed.branchId,
          openingHours: (await repos.branches.info(seed.branchId))!.openingHours,
          kioskToken: await tokenOf('kiosk'),
          signageToken: await tokenOf('signage'),
          logins: seed.logins.map((l) => ({ username: l.username, password: l.password ?? '(unchanged)', role: l.role, skills: skillsOf(l.username) })),
        };
      }),
    ping: async () => void (await db.transaction((sql) => sql.query('select 1'))),
    close: () => db.close(),
  };
}


/**
 * The working token of a demo device, for the start-up banner. The demo's kiosk and lobby screen
 * keep their tokens across starts and nodes: rotating them at every start (as before) unpaired the
 * screens of a node already running whenever a second node, or a restart, seeded the demo. So the
 * demo's plaintext tokens are kept in settings (demo credentials, printed like the demo passwords;
 * SEED_DEMO is off in production). A device a manager has paired again since keeps that pairing:
 * no link then (null). A demo seeded before tokens were kept gets a new token once.
 */
async function demoDeviceToken(repos: Repositories, d: { id: string; token: string | null }): Promise<string | null> {
  const key = `demo-device-token:${d.id}`;
  if (d.token) return repos.settings.putIfAbsent(key, d.token);
  const kept = await repos.settings.get<string>(key);
  if (kept === null) {
    const { token, tokenHash } = newDeviceToken();
    await repos.devices.rotateToken(d.id, tokenHash);
    return repos.settings.putIfAbsent(key, token);
  }
  const device = await repos.devices.findByTokenHash(hashDeviceToken(kept));
  return device?.id === d.id && !device.revoked ? kept : null;
}
