import fc from 'fast-check';
import {
  DEFAULT_ROUTING,
  PRIORITY_CLASSES,
  TICKET_KINDS,
  type BranchConfig,
  type BranchState,
  type Command,
  type PriorityClass,
  type TicketKind,
} from '../src/index.js';
import { MIN } from './fixtures.js';

const CODES = ['A', 'B', 'C', 'D'];
const PROFICIENCY = [0, 0, 0.25, 0.5, 1];

/** 1-4 services, 1-4 counters, 1-5 staff with random skills (0 = cannot serve). */
export const configArb: fc.Arbitrary<BranchConfig> = fc
  .record({
    nServices: fc.integer({ min: 1, max: 4 }),
    targets: fc.array(fc.constantFrom(5, 10, 15, 20), { minLength: 4, maxLength: 4 }),
    nCounters: fc.integer({ min: 1, max: 4 }),
    skills: fc.array(fc.array(fc.constantFrom(...PROFICIENCY), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
    maxRecalls: fc.integer({ min: 0, max: 3 }),
    etaWindow: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ nServices, targets, nCounters, skills, maxRecalls, etaWindow }) => ({
    branchId: 'b1',
    services: CODES.slice(0, nServices).map((code, i) => ({
      id: `svc-${code}`,
      code,
      name: { zh: code, en: code },
      targetMin: targets[i]!,
      defaultDurationMin: 5,
    })),
    counters: Array.from({ length: nCounters }, (_, i) => ({ id: `c${i}`, label: String(i + 1) })),
    staff: skills.map((row, i) => ({
      id: `s${i}`,
      skills: Object.fromEntries(
        row.slice(0, nServices).flatMap((p, j) => (p > 0 ? [[`svc-${CODES[j]}`, p]] : [])),
      ),
    })),
    routing: { ...DEFAULT_ROUTING, maxRecalls, etaWindow },
  }));

/** An abstract step, resolved against the current state so most steps hit live things. */
export type Op =
  | { op: 'issue'; svc: number; kind: TicketKind; priority: PriorityClass; apptOffsetMin: number }
  | { op: 'sign-on'; staff: number; counter: number }
  | { op: 'pause' | 'resume' | 'sign-off' | 'call-next'; staff: number }
  | { op: 'call-ticket'; staff: number; ticket: number }
  | { op: 'recall' | 'start' | 'complete'; staff: number; ticket: number; held: boolean }
  | { op: 'no-show'; staff: number; ticket: number; held: boolean; timer: boolean }
  | { op: 'transfer'; staff: number; ticket: number; held: boolean; svc: number | null; counter: number | null }
  | { op: 'cancel'; ticket: number; by: 'customer' | 'staff' | 'system' }
  | { op: 'raise-priority'; ticket: number; priority: PriorityClass }
  | { op: 'advance'; min: number }
  | { op: 'reskill'; staff: number; skills: number[] }
  | { op: 'close-day'; skip: boolean };

const n = fc.nat({ max: 20 });
/** Mostly the ticket the staff member holds; sometimes any ticket, to exercise refusals. */
const held = fc.integer({ min: 0, max: 4 }).map((x) => x > 0);

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant('issue' as const),
      svc: n,
      kind: fc.constantFrom(...TICKET_KINDS),
      priority: fc.constantFrom(...PRIORITY_CLASSES),
      apptOffsetMin: fc.integer({ min: -40, max: 40 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('sign-on' as const), staff: n, counter: n }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('pause' as const, 'resume' as const, 'sign-off' as const), staff: n }) },
  { weight: 10, arbitrary: fc.record({ op: fc.constant('call-next' as const), staff: n }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('call-ticket' as const), staff: n, ticket: n }) },
  {
    weight: 14,
    arbitrary: fc.record({
      op: fc.constantFrom('recall' as const, 'start' as const, 'complete' as const),
      staff: n,
      ticket: n,
      held,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('no-show' as const), staff: n, ticket: n, held, timer: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('transfer' as const),
      staff: n,
      ticket: n,
      held,
      svc: fc.option(n),
      counter: fc.option(n),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), ticket: n, by: fc.constantFrom('customer' as const, 'staff' as const, 'system' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('raise-priority' as const), ticket: n, priority: fc.constantFrom(...PRIORITY_CLASSES) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('advance' as const), min: fc.integer({ min: 0, max: 15 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reskill' as const), staff: n, skills: fc.array(fc.constantFrom(...PROFICIENCY), { minLength: 4, maxLength: 4 }) }) },
  // Rare: a day close cancels everything, so frequent ones would keep the queue nearly empty.
  { weight: 1, arbitrary: fc.record({ op: fc.constant('close-day' as const), skip: fc.boolean() }) },
);

const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);

/** Turns an abstract step into a command (or a clock move) given the state and config. */
export function resolve(op: Op, s: BranchState, config: BranchConfig, now: number, nextId: () => string): Command | number | undefined {
  const staffIds = Object.keys(s.staff).sort();
  const ticketIds = Object.keys(s.tickets).sort();
  const serviceIds = Object.keys(s.services).sort();
  // Most staff steps go to staff who are signed on, or nearly all would be refused.
  const onStaff = staffIds.filter((id) => s.staff[id]?.status !== 'offline');
  const occupied = onStaff.flatMap((id) => s.staff[id]?.counterId ?? []);
  const staffAt = (i: number) => (i % 5 === 4 ? pick(staffIds, i) : pick(onStaff, i) ?? pick(staffIds, i)) ?? 'ghost';
  const ticketFor = (staffId: string, i: number, held: boolean) =>
    (held ? s.staff[staffId]?.ticketId : undefined) ?? pick(ticketIds, i) ?? 'ghost';
  // Steps on a held ticket mostly go to someone holding one, so calls turn over.
  const holders = staffIds.filter((id) => s.staff[id]?.ticketId !== undefined);
  const holderAt = (i: number, held: boolean) => (held ? pick(holders, i) : undefined) ?? staffAt(i);
  switch (op.op) {
    case 'advance':
      return op.min * MIN;
    case 'issue': {
      const id = nextId();
      return {
        type: 'issue',
        ticketId: id,
        token: `tok-${id}`,
        serviceId: pick(serviceIds, op.svc) ?? 'none',
        kind: op.kind,
        priority: op.priority,
        ...(op.kind === 'appointment' && { appointmentAt: now + op.apptOffsetMin * MIN }),
      };
    }
    case 'sign-on':
      return { type: 'sign-on', staffId: pick(staffIds, op.staff) ?? 'ghost', counterId: pick(config.counters, op.counter)?.id ?? 'none' };
    case 'pause':
      return { type: 'pause', staffId: staffAt(op.staff), reason: 'break' };
    case 'resume':
    case 'sign-off':
    case 'call-next':
      return { type: op.op, staffId: staffAt(op.staff) };
    case 'call-ticket':
      return { type: 'call-ticket', staffId: staffAt(op.staff), ticketId: pick(ticketIds, op.ticket) ?? 'ghost', reason: 'test' };
    case 'recall':
    case 'start':
    case 'complete': {
      const staffId = holderAt(op.staff, op.held);
      return { type: op.op, staffId, ticketId: ticketFor(staffId, op.ticket, op.held) };
    }
    case 'no-show': {
      const staffId = holderAt(op.staff, op.held);
      const ticketId = ticketFor(staffId, op.ticket, op.held);
      return op.timer ? { type: 'no-show', ticketId, reason: 'timeout' } : { type: 'no-show', staffId, ticketId, reason: 'staff' };
    }
    case 'transfer': {
      const staffId = holderAt(op.staff, op.held);
      return {
        type: 'transfer',
        staffId,
        ticketId: ticketFor(staffId, op.ticket, op.held),
        ...(op.svc !== null && { toServiceId: pick(serviceIds, op.svc) ?? 'none' }),
        // Prefer counters someone sits at, so reserved tickets actually get called.
        ...(op.counter !== null && { toCounterId: pick(occupied.length ? occupied : config.counters.map((c) => c.id), op.counter) ?? 'none' }),
      };
    }
    case 'cancel': {
      const ticketId = pick(ticketIds, op.ticket) ?? 'ghost';
      if (op.by !== 'staff') return { type: 'cancel', ticketId, by: op.by };
      // Mostly the holder (or anyone, for a waiting ticket); sometimes a colleague, to be refused.
      return { type: 'cancel', ticketId, by: 'staff', staffId: s.tickets[ticketId]?.staffId ?? staffAt(op.ticket) };
    }
    case 'raise-priority':
      return { type: 'raise-priority', ticketId: pick(ticketIds, op.ticket) ?? 'ghost', priority: op.priority };
    case 'reskill': {
      const target = staffAt(op.staff);
      const staff = config.staff.map((d) =>
        d.id !== target
          ? d
          : {
              id: d.id,
              skills: Object.fromEntries(config.services.flatMap((svc, j) => ((op.skills[j] ?? 0) > 0 ? [[svc.id, op.skills[j]!]] : []))),
            },
      );
      return { type: 'configure', config: { ...config, staff } };
    }
    case 'close-day':
      if (op.skip) return undefined;
      return { type: 'close-day', day: new Date(now).toISOString().slice(0, 10) };
  }
}
