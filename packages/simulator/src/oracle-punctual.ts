import { HOLD_GRACE_MIN, type BranchState, type Ticket } from '@tellerline/engine';
import { BASE_EPOCH_MS, DAY_MS, epochMs, MIN_MS, parseClock } from './clock.js';
import { drawCustomers, type Customer } from './customers.js';
import { callable, type Policy } from './policies.js';
import { openingHours, type Scenario } from './scenario.js';

/**
 * An experiment, not a compared policy: a clairvoyant caller that makes appointment punctuality
 * its only objective, to bound what any call order could reach on a scenario's calendar. It
 * reads the day's customers from the seed (`drawCustomers`, the same draw the simulator uses):
 * who of the booked will come and when, and everyone's service time. It never appears in
 * POLICY_NAMES, so no shipped figure changes; `--punctuality-bound` runs it.
 *
 * At every call it plans the rest of the day's booked customers (those who keep their slot
 * and can still be on time) greedily, most urgent deadline first, each on the skilled
 * colleague who can start them earliest (a gap between other plans counts), and:
 * 1. calls a booked customer who is here if the plan gives them to this staff member now
 *    (early is on time: calling before the slot is what frees the slot for the next one);
 * 2. otherwise tries the waiting customers first come, first served, and calls the first whose
 *    known service time leaves the plan with as many punctual booked customers as before;
 * 3. otherwise stays free (the simulator asks again a minute later, or at the next event).
 */
export const ORACLE_PUNCTUAL = 'oracle-punctual';

/** Called no later than this after max(booked time, check-in) is on time (metrics' PUNCTUALITY_MIN). */
const ON_TIME_MS = HOLD_GRACE_MIN * MIN_MS;

/** A booked customer who keeps their slot: callable from releaseMs, on time until deadlineMs. */
export interface BookedJob {
  id: string;
  service: string;
  releaseMs: number;
  deadlineMs: number;
  baseServiceMin: number;
}

/** A staff member's day: proficiency per service and the spans in which they may start a customer. */
export interface StaffDay {
  id: string;
  skills: Record<string, number>;
  /** [from, to) in epoch ms, sorted; the last ends at Infinity when they stay after closing. */
  windows: [number, number][];
}

export interface Busy {
  from: number;
  to: number;
}

/** Service time in ms at proficiency p: exactly what simulate.ts schedules the `complete` after. */
export function serviceMs(baseServiceMin: number, proficiency: number): number {
  return Math.max(1, Math.round((baseServiceMin / proficiency) * MIN_MS));
}

/**
 * When staff may start someone on `day`: inside a shift (a shift's end is not inside it: the
 * simulator ends the shift before it calls), and after the last shift's start for good when that
 * shift ends at or after closing (they serve whoever is still inside).
 */
export function staffDays(s: Scenario, day: number): StaffDay[] {
  const { closeMin } = openingHours(s);
  return s.staff.map((st) => {
    const windows = st.shifts.map(([from, to]): [number, number] => [epochMs(day, parseClock(from)), epochMs(day, parseClock(to))]);
    const last = st.shifts[st.shifts.length - 1];
    if (last && parseClock(last[1]) >= closeMin) windows[windows.length - 1]![1] = Infinity;
    windows.sort((a, b) => a[0] - b[0]);
    return { id: st.id, skills: Object.fromEntries(Object.entries(st.skills).filter(([, p]) => p > 0)), windows };
  });
}

/**
 * The earliest start at or after `from` within a window whose service of `dur` ms overlaps no
 * busy span; undefined when none is no later than `latest`.
 */
export function earliestStart(windows: readonly [number, number][], busy: readonly Busy[], from: number, dur: number, latest: number): number | undefined {
  let t = from;
  for (;;) {
    if (t > latest) return undefined;
    const w = windows.find(([, to]) => to > t);
    if (!w) return undefined;
    if (t < w[0]) {
      t = w[0];
      continue;
    }
    const clash = busy.find((b) => b.from < t + dur && b.to > t);
    if (!clash) return t;
    t = clash.to;
  }
}

export interface Plan {
  onTime: number;
  /** Job id -> the colleague and start the plan gives it (only jobs it can make on time). */
  assign: Map<string, { staffId: string; start: number }>;
}

/**
 * Greedy plan: jobs by deadline (then release), each on the colleague who can start it
 * earliest (then finish it earliest, then has fewer skills to spare), into the first gap that
 * fits; a job no one can start by its deadline is left out (late). `busy` is not changed.
 */
export function planBooked(jobs: readonly BookedJob[], staff: readonly StaffDay[], busy: ReadonlyMap<string, readonly Busy[]>, now: number): Plan {
  const spans = new Map(staff.map((st) => [st.id, [...(busy.get(st.id) ?? [])]]));
  const assign: Plan['assign'] = new Map();
  let onTime = 0;
  for (const j of jobs) {
    let best: { st: StaffDay; start: number; end: number } | undefined;
    for (const st of staff) {
      const p = st.skills[j.service] ?? 0;
      if (!(p > 0)) continue;
      const dur = serviceMs(j.baseServiceMin, p);
      const start = earliestStart(st.windows, spans.get(st.id) ?? [], Math.max(now, j.releaseMs), dur, j.deadlineMs);
      if (start === undefined) continue;
      const end = start + dur;
      const better =
        !best ||
        start < best.start ||
        (start === best.start && (end < best.end || (end === best.end && Object.keys(st.skills).length < Object.keys(best.st.skills).length)));
      if (better) best = { st, start, end };
    }
    if (!best) continue;
    onTime++;
    assign.set(j.id, { staffId: best.st.id, start: best.start });
    spans.get(best.st.id)!.push({ from: best.start, to: best.end });
  }
  return { onTime, assign };
}

