import type { AuditAction, AuditDetails, AuditEntryView, AuditPerson, Role } from '@tellerline/contracts';

/** What authentication needs to know about a user; the db package provides it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  branchId: string | null;
  staffId: string | null;
  active: boolean;
  /** On a password someone else chose (new account, reset): only a password change until changed. */
  mustChangePassword: boolean;
}

export interface UserLookup {
  findByUsername(username: string): Promise<AuthUser | null>;
  findById(id: string): Promise<AuthUser | null>;
}

export interface AuthDevice {
  id: string;
  branchId: string;
  kind: 'kiosk' | 'signage';
  revoked: boolean;
}

export interface DeviceLookup {
  findByTokenHash(tokenHash: string): Promise<AuthDevice | null>;
  /** Every paired device's id and token hash (DeviceAuth.warm). */
  pairedTokenHashes?(): Promise<{ id: string; tokenHash: string }[]>;
}

export interface AuditEntry {
  userId: string | null;
  role: string | null;
  /** One of the actions the audit screen names (contracts' AUDIT_ACTIONS): a new one needs its zh/en name there. */
  action: AuditAction;
  branchId: string | null;
  ticketId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** Only keys the screen names (contracts' AUDIT_DETAIL_KEYS). */
  details?: AuditDetails;
  /** When it happened (epoch ms); now when absent. An entry that waited for the database keeps its time. */
  at?: number;
  /**
   * Set when this entry may be appended twice (a staff press finished by its retry as well as,
   * maybe, by its first run): the branch keeps one entry per key, the first one written.
   */
  idempotencyKey?: string;
}

export interface AuditLog {
  /** Append-only: nothing edits or deletes an entry. */
  append(entry: AuditEntry): Promise<void>;
}

/** An entry as stored, with names; `branchTimezone` is null for an entry of no branch. */
export type StoredAuditEntry = Omit<AuditEntryView, 'timezone'> & { branchTimezone: string | null };

/** What the audit log is searched by; every field narrows. */
export interface AuditFilter {
  /** One branch's entries; null: the entries of no branch; absent: every entry. */
  branchId?: string | null;
  action?: AuditAction;
  userId?: string;
  ticketId?: string;
  /** Days YYYY-MM-DD, both included, in each entry's branch time zone (`zoneWithoutBranch` for the others). */
  fromDay?: string;
  toDay?: string;
  zoneWithoutBranch?: string;
}

export interface AuditReader {
  /** A branch's latest entries, newest first: `search` by branch alone (tests and tools read it). */
  list(branchId: string, limit: number, before?: string): Promise<StoredAuditEntry[]>;
  /**
   * Matching entries newest first, keyset-paged by id (`before`: the previous page's
   * `nextCursor`), so entries appended while someone pages never shift a later page.
   */
  search(filter: AuditFilter, page: { limit: number; before?: string | undefined }): Promise<{ items: StoredAuditEntry[]; nextCursor: string | null }>;
  /**
   * Whom the "who" filter suggests, within a branch's users and every admin (`branchId`) or every
   * user (null), deactivated ones too: those whose name or username contains `q`, or the one
   * with `id`, or (neither) the first by name; at most `limit`.
   */
  people(branchId: string | null, find: { q?: string | undefined; id?: string | undefined; limit: number; adminLogins: boolean }): Promise<AuditPerson[]>;
}
