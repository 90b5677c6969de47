import type { Role } from '@tellerline/contracts';

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
}

export interface AuditEntry {
  userId: string | null;
  role: string | null;
  action: string;
  branchId: string | null;
  ticketId: string | null;
  ip: string | null;
  userAgent: string | null;
  details?: Record<string, unknown>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}

export interface AuditReader {
  list(branchId: string, limit: number, before?: string): Promise<(AuditEntry & { id: string; at: number })[]>;
}
