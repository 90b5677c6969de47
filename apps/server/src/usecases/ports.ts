import type { BranchConfig, BranchEvent, BranchState, LocalizedText } from '@tellerline/engine';

/** The system of record for branch events (PostgreSQL). Appends are idempotent by (branchId, seq). */
export interface EventLog {
  append(events: BranchEvent[]): Promise<void>;
  /** Highest stored seq for a branch (0 when none). */
  lastSeq(branchId: string): Promise<number>;
  /** The branch state folded from every stored event, or null when nothing is stored. */
  rebuildState(branchId: string): Promise<BranchState | null>;
}

export interface BranchProfile {
  id: string;
  code: string;
  name: LocalizedText;
  timezone: string;
  /** False once an admin took the branch out of service. */
  active: boolean;
  /** False while the branch is in preparation (not offered to customers). */
  customersOpen: boolean;
}

/** Branch configuration as kept in PostgreSQL. */
export interface BranchDirectory {
  list(): Promise<BranchProfile[]>;
  profile(branchId: string): Promise<BranchProfile | null>;
  config(branchId: string): Promise<BranchConfig | null>;
  /** staffId -> display name. */
  staffNames(branchId: string): Promise<Record<string, string>>;
  /**
   * Every service and counter the branch has had, inactive ones included (a stored visit names
   * the service and counter it had, also after the branch stopped using them).
   */
  labels(branchId: string): Promise<{ services: Record<string, { code: string; name: LocalizedText }>; counters: Record<string, string> }>;
}

/** A finished ticket as the phone page still needs it once it left the live state. */
export interface TicketRecord {
  branchId: string;
  ticketId: string;
  token: string;
  number: string;
  serviceId: string;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no-show' | 'cancelled';
  issuedAt: number;
  calledAt: number | null;
  counterId: string | null;
  /** The profile the ticket was issued for (kiosk contact, booking); absent in older callers' records. */
  customerId?: string | null;
  /** Transfers so far (a transferred ticket's phone page says where it came from); absent: none known. */
  transfers?: number;
}

export interface TicketLookup {
  byToken(token: string): Promise<TicketRecord | null>;
  byId(ticketId: string): Promise<TicketRecord | null>;
}

/** Timers the command flow asks for; BullMQ implements them. */
export interface Timers {
  /** Arms the no-show timer of a call just made. Idempotent per call (branch, ticket, call time). */
  scheduleNoShow(branchId: string, ticketId: string, calledAt: number): Promise<void>;
  /**
   * Arms the timer of a call made a while ago whose arming may have been missed (a retried press
   * finishing its first run): due the no-show period after `calledAt`, at once when that has
   * passed. Idempotent per call as well; a job of the call that failed for good is replaced.
   */
  rearmNoShow(branchId: string, ticketId: string, calledAt: number): Promise<void>;
}

export interface Clock {
  now(): number;
}
