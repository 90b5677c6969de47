import {
  apply,
  DEFAULT_ROUTING,
  DomainError,
  estimateWait,
  initialState,
  keepsSlot,
  type BranchConfig,
  type BranchEvent,
  type BranchState,
  type Command,
  type RoutingConfig,
  type WaitEstimate,
} from '@tellerline/engine';
import { dayString, epochMs, MIN_MS, minuteOfDay } from './clock.js';
import { drawDay, type BookingRequests, type Customer } from './customers.js';
import { EventQueue } from './event-queue.js';
import { callable, createPolicy, type Policy, type PolicyName } from './policies.js';
import { openingHours, parseScenario, type Scenario, type StaffSpec } from './scenario.js';
import { parseClock } from './clock.js';

/** The engine's `issue` for a customer arriving on simulated day `day` (a booked one with their slot). */
export const issueOf = (c: Customer, day: number): Command => ({
  type: 'issue',
  ticketId: c.id,
  token: `tok-${c.id}`,
  serviceId: c.service,
  kind: c.kind,
  priority: c.priority,
  ...(c.appointmentMin !== undefined && { appointmentAt: epochMs(day, c.appointmentMin) }),
});

/** What happened to one ticket. Times are minutes of the day (fractional). */
export interface TicketOutcome {
  id: string;
  service: string;
  kind: 'walk-in' | 'appointment';
  priority: Customer['priority'];
  joinedAt: number;
  appointmentAt?: number;
  /** An appointment that checked in within the engine's window and so kept its slot. */
  keptSlot: boolean;
  /** First call; undefined when nobody called it before the day ended. */
  calledAt?: number;
  /** The customer gave up waiting and left (scenario `abandonment`); never called then. */
  abandonedAt?: number;
  /** Service finished, or, for a ticket never called, when the customer left or the day's simulation ended. */
  endAt: number;
  staffId?: string;
  /** `estimateWait` right after the ticket was issued. */
  eta: WaitEstimate;
}

/** One staff member's day, in minutes. */
export interface StaffOutcome {
  id: string;
  /** Signed on and not paused (overtime after closing included). */
  onDutyMin: number;
  /** Holding a customer (called to completed). */
  busyMin: number;
  busyByService: Record<string, number>;
  /** Services this person can serve (proficiency > 0). */
  skills: string[];
}

export interface DayTrace {
  day: number;
  tickets: TicketOutcome[];
  staff: StaffOutcome[];
  /** Per service, what became of the day's booking requests (the same for every policy). */
  requests: Record<string, BookingRequests>;
}

export interface SimOptions {
  /** Engine routing configuration; DEFAULT_ROUTING unless given (for what-if runs). */
  routing?: RoutingConfig;
  /** Keep every engine event (tests replay them); off by default to save memory. */
  keepEvents?: boolean;
}

export interface PolicyRun {
  policy: string;
  days: DayTrace[];
  /** Engine events of the whole run, when `keepEvents`. */
  events: BranchEvent[];
  finalState: BranchState;
}

/** The engine configuration for a scenario: service id = code, one counter per staff member. */
export function branchConfig(s: Scenario, routing: RoutingConfig = DEFAULT_ROUTING): BranchConfig {
  return {
    branchId: `sim-${s.name}`,
    services: s.services.map((sv) => ({
      id: sv.code,
      code: sv.code,
      name: { zh: sv.name ?? sv.code, en: sv.name ?? sv.code },
      targetMin: sv.targetMin,
      defaultDurationMin: sv.meanServiceMin,
    })),
    counters: s.staff.map((st, i) => ({ id: counterOf(st), label: String(i + 1) })),
    staff: s.staff.map((st) => ({ id: st.id, skills: Object.fromEntries(Object.entries(st.skills).filter(([, p]) => p > 0)) })),
    routing,
  };
}

function counterOf(st: StaffSpec): string {
  return `c-${st.id}`;
}

/**
 * Runs `days` consecutive days of `scenario` under `policy` through the real engine (`apply`).
 * One engine state carries over from day to day (recent service times feed the next morning's
 * estimates); each day starts with `close-day`. Pure: same inputs, same trace.
 */
export function simulate(scenario: Scenario, policyOrName: PolicyName | Policy, days: number, opts: SimOptions = {}): PolicyRun {
  const policy = typeof policyOrName === 'string' ? createPolicy(policyOrName, scenario) : policyOrName;
  const engine = new EngineDriver(scenario, opts);
  const traces: DayTrace[] = [];
  for (let d = 0; d < days; d++) traces.push(runDay(scenario, policy, engine, d));
  return { policy: policy.name, days: traces, events: engine.events, finalState: engine.state };
}

/** Wraps `apply`: keeps the state, optionally the events. */
class EngineDriver {
  state: BranchState;
  events: BranchEvent[] = [];
  private readonly keep: boolean;

