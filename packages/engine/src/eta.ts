import { requireTicket } from './guards.js';
import type { BranchState, Ticket } from './model.js';
import { joinedBefore } from './queue-order.js';
import { urgencyOf } from './urgency.js';

/** A wait estimate in minutes, shown as a range ("10-18 min"). */
export interface WaitRange {
  kind: 'range';
  /** Tickets expected to be called before this one. */
  ahead: number;
  lowMin: number;
  highMin: number;
  expectedMin: number;
}

/**
 * Nobody signed on can serve the service (everyone skilled for it is signed off): no wait can
 * be promised, however short the line. Staff on a break still count: they are coming back.
 */
export interface NoStaffForService {
  kind: 'no-staff';
  /** Tickets expected to be called before this one. */
  ahead: number;
}

/** What a customer may be told about their wait: a range, or that nobody can serve them now. */
export type WaitEstimate = WaitRange | NoStaffForService;

/** One service's line on the lobby screen and kiosk. */
export interface QueueSummaryRow {
  serviceId: string;
  code: string;
  waiting: number;
  /** Minutes the longest-waiting ticket has waited (0 when nobody waits). */
  longestWaitMin: number;
  /** Signed-on staff (available, serving or paused) who can serve this service. */
  staffOnline: number;
  /** What a ticket issued now would be told. */
  newTicket: WaitEstimate;
}

const ZERO: WaitRange = { kind: 'range', ahead: 0, lowMin: 0, highMin: 0, expectedMin: 0 };
/** Range used until a service has enough recent durations to measure its own spread. */
const DEFAULT_LOW_RATIO = 0.6;
const DEFAULT_HIGH_RATIO = 1.5;
/**
 * Durations a service needs before their mean stands on its own; with fewer, the configured
 * default fills the missing ones (see `durationOf`), so one quick service cannot talk the
 * estimate down to nothing.
 */
const MIN_SAMPLES = 3;
/**
 * A recorded service shorter than this is a slip (start and complete pressed together, a ticket
 * closed by mistake), not a measurement of how long the service takes: the estimate skips it.
 * Routing keeps its own rule (`typicalOf`).
 */
const MIN_PLAUSIBLE_SERVICE_SEC = 20;
/**
 * The smallest wait shown while people are ahead and no skilled staff member is free: rounding
 * a tiny model figure to 0 would read "No wait" to a customer with a queue in front of them.
 */
const MIN_BUSY_WAIT_MIN = 0.1;
/** Recent first calls a service needs before its own estimate errors set the range (see `estimateFor`). */
export const RATIO_MIN_SAMPLES = 8;

/**
 * Estimated wait of a waiting ticket: people ahead x recent mean service time / staff able to
 * serve the service. "Ahead" approximates the routing order for a generic, fully skilled staff
 * member: same-service waiting tickets that are reserved for a counter (those go first there),
 * or that outrank this one by urgency (ties by join time, then id). Other services competing
 * for the same staff are reflected only through the staff count: cheap and explainable.
 * O(tickets); throws UNKNOWN_TICKET for a ticket not in the queue; zeros once called.
 */
export function estimateWait(state: BranchState, ticketId: string, now: number): WaitEstimate {
  const t = requireTicket(state, ticketId);
  if (t.status !== 'waiting' || !state.services[t.serviceId]) return ZERO;
  return estimateFor(state, t.serviceId, aheadOf(state, t, now));
}

/**
 * The model's expected wait before it is corrected by how far off recent estimates ran: what
 * the branch keeps at issue (`Ticket.etaAtIssueMin`) to learn that correction. Learning from
 * corrected estimates would undo the correction it learned. Null when nobody could serve the
 * ticket: the customer was promised no wait, so their wait teaches nothing about the model.
 */
export function modelWaitMin(state: BranchState, ticketId: string, now: number): number | null {
  const t = requireTicket(state, ticketId);
  if (t.status !== 'waiting' || !state.services[t.serviceId]) return 0;
  const model = modelFor(state, t.serviceId, aheadOf(state, t, now));
  return model.noStaff ? null : model.expected;
}

function aheadOf(state: BranchState, t: Ticket, now: number): number {
  const service = state.services[t.serviceId]!;
  const mine = urgencyOf(t, service, state.routing, now).value;
  const mineReserved = t.reservedCounterId !== undefined;
  let ahead = 0;
  for (const u of Object.values(state.tickets)) {
    if (u.id === t.id || u.status !== 'waiting' || u.serviceId !== t.serviceId) continue;
    const reserved = u.reservedCounterId !== undefined;
    if (reserved !== mineReserved) {
      if (reserved) ahead++;
      continue;
    }
    const theirs = urgencyOf(u, service, state.routing, now).value;
    if (theirs > mine || (theirs === mine && joinedBefore(u, t))) ahead++;
  }
  return ahead;
}

