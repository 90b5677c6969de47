/**
 * Plain domain objects returned by the repositories. No Prisma type appears here: callers get
 * JSON-safe data. Times are epoch milliseconds (like the engine); absent values are `null`.
 */
import type {
  CounterDef,
  Lang,
  LocalizedText,
  PriorityClass,
  RoutingConfig,
  ServiceDef,
  TicketKind,
  TicketStatus,
} from '@tellerline/engine';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Local wall-clock times in the branch's timezone, 'HH:MM'. */
export interface OpeningInterval {
  open: string;
  close: string;
}

/** Per weekday; an empty list means closed that day. */
export type OpeningHours = Record<Weekday, OpeningInterval[]>;

/** A branch's street address per language; null where not set. */
export interface BranchAddress {
  zh: string | null;
  en: string | null;
}

export interface LocalizedList {
  zh: string[];
  en: string[];
}

/** Free-form settings of the lobby display (owned by the signage app). */
export type SignageSettings = Record<string, unknown>;

/** What anyone may see about a branch (kiosk, booking page, signage). */
export interface BranchInfo {
  id: string;
  code: string;
  name: LocalizedText;
  timezone: string;
  openingHours: OpeningHours;
  /** Street address per language, null where not set. */
  address: BranchAddress;
  pilot: boolean;
  /** False once taken out of service (admins): kept for history and reports. */
  active: boolean;
  /** False while "in preparation": not offered to customers (see the schema's `customersOpen`). */
  customersOpen: boolean;
}

export interface ServiceInfo extends ServiceDef {
  documents: LocalizedList;
  active: boolean;
}

export interface CounterInfo extends CounterDef {
  active: boolean;
}

export interface StaffInfo {
  id: string;
  userId: string | null;
  displayName: string;
  active: boolean;
  /** serviceId -> proficiency in (0, 1] */
  skills: Record<string, number>;
}

/** A branch's whole configuration, inactive entries included (admin screens). */
export interface BranchDetails extends BranchInfo {
  routing: RoutingConfig;
  signage: SignageSettings;
  services: ServiceInfo[];
  counters: CounterInfo[];
  staff: StaffInfo[];
}

export interface ServiceSetup {
  code: string;
  name: LocalizedText;
  targetMin: number;
  defaultDurationMin: number;
  documents?: LocalizedList;
  active?: boolean;
}

export interface StaffSetup {
  displayName: string;
  /** Links the staff record to a login; also how an existing record is matched. */
  userId?: string;
  /** service code -> proficiency in (0, 1] */
  skills: Record<string, number>;
  active?: boolean;
}

/**
 * Desired configuration of a branch, matched by `code`. Services match by code, counters by
 * label, staff by userId (else display name). Entries missing from the setup are deactivated,
 * never deleted: tickets and history keep pointing at them.
 */
export interface BranchSetup {
  code: string;
  name: LocalizedText;
  timezone: string;
  openingHours: OpeningHours;
  /** Street address per language; left as stored when absent. */
  address?: BranchAddress;
  pilot?: boolean;
  /** A pilot's first pilot day (YYYY-MM-DD, its time zone) when it has no pilot period yet; default: today. */
  pilotSince?: string;
  routing?: Partial<RoutingConfig>;
  signage?: SignageSettings;
  services: ServiceSetup[];
  counters: { label: string; active?: boolean }[];
  staff: StaffSetup[];
}

/** The stored projection of a ticket (history, reports, the customer's page after a restart). */
export interface TicketRecord {
  id: string;
  branchId: string;
  token: string;
  number: string;
  serviceId: string;
  kind: TicketKind;
  priority: PriorityClass;
  status: TicketStatus;
  joinedAt: number;
  issuedAt: number;
  appointmentAt: number | null;
  calledAt: number | null;
  servedAt: number | null;
  doneAt: number | null;
  counterId: string | null;
  staffId: string | null;
  customerId: string | null;
  recalls: number;
  transfers: number;
  /** Business day in the branch's timezone, YYYY-MM-DD. */
  day: string;
}

/** How many of a service's booked customers (who kept their slot and were called) were called on time. */
export interface ServicePunctuality {
  appointments: number;
  onTime: number;
}

export type Role = 'admin' | 'manager' | 'staff';
export const ROLES: readonly Role[] = ['admin', 'manager', 'staff'];

export interface UserRecord {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  branchId: string | null;
  active: boolean;
  /** The staff record linked to this login, if any. */
  staffId: string | null;
  /** Someone else chose the password (new account, reset): its owner must pick their own first. */
  mustChangePassword: boolean;
  createdAt: number;
}