  constructor(scenario: Scenario, opts: SimOptions) {
    this.keep = opts.keepEvents ?? false;
    const config = branchConfig(scenario, opts.routing);
    this.state = initialState(config.branchId);
    this.do({ type: 'configure', config }, epochMs(0, 0));
  }

  do(cmd: Command, now: number): BranchEvent[] {
    const r = apply(this.state, cmd, now);
    this.state = r.state;
    if (this.keep) this.events.push(...r.events);
    return r.events;
  }
}

type SimEvent =
  | { type: 'arrive'; customer: Customer }
  | { type: 'shift-start'; staff: number; shift: number }
  | { type: 'shift-end'; staff: number; shift: number }
  | { type: 'complete'; staff: number; ticketId: string }
  /** The customer's patience runs out: they leave if still waiting. */
  | { type: 'give-up'; ticketId: string }
  /** A staff member kept free for a booked slot tries again (as they would, a minute later). */
  | { type: 'wake'; staff: number };

interface StaffRuntime {
  spec: StaffSpec;
  onShift: boolean;
  /** Last shift ended at or after closing: keeps serving while anyone they can serve waits. */
  overtime: boolean;
  holding?: string;
  idleSince: number;
  /** A 'wake' is queued for this staff member. */
  waking?: boolean;
  dutySince?: number;
  onDutyMs: number;
  busyMs: number;
  busyByService: Record<string, number>;
}

