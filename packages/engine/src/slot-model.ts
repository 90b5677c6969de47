/**
 * What the slot finder works on: a branch's hours and closures (local wall-clock times in the
 * branch's zone), the bookable services' rules, who is on shift with which skills, and the
 * bookings already made. Plain data; instants are epoch ms passed in by the caller.
 */
import type { Weekday } from './slot-time.js';

/** 'HH:MM' local wall-clock times; `close` after `open`. */
export interface LocalWindow {
  open: string;
  close: string;
}

/** Per weekday; an empty or missing day has no windows (closed / not working). */
export type WeeklyWindows = Partial<Record<Weekday, LocalWindow[]>>;

/**
 * A closure: whole local days (`date` .. `until`, inclusive; a holiday, a strike day), or an
 * interval of instants (`from` .. `to`, epoch ms; a power cut, a staff meeting).
 */
export type Closure = { date: string; until?: string } | { from: number; to: number };

export interface SlotPolicy {
  /** IANA zone of the branch, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  hours: WeeklyWindows;
  closures: readonly Closure[];
  /** Slots start every this many minutes from each opening time. */
  slotStepMin: number;
  /** Nothing can be booked sooner than this many minutes from now. */
  minNoticeMin: number;
  /** The last bookable day is today (branch time) plus this many days. */
  maxDaysAhead: number;
  /** Bookings one customer may hold at once (booked, not yet started). */
  maxActivePerCustomer: number;
}

export interface SlotServiceRules {
  id: string;
  durationMin: number;
  /**
   * Time kept free around each booking of this service (preparation, paperwork). Buffers only
   * keep bookings apart: a buffer may reach outside opening hours and shifts.
   */
  bufferBeforeMin: number;
  bufferAfterMin: number;
  /**
   * Share of the skilled staff on shift held back for walk-ins, in [0, 1]. At most
   * `floor(skilled x (1 - walkInShare))` bookings of the service occupy any moment.
   */
  walkInShare: number;
}

/**
 * The walk-in share of a service that takes walk-ins as well as bookings, unless its manager
 * sets another; a service offered by appointment only keeps 0 (every skilled minute is sold).
 *
 * Why 25%: the simulator (packages/simulator/README.md) booked 200 random branches for 30 days
 * with one share on every service that takes both. Selling every skilled minute, a booked
 * customer was often due while the only colleague skilled for it served the walk-in queue:
 * 95% of appointments were called within 5 minutes of their time in 118 branches. Keeping 25%
 * of the skilled staff free (which, with one or two on shift, means one colleague) moved 15% of
 * requests to another time, refused none overall, and made 149 punctual; 34% and 50% gained
 * nothing more. A lone adviser's day stays bookable (`CapacityModel.capFor`).
 */
export const DEFAULT_WALK_IN_SHARE = 0.25;

/** An interval of instants, [from, to). */
export interface Interval {
  from: number;
  to: number;
}

export interface SlotStaff {
  id: string;
  /** serviceId -> proficiency; any proficiency above 0 counts as one pair of hands. */
  skills: Record<string, number>;
  /** Weekly shifts in branch time; absent = works the branch's opening hours. */
  roster?: WeeklyWindows;
  /** Leave, training: not available in these intervals. */
  away?: readonly Interval[];
}

/** A booking that holds capacity (booked or checked in). */
export interface BookedSlot {
  id: string;
  serviceId: string;
  startsAt: number;
  endsAt: number;
}

export interface SlotInput {
  policy: SlotPolicy;
  /** Rules of every service that may have bookings (buffers apply to all of them). */
  services: readonly SlotServiceRules[];
  staff: readonly SlotStaff[];
  bookings: readonly BookedSlot[];
}

export interface FreeSlot {
  startsAt: number;
  endsAt: number;
  /** Branch-local date and start time, 'YYYY-MM-DD' and 'HH:MM'. */
  date: string;
  time: string;
  /** Bookings this slot can still take. Always at least 1 in a listing. */
  remaining: number;
  /** Bookings it could take at all: skilled staff on shift after the walk-in share. */
  capacity: number;
}

export interface SlotDay {
  date: string;
  /** No opening hours, or a closure covers the whole day. */
  closed: boolean;
  slots: FreeSlot[];
}

/** Stable codes for a refused booking; HTTP and the booking page reuse them. */
export const SLOT_ERROR_CODES = [
  /** Every place at that time is taken. */
  'SLOT_FULL',
  /** That time is not a slot of the service (outside hours or shifts, closed, off the grid). */
  'SLOT_UNAVAILABLE',
  /** In the past or sooner than the minimum notice. */
  'SLOT_TOO_SOON',
  /** Beyond the booking horizon. */
  'SLOT_TOO_FAR',
  /** The customer already holds the most bookings allowed. */
  'BOOKING_LIMIT',
] as const;
export type SlotErrorCode = (typeof SLOT_ERROR_CODES)[number];

export type SlotCheck = { ok: true; slot: FreeSlot } | { ok: false; code: SlotErrorCode; message: string };

export const DEFAULT_SLOT_POLICY: Omit<SlotPolicy, 'timeZone' | 'hours'> = {
  closures: [],
  slotStepMin: 15,
  minNoticeMin: 60,
  maxDaysAhead: 30,
  maxActivePerCustomer: 2,
};