/** Only for the login check; never send it to a client. */
export interface UserWithSecret extends UserRecord {
  passwordHash: string;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: Role;
  displayName: string;
  branchId?: string | null;
  active?: boolean;
  /** Default false: the password is the owner's own (the demo seed, the admin CLI). */
  mustChangePassword?: boolean;
}

/** A branch's team member (or an administrator): the login, and the staff record's skills. */
export interface TeamMemberRecord extends UserRecord {
  /** serviceId -> proficiency in (0, 1], as stored (services that are inactive included). */
  skills: Record<string, number>;
}

export interface NewTeamMember extends NewUser {
  /**
   * serviceId -> proficiency. Given (even empty): a staff record at `branchId` is created with
   * them, so the member can sign on at a counter. Null: a login only (administrators).
   */
  skills: Record<string, number> | null;
}

export interface TeamMemberChange {
  displayName?: string;
  role?: Role;
  /** Replaces every skill; creates the staff record when the member has none yet. */
  skills?: Record<string, number>;
}

export type DeviceKind = 'kiosk' | 'signage';

export interface DeviceRecord {
  id: string;
  branchId: string;
  kind: DeviceKind;
  name: string;
  lastSeenAt: number | null;
  revoked: boolean;
  createdAt: number;
}

export interface AuditEntry {
  /** Monotonic id, as a string (bigint in the database). */
  id: string;
  at: number;
  userId: string | null;
  role: string | null;
  action: string;
  branchId: string | null;
  ticketId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

export type NewAuditEntry = Partial<Omit<AuditEntry, 'id' | 'action' | 'at'>> & {
  action: string;
  /** Defaults to now. */
  at?: number;
  /** One entry per key and branch: appending another with the same key stores nothing (see `AuditRepository.append`). */
  idempotencyKey?: string | null;
};

/** What `AuditRepository.list` filters by; every field narrows. */
export interface AuditFilter {
  /** One branch's entries; null: the entries of no branch; absent: every entry. */
  branchId?: string | null;
  action?: string;
  userId?: string;
  ticketId?: string;
  /** Entries whose ticket had this number when the action was taken, or was given it by the action (a transfer). */
  ticketNumber?: string;
  /** Days YYYY-MM-DD, both included, in each entry's branch time zone (`zoneWithoutBranch` for the others). */
  fromDay?: string;
  toDay?: string;
  /** The time zone of entries without a branch (default UTC). */
  zoneWithoutBranch?: string;
}

/** An entry with the names of whom it is about, as the audit screen shows it. */
export interface AuditRecord extends AuditEntry {
  /** The acting user's names (null: no user, or the account no longer exists). */
  displayName: string | null;
  username: string | null;
  /** The acting kiosk's or lobby screen's name (role `device:<id>`). */
  deviceName: string | null;
  /** The ticket's number when the action was taken (its current one for entries written before that was kept). */
  ticketNumber: string | null;
  /** The number the action gave the ticket (a transfer to another service), else null. */
  newTicketNumber: string | null;
  /** The staff member named in `details.staffId` when that is not the actor. */
  staffName: string | null;
  /** The entry's branch's time zone; null without a branch. */
  branchTimezone: string | null;
}

export interface Page<T> {
  items: T[];
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextCursor: string | null;
}

export interface CustomerConsents {
  /** Service notices (call alerts, reminders) by SMS, e-mail or push. */
  notices: boolean;
  marketing: boolean;
  /** Keep visit history and preferences beyond the visit. */
  history: boolean;
}

export interface CustomerRecord {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  language: Lang;
  consents: CustomerConsents;
  preferences: Record<string, unknown>;
  createdAt: number;
}

export interface NewCustomer {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  language?: Lang;
  consents?: Partial<CustomerConsents>;
  preferences?: Record<string, unknown>;
}

/** resolved | follow-up | referred | not-resolved */
export type ServiceOutcome = 'resolved' | 'follow-up' | 'referred' | 'not-resolved';

/** What one staff member recorded about one visit (internal notes and the outcome). */
export interface ServiceRecordEntry {
  id: string;
  ticketId: string;
  branchId: string;
  /** Null once the staff record was removed. */
  staffId: string | null;
  staffName: string | null;
  notes: string;
  outcome: ServiceOutcome;
  createdAt: number;
  updatedAt: number;
}

export interface ServiceRecordInput {
  ticketId: string;
  branchId: string;
  staffId: string;
  notes: string;
  outcome: ServiceOutcome;
}