function runDay(scenario: Scenario, policy: Policy, engine: EngineDriver, day: number): DayTrace {
  const { closeMin } = openingHours(scenario);
  engine.do({ type: 'close-day', day: dayString(day) }, epochMs(day, 0));
  const { customers: drawn, bookings, requests } = drawDay(scenario, day);
  // The booking calendar is known before the doors open (booked ahead), no-shows included; the
  // baselines ignore it, Tellerline's routing keeps staff free for due slots.
  for (const b of bookings) {
    engine.do({ type: 'expect-appointment', ticketId: b.ticketId, serviceId: b.service, appointmentAt: epochMs(day, b.appointmentMin) }, epochMs(day, 0));
  }

  const queue = new EventQueue<SimEvent>();
  const customers = new Map<string, Customer>();
  for (const c of drawn) {
    customers.set(c.id, c);
    queue.push(epochMs(day, c.arriveMin), { type: 'arrive', customer: c });
  }
  const staff: StaffRuntime[] = scenario.staff.map((spec, i) => {
    spec.shifts.forEach(([from, to], j) => {
      queue.push(epochMs(day, parseClock(from)), { type: 'shift-start', staff: i, shift: j });
      queue.push(epochMs(day, parseClock(to)), { type: 'shift-end', staff: i, shift: j });
    });
    return { spec, onShift: false, overtime: false, idleSince: 0, onDutyMs: 0, busyMs: 0, busyByService: {} };
  });
  const outcomes = new Map<string, TicketOutcome>();
  const calledAtMs = new Map<string, number>();
  let lastMs = epochMs(day, 0);

  const leave = (st: StaffRuntime, now: number, last: boolean) => {
    st.onDutyMs += now - (st.dutySince ?? now);
    st.dutySince = undefined;
    st.overtime = false;
    engine.do(last ? { type: 'sign-off', staffId: st.spec.id } : { type: 'pause', staffId: st.spec.id, reason: 'break' }, now);
  };

  const handle = (e: SimEvent, now: number) => {
    switch (e.type) {
      case 'arrive': {
        const c = e.customer;
        engine.do(
          issueOf(c, day),
          now,
        );
        const t = engine.state.tickets[c.id]!;
        outcomes.set(c.id, {
          id: c.id,
          service: c.service,
          kind: c.kind,
          priority: c.priority,
          joinedAt: minuteOfDay(day, t.joinedAt),
          ...(c.appointmentMin !== undefined && { appointmentAt: c.appointmentMin }),
          keptSlot: keepsSlot(t, engine.state.routing),
          endAt: minuteOfDay(day, now),
          eta: estimateWait(engine.state, c.id, now),
        });
        if (c.patienceMin !== undefined) {
          // Patience counts from the start of the wait: a booked customer who came early waits for their slot first.
          const start = keepsSlot(t, engine.state.routing) ? Math.max(t.joinedAt, t.appointmentAt) : t.joinedAt;
          queue.push(start + Math.round(c.patienceMin * MIN_MS), { type: 'give-up', ticketId: c.id });
        }
        return;
      }
      case 'give-up': {
        if (engine.state.tickets[e.ticketId]?.status !== 'waiting') return;
        engine.do({ type: 'cancel', ticketId: e.ticketId, by: 'customer' }, now);
        const o = outcomes.get(e.ticketId)!;
        o.abandonedAt = o.endAt = minuteOfDay(day, now);
        return;
      }
      case 'shift-start': {
        const st = staff[e.staff]!;
        const live = engine.state.staff[st.spec.id]!;
        const cmd: Command =
          live.status === 'offline'
            ? { type: 'sign-on', staffId: st.spec.id, counterId: counterOf(st.spec) }
            : { type: 'resume', staffId: st.spec.id };
        engine.do(cmd, now);
        st.onShift = true;
        st.overtime = false;
        st.dutySince ??= now;
        st.idleSince = now;
        return;
      }
      case 'shift-end': {
        const st = staff[e.staff]!;
        const last = e.shift === st.spec.shifts.length - 1;
        st.onShift = false;
        if (last && minuteOfDay(day, now) >= closeMin) st.overtime = true;
        else if (st.holding === undefined) leave(st, now, last);
        return;
      }
      case 'wake':
        staff[e.staff]!.waking = false;
        return;
      case 'complete': {
        const st = staff[e.staff]!;
        engine.do({ type: 'complete', staffId: st.spec.id, ticketId: e.ticketId }, now);
        const o = outcomes.get(e.ticketId)!;
        o.endAt = minuteOfDay(day, now);
        const busy = now - calledAtMs.get(e.ticketId)!;
        st.busyMs += busy;
        st.busyByService[o.service] = (st.busyByService[o.service] ?? 0) + busy / MIN_MS;
        st.holding = undefined;
        st.idleSince = now;
        if (!st.onShift && !st.overtime) {
          const last = st.spec.shifts.every(([from]) => epochMs(day, parseClock(from)) <= now);
          leave(st, now, last);
        }
        return;
      }
    }
  };

  const dispatch = (now: number) => {
    const free = staff
      .map((st, i) => ({ st, i }))
      .filter(({ st }) => (st.onShift || st.overtime) && st.holding === undefined)
      .sort((a, b) => a.st.idleSince - b.st.idleSince || a.i - b.i);
    for (const { st, i } of free) {
      const ticketId = call(engine, policy, st.spec.id, now);
      if (ticketId === undefined) {
        // Nobody called although someone they could serve waits: Tellerline keeps them free for
        // a booked slot. They try again a minute later (and do not go home in overtime).
        const live = engine.state.staff[st.spec.id];
        if (live && callable(engine.state, live).length > 0) {
          if (!st.waking) queue.push(now + MIN_MS, { type: 'wake', staff: i });
          st.waking = true;
        } else if (st.overtime && !st.onShift) leave(st, now, true);
        continue;
      }
      engine.do({ type: 'start', staffId: st.spec.id, ticketId }, now);
      const c = customers.get(ticketId)!;
      const p = st.spec.skills[c.service] ?? 1;
      st.holding = ticketId;
      calledAtMs.set(ticketId, now);
      const o = outcomes.get(ticketId)!;
      o.calledAt = minuteOfDay(day, now);
      o.staffId = st.spec.id;
      queue.push(now + Math.max(1, Math.round((c.baseServiceMin / p) * MIN_MS)), { type: 'complete', staff: i, ticketId });
    }
  };

  while (queue.size > 0) {
    const now = queue.peekTime()!;
    while (queue.peekTime() === now) handle(queue.pop()!.item, now);
    dispatch(now);
    lastMs = now;
  }
  // Anyone still on (a shift that never ended cannot happen; this is a guard) signs off now.
  for (const st of staff) {
    if (st.dutySince !== undefined) leave(st, lastMs, true);
  }

  const endMin = minuteOfDay(day, lastMs);
  for (const o of outcomes.values()) if (o.calledAt === undefined && o.abandonedAt === undefined) o.endAt = endMin;
  return {
    day,
    requests,
    tickets: [...outcomes.values()],
    staff: staff.map((st) => ({
      id: st.spec.id,
      onDutyMin: st.onDutyMs / MIN_MS,
      busyMin: st.busyMs / MIN_MS,
      busyByService: st.busyByService,
      skills: Object.keys(st.spec.skills).filter((k) => (st.spec.skills[k] ?? 0) > 0),
    })),
  };
}

/** Issues the policy's call; returns the called ticket id, or undefined when nobody is callable. */
function call(engine: EngineDriver, policy: Policy, staffId: string, now: number): string | undefined {
  const cmd = policy.next(engine.state, staffId, now);
  if (!cmd) return undefined;
  let events: BranchEvent[];
  try {
    events = engine.do(cmd, now);
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'NO_TICKET_WAITING' || err.code === 'HELD_FOR_APPOINTMENT' || err.code === 'LEFT_TO_COLLEAGUE')) return undefined;
    throw err;
  }
  const called = events.find((e) => e.type === 'ticket-called');
  return called?.type === 'ticket-called' ? called.ticketId : undefined;
}

/** Convenience for tests and scripts: validates raw JSON, then simulates. */
export function simulateJson(json: unknown, policy: PolicyName, days: number, opts?: SimOptions): PolicyRun {
  return simulate(parseScenario(json), policy, days, opts);
}