/** Per service (ordered by code): waiting count, longest wait, and the estimate for a new ticket. */
export function queueSummary(state: BranchState, now: number): QueueSummaryRow[] {
  const waiting = new Map<string, { count: number; oldest: number }>();
  for (const t of Object.values(state.tickets)) {
    if (t.status !== 'waiting') continue;
    const w = waiting.get(t.serviceId);
    if (w) {
      w.count++;
      w.oldest = Math.min(w.oldest, t.joinedAt);
    } else waiting.set(t.serviceId, { count: 1, oldest: t.joinedAt });
  }
  return Object.values(state.services)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((svc) => {
      const w = waiting.get(svc.id);
      // A new ticket has the lowest urgency of its class and the latest join time: all are ahead.
      const count = w?.count ?? 0;
      return {
        serviceId: svc.id,
        code: svc.code,
        waiting: count,
        longestWaitMin: w ? round1(Math.max(0, now - w.oldest) / 60_000) : 0,
        staffOnline: staffFor(state, svc.id).online,
        newTicket: estimateFor(state, svc.id, count),
      };
    });
}

/**
 * With `ahead` tickets before it: if more skilled staff are free than there are people ahead,
 * the wait is ~0. Otherwise the model: (people ahead not taken by free staff + half a service
 * still in progress) x mean duration / skilled staff. It ignores the other services competing
 * for the same staff, breaks and holds, so it runs off in ways the branch can measure: once a
 * service has RATIO_MIN_SAMPLES recent first calls, the estimate is the model x the median of
 * their (wait / model estimate at issue), and the range the model x their 10th and 90th
 * percentiles: about four in five customers are called within the range they were shown.
 * Before that, the range scales by the p10/p90 of recent durations relative to their mean.
 */
function estimateFor(state: BranchState, serviceId: string, ahead: number): WaitEstimate {
  const model = modelFor(state, serviceId, ahead);
  if (model.noStaff) return { kind: 'no-staff', ahead };
  if (model.free) return { ...ZERO, ahead };
  const ratios = state.stats[serviceId]?.recentWaitRatio ?? [];
  if (ratios.length >= RATIO_MIN_SAMPLES) {
    const sorted = [...ratios].sort((a, b) => a - b);
    return busy(ahead, model.expected * quantile(sorted, 0.1), model.expected * quantile(sorted, 0.9), model.expected * quantile(sorted, 0.5));
  }
  return busy(ahead, model.expected * model.lowRatio, model.expected * model.highRatio, model.expected);
}

/** An estimate while nobody skilled is free: never zero (see MIN_BUSY_WAIT_MIN). */
function busy(ahead: number, low: number, high: number, expected: number): WaitRange {
  const expectedMin = Math.max(MIN_BUSY_WAIT_MIN, round1(expected));
  return { kind: 'range', ahead, lowMin: round1(low), highMin: Math.max(expectedMin, round1(high)), expectedMin };
}

type Model = { noStaff: true } | { noStaff: false; expected: number; lowRatio: number; highRatio: number; free: boolean };

/**
 * `noStaff`: nobody signed on has the skill, so there is no rate to divide by. `free`: more
 * skilled staff are free than people ahead, so the wait is ~0 (expected 0).
 */
function modelFor(state: BranchState, serviceId: string, ahead: number): Model {
  const { online, available } = staffFor(state, serviceId);
  if (online === 0) return { noStaff: true };
  if (available > ahead) return { noStaff: false, expected: 0, lowRatio: 1, highRatio: 1, free: true };
  const { meanMin, lowRatio, highRatio } = durationOf(state, serviceId);
  return { noStaff: false, expected: ((ahead - available + 0.5) * meanMin) / online, lowRatio, highRatio, free: false };
}

function staffFor(state: BranchState, serviceId: string): { online: number; available: number } {
  let online = 0;
  let available = 0;
  for (const st of Object.values(state.staff)) {
    if (st.status === 'offline' || !((st.skills[serviceId] ?? 0) > 0)) continue;
    online++;
    if (st.status === 'available') available++;
  }
  return { online, available };
}

/**
 * Mean service minutes and the spread of recent durations around it. With fewer than
 * MIN_SAMPLES plausible durations, the configured default stands in for each missing one
 * (a shrinkage estimate): one 30-second service moves a 5-minute default to 3.5 min, not to 0.5.
 */
function durationOf(state: BranchState, serviceId: string): { meanMin: number; lowRatio: number; highRatio: number } {
  const recent = (state.stats[serviceId]?.recentServiceSec ?? []).filter((sec) => sec >= MIN_PLAUSIBLE_SERVICE_SEC);
  const fallback = state.services[serviceId]?.defaultDurationMin ?? 5;
  if (recent.length < MIN_SAMPLES) {
    const meanMin = (sum(recent) / 60 + (MIN_SAMPLES - recent.length) * fallback) / MIN_SAMPLES;
    return { meanMin, lowRatio: DEFAULT_LOW_RATIO, highRatio: DEFAULT_HIGH_RATIO };
  }
  const m = mean(recent);
  if (m <= 0) return { meanMin: 0, lowRatio: 1, highRatio: 1 };
  const sorted = [...recent].sort((a, b) => a - b);
  return {
    meanMin: m / 60,
    lowRatio: Math.min(1, quantile(sorted, 0.1) / m),
    highRatio: Math.max(1, quantile(sorted, 0.9) / m),
  };
}

function sum(xs: number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}

function mean(xs: number[]): number {
  return sum(xs) / xs.length;
}

/** Linear-interpolated quantile of an ascending, non-empty array. */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
