/**
 * @tellerline/db: the PostgreSQL (or embedded PGlite) system of record. Callers use
 * `createDb` + `migrate` once (compose.ts), then the repositories, which return plain domain
 * objects; Prisma stays inside this package.
 */
export { createDb, type CreateDbOptions, type Db, type SqlSession } from './client.js';
export { migrate, underStartupLock, readMigrations, MIGRATIONS_DIR, type Migration, type MigrateOptions, type MigrateResult } from './migrate.js';
export { createRepositories, type Repositories } from './repositories/index.js';
export { createManageTokens, hashManageToken, type ManageTokens } from './manage-tokens.js';
export { createBranchRepository, type BranchRepository } from './repositories/branch-repository.js';
export {
  createBranchSetupRepository,
  SetupDuplicateError,
  type BranchSetupRepository,
  type SetupDuplicate,
  type NewBranch,
  type BranchChanges,
  type NewService,
  type ServiceChanges,
  type CounterChanges,
} from './repositories/branch-setup-repository.js';
export { CopySourceError, type CopiedSetup } from './repositories/branch-copy.js';
export {
  createTicketEventRepository,
  businessDay,
  EventSeqConflictError,
  type SeqRange,
  type TicketEventRepository,
  type RebuildInput,
  type BranchHistoryRecord,
  type TicketTimes,
} from './repositories/ticket-event-repository.js';
export { createUserRepository, UsernameTakenError, type UserRepository } from './repositories/user-repository.js';
export { createTeamRepository, type TeamRepository } from './repositories/team-repository.js';
export {
  createDeviceRepository,
  newDeviceToken,
  hashDeviceToken,
  type DeviceRepository,
} from './repositories/device-repository.js';
export { createAuditRepository, type AuditRepository } from './repositories/audit-repository.js';
export { createCustomerRepository, type CustomerRepository } from './repositories/customer-repository.js';
export {
  createPushSubscriptionRepository,
  type PushSubscriptionRepository,
  type PushSubscriptionRecord,
  type NewPushSubscription,
} from './repositories/push-subscription-repository.js';
export {
  createNoticeContactRepository,
  type NoticeContactRepository,
  type NoticeContactRecord,
  type NewNoticeContact,
  type ConsentingCustomer,
} from './repositories/notice-contact-repository.js';
export { createServiceRecordRepository, type ServiceRecordRepository } from './repositories/service-record-repository.js';
export { createSettingsRepository, type SettingsRepository } from './repositories/settings-repository.js';
export { createSurveyRepository, type SurveyRepository, type SurveyResponseRecord } from './repositories/survey-repository.js';
export {
  createAppointmentRepository,
  type AppointmentRepository,
  type AppointmentRecord,
  type AppointmentState,
  type AppointmentCanceller,
  type AppointmentChangeKind,
  type NoticeOwed,
  type OwedNotice,
  type OwedAlreadyBooked,
  type RefusalNoticeKind,
  type AppointmentChannel,
  type AppointmentStateChange,
  type NewAppointment,
  type BookingSetupRecord,
  type BookingSettingsUpdate,
  type BookingTx,
} from './repositories/appointment-repository.js';
export {
  createKpiRepository,
  emptyKpiFigures,
  type KpiRepository,
  type KpiFigures,
  type KpiRange,
  type KpiComment,
  type BranchKpiRecord,
  type AllBranchesKpiRecord,
  type KpiDaysRecord,
} from './repositories/kpi-repository.js';
export type { PilotPeriod } from './repositories/pilot-periods.js';
export type { KpiHourRecord } from './repositories/kpi-hours.js';
export { seedDemo, DEMO_BRANCH, DEMO_HOURS, BANK_HOURS, type SeedOptions, type DemoSeed, type DemoLogin, type DemoDevice } from './seed.js';
export * from './types.js';
export { holdPgliteFolder, pgliteLockPath, PgliteFolderHeld, type DataFolderLock } from './pglite-lock.js';
