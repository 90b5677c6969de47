/**
 * The branch queue model. Plain data only: everything here must survive JSON.stringify,
 * because the live store keeps a branch's state as one JSON document in Redis and PostgreSQL
 * keeps the events that rebuild it. Times are epoch milliseconds passed in by the caller.
 */

export type Lang = 'zh' | 'en';
export type LocalizedText = Record<Lang, string>;

export type PriorityClass = 'normal' | 'priority' | 'vip';
export const PRIORITY_CLASSES: readonly PriorityClass[] = ['normal', 'priority', 'vip'];

export type TicketKind = 'walk-in' | 'appointment' | 'remote';
export const TICKET_KINDS: readonly TicketKind[] = ['walk-in', 'appointment', 'remote'];

/** waiting -> called -> serving -> done; called -> waiting (recall timeout is a no-show). */
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no-show' | 'cancelled';
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving'];

export type StaffStatus = 'offline' | 'available' | 'serving' | 'paused';

export interface ServiceDef {
  id: string;
  /** Letter shown on tickets: A, B, C ... */
  code: string;
  name: LocalizedText;
  /** Service-level target: a customer should be called within this many minutes. */
  targetMin: number;
  defaultDurationMin: number;
  /**
   * False: by appointment only. The kiosk and the phone's remote queue issue no walk-in tickets
   * for it; booked customers still check in (and one who comes too late to keep the slot still
   * queues). Absent: the service takes walk-ins.
   */
  walkIns?: boolean;
}

export interface CounterDef {
  id: string;
  /** What the signage says: "3", "VIP 1". */
  label: string;
}

export interface StaffDef {
  id: string;
  /** serviceId -> proficiency in (0, 1]. A service absent here cannot be served by this person. */
  skills: Record<string, number>;
}

export interface RoutingConfig {
  /** Urgency added per priority class, in units of "one full target waited". */
  priorityBoost: Record<PriorityClass, number>;
  /** An appointment checked in up to this many minutes early/late keeps its booked slot. */
  appointmentEarlyMin: number;
  appointmentLateMin: number;
  /** Recalls allowed before the next one becomes a no-show. */
  maxRecalls: number;
  /** How many recent service durations per service feed the wait estimate. */
  etaWindow: number;
}

export const DEFAULT_ROUTING: RoutingConfig = {
  priorityBoost: { normal: 0, priority: 0.5, vip: 1 },
  appointmentEarlyMin: 30,
  appointmentLateMin: 10,
  maxRecalls: 2,
  etaWindow: 20,
};

export interface BranchConfig {
  branchId: string;
  services: ServiceDef[];
  counters: CounterDef[];
  staff: StaffDef[];
  routing: RoutingConfig;
}

/** Why a ticket was picked; shown to staff as-is ("waited 14 min, target 10; your skill: loans 1.0"). */
export interface CallReason {
  /** Short English sentence; the UI also gets the parts to render it in Chinese. */
  text: string;
  waitedMin: number;
  targetMin: number;
  proficiency: number;
  score: number;
  rule: 'urgency' | 'appointment' | 'priority' | 'manual' | 'reserved';
  /** The number of someone behind in the same line who is close to their target, when that is why the line was called. */
  behindNumber?: string;
  /** Minutes from the call to the booked time (negative once past), for a booked customer keeping their slot. */
  slotInMin?: number;
  /** The service's typical minutes, when its speed weighed in the choice. */
  typicalMin?: number;
  /** The booked slot this staff member is kept free for, when keeping it passed over a higher score. */
  holdFor?: { serviceCode: string; inMin: number };
  /** The ticket ahead that was left to a free colleague faster at its service. */
  leftTo?: { number: string; serviceCode: string };
}

/**
 * What a branch's history keeps of one ticket for planning (a simulation scenario from its own
 * days): service, kind and times in epoch ms (`doneAt`: service ended), no customer data. The
 * database reads it, the simulator builds scenarios from it.
 */
export interface TicketTimes {
  serviceId: string;
  kind: TicketKind;
  joinedAt: number;
  appointmentAt?: number;
  servedAt?: number;
  doneAt?: number;
}

export interface Ticket {
  id: string;
  /** Unguessable token for the customer's phone page; never shown on signage. */
  token: string;
  /** Display number: service code + daily sequence, e.g. A023. */
  number: string;
  serviceId: string;
  kind: TicketKind;
  priority: PriorityClass;
  status: TicketStatus;
  /** Original join time; kept across transfers so nobody loses their place. */
  joinedAt: number;
  issuedAt: number;
  /**
   * Seq of the issuing event: the order tickets were issued in, even when several share a
   * millisecond (a kiosk burst decided in one group). Absent in states stored before it existed.
   */
  issueSeq?: number;
  /** Booked time, for appointments. */
  appointmentAt?: number;
  /** First call at a counter (KPI: wait = calledAt - joinedAt). */
  calledAt?: number;
  /** Latest call or recall; no-show timers count from here. */
  lastCalledAt?: number;
  /** Why the current call picked this ticket, for the staff panel on any device. */
  callReason?: CallReason;
  servedAt?: number;
  recalls: number;
  transfers: number;
  counterId?: string;
  staffId?: string;
  /** A transfer to a named counter: only staff at that counter may take it. */
  reservedCounterId?: string;
  customerId?: string;
  /** The wait estimate (expected minutes) the customer was given when the ticket was issued. */
  etaAtIssueMin?: number;
}

export interface StaffState {
  id: string;
  skills: Record<string, number>;
  status: StaffStatus;
  counterId?: string;
  pauseReason?: string;
  /** The ticket this person holds (called or serving). */
  ticketId?: string;
}

export interface ServiceStats {
  /** Most recent service durations in seconds, newest last, at most routing.etaWindow. */
  recentServiceSec: number[];
  /**
   * For recent first calls (newest last, at most routing.etaWindow): the wait the customer
   * had / the estimate they were given at issue (only when that estimate was above zero).
   * Absent in states written before it existed.
   */
  recentWaitRatio?: number[];
}

/**
 * A booked appointment the branch expects today but whose customer has not checked in yet. The
 * booking side tells the engine (`expect-appointment`) so routing can keep a skilled staff member
 * free near the slot instead of starting a long service just before it. `ticketId` is the id the
 * check-in will issue its ticket under; that ticket's issue removes the entry.
 */
export interface ExpectedAppointment {
  ticketId: string;
  serviceId: string;
  appointmentAt: number;
}

export interface BranchState {
  branchId: string;
  /** Sequence number of the last event applied; doubles as the state version. */
  seq: number;
  services: Record<string, ServiceDef>;
  counters: Record<string, CounterDef>;
  staff: Record<string, StaffState>;
  /** Active tickets only (waiting, called, serving). Finished ones live in the event history. */
  tickets: Record<string, Ticket>;
  /** serviceCode -> last number issued today. */
  sequences: Record<string, number>;
  /** The business day (YYYY-MM-DD, branch time zone) opened by the last close-day, if any. */
  openDay?: string;
  stats: Record<string, ServiceStats>;
  routing: RoutingConfig;
  /**
   * The booking calendar, by the ticket id each check-in will use. Absent in states written
   * before the calendar existed (and until the first `appointment-expected`): read it as empty.
   */
  expected?: Record<string, ExpectedAppointment>;
}