/** The booked customers of `day` who keep their slot, not called yet, still able to be on time at `now`; by deadline. */
export function bookedJobs(state: BranchState, customers: readonly Customer[], day: number, now: number): BookedJob[] {
  const lateMs = state.routing.appointmentLateMin * MIN_MS;
  const out: BookedJob[] = [];
  for (const c of customers) {
    if (c.kind !== 'appointment' || c.appointmentMin === undefined) continue;
    const t: Ticket | undefined = state.tickets[c.id];
    if (t && t.status !== 'waiting') continue;
    const releaseMs = t ? t.joinedAt : epochMs(day, c.arriveMin);
    const slotMs = epochMs(day, c.appointmentMin);
    if (releaseMs > slotMs + lateMs) continue; // checks in too late to keep the slot: not counted
    const deadlineMs = Math.max(releaseMs, slotMs) + ON_TIME_MS;
    if (deadlineMs < now) continue; // already late whatever happens: a walk-in like any other
    out.push({ id: c.id, service: c.service, releaseMs, deadlineMs, baseServiceMin: c.baseServiceMin });
  }
  return out.sort((a, b) => a.deadlineMs - b.deadlineMs || a.releaseMs - b.releaseMs || (a.id < b.id ? -1 : 1));
}

export interface OracleOptions {
  /** The day's customers; the simulator's own draw unless given (a test's hand-made day). */
  customersOf?: (day: number) => Customer[];
}

export function createOraclePunctual(scenario: Scenario, opts: OracleOptions = {}): Policy {
  const customersOf = opts.customersOf ?? ((day: number) => drawCustomers(scenario, day));
  let cached: { day: number; customers: Customer[]; byId: Map<string, Customer>; staff: StaffDay[] } | undefined;
  const dayOf = (day: number) => {
    if (cached?.day !== day) {
      const customers = customersOf(day);
      cached = { day, customers, byId: new Map(customers.map((c) => [c.id, c])), staff: staffDays(scenario, day) };
    }
    return cached;
  };

  return {
    name: ORACLE_PUNCTUAL,
    next(state, staffId, now) {
      const me = state.staff[staffId];
      if (!me) return undefined;
      const waiting = callable(state, me);
      if (waiting.length === 0) return undefined;
      const day = Math.floor((now - BASE_EPOCH_MS) / DAY_MS);
      const { customers, byId, staff } = dayOf(day);
      const jobs = bookedJobs(state, customers, day, now);
      const busy = busyNow(state, staff, byId, now);
      const base = planBooked(jobs, staff, busy, now);
      const call = (ticketId: string) => ({ type: 'call-ticket' as const, staffId, ticketId, reason: 'oracle' });

      for (const [id, a] of base.assign) {
        if (a.staffId === staffId && a.start <= now && state.tickets[id]?.status === 'waiting') return call(id);
      }
      const fifo = [...waiting].sort((a, b) => a.joinedAt - b.joinedAt || (a.issueSeq ?? 0) - (b.issueSeq ?? 0) || (a.id < b.id ? -1 : 1));
      for (const t of fifo) {
        const c = byId.get(t.id);
        if (!c) continue;
        const job = jobs.find((j) => j.id === t.id);
        const rest = job ? jobs.filter((j) => j !== job) : jobs;
        const mine = [...(busy.get(staffId) ?? []), { from: now, to: now + serviceMs(c.baseServiceMin, me.skills[t.serviceId]!) }];
        const after = planBooked(rest, staff, new Map(busy).set(staffId, mine), now);
        if (after.onTime + (job ? 1 : 0) >= base.onTime) return call(t.id);
      }
      return undefined;
    },
  };
}

/**
 * What each colleague is committed to at `now`: the customer in hand until their known end, and
 * nothing in the past; one who has gone home (offline after the day began) only from a later shift.
 */
function busyNow(state: BranchState, staff: readonly StaffDay[], byId: ReadonlyMap<string, Customer>, now: number): Map<string, Busy[]> {
  const out = new Map<string, Busy[]>();
  for (const st of staff) {
    const live = state.staff[st.id];
    let until = now;
    const held = live?.ticketId ? state.tickets[live.ticketId] : undefined;
    const c = held && byId.get(held.id);
    if (held && c) until = Math.max(now, (held.lastCalledAt ?? held.calledAt ?? now) + serviceMs(c.baseServiceMin, st.skills[c.service] ?? 1));
    // Offline now: they sign on only at a shift start still to come.
    if (!live || live.status === 'offline') until = Math.max(until, nextStart(st, now));
    out.set(st.id, [{ from: -Infinity, to: until }]);
  }
  return out;
}

function nextStart(st: StaffDay, now: number): number {
  const w = st.windows.find(([from]) => from > now);
  return w ? w[0] : Infinity;
}
