import type { ManageTokens } from '../manage-tokens.js';
import type { Db } from '../client.js';
import { createAppointmentRepository, type AppointmentRepository } from './appointment-repository.js';
import { createAuditRepository, type AuditRepository } from './audit-repository.js';
import { createConsentConfirmationRepository, type ConsentConfirmationRepository } from './consent-confirmation-repository.js';
import { createBranchRepository, type BranchRepository } from './branch-repository.js';
import { createBranchSetupRepository, type BranchSetupRepository } from './branch-setup-repository.js';
import { createCustomerRepository, type CustomerRepository } from './customer-repository.js';
import { createDeviceRepository, type DeviceRepository } from './device-repository.js';
import { createKpiRepository, type KpiRepository } from './kpi-repository.js';
import { createNoticeContactRepository, type NoticeContactRepository } from './notice-contact-repository.js';
import { createPushSubscriptionRepository, type PushSubscriptionRepository } from './push-subscription-repository.js';
import { createServiceRecordRepository, type ServiceRecordRepository } from './service-record-repository.js';
import { createSentNoticeRepository, type SentNoticeRepository } from './sent-notice-repository.js';
import { createSettingsRepository, type SettingsRepository } from './settings-repository.js';
import { createSurveyRepository, type SurveyRepository } from './survey-repository.js';
import { createTeamRepository, type TeamRepository } from './team-repository.js';
import { createTicketEventRepository, type TicketEventRepository } from './ticket-event-repository.js';
import { createUserRepository, type UserRepository } from './user-repository.js';

export interface Repositories {
  branches: BranchRepository;
  branchSetup: BranchSetupRepository;
  events: TicketEventRepository;
  users: UserRepository;
  team: TeamRepository;
  devices: DeviceRepository;
  audit: AuditRepository;
  customers: CustomerRepository;
  pushSubscriptions: PushSubscriptionRepository;
  noticeContacts: NoticeContactRepository;
  settings: SettingsRepository;
  appointments: AppointmentRepository;
  surveys: SurveyRepository;
  serviceRecords: ServiceRecordRepository;
  kpis: KpiRepository;
  consentConfirmations: ConsentConfirmationRepository;
  sentNotices: SentNoticeRepository;
}

/** Every repository over one database; what the server's compose.ts hands to its use cases. */
/** `opts.manageTokens`: the installation's (its link secret); without it, this process's only (tests). */
export function createRepositories(db: Pick<Db, 'prisma' | 'transaction' | 'query'>, opts: { manageTokens?: ManageTokens } = {}): Repositories {
  return {
    branches: createBranchRepository(db.prisma),
    branchSetup: createBranchSetupRepository(db.prisma),
    events: createTicketEventRepository(db),
    users: createUserRepository(db.prisma),
    team: createTeamRepository(db.prisma),
    devices: createDeviceRepository(db.prisma),
    audit: createAuditRepository(db),
    customers: createCustomerRepository(db.prisma),
    pushSubscriptions: createPushSubscriptionRepository(db),
    noticeContacts: createNoticeContactRepository(db),
    settings: createSettingsRepository(db.prisma),
    appointments: createAppointmentRepository(db.prisma, opts.manageTokens),
    surveys: createSurveyRepository(db),
    serviceRecords: createServiceRecordRepository(db.prisma),
    kpis: createKpiRepository(db),
    consentConfirmations: createConsentConfirmationRepository(db.prisma),
    sentNotices: createSentNoticeRepository(db.prisma),
  };
}
